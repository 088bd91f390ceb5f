//! Commands every chat has: the greeting and menu, language, group registration.

use super::commands::{Access, CommandSpec};
use super::context::{CoreResult, Ctx, Persist, refuse};
use super::event::{Button, OutMessage, Role};
use super::{Capability, outbox, refusal_for, run_command, store};
use crate::i18n::{Arg, Lang};
use crate::thai::{particle_at_end, particle_at_start, without_closing_marks};

pub static CAPABILITY: Capability = Capability {
    area: "core",
    commands: &COMMANDS,
    on_button: Some(on_button),
    glued_argument: Some(glued_argument),
    english_words: &[
        ("help", "help"),
        ("menu", "help"),
        ("start", "start"),
        ("language", "lang"),
        ("holidays", "holidays"),
        ("holiday", "holidays"),
    ],
    ..Capability::NOTHING
};

static COMMANDS: [CommandSpec; 7] = [
    CommandSpec {
        name: "start",
        thai: &["เริ่ม"],
        access: Access::Anyone,
        in_menu: true,
        button: false,
        handler: start,
    },
    CommandSpec {
        name: "help",
        thai: &["เมนู", "ช่วยเหลือ", "วิธีใช้"],
        access: Access::Anyone,
        in_menu: true,
        button: false,
        handler: help,
    },
    CommandSpec {
        name: "lang",
        thai: &["ภาษา"],
        access: Access::Anyone,
        in_menu: true,
        button: false,
        handler: set_language,
    },
    CommandSpec {
        name: "setgroup",
        thai: &["ตั้งค่ากลุ่ม"],
        access: Access::Admin,
        in_menu: true,
        button: false,
        handler: set_group,
    },
    CommandSpec {
        name: "status",
        thai: &["สถานะระบบ"],
        access: Access::Admin,
        in_menu: true,
        button: false,
        handler: status,
    },
    CommandSpec {
        name: "groups",
        thai: &["กลุ่มที่ลงทะเบียน"],
        access: Access::Admin,
        in_menu: true,
        button: false,
        handler: list_groups,
    },
    CommandSpec {
        name: "holidays",
        thai: &["วันหยุด"],
        access: Access::Anyone,
        in_menu: true,
        button: false,
        handler: super::holidays::command,
    },
];

/// A period glued to `วันหยุด` (`วันหยุดปีงบ 2570`).
fn glued_argument(spec: &CommandSpec, rest: &str, today: chrono::NaiveDate) -> bool {
    match spec.name {
        "holidays" => super::holidays::glued_period(rest, today),
        // `ภาษาอังกฤษ`, `language en`, `language english please`: the language asked for.
        "lang" => language_asked(rest).is_some(),
        _ => false,
    }
}

/// `/start <payload>` comes from deep links such as `t.me/bot?start=complain`.
fn start(ctx: &mut Ctx, args: &str) -> CoreResult {
    let payload = args.trim();
    if !payload.is_empty()
        && let Some(spec) = find_command(ctx, payload)
        && spec.name != "start"
    {
        return run_command(ctx, spec, "");
    }
    help(ctx, "")
}

fn find_command(ctx: &Ctx, name: &str) -> Option<&'static CommandSpec> {
    ctx.env.commands().find(|s| s.name == name)
}

/// The greeting and what this person can do in this chat.
fn help(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let message = menu(ctx);
    ctx.reply(message);
    Ok(())
}

/// The greeting and one button per capability this person can use here: short, whoever
/// asks and wherever; each button lists that capability's commands ([`capability_menu`]).
pub fn menu(ctx: &Ctx) -> OutMessage {
    let mut lines = vec![ctx.t("core.greeting", &[])];
    if let Some(role) = ctx.chat_role {
        let group = ctx.t(role.name_key(), &[]);
        lines.push(ctx.t("core.menu_in_group", &[("group", Arg::from(group))]));
    }
    lines.push(ctx.t("core.menu_choose", &[]));
    let buttons: Vec<Button> = ctx
        .env
        .capabilities
        .iter()
        .filter(|c| c.commands.iter().any(|spec| offered(ctx, c, spec)))
        .map(|c| Button::Callback {
            label: ctx.t(&format!("{}.menu_label", c.area), &[]),
            data: format!("core:menu:{}", c.area),
        })
        .collect();
    lines.push(String::new());
    lines.push(ctx.t("core.menu_footer", &[]));
    let rows = buttons.chunks(2).map(|c| c.to_vec()).collect();
    OutMessage::text(lines.join("\n")).with_buttons(rows)
}

/// The commands of the messenger's command menu for this person here: those the /start
/// menu would offer (and /start itself) that are meant for a menu.
pub(super) fn menu_entries(ctx: &Ctx) -> Vec<&'static CommandSpec> {
    ctx.env
        .capabilities
        .iter()
        .flat_map(|c| c.commands.iter().map(move |spec| (c, spec)))
        .filter(|(c, spec)| spec.in_menu && (spec.name == "start" || offered(ctx, c, spec)))
        .map(|(_, spec)| spec)
        .collect()
}

