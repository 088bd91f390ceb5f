//! The officers' side, in their registered group (or privately by its members): the card
//! buttons and the commands `ตอบ`, `สถานะ`, `มอบหมาย`, `เรื่องค้าง` and `ดูเรื่อง`.

use super::AREA;
use super::case_text::category_name;
use super::code;
use super::deadlines;
use super::lifecycle::{self, Actor, case_from_args};
use super::officer_card::{card, history_view};
use super::status::Status;
use super::store::{self, Author, Case};
use crate::core::{CoreResult, Ctx, OutMessage, Role, refuse};
use crate::i18n::Arg;

/// What an officer's noted message made (`Ctx::note_recorded`): an answer or question to
/// the filer (`ตอบ`, or the text asked for by ขอข้อมูลเพิ่ม), and a status set (`สถานะ`, or
/// the agency or result asked for by ส่งต่อ and ปิดเรื่อง).
const ANSWERED: &str = "answer";
const STATUS_SET: &str = "status";

/// An edit of an officer's message that already took effect: what it sent or recorded,
/// unchanged (a case's history is never rewritten), and the command that corrects it from
/// where the case stands now. Nothing about the filer is read or noted.
pub fn describe_edited(ctx: &Ctx, message_id: i64) -> rusqlite::Result<Option<String>> {
    let Some(subject) = ctx.recorded_by(AREA, message_id)? else {
        return Ok(None);
    };
    let mut parts = subject.split(':');
    let (Some(what), Some(case_id), Some(detail)) = (
        parts.next(),
        parts.next().and_then(|id| id.parse().ok()),
        parts.next(),
    ) else {
        return Ok(None);
    };
    let Some(case) = store::load(ctx.conn, case_id)? else {
        return Ok(None);
    };
    let number = Arg::from(case.number.format());
    let now = Arg::from(ctx.t(&case.status.name_key(), &[]));
    if what == ANSWERED {
        let text = match detail.parse() {
            Ok(id) => store::message_body(ctx.conn, case.id, id)?,
            Err(_) => None,
        };
        let Some(text) = text else {
            return Ok(Some(ctx.t("complaints.case_purged", &[("case", number)])));
        };
        let sent = if case.anonymous {
            "complaints.edited_answer_kept"
        } else {
            "complaints.edited_answer_sent"
        };
        let sent = ctx.t(sent, &[]);
        return Ok(Some(ctx.t(
            "complaints.edited_answer",
            &[
                ("case", number),
                ("sent", Arg::from(sent)),
                ("text", Arg::from(text)),
            ],
        )));
    }
    let Some(status) = (what == STATUS_SET)
        .then(|| Status::from_code(detail))
        .flatten()
    else {
        return Ok(None);
    };
    let recorded_detail = store::history(ctx.conn, case.id)?
        .into_iter()
        .rev()
        .find(|entry| entry.action == "status" && entry.status == Some(status))
        .and_then(|entry| entry.detail)
        .map(|detail| {
            ctx.t(
                "complaints.edited_status_detail",
                &[("detail", Arg::from(detail))],
            )
        })
        .unwrap_or_default();
    let how = if case.status.is_closed() {
        ctx.t(
            "complaints.edited_status_closed",
            &[("case", number.clone())],
        )
    } else if case.status == Status::Forwarded && status == Status::Forwarded {
        ctx.t(
            "complaints.edited_status_reforward",
            &[("case", number.clone())],
        )
    } else {
        ctx.t(
            "complaints.edited_status_open",
            &[
                ("case", number.clone()),
                ("valid", Arg::from(lifecycle::valid_moves(ctx, case.status))),
            ],
        )
    };
    Ok(Some(ctx.t(
        "complaints.edited_status",
        &[
            ("case", number),
            ("status", Arg::from(ctx.t(&status.name_key(), &[]))),
            ("detail", Arg::from(recorded_detail)),
            ("now", now),
            ("how", Arg::Html(how)),
        ],
    )))
}

/// `ตอบ <เลขเรื่อง> <ข้อความ>`: an answer or question to the filer.
pub fn answer(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (case, text) = case_from_args(ctx, args, "complaints.answer_usage")?;
    if text.is_empty() {
        return refuse("complaints.answer_usage", vec![]);
    }
    send_answer(ctx, &case, text, None, ToFiler::Answer)?;
    Ok(())
}