/// Whether the menu offers `spec` of `capability` to this person here: allowed here, and
/// meant for them (the capability may keep a command to some people, such as the staff's
/// way of recording a donation, which a donor reaches by reporting instead).
pub(super) fn offered(ctx: &Ctx, capability: &Capability, spec: &CommandSpec) -> bool {
    refusal_for(ctx, spec.access).is_none()
        && spec.name != "start"
        && capability.offers.is_none_or(|offers| offers(ctx, spec))
}

/// A button that starts the command typed as `keyword` (`ร้องเรียน`, `แจ้งบริจาค`), labelled
/// with what it does, in a private chat where this person may use it and it is one of the main
/// commands the menu offers as buttons (one that asks for the rest itself): for a reply that
/// tells them to type it, or to someone who says they want to do it.
pub fn start_button(ctx: &Ctx, keyword: &str) -> Option<Button> {
    if !ctx.is_private() {
        return None;
    }
    let spec = ctx
        .env
        .commands()
        .find(|spec| spec.button && spec.thai.contains(&keyword))?;
    let capability = ctx.env.capability_of(spec)?;
    offered(ctx, capability, spec).then(|| {
        let command = ctx.t(&ctx.env.description_key(spec), &[]);
        Button::Callback {
            label: ctx.t("core.start_button", &[("command", Arg::from(command))]),
            data: format!("core:run:{}", spec.name),
        }
    })
}

/// Words that say their writer wants to do what follows: อยาก, ขอ, ต้องการ, จะ, and แจ้งเรื่อง
/// ("แจ้งเรื่องร้องเรียน", to file one).
const WISHES: [&str; 5] = ["อยาก", "ขอ", "ต้องการ", "จะ", "แจ้งเรื่อง"];

/// Who a wish may begin with ("ผมขอแจ้งเบาะแส", "หนูอยากร้องเรียน"), or the filler คือ ("well,":
/// "คืออยากร้องเรียนค่ะ").
const WISHERS: [&str; 6] = ["ผม", "ดิฉัน", "ฉัน", "หนู", "เรา", "คือ"];

/// The main command `text` wishes for and nothing more, in a private chat where this person
/// may use it: a wish, the command's word, then nothing but a way of asking ("อยากร้องเรียนค่ะ",
/// "ผมขอแจ้งเบาะแสหน่อยครับ", "แจ้งเรื่องร้องเรียนค่ะ"), as the command word alone would be.
pub(super) fn wished_command(ctx: &Ctx, text: &str) -> Option<&'static CommandSpec> {
    let text = text.trim();
    let text = WISHERS
        .iter()
        .find_map(|wisher| text.strip_prefix(wisher))
        .unwrap_or(text)
        .trim_start();
    let rest = WISHES
        .iter()
        .find_map(|wish| text.strip_prefix(wish))?
        .trim_start();
    let rest = rest.strip_prefix("จะ").unwrap_or(rest).trim_start();
    ctx.env.commands().filter(|spec| spec.button).find(|spec| {
        spec.thai.iter().any(|keyword| {
            rest.strip_prefix(keyword)
                .is_some_and(crate::thai::is_only_asking)
                && start_button(ctx, keyword).is_some()
        })
    })
}

/// Words that contain a wish word but state none: thanks, an apology, a scope, a thing
/// ("บริจาคของได้ไหม"), a province (ขอนแก่น), a need as a noun ("เขาเอาความต้องการมาจากใคร").
const NOT_WISHES: [&str; 7] = [
    "ขอบคุณ",
    "ขอบใจ",
    "ขอโทษ",
    "ขอบเขต",
    "ของ",
    "ขอนแก่น",
    "ความต้องการ",
];

/// Whether `text` states that its writer wants something done, anywhere in it ("อยากแจ้งเรื่อง
/// ครูตีเด็กค่ะ", "ขอแจ้งเรื่องหน่อยครับ"): one of [`WISHES`] but จะ, which on its own only says
/// "will" ("ทุนจะออกเมื่อไหร่"), and not after ไม่, nor after a wish after ไม่ ("ไม่อยากแจ้ง
/// เรื่องค่ะ").
pub fn states_a_wish(text: &str) -> bool {
    let text = NOT_WISHES.iter().fold(text.to_owned(), |text, not_a_wish| {
        text.replace(not_a_wish, " ")
    });
    let stated = WISHES.iter().filter(|&&wish| wish != "จะ");
    stated.clone().any(|wish| {
        text.match_indices(wish).any(|(at, _)| {
            let before = text[..at].trim_end();
            let before = stated
                .clone()
                .find_map(|earlier| before.strip_suffix(earlier))
                .unwrap_or(before);
            !before.trim_end().ends_with("ไม่")
        })
    })
}

/// The buttons that start what `text` says its writer wants to do: a main command's word right
/// after one of [`WISHES`] ("ขอร้องเรียนครูค่ะ", "อยากแจ้งบริจาคค่ะ"), not after ไม่อยาก
/// ("ไม่อยากร้องเรียน…", they do not); see [`start_button`].
pub fn start_buttons_wished(ctx: &Ctx, text: &str) -> Vec<Button> {
    let keywords = ctx
        .env
        .commands()
        .filter(|spec| spec.button)
        .flat_map(|spec| spec.thai.iter().copied());
    let mut buttons: Vec<Button> = Vec::new();
    for keyword in keywords {
        let wished = text.match_indices(keyword).any(|(at, _)| {
            let before = text[..at].trim_end();
            WISHES.iter().any(|wish| {
                before
                    .strip_suffix(wish)
                    .is_some_and(|rest| !rest.trim_end().ends_with("ไม่"))
            })
        });
        if let Some(button) = wished.then(|| start_button(ctx, keyword)).flatten()
            && !buttons.contains(&button)
        {
            buttons.push(button);
        }
    }
    buttons
}

/// The commands of one capability this person can use here, with buttons for the main ones.
fn capability_menu(ctx: &Ctx, area: &str) -> Option<OutMessage> {
    let capability = ctx.env.capability(area)?;
    let mut lines = vec![ctx.t(&format!("{area}.menu_label"), &[]), String::new()];
    let mut buttons = Vec::new();
    for spec in capability
        .commands
        .iter()
        .filter(|spec| offered(ctx, capability, spec))
    {
        let description = ctx.t(&ctx.env.description_key(spec), &[]);
        let keyword = spec.thai.first().copied().unwrap_or(spec.name);
        lines.push(format!(
            "• /{} ({}) — {description}",
            spec.name,
            crate::i18n::escape_html(keyword)
        ));
        if spec.button {
            buttons.push(Button::Callback {
                label: description,
                data: format!("core:run:{}", spec.name),
            });
        }
    }
    let mut rows: Vec<Vec<Button>> = buttons.chunks(2).map(|c| c.to_vec()).collect();
    rows.push(vec![ctx.button("core.menu_back", "core:menu")]);
    Some(OutMessage::text(lines.join("\n")).with_buttons(rows))
}

fn on_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    if let Some(choice) = data.strip_prefix("held:") {
        return super::held::on_button(ctx, choice);
    }
    if let Some(offer) = data.strip_prefix("fwd:") {
        return super::relayed::on_offer_button(ctx, offer);
    }
    if data == "menu" {
        let message = menu(ctx);
        ctx.edit_pressed(message);
        return Ok(());
    }
    if let Some(area) = data.strip_prefix("menu:") {
        match capability_menu(ctx, area) {
            Some(message) => ctx.edit_pressed(message),
            None => ctx.answer_button_with("core.button_expired", &[]),
        }
        return Ok(());
    }
    match data
        .strip_prefix("run:")
        .and_then(|name| find_command(ctx, name))
    {
        Some(spec) => run_command(ctx, spec, ""),
        None => {
            ctx.answer_button_with("core.button_expired", &[]);
            Ok(())
        }
    }
}

/// The language `args` asks for: its name or code alone (`en`, `อังกฤษ`) or followed by
/// nothing but a way of asking (`english please`, `ไทยค่ะ`, `อังกฤษ หน่อยครับ`).
fn language_asked(args: &str) -> Option<Lang> {
    let args = args.trim();
    args.char_indices()
        .map(|(at, _)| at)
        .skip(1)
        .chain([args.len()])
        .find_map(|end| {
            Lang::from_code(&args[..end]).filter(|_| crate::thai::is_only_asking(&args[end..]))
        })
}

fn set_language(ctx: &mut Ctx, args: &str) -> CoreResult {
    let Some(lang) = language_asked(args) else {
        return refuse("core.lang_usage", vec![]);
    };
    store::set_language(ctx.conn, ctx.event.actor.user_id, lang)?;
    ctx.lang = lang;
    let text = ctx.t("core.lang_set", &[]);
    ctx.reply_text(text);
    Ok(())
}

fn set_group(ctx: &mut Ctx, args: &str) -> CoreResult {
    if ctx.is_private() {
        return refuse("core.setgroup_in_group", vec![]);
    }
    let Some(role) = Role::parse(args) else {
        return refuse("core.setgroup_usage", vec![]);
    };
    let chat = &ctx.event.chat;
    let previous = store::registered_group(ctx.conn, role)?;
    let previous_chat = previous.as_ref().map(|p| p.chat_id);
    store::register_group(
        ctx.conn,
        role,
        chat.id,
        chat.title.as_deref(),
        ctx.event.actor.user_id,
        ctx.now,
    )?;
    ctx.audit("group.register", &chat.id.to_string(), role.code())?;
    if let Some(held_for) = previous.filter(|p| p.suspended) {
        let redirected = outbox::redirect_held(ctx.conn, held_for.chat_id, chat.id, ctx.now)?;
        log::info!(
            "{redirected} held messages of group {} go to {}",
            held_for.chat_id,
            chat.id
        );
    }
    ctx.chat_role = Some(role);
    let group = ctx.t(role.name_key(), &[]);
    let mut text = ctx.t("core.setgroup_done", &[("group", Arg::from(group))]);
    if previous_chat.is_some_and(|p| p != chat.id) {
        text.push('\n');
        text.push_str(&ctx.t("core.setgroup_moved", &[]));
    }
    ctx.reply_text(text);
    Ok(())
}