/// An officer's text typed with the command, shown back to check before it acts.
fn check_typed(ctx: &mut Ctx, case: &Case, what: PromptFor, text: &str) {
    let prompt = Prompt {
        case_id: case.id,
        what,
        typed: None,
        typed_in: ctx.written_message_id(),
    };
    show_check(ctx, case, prompt, text.to_string());
}

/// What an officer's message to a filer is: an answer (`ตอบ`), or the question of ขอข้อมูลเพิ่ม.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ToFiler {
    Answer,
    Question,
}

fn send_answer(
    ctx: &mut Ctx,
    case: &Case,
    text: &str,
    typed_in: Option<i64>,
    what: ToFiler,
) -> CoreResult<Case> {
    if case.purged_on.is_some() {
        return refuse(
            "complaints.case_purged",
            vec![("case", Arg::from(case.number.format()))],
        );
    }
    let message = store::add_message(ctx.conn, case.id, ctx.today(), Author::Office, text)?;
    // An edit of the officer's message is answered with what it sent ([`describe_edited`]).
    ctx.note_recorded(AREA, typed_in, &format!("{ANSWERED}:{}:{message}", case.id))?;
    // Answering a new case means it has been taken: the history says so first.
    let case = if case.status == Status::New {
        lifecycle::change_status(ctx, case, Status::Acknowledged, "", Actor::Officer)?
    } else {
        case.clone()
    };
    lifecycle::record(ctx, &case, Actor::Officer, "reply", None, "")?;
    // A question reads as one to the filer ("เจ้าหน้าที่ตอบ…" read as if answered).
    let (to_filer, saved, sent) = match what {
        ToFiler::Answer => (
            "complaints.filer_answer",
            "complaints.answer_saved_anonymous",
            "complaints.answer_sent_named",
        ),
        ToFiler::Question => (
            "complaints.filer_question",
            "complaints.question_saved_anonymous",
            "complaints.question_sent_named",
        ),
    };
    lifecycle::notify_named_filer(ctx, &case, to_filer, &[("text", Arg::from(text))]);
    let key = if case.anonymous { saved } else { sent };
    let confirmation = ctx.t(key, &[("case", Arg::from(case.number.format()))]);
    let mut message = OutMessage::text(confirmation);
    // A request filed from an unanswered question: its answer may teach the Q&A.
    let learning = ctx.answer_learning();
    if let Some(save) = learning
        .map(|l| (l.save_button)(ctx, case.id))
        .transpose()?
        .flatten()
    {
        message = message.with_buttons(vec![vec![save]]);
    }
    ctx.reply(message);
    Ok(case)
}

/// `สถานะ <เลขเรื่อง> <รับเรื่อง|กำลังดำเนินการ|ขอข้อมูลเพิ่ม|ส่งต่อ <หน่วยงาน>|เสร็จสิ้น|ยุติ <เหตุผล>>`
pub fn set_status(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (case, rest) = case_from_args(ctx, args, "complaints.status_usage")?;
    // `กำลังดำเนินการค่ะ`: the particle is no part of the status nor of its reason.
    let rest = crate::thai::without_polite_ending(rest);
    let shown: Vec<(Status, String)> = Status::ALL
        .into_iter()
        .map(|s| (s, ctx.t(&s.name_key(), &[])))
        .collect();
    let Some((status, detail)) = Status::parse_leading(rest, &shown) else {
        let valid = lifecycle::valid_moves(ctx, case.status);
        return refuse(
            "complaints.status_unknown_word",
            vec![
                ("case", Arg::from(case.number.format())),
                ("valid", Arg::from(valid)),
            ],
        );
    };
    // Closing or sending the case away with its reason typed: shown back to check first.
    if let Some(what) = PromptFor::for_status(status)
        && !detail.is_empty()
        && case.status.can_become(status)
    {
        check_typed(ctx, &case, what, detail);
        return Ok(());
    }
    apply_status(ctx, &case, status, detail, None)?;
    Ok(())
}