fn list_groups(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let mut lines = vec![ctx.t("core.groups_title", &[])];
    for role in Role::ALL {
        let name = ctx.t(role.name_key(), &[]);
        lines.push(match store::registered_group(ctx.conn, role)? {
            Some(store::RegisteredGroup {
                chat_id,
                title,
                suspended,
            }) => ctx.t(
                if suspended {
                    "core.groups_line_suspended"
                } else {
                    "core.groups_line"
                },
                &[
                    ("group", Arg::from(name)),
                    ("title", Arg::from(title.unwrap_or_default())),
                    ("chat_id", Arg::from(chat_id)),
                ],
            ),
            None => ctx.t("core.groups_line_missing", &[("group", Arg::from(name))]),
        });
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// What an admin needs to know the bot is healthy.
fn status(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let stats = &ctx.env.stats;
    let uptime = ctx.now - stats.started;
    let db_path = &ctx.env.config.db_path;
    let mut db_bytes = std::fs::metadata(db_path).map(|m| m.len()).unwrap_or(0);
    let mut wal = db_path.as_os_str().to_owned();
    wal.push("-wal");
    db_bytes += std::fs::metadata(std::path::PathBuf::from(wal))
        .map(|m| m.len())
        .unwrap_or(0);
    let last_backup = store::get_setting(ctx.conn, "last_backup_at")?
        .and_then(|at| chrono::DateTime::parse_from_rfc3339(&at).ok())
        .map(|at| {
            let local = at.with_timezone(&ctx.env.config.tz);
            format!("{} {}", ctx.date(local.date_naive()), local.format("%H:%M"))
        })
        .unwrap_or_else(|| ctx.t("core.status_never", &[]));
    let pending = super::outbox::pending_count(ctx.conn)?;
    let text = ctx.t(
        "core.status",
        &[
            ("version", Arg::from(env!("CARGO_PKG_VERSION"))),
            ("days", Arg::from(uptime.num_days())),
            ("hours", Arg::from(uptime.num_hours() % 24)),
            ("minutes", Arg::from(uptime.num_minutes() % 60)),
            (
                "db_mb",
                Arg::from(format!("{:.1}", db_bytes as f64 / 1_048_576.0)),
            ),
            ("last_backup", Arg::from(last_backup)),
            ("pending", Arg::from(pending)),
            (
                "updates",
                Arg::from(stats.updates.load(std::sync::atomic::Ordering::Relaxed) as i64),
            ),
            (
                "errors",
                Arg::from(stats.errors.load(std::sync::atomic::Ordering::Relaxed) as i64),
            ),
        ],
    );
    let mut text = text;
    // Written by the LINE adapter when it runs: this month's pushes against the quota.
    if let Some(used) = store::get_setting(ctx.conn, "line_quota_used")? {
        let limit = store::get_setting(ctx.conn, "line_quota_limit")?
            .unwrap_or_else(|| ctx.t("core.status_line_unlimited", &[]));
        let line = ctx.t(
            "core.status_line_quota",
            &[("used", Arg::from(used)), ("limit", Arg::from(limit))],
        );
        text = format!("{text}\n{line}");
    }
    if let Some((count, error)) = super::outbox::refused(ctx.conn)? {
        let line = ctx.t(
            "core.status_refused",
            &[("count", Arg::from(count)), ("error", Arg::from(error))],
        );
        text = format!("{text}\n{line}");
    }
    let missing = ctx.env.config.office.missing_details();
    let text = if missing.is_empty() {
        text
    } else {
        let warning = ctx.t(
            "core.status_office_missing",
            &[("variables", Arg::from(missing.join(", ")))],
        );
        format!("{text}\n{warning}")
    };
    ctx.reply_text(text);
    Ok(())
}

/// Telegram gives an upgraded supergroup a new id; the registration follows it.
pub fn group_migrated(ctx: &mut Ctx, to_chat_id: i64) -> CoreResult {
    let from = ctx.event.chat.id;
    if store::move_group(ctx.conn, from, to_chat_id)? {
        ctx.audit("group.migrate", &from.to_string(), &to_chat_id.to_string())?;
        log::info!("registered group {from} migrated to {to_chat_id}");
    }
    Ok(())
}

/// The bot was removed from the group (or may no longer post there): a registered group's
/// registration is suspended and the admins are told, privately, which role has no group now
/// and how to register one. Messages owed to it wait in the outbox (see
/// [`outbox::redirect_held`]).
pub fn bot_removed(ctx: &mut Ctx) -> CoreResult {
    let chat_id = ctx.event.chat.id;
    let Some((role, registered_title)) = store::suspend_group(ctx.conn, chat_id, ctx.now)? else {
        return Ok(());
    };
    ctx.audit("group.suspend", &chat_id.to_string(), role.code())?;
    log::warn!("removed from the {} group {chat_id}", role.code());
    let title = (ctx.event.chat.title.clone())
        .or(registered_title)
        .unwrap_or_default();
    let mut admins: Vec<i64> = ctx.env.config.admin_ids.iter().copied().collect();
    admins.sort_unstable();
    // Each admin reads it in the language they chose.
    for admin in admins {
        let lang = store::language_of(ctx.conn, admin)?.unwrap_or(Lang::Th);
        ctx.in_language(lang, |ctx| {
            let group = ctx.t(role.name_key(), &[]);
            let text = ctx.t(
                "core.group_suspended",
                &[
                    ("group", Arg::from(group)),
                    ("title", Arg::from(title.as_str())),
                    ("role", Arg::from(role.code())),
                    ("role_thai", Arg::from(role.thai_word())),
                ],
            );
            ctx.send(admin, OutMessage::text(text), Persist::Outbox);
        });
    }
    Ok(())
}

/// Greetings, as a line begins with them.
const GREETINGS: [&str; 12] = [
    "สวัสดี",
    "หวัดดี",
    "อรุณสวัสดิ์",
    "ดีจ้า",
    "ดีค่ะ",
    "ดีครับ",
    "ดีคับ",
    "hello",
    "hi",
    "good morning",
    "good afternoon",
    "good evening",
];

/// A bare greeting in a private chat (`สวัสดีค่ะ`, `หวัดดี`, `hello`): greeted with the menu.
fn is_greeting(text: &str) -> bool {
    is_bare(text, &GREETINGS, &[])
}

/// Bare thanks in a private chat (`ขอบคุณมากค่ะ`, `thank you`): answered with a welcome, not
/// taken for a question about the office's thanks to donors. With the common misspelling
/// ขอบคุน, the northern ขอบใจ๋ (before ขอบใจ, which begins it) and the Thai-script แต๊งกิ้ว.
fn is_thanks(text: &str) -> bool {
    const THANKS: [&str; 11] = [
        "ขอบคุณ",
        "ขอบคุน",
        "ขอบใจ๋",
        "ขอบใจ",
        "แต๊งกิ้ว",
        "แต้งกิ้ว",
        "thank you",
        "thank u",
        "thanks",
        "thx",
        "ty",
    ];
    /// How much, and what for: the answer the bot just gave ("สำหรับข้อมูล", "ได้ข้อมูลครบแล้ว");
    /// a goodbye after them ("ขอบคุณค่ะ สวัสดีค่ะ").
    const EMPHASIS: [&str; 19] = [
        "มาก",
        "หลาย",
        "ๆ",
        "เลย",
        "จริง",
        "สำหรับข้อมูล",
        "สำหรับคำตอบ",
        "สำหรับคำแนะนำ",
        "ได้ข้อมูล",
        "ครบ",
        "แล้ว",
        "so much",
        "very much",
        "a lot",
        "for the information",
        "for the info",
        "for your help",
        "for the answer",
        "สวัสดี",
    ];
    is_bare(text, &THANKS, &EMPHASIS) || is_thanks_for_something(text, &THANKS)
}

/// Thanks that say what for, and nothing more ("ขอบคุณสำหรับใบอนุโมทนาบัตรค่ะ",
/// "ขอบคุณที่ส่งใบเสร็จมาให้นะคะ", "thanks for the receipt"): still thanks, not a question about
/// what they name. Anything more makes it a message of its own, for whatever awaits it (an
/// answer staff asked a donor for, a problem, a question): a long "what for", a number, or a
/// word that asks, objects or goes on ("แต่ชื่อสะกดผิด", "โอนจากกรุงไทย 10.30 น.").
fn is_thanks_for_something(text: &str, thanks: &[&str]) -> bool {
    /// What follows thanks that says what they are for.
    const FOR: [&str; 3] = ["สำหรับ", "ที่", "for "];
    /// The longest "what for" that is still only that.
    const LONGEST_FOR: usize = 24;
    /// Words that make the line more than thanks: asking, objecting, asking for something.
    const MORE_THAN_THANKS: [&str; 25] = [
        "?",
        "ไหม",
        "มั้ย",
        "มั๊ย",
        "เปล่า",
        "ป่าว",
        "อะไร",
        "ยังไง",
        "อย่างไร",
        "เท่า",
        "เมื่อไ",
        "ไหน",
        "ทำไม",
        "อยาก",
        "แต่",
        "ยัง",
        "ขอ",
        "รบกวน",
        "หน่อย",
        "ผิด",
        "ไม่",
        "บ่",
        "but",
        "wrong",
        "please",
    ];
    let text = text.trim().to_lowercase();
    let Some(word) = thanks.iter().find(|word| text.starts_with(*word)) else {
        return false;
    };
    let rest = text[word.len()..].trim_start();
    let Some(what_for) = FOR.iter().find_map(|what_for| rest.strip_prefix(what_for)) else {
        return false;
    };
    let what_for = crate::thai::without_polite_ending(without_closing_marks(what_for));
    what_for.chars().count() <= LONGEST_FOR
        && !what_for.chars().any(crate::thai::is_digit)
        && !MORE_THAN_THANKS.iter().any(|more| what_for.contains(more))
}

/// The words of an okay after an answer, a particle alone or a laugh.
const ACKNOWLEDGEMENTS: [&str; 29] = [
    "โอเค",
    "โอเช",
    "okay",
    "okie",
    "oke",
    "ok",
    "รับทราบ",
    "ทราบ",
    "เข้าใจ",
    "ได้",
    "อ๋อ",
    "อ้อ",
    "อืม",
    "ครับ",
    "คับ",
    "ค่ะ",
    "ค่า",
    "จ้า",
    "จ้ะ",
    "got it",
    "noted",
    "understood",
    "alright",
    "sure",
    "ฮ่า",
    "ฮา",
    "อิอิ",
    "lol",
    "haha",
];

/// A bare "okay" after an answer (`โอเคค่ะ`, `รับทราบครับ`, `ได้ค่ะ`, `ok`), a particle alone
/// (`ครับ`), a laugh (`555`, `ฮ่าๆ`) or a line of emoji alone (`👍`): nothing to search for, and
/// nothing to apologise for not understanding.
fn is_acknowledgement(text: &str) -> bool {
    /// What follows an okay or a laugh: `แล้ว`, `เลย`, another okay, more laughter.
    const FOLLOWING: [&str; 9] = ["แล้ว", "เลย", "ๆ", "ค่ะ", "ครับ", "ฮ่า", "ฮา", "ha", "อิ"];
    let bare = without_closing_marks(text.trim());
    let laugh = bare.chars().count() >= 3 && bare.chars().all(|c| c == '5' || c == '๕');
    let emoji_only = bare.is_empty() && text.trim().chars().any(|c| c >= '\u{2000}');
    laugh || emoji_only || is_bare(text, &ACKNOWLEDGEMENTS, &FOLLOWING)
}

/// What follows a leading okay or greeting and its particles ("โอเคค่ะ ขอบคุณมาก", "ok
/// thanks", "สวัสดีค่ะ ขอบคุณค่ะ"), when something does.
fn after_opening(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let lower = text.to_lowercase();
    // The opening ends at a space or a particle: "ได้ข้อมูลแล้ว" begins with no okay.
    let word = ACKNOWLEDGEMENTS.iter().chain(&GREETINGS).find(|word| {
        lower.strip_prefix(*word).is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_whitespace() || c == ',')
                || PARTICLES.iter().any(|particle| rest.starts_with(particle))
        })
    })?;
    // Lower-casing keeps the length of these words' letters: ASCII and Thai.
    let rest = without_leading(&text[word.len()..], PARTICLES.iter());
    let rest = rest.trim_start_matches([',', '!', '.']).trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// Bare small talk, a greeting or thanks: how it is answered, whether typed alone in a private
/// chat or asked of the Q&A (`ถาม ขอบคุณค่ะ`), where it is no question about the office's
/// thanks to donors.
pub fn small_talk(text: &str) -> Option<fn(&mut Ctx) -> CoreResult> {
    if is_greeting(text) {
        Some(greet)
    } else if is_thanks(text) || after_opening(text).is_some_and(is_thanks) {
        Some(welcome_thanks)
    } else if is_acknowledgement(text) {
        Some(acknowledge)
    } else {
        None
    }
}

/// Polite particles that end a Thai line (`ค่ะ`, `ครับ`, `นะคะ`…), with their softer chat
/// forms (`จ๊ะ`, `ค้าบ`, `ฮะ`, `ฮับ`). In chat their last letter is often drawn out (`ค่าาา`,
/// `ครับบบ`), which counts as the particle.
const PARTICLES: [&str; 13] = [
    "ค่ะ",
    "คะ",
    "ครับ",
    "คับ",
    "ค้าบ",
    "ฮะ",
    "ฮับ",
    "จ้า",
    "จ้ะ",
    "จ๊ะ",
    "จ่ะ",
    "นะ",
    "ค่า",
];

/// `text` with the polite particles that end it taken off one by one: `ยกเลิกนะครับ` gives
/// `ยกเลิกนะ`, then `ยกเลิก`. Each step is a candidate, since a word may itself end like a
/// particle (`สถานะค่ะ` gives `สถานะ`, then `สถา`).
pub fn without_particles(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = without_closing_marks(text);
    std::iter::from_fn(move || {
        let length = PARTICLES
            .iter()
            .find_map(|particle| particle_at_end(rest, particle))?;
        rest = rest[..rest.len() - length].trim_end();
        (!rest.is_empty()).then_some(rest)
    })
}