fn apply_status(
    ctx: &mut Ctx,
    case: &Case,
    status: Status,
    detail: &str,
    typed_in: Option<i64>,
) -> CoreResult<Case> {
    if status.needs_detail() && detail.is_empty() && case.status.can_become(status) {
        let key = if status == Status::Forwarded {
            "complaints.status_needs_agency"
        } else {
            "complaints.status_needs_reason"
        };
        return refuse(key, vec![("case", Arg::from(case.number.format()))]);
    }
    let updated = lifecycle::change_status(ctx, case, status, detail, Actor::Officer)?;
    ctx.note_recorded(
        AREA,
        typed_in,
        &format!("{STATUS_SET}:{}:{}", case.id, status.code()),
    )?;
    let status_name = ctx.t(&status.name_key(), &[]);
    let mut text = ctx.t(
        "complaints.status_changed",
        &[
            ("case", Arg::from(updated.number.format())),
            ("status", Arg::from(status_name)),
            ("who", Arg::from(ctx.event.actor.name.clone())),
        ],
    );
    if updated.anonymous {
        text.push('\n');
        text.push_str(&ctx.t("complaints.anonymous_not_notified", &[]));
    }
    ctx.reply_text(text);
    Ok(updated)
}

/// `มอบหมาย <เลขเรื่อง> @ผู้รับผิดชอบ`
pub fn assign(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (case, who) = case_from_args(ctx, args, "complaints.assign_usage")?;
    let who = crate::thai::without_polite_ending(who);
    if who.is_empty() || who.chars().count() > 100 {
        return refuse("complaints.assign_usage", vec![]);
    }
    if case.status.is_closed() {
        return refuse(
            "complaints.case_closed",
            vec![("case", Arg::from(case.number.format()))],
        );
    }
    store::set_assignee(ctx.conn, case.id, who)?;
    lifecycle::record(ctx, &case, Actor::Officer, "assign", None, who)?;
    if let Some(updated) = store::load(ctx.conn, case.id)? {
        lifecycle::refresh_card(ctx, &updated, false)?;
    }
    let text = ctx.t(
        "complaints.assigned",
        &[
            ("case", Arg::from(case.number.format())),
            ("who", Arg::from(who)),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

/// `เรื่องค้าง`: open cases, the nearest deadline first.
pub fn open_cases(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let cases = store::open_cases(ctx.conn)?;
    if cases.is_empty() {
        let text = ctx.t("complaints.open_none", &[]);
        ctx.reply_text(text);
        return Ok(());
    }
    let calendar = crate::office::work_calendar(ctx.conn)?;
    let today = ctx.today();
    let mut lines = vec![ctx.t(
        "complaints.open_title",
        &[("count", Arg::from(cases.len()))],
    )];
    for case in &cases {
        let Some((deadline, due)) = case.pending_deadline() else {
            continue;
        };
        let assignee = case
            .assignee
            .clone()
            .unwrap_or_else(|| ctx.t("complaints.nobody_assigned", &[]));
        lines.push(ctx.t(
            "complaints.open_line",
            &[
                ("case", Arg::from(case.number.format())),
                ("category", Arg::from(category_name(ctx, case.category))),
                ("status", Arg::from(ctx.t(&case.status.name_key(), &[]))),
                ("deadline", Arg::from(ctx.t(deadline.name_key(), &[]))),
                ("date", Arg::Date(due)),
                (
                    "when",
                    Arg::from(deadlines::due_phrase(ctx, &calendar, today, due)),
                ),
                ("assignee", Arg::from(assignee)),
            ],
        ));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// `ดูเรื่อง <เลขเรื่อง>`: the whole history and conversation, then a copy of the card with
/// the buttons of the case's current status (it follows the case like the first one).
pub fn show_case(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (case, _) = case_from_args(ctx, args, "complaints.show_usage")?;
    let files = store::attachments(ctx.conn, case.id)?;
    let history = store::history(ctx.conn, case.id)?;
    let messages = store::messages(ctx.conn, case.id)?;
    let view = history_view(ctx, &case, &history, &messages);
    ctx.reply(view);
    let card = card(ctx, &case, files.len());
    ctx.reply(card);
    if case.body.is_some() {
        for attachment in files {
            let caption = ctx.t(
                "complaints.followup_file_caption",
                &[("case", Arg::from(case.number.format()))],
            );
            ctx.reply(OutMessage::text(caption).with_attachment(attachment));
        }
    }
    Ok(())
}

/// What a card button asks the pressing officer to type next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PromptFor {
    Question,
    Agency,
    Result,
    /// Why the case ends without a result (`สถานะ … ยุติ <เหตุผล>`).
    Reason,
}

impl PromptFor {
    /// The status the case moves to once the text is given.
    fn status(self) -> Status {
        match self {
            PromptFor::Question => Status::AwaitingInfo,
            PromptFor::Agency => Status::Forwarded,
            PromptFor::Result => Status::Done,
            PromptFor::Reason => Status::Dismissed,
        }
    }

    /// The prompt whose text a status typed with its detail needs checked first: the ones
    /// that close the case or send it away.
    fn for_status(status: Status) -> Option<PromptFor> {
        match status {
            Status::Forwarded => Some(PromptFor::Agency),
            Status::Done => Some(PromptFor::Result),
            Status::Dismissed => Some(PromptFor::Reason),
            _ => None,
        }
    }
}

/// Waiting for an officer's text after a card button (`ขอข้อมูลเพิ่ม`, `ส่งต่อ`, `ปิดเรื่อง`).
pub struct Prompt {
    case_id: i64,
    what: PromptFor,
    /// The text typed, shown back to check before it is acted on, and the message it was
    /// typed in, which an edit may change until then.
    typed: Option<String>,
    typed_in: Option<i64>,
}

/// Card buttons: `ack:<id>`, `info:<id>`, `fwd:<id>`, `close:<id>`. A button the case's
/// status no longer allows (another officer acted first, or an old copy) brings the card up
/// to date and tells only the presser.
pub fn on_button(ctx: &mut Ctx, action: &str, id: &str) -> CoreResult {
    if !ctx.acts_as(Role::Officers) {
        ctx.answer_button_with("core.refuse_officers_only", &[("command", Arg::from(""))]);
        return Ok(());
    }
    let case = match id.parse().ok() {
        Some(id) => store::load(ctx.conn, id)?,
        None => None,
    };
    let Some(case) = case else {
        ctx.answer_button_with("core.button_expired", &[]);
        return Ok(());
    };
    let (target, what) = card_action(action);
    if !case.status.can_become(target) {
        lifecycle::refresh_card(ctx, &case, true)?;
        let status = ctx.t(&case.status.name_key(), &[]);
        ctx.answer_button_with(
            "complaints.button_stale",
            &[
                ("case", Arg::from(case.number.format())),
                ("status", Arg::from(status)),
            ],
        );
        return Ok(());
    }
    let Some(what) = what else {
        let updated = apply_status(ctx, &case, target, "", None)?;
        lifecycle::refresh_card(ctx, &updated, true)?;
        return Ok(());
    };
    ask_for(ctx, &case, what);
    Ok(())
}

/// The status a card button (`ack`, `info`, `fwd`, `close`) moves a case to, and what it asks
/// the officer to type first, if anything.
fn card_action(action: &str) -> (Status, Option<PromptFor>) {
    let what = match action {
        "ack" => return (Status::Acknowledged, None),
        "info" => PromptFor::Question,
        "fwd" => PromptFor::Agency,
        _ => PromptFor::Result,
    };
    (what.status(), Some(what))
}

/// Asks the officer for the text a card action needs (the question, the agency, the result).
fn ask_for(ctx: &mut Ctx, case: &Case, what: PromptFor) {
    let (key, placeholder) = match what {
        PromptFor::Question => (
            "complaints.prompt_question",
            "complaints.placeholder_question",
        ),
        PromptFor::Agency => ("complaints.prompt_agency", "complaints.placeholder_agency"),
        PromptFor::Result => ("complaints.prompt_result", "complaints.placeholder_result"),
        PromptFor::Reason => ("complaints.prompt_reason", "complaints.placeholder_reason"),
    };
    let text = ctx.t(
        key,
        &[
            ("case", Arg::from(case.number.format())),
            ("who", ctx.actor_mention()),
        ],
    );
    let placeholder = ctx.t(placeholder, &[("case", Arg::from(case.number.format()))]);
    ctx.prompt(
        AREA,
        Box::new(Prompt {
            case_id: case.id,
            what,
            typed: None,
            typed_in: None,
        }),
        text,
        placeholder,
    );
}

/// A card's button typed as words with the case number (`รับเรื่อง ร-2569-0007`,
/// `ส่งต่อ ร-2569-0007 สพฐ.`): does what the button does, by the same checks and the same
/// record; the text a button would ask for may follow the number, or is asked for.
fn typed_card_action(ctx: &mut Ctx, args: &str, action: &str, usage: &'static str) -> CoreResult {
    let (case, detail) = case_from_args(ctx, args, usage)?;
    let (target, what) = card_action(action);
    match what {
        None => {
            apply_status(ctx, &case, target, "", None)?;
        }
        Some(what) if detail.is_empty() => {
            lifecycle::check_move(ctx, &case, target)?;
            ask_for(ctx, &case, what);
        }
        // Typed after the number: shown back to check, as typed after the button is.
        Some(what) => {
            lifecycle::check_move(ctx, &case, target)?;
            check_typed(ctx, &case, what, detail);
        }
    }
    Ok(())
}

/// A card's words followed by other words than a case number are chat
/// (`ส่งต่อ ฝ่ายกฎหมายแล้ว`, `รับเรื่อง ไว้แล้วค่ะ`).
pub fn card_words_chatter(args: &str) -> bool {
    crate::thai::starts_with_thai_word(args) && code::split_case_number(args).is_none()
}

/// `รับเรื่อง <เลขเรื่อง>`: the card's รับเรื่อง button, typed.
pub fn typed_acknowledge(ctx: &mut Ctx, args: &str) -> CoreResult {
    typed_card_action(ctx, args, "ack", "complaints.typed_ack_usage")
}

/// `ขอข้อมูลเพิ่ม <เลขเรื่อง> [คำถาม]`: the card's ขอข้อมูลเพิ่ม button, typed.
pub fn typed_ask_filer(ctx: &mut Ctx, args: &str) -> CoreResult {
    typed_card_action(ctx, args, "info", "complaints.typed_info_usage")
}

/// `ส่งต่อ <เลขเรื่อง> [หน่วยงาน]`: the card's ส่งต่อ button, typed.
pub fn typed_forward(ctx: &mut Ctx, args: &str) -> CoreResult {
    typed_card_action(ctx, args, "fwd", "complaints.typed_forward_usage")
}

/// `ปิดเรื่อง <เลขเรื่อง> [ผลการดำเนินการ]`: the card's ปิดเรื่อง button, typed.
pub fn typed_close(ctx: &mut Ctx, args: &str) -> CoreResult {
    typed_card_action(ctx, args, "close", "complaints.typed_close_usage")
}

/// The officer's text after a card button: shown back to check before the case moves, since a
/// line typed there by mistake would otherwise close the case or reach the filer at once.
pub fn on_prompt_answer(ctx: &mut Ctx, mut prompt: Prompt) -> CoreResult {
    let text = match &ctx.event.input {
        crate::core::Input::Text(t) => t.trim().to_string(),
        _ => String::new(),
    };
    let Some(case) = store::load(ctx.conn, prompt.case_id)? else {
        return Ok(());
    };
    if text.is_empty() {
        ctx.start_dialogue(AREA, Box::new(prompt));
        return refuse("complaints.prompt_needs_text", vec![]);
    }
    prompt.typed_in = ctx.written_message_id();
    show_check(ctx, &case, prompt, text);
    Ok(())
}

fn show_check(ctx: &mut Ctx, case: &Case, mut prompt: Prompt, text: String) {
    let (key, send_label) = match prompt.what {
        PromptFor::Question => (
            "complaints.check_question",
            "complaints.button_send_question",
        ),
        PromptFor::Agency => ("complaints.check_agency", "complaints.button_send_forward"),
        PromptFor::Result => ("complaints.check_result", "complaints.button_send_close"),
        PromptFor::Reason => ("complaints.check_reason", "complaints.button_send_dismiss"),
    };
    // The case's kind and the start of its story beside its number, so that a number
    // mistyped for another case's is seen before anything is sent.
    const STORY_SHOWN_CHARS: usize = 40;
    let story: String = case
        .body
        .as_deref()
        .unwrap_or_default()
        .chars()
        .take(STORY_SHOWN_CHARS)
        .collect();
    let about = ctx.t(
        "complaints.check_case",
        &[
            ("case", Arg::from(case.number.format())),
            ("category", Arg::from(ctx.t(&case.category.name_key(), &[]))),
            ("story", Arg::from(story)),
        ],
    );
    let check = ctx.t(
        key,
        &[("case", Arg::Html(about)), ("text", Arg::from(&text))],
    );
    let buttons = ctx.check_buttons(ctx.t(send_label, &[]), &format!("{AREA}:chk"));
    prompt.typed = Some(text);
    ctx.start_dialogue(AREA, Box::new(prompt));
    ctx.reply(OutMessage::text(check).with_buttons(buttons));
}

/// What the officer is about to do to which case, for "… is still pending".
pub fn describe(ctx: &Ctx, prompt: &Prompt) -> String {
    let key = match prompt.what {
        PromptFor::Question => "complaints.pending_officer_question",
        PromptFor::Agency => "complaints.pending_officer_forward",
        PromptFor::Result => "complaints.pending_officer_close",
        PromptFor::Reason => "complaints.pending_officer_dismiss",
    };
    let case = store::load(ctx.conn, prompt.case_id)
        .ok()
        .flatten()
        .map(|case| case.number.format())
        .unwrap_or_default();
    ctx.t(key, &[("case", Arg::from(case))])
}

/// The officer's text shown again to check, or the prompt for it asked again (ทำต่อ after a
/// held command).
pub fn ask_again(ctx: &mut Ctx, mut prompt: Prompt) -> CoreResult {
    let Some(case) = store::load(ctx.conn, prompt.case_id)? else {
        return Ok(());
    };
    match prompt.typed.take() {
        Some(text) => show_check(ctx, &case, prompt, text),
        None => ask_for(ctx, &case, prompt.what),
    }
    Ok(())
}

/// The check's buttons (`chk:<send|edit|cancel>`), pressed by the officer who typed.
pub fn on_check_button(ctx: &mut Ctx, what: &str) -> CoreResult {
    let Some(mut prompt) = ctx.take_dialogue::<Prompt>(AREA) else {
        ctx.answer_button_with("complaints.check_not_yours", &[]);
        return Ok(());
    };
    let Some(case) = store::load(ctx.conn, prompt.case_id)? else {
        return Ok(());
    };
    let target = prompt.what.status();
    let typed_in = prompt.typed_in;
    match (what, prompt.typed.take()) {
        ("cancel", _) => {
            let text = ctx.t(
                "complaints.check_cancelled",
                &[("case", Arg::from(case.number.format()))],
            );
            ctx.reply_text(text);
            Ok(())
        }
        // Another officer may have moved the case meanwhile.
        _ if !case.status.can_become(target) => {
            lifecycle::check_move(ctx, &case, target)?;
            Ok(())
        }
        ("send", Some(text)) => apply_prompted(ctx, &case, prompt.what, &text, typed_in),
        _ => {
            ask_for(ctx, &case, prompt.what);
            Ok(())
        }
    }
}

/// An edit while an officer's text is shown back to check: shown again as edited. Other edits
/// are the filing's business.
pub fn on_dialogue_edit(
    ctx: &mut Ctx,
    dialogue: crate::core::Dialogue,
    message_id: i64,
    text: &str,
) -> CoreResult<Option<crate::core::Dialogue>> {
    let checking = dialogue
        .state
        .downcast_ref::<Prompt>()
        .is_some_and(|prompt| prompt.typed.is_some() && prompt.typed_in == Some(message_id));
    if !checking || text.is_empty() {
        return super::intake::on_edit(ctx, dialogue, message_id, text);
    }
    let prompt = *dialogue
        .state
        .downcast::<Prompt>()
        .expect("a prompt, looked at above");
    let Some(case) = store::load(ctx.conn, prompt.case_id)? else {
        return Ok(None);
    };
    show_check(ctx, &case, prompt, text.to_string());
    Ok(None)
}

/// What a card action does with the officer's text: the question sent to the filer, or the
/// status set with the agency or the result. `typed_in`: the message the text was typed in,
/// when it is acted on later (from the check's button), so that an edit of it is answered.
fn apply_prompted(
    ctx: &mut Ctx,
    case: &Case,
    what: PromptFor,
    text: &str,
    typed_in: Option<i64>,
) -> CoreResult {
    match what {
        PromptFor::Question => {
            let case = apply_status(ctx, case, what.status(), "", None)?;
            send_answer(ctx, &case, text, typed_in, ToFiler::Question)?;
        }
        PromptFor::Agency | PromptFor::Result | PromptFor::Reason => {
            apply_status(ctx, case, what.status(), text, typed_in)?;
        }
    }
    Ok(())
}