/// Regional particles that close small talk ("ขอบใจหลายเด้อ", "สวัสดีเจ้า"): northeastern
/// เด้อ, northern เน้อ and เจ้า. Only there: at the end of a command they could be part of a
/// word.
const REGIONAL_PARTICLES: [&str; 3] = ["เด้อ", "เน้อ", "เจ้า"];

/// Words that close small talk after its particle: `ครับผม`, `สวัสดีค่ะทุกคน`, `ขอบคุณค่ะพี่`.
const SMALL_TALK_CLOSINGS: [&str; 5] = ["ผม", "ทุกคน", "ทุกท่าน", "พี่", "น้อง"];

/// Whether `text` is one of `words` followed by nothing but polite particles and `emphasis`.
fn is_bare(text: &str, words: &[&str], emphasis: &[&str]) -> bool {
    let text = without_closing_marks(text.trim()).to_lowercase();
    let Some(word) = words.iter().find(|w| text.starts_with(*w)) else {
        return false;
    };
    let rest = &text[word.len()..];
    // Its last letter drawn out counts as the word (`ครับบบ`, `โอเคค`), unless that letter
    // begins what follows (`โอเคค่ะ`).
    let last = word.chars().last().unwrap_or(' ');
    [rest, rest.trim_start_matches(last)]
        .into_iter()
        .any(|rest| only_closings(rest, emphasis))
}

/// Whether `text` is nothing but polite particles, small talk's closings and `emphasis`.
fn only_closings(text: &str, emphasis: &[&str]) -> bool {
    let closings = PARTICLES
        .iter()
        .chain(&REGIONAL_PARTICLES)
        .chain(&SMALL_TALK_CLOSINGS)
        .chain(emphasis);
    without_leading(text, closings).is_empty()
}

/// `text` with the `words` it begins with taken off one by one, and the spaces between them.
fn without_leading<'word>(
    text: &str,
    words: impl Iterator<Item = &'word &'word str> + Clone,
) -> &str {
    let mut rest = text.trim();
    while let Some(length) = words.clone().find_map(|word| particle_at_start(rest, word)) {
        rest = rest[length..].trim();
    }
    rest
}

pub fn greet(ctx: &mut Ctx) -> CoreResult {
    help(ctx, "")
}

pub fn welcome_thanks(ctx: &mut Ctx) -> CoreResult {
    let text = ctx.t("core.thanks", &[]);
    ctx.reply_text(text);
    Ok(())
}

pub fn acknowledge(ctx: &mut Ctx) -> CoreResult {
    let text = ctx.t("core.acknowledged", &[]);
    ctx.reply_text(text);
    Ok(())
}

/// A photo or file in a private chat that nothing asked for: what it could be for, and the menu.
pub fn unasked_file(ctx: &mut Ctx) -> CoreResult {
    reply_with_menu(ctx, "core.unasked_file")
}

pub fn unknown_private_text(ctx: &mut Ctx) -> CoreResult {
    reply_with_menu(ctx, "core.unknown_text")
}

/// Something the bot cannot use (a sticker, voice message, location …): in a private chat
/// the person learns what the bot can do, or, with a question of theirs waiting, that it
/// still waits (said directly: the dialogue may be an anonymous filing). Groups share such
/// things all day; they are not for the bot.
pub fn unusable(ctx: &mut Ctx) -> CoreResult {
    if !ctx.is_private() {
        return Ok(());
    }
    if let Some(dialogue) = ctx.memory.dialogues.get(&ctx.person_key()) {
        let takes_files = ctx
            .env
            .capability(dialogue.area)
            .and_then(|capability| capability.dialogue_takes_files)
            .is_some_and(|takes_files| takes_files(dialogue));
        let key = if takes_files {
            "core.unusable_in_dialogue_files"
        } else {
            "core.unusable_in_dialogue"
        };
        let pending = super::pending_dialogue(ctx);
        let text = ctx.t(key, &[("pending", Arg::from(pending))]);
        super::notice(ctx, text);
        return Ok(());
    }
    reply_with_menu(ctx, "core.unusable")
}

/// The text of `key` above the menu.
pub(super) fn reply_with_menu(ctx: &mut Ctx, key: &str) -> CoreResult {
    let mut message = menu(ctx);
    message.text = format!("{}\n\n{}", ctx.t(key, &[]), message.text);
    ctx.reply(message);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wish_is_stated_by_its_words_but_not_after_not_nor_inside_thanks() {
        for wish in [
            "อยากแจ้งเรื่องครูตีเด็กค่ะ ไม่อยากบอกชื่อ",
            "ขอแจ้งเรื่องหน่อยครับ",
            "ผมต้องการบริจาคครับ",
            "แจ้งเรื่องครูตีเด็กค่ะ",
            "ขอของคืนได้ไหมคะ",
        ] {
            assert!(states_a_wish(wish), "{wish}");
        }
        for no_wish in [
            "ครูตีเด็กแบบนี้ผิดไหมคะ",
            "ทุนจะออกเมื่อไหร่คะ",
            "ไม่อยากแจ้งเรื่องค่ะ แค่ถามเฉยๆ",
            "ขอบคุณค่ะ",
            "เขาเอาความต้องการมาจากใครบ้าง",
            "บริจาคของเล่นได้ไหมคะ",
            "สพป.ขอนแก่น เขต 1 เบอร์อะไร",
        ] {
            assert!(!states_a_wish(no_wish), "{no_wish}");
        }
    }

    #[test]
    fn greetings_and_thanks_are_bare_with_their_particles_drawn_out() {
        for greeting in ["สวัสดีค่ะ", "สวัสดีค่าา", "สวัสดีค่าาาา", "หวัดดีจ้าาา", "สวัสดีครับบบ"]
        {
            assert!(is_greeting(greeting), "{greeting}");
        }
        for thanks in ["ขอบคุณค่าา", "ขอบคุณมากๆ ครับบ", "ขอบคุณนะคะะ"]
        {
            assert!(is_thanks(thanks), "{thanks}");
        }
        // Northeastern and northern: "very" is หลาย, the particles เด้อ, เน้อ, เจ้า.
        for thanks in ["ขอบใจหลายเด้อ", "ขอบคุณหลายๆ เจ้า", "ขอบใจเน้อ"]
        {
            assert!(is_thanks(thanks), "{thanks}");
        }
        for greeting in ["สวัสดีเจ้า", "สวัสดีเด้อ"] {
            assert!(is_greeting(greeting), "{greeting}");
        }
        // The northern ขอบใจ๋ (its tone mark), and the softer particles จ๊ะ, ค้าบ, ฮะ: the first
        // was answered with how the office thanks donors, the others not sure.
        for thanks in [
            "ขอบใจ๋หลายเจ้า",
            "ขอบคุณนะจ๊ะ",
            "ขอบคุณค้าบ",
            "ขอบคุณฮะ",
            "ขอบคุณมากฮับ",
        ] {
            assert!(is_thanks(thanks), "{thanks}");
        }
        assert!(is_greeting("สวัสดีจ๊ะ"));
        assert!(!is_greeting("สวัสดีค่ะ ขอเลขบัญชี"));
        assert!(!is_thanks("ขอบคุณค่ะ โอนแล้วแจ้งที่ไหน"));
        assert!(!is_thanks("ขอบคุณเจ้าหน้าที่ที่ช่วยเรื่องทุน"));
    }

    /// Found in the dev set ("ขอบคุณมากๆเลยนะคะ" was searched and nearly answered with how the
    /// office thanks donors) and in everyday chat: "very much" closed by เลย or จริงๆ, ครับ
    /// followed by ผม, a face or a heart after the particle, common misspellings and Thai-script
    /// English.
    #[test]
    fn everyday_thanks_and_greetings_are_small_talk() {
        for thanks in [
            "ขอบคุณมากๆเลยนะคะ",
            "ขอบคุณมากเลยครับ",
            "ขอบคุณจริงๆ ค่ะ",
            "ขอบคุณครับผม",
            "ขอบคุณค่ะ 😊",
            "ขอบคุณมากค่ะ❤️",
            "ขอบคุนค่ะ",
            "แต๊งกิ้วค่า",
            "thank u",
            "thanks a lot!",
        ] {
            assert!(is_thanks(thanks), "{thanks}");
        }
        for greeting in ["สวัสดีครับผม", "สวัสดีค่ะ 😊", "ดีคับ", "อรุณสวัสดิ์ค่ะ", "good evening"]
        {
            assert!(is_greeting(greeting), "{greeting}");
        }
        assert!(!is_thanks("ขอบคุณมากเลยค่ะ แล้วโอนแล้วแจ้งที่ไหน"));
        assert!(!is_greeting("สวัสดีครับผมอยากบริจาค"));
    }

    /// Found in the dev set: "ขอบคุณสำหรับข้อมูลครับ" and "ขอบคุณครับ ได้ข้อมูลครบแล้ว" were
    /// searched as questions ("not sure", with how the office thanks donors first).
    #[test]
    fn thanks_for_the_information_is_small_talk() {
        for thanks in [
            "ขอบคุณสำหรับข้อมูลครับ",
            "ขอบคุณครับ ได้ข้อมูลครบแล้ว",
            "ขอบคุณสำหรับคำตอบนะคะ 🙏",
            "ขอบคุณมากค่ะ ได้ข้อมูลแล้วค่ะ",
            "thanks for the info",
            "thank you for your help",
        ] {
            assert!(is_thanks(thanks), "{thanks}");
        }
        assert!(!is_thanks("ขอบคุณสำหรับข้อมูลค่ะ แล้วต้องส่งเอกสารที่ไหน"));
    }

    #[test]
    fn okays_laughs_and_emoji_alone_are_acknowledgements() {
        for said in [
            "โอเคค่ะ",
            "โอเคครับผม",
            "ok",
            "OK!",
            "okay",
            "ครับ",
            "ครับบบ",
            "ค่าา",
            "รับทราบค่ะ",
            "ทราบแล้วครับ",
            "เข้าใจแล้วค่ะ 🙏",
            "ได้ค่ะ",
            "ได้เลยครับ",
            "อ๋อ ค่ะ",
            "อืมๆ",
            "555",
            "55555+",
            "๕๕๕",
            "ฮ่าๆๆ",
            "ฮาฮา",
            "อิอิ",
            "lol",
            "got it",
            "👍",
            "😂😂",
            "🙏",
        ] {
            assert!(is_acknowledgement(said), "{said}");
        }
        for not in [
            "โอเค แล้วโอนเข้าบัญชีไหน",
            "ได้ไหมคะ",
            "ได้รับใบเสร็จยัง",
            "ครับ ขอเลขบัญชี",
            "55",
            "500",
            "5,555",
            "?",
            "",
            "ฮาลาล",
            "เข้าใจผิด",
        ] {
            assert!(!is_acknowledgement(not), "{not}");
        }
    }

    #[test]
    fn drawn_out_particles_come_off_the_end_of_a_line() {
        assert!(without_particles("ยกเลิกค่าาา").any(|rest| rest == "ยกเลิก"));
        assert!(without_particles("ยกเลิกนะคะะ").any(|rest| rest == "ยกเลิก"));
        assert!(without_particles("เมนูครับบบ").any(|rest| rest == "เมนู"));
    }
}
