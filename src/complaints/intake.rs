//! Filing a complaint (`/complain`, `ร้องเรียน`) or a service request (`/request`, `คำร้อง`)
//! in a private chat: category → anonymous or named → the account (several messages, photos,
//! documents) → optional place → summary with confirm / edit / cancel.
//!
//! The draft lives only in the core's in-memory dialogue state, and every message to the
//! filer is sent directly (never through the outbox, which would store their chat id).

use super::category::{CONSULT, Category, Kind};
use super::code::{self, CaseNumber};
use super::deadlines;
use super::lifecycle::{self, Actor};
use super::officer_card::post_card;
use super::privacy::{self, LatestDraft, privately, tell, tell_text};
use super::store::{self, FileKind, Filer, NewCase};
use crate::core::{Button, CoreResult, Ctx, Dialogue, Input, OutMessage, refuse};
use crate::i18n::Arg;
use crate::thai::fiscal_year;
use regex::Regex;
use std::sync::LazyLock;

/// Longest account (all messages together) and most files per filing.
const MAX_ACCOUNT_CHARS: usize = 3000;
const MAX_FILES: usize = 10;
const MAX_SHORT_CHARS: usize = 200;
/// A text typed where a button is asked for (the kind of matter, anonymous or named) is
/// taken for the start of the story when it is at least this long, or has this many words:
/// a choice is a word or two.
const STORY_CHARS: usize = 20;
const STORY_WORDS: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Category,
    Identity,
    Contact,
    Account,
    Place,
    Summary,
}

pub struct Draft {
    kind: Kind,
    step: Step,
    category: Option<Category>,
    anonymous: bool,
    contact: Option<String>,
    texts: Vec<String>,
    files: Vec<(FileKind, String)>,
    place: Option<String>,
    /// Editing one part from the summary: go back to the summary after it.
    reviewing: bool,
    /// The filer's typed messages and what each gave, so that editing one replaces that
    /// text ([`on_edit`]). In memory only, like the whole draft.
    typed_messages: Vec<(i64, Typed)>,
}

/// What a typed message gave a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typed {
    /// The text at this index of the account.
    Account(usize),
    Contact,
    Place,
}

/// Drops a file the filer took back from their draft, if it is there.
pub fn withdraw_from_draft(ctx: &mut Ctx, file_id: &str) -> bool {
    let key = (ctx.event.chat.id, ctx.event.actor.user_id);
    let Some(draft) = ctx
        .memory
        .dialogues
        .get_mut(&key)
        .and_then(|d| d.state.downcast_mut::<Draft>())
    else {
        return false;
    };
    let before = draft.files.len();
    draft.files.retain(|(_, kept)| kept != file_id);
    draft.files.len() < before
}

impl Draft {
    /// Notes that the message being handled gave `typed`.
    fn note_typed(&mut self, ctx: &Ctx, typed: Typed) {
        if let Some(message_id) = ctx.event.message_id {
            self.typed_messages.push((message_id, typed));
        }
    }

    fn account_chars(&self) -> usize {
        self.texts.iter().map(|t| t.chars().count()).sum()
    }

    /// Adds `text` to the account, noting the message that gave it.
    fn push_text(&mut self, ctx: &Ctx, text: String) {
        let typed = Typed::Account(self.texts.len());
        self.note_typed(ctx, typed);
        self.texts.push(text);
    }
}

pub fn complain(ctx: &mut Ctx, args: &str) -> CoreResult {
    start(ctx, Kind::Complaint, args)
}

pub fn request(ctx: &mut Ctx, args: &str) -> CoreResult {
    start(ctx, Kind::Request, args)
}

/// Begins a filing; a story typed with the command (`ร้องเรียน ครูตีนักเรียนจนเป็นรอย…`) is kept
/// as the start of the account, as one typed where a choice is asked ([`keep_early_story`]).
fn start(ctx: &mut Ctx, kind: Kind, args: &str) -> CoreResult {
    if !ctx.is_private() {
        return point_to_private_chat(ctx, kind);
    }
    privately(ctx, |ctx| {
        let user = ctx.event.actor.user_id;
        let now = ctx.now;
        if !privacy::memory(ctx).may_file(user, now) {
            return refuse("complaints.flood", vec![]);
        }
        privacy::memory(ctx).record_draft(user, LatestDraft::Unsent, now);
        let mut draft = Draft {
            kind,
            step: Step::Category,
            category: None,
            anonymous: kind.anonymous_by_default(),
            contact: None,
            texts: Vec::new(),
            files: Vec::new(),
            place: None,
            reviewing: false,
            typed_messages: Vec::new(),
        };
        let intro = match kind {
            Kind::Complaint => "complaints.intro_complaint",
            Kind::Request => "complaints.intro_request",
        };
        let mut intro = ctx.t(intro, &[]);
        let story = args.trim();
        // `ร้องเรียน ครู`: the kind of matter, named with the command; anything else typed
        // with it is the start of the story, however short (`ร้องเรียน ครูตีลูก`).
        if let Some(data) = typed_choice(ctx, draft.kind, draft.step, story)
            && let Some(category) = data.strip_prefix("cat:").and_then(Category::from_code)
        {
            draft.category = Some(category);
            let chosen = ctx.t(
                "complaints.category_chosen",
                &[("category", Arg::from(ctx.t(&category.name_key(), &[])))],
            );
            ask_identity_after(ctx, draft, Some(format!("{intro}\n\n{chosen}")));
            return Ok(());
        }
        if !story.is_empty() {
            let kept = keep_story(ctx, &mut draft, story);
            intro = format!("{intro}\n\n{kept}");
        }
        ask_category(ctx, draft, Some(intro));
        Ok(())
    })
}

/// In a group: no details here; a button opens the private chat (`?start=complain`) where
/// the messenger has such a link, else the text says how to get there (LINE).
fn point_to_private_chat(ctx: &mut Ctx, kind: Kind) -> CoreResult {
    let command = Arg::from(ctx.command_word(kind.command_name()));
    let message = match ctx.private_chat_link(kind.command_name()) {
        Some(url) => {
            let text = ctx.t("complaints.group_warning", &[("command", command)]);
            OutMessage::text(text).with_buttons(vec![vec![Button::Url {
                label: ctx.t("complaints.open_private_chat", &[]),
                url,
            }]])
        }
        None => {
            OutMessage::text(ctx.t("complaints.group_warning_no_link", &[("command", command)]))
        }
    };
    ctx.reply(message);
    Ok(())
}

fn keep(ctx: &mut Ctx, draft: Draft) {
    ctx.start_dialogue(super::AREA, Box::new(draft));
}

fn ask_category(ctx: &mut Ctx, mut draft: Draft, intro: Option<String>) {
    draft.step = Step::Category;
    let mut rows: Vec<Vec<Button>> = draft
        .kind
        .categories()
        .iter()
        .map(|c| {
            vec![Button::Callback {
                label: ctx.t(&c.name_key(), &[]),
                data: format!("complaints:cat:{}", c.code),
            }]
        })
        .collect();
    rows.push(vec![
        ctx.button("complaints.button_cancel", "complaints:cancel"),
    ]);
    let mut text = ctx.t("complaints.ask_category", &[]);
    if let Some(intro) = intro {
        text = format!("{intro}\n\n{text}");
    }
    tell(ctx, OutMessage::text(text).with_buttons(rows));
    keep(ctx, draft);
}

fn ask_identity(ctx: &mut Ctx, draft: Draft) {
    ask_identity_after(ctx, draft, None);
}

fn ask_identity_after(ctx: &mut Ctx, mut draft: Draft, intro: Option<String>) {
    draft.step = Step::Identity;
    let anonymous = ctx.button("complaints.button_anonymous", "complaints:id:anon");
    let named = ctx.button("complaints.button_named", "complaints:id:named");
    let rows = if draft.kind.anonymous_by_default() {
        vec![vec![anonymous], vec![named]]
    } else {
        vec![vec![named], vec![anonymous]]
    };
    let mut text = ctx.t("complaints.ask_identity", &[("messenger", ctx.messenger())]);
    if let Some(intro) = intro {
        text = format!("{intro}\n\n{text}");
    }
    tell(ctx, OutMessage::text(text).with_buttons(rows));
    keep(ctx, draft);
}

fn ask_contact(ctx: &mut Ctx, mut draft: Draft) {
    draft.step = Step::Contact;
    tell_text(ctx, "complaints.ask_contact", &[]);
    keep(ctx, draft);
}

/// Asks for the story; one typed before the filer had chosen (the kind of matter, anonymous
/// or named) is already the account: shown back, to be completed or typed again.
fn ask_account(ctx: &mut Ctx, mut draft: Draft) {
    draft.step = Step::Account;
    let max = ("max", Arg::from(MAX_ACCOUNT_CHARS));
    if draft.texts.is_empty() {
        let text = ctx.t("complaints.ask_account", &[max]);
        tell(ctx, OutMessage::text(text));
    } else {
        let text = ctx.t(
            "complaints.account_typed_earlier",
            &[("account", Arg::from(draft.texts.join("\n"))), max],
        );
        let rows = vec![
            vec![ctx.button("complaints.button_account_done", "complaints:account_done")],
            vec![ctx.button(
                "complaints.button_account_retype",
                "complaints:account_retype",
            )],
        ];
        tell(ctx, OutMessage::text(text).with_buttons(rows));
    }
    keep(ctx, draft);
}

/// Whether `text`, typed where a choice is asked for, is the filer's story rather than a
/// choice in words or a question about the step.
fn is_story(text: &str) -> bool {
    letters(text) >= STORY_CHARS || text.split_whitespace().count() >= STORY_WORDS
}

/// How many characters `text` has, spaces aside.
fn letters(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A line typed where the name and contact are asked that is longer than a name and gives no
/// way to reach its writer ("ผอ.เรียกเก็บเงินค่าแต่งตั้งครูอัตราจ้าง คนละ 5000"): the story.
fn is_a_story_not_a_contact(text: &str) -> bool {
    const LONGER_THAN_A_NAME: usize = 30;
    letters(text) >= LONGER_THAN_A_NAME && !names_a_way_to_reach(text)
}

/// A line typed where the school or place is asked that is longer than a place's name, its
/// district and province with it ("โรงเรียนบ้านควนขนุน หมู่ 3 ตำบลควนขนุน อำเภอเขาชัยสน
/// จังหวัดพัทลุง" is 55 letters): more of the story.
fn is_a_story_not_a_place(text: &str) -> bool {
    const LONGER_THAN_A_PLACE: usize = 80;
    letters(text) >= LONGER_THAN_A_PLACE
}

/// Whether `text` gives a way to reach its writer: a phone number (nine digits or more, Thai
/// digits too, whatever separates them), an e-mail address, or a LINE id.
fn names_a_way_to_reach(text: &str) -> bool {
    let digits = crate::thai::normalize_digits(text)
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    digits >= 9
        || text.split_whitespace().any(|word| {
            word.split_once('@')
                .is_some_and(|(name, host)| !name.is_empty() && host.contains('.'))
                || introduces_an_id(word)
        })
}

/// A word that begins with ไลน์, line, ไอดี or id, the word itself ending there or running on
/// in another script ("ไลน์", "ID:", "ไลน์somchai99"): not ออนไลน์, kid, idea.
fn introduces_an_id(word: &str) -> bool {
    let word = word.to_lowercase();
    ["ไลน์", "line", "ไอดี", "id"].iter().any(|marker| {
        word.strip_prefix(marker).is_some_and(|rest| {
            rest.chars().next().is_none_or(|next| {
                if marker.chars().all(crate::thai::is_thai_letter) {
                    !crate::thai::is_thai_letter(next)
                } else {
                    !next.is_ascii_alphabetic()
                }
            })
        })
    })
}

/// The story typed before a choice: kept as the account (in memory, like the whole draft),
/// and the choice asked again with a word that the story need not be typed again.
fn keep_early_story(ctx: &mut Ctx, mut draft: Draft, text: String) {
    let kept = keep_story(ctx, &mut draft, &text);
    match draft.step {
        Step::Category => ask_category(ctx, draft, Some(kept)),
        _ => ask_identity_after(ctx, draft, Some(kept)),
    }
}

/// Adds a story typed before the account step to the account, as far as it has room; the
/// notice that says so (or that the account is full).
fn keep_story(ctx: &Ctx, draft: &mut Draft, text: &str) -> String {
    let room = MAX_ACCOUNT_CHARS.saturating_sub(draft.account_chars());
    if room == 0 {
        return ctx.t(
            "complaints.story_full",
            &[("max", Arg::from(MAX_ACCOUNT_CHARS))],
        );
    }
    draft.push_text(ctx, truncate(text, room));
    ctx.t("complaints.story_kept", &[])
}

fn clear_account(draft: &mut Draft) {
    draft.texts.clear();
    draft
        .typed_messages
        .retain(|(_, typed)| !matches!(typed, Typed::Account(_)));
    draft.files.clear();
}

fn ask_place(ctx: &mut Ctx, draft: Draft) {
    ask_place_after(ctx, draft, None);
}

fn ask_place_after(ctx: &mut Ctx, mut draft: Draft, intro: Option<String>) {
    draft.step = Step::Place;
    let mut text = ctx.t("complaints.ask_place", &[]);
    if let Some(intro) = intro {
        text = format!("{intro}\n\n{text}");
    }
    let skip = ctx.button("complaints.button_skip", "complaints:place:skip");
    tell(ctx, OutMessage::text(text).with_buttons(vec![vec![skip]]));
    keep(ctx, draft);
}

fn show_summary(ctx: &mut Ctx, mut draft: Draft) {
    draft.step = Step::Summary;
    draft.reviewing = false;
    let category = draft
        .category
        .map(|c| ctx.t(&c.name_key(), &[]))
        .unwrap_or_default();
    let identity = if draft.anonymous {
        ctx.t("complaints.summary_anonymous", &[])
    } else {
        ctx.t(
            "complaints.summary_named",
            &[(
                "contact",
                Arg::from(draft.contact.clone().unwrap_or_default()),
            )],
        )
    };
    let place = draft
        .place
        .clone()
        .unwrap_or_else(|| ctx.t("complaints.summary_no_place", &[]));
    let text = ctx.t(
        "complaints.summary",
        &[
            ("kind", Arg::from(ctx.t(draft.kind.name_key(), &[]))),
            ("category", Arg::from(category)),
            ("identity", Arg::from(identity)),
            ("account", Arg::from(draft.texts.join("\n"))),
            ("files", Arg::from(draft.files.len())),
            ("place", Arg::from(place)),
        ],
    );
    let rows = vec![
        vec![ctx.button("complaints.button_confirm", "complaints:confirm")],
        vec![
            ctx.button("complaints.button_edit", "complaints:edit"),
            ctx.button("complaints.button_cancel", "complaints:cancel"),
        ],
    ];
    tell(ctx, OutMessage::text(text).with_buttons(rows));
    keep(ctx, draft);
}

/// The step the filing waits on asked again, with its buttons (ทำต่อ after a held command).
pub fn ask_again(ctx: &mut Ctx, draft: Draft) {
    match draft.step {
        Step::Category => ask_category(ctx, draft, None),
        Step::Identity => ask_identity(ctx, draft),
        Step::Contact => ask_contact(ctx, draft),
        Step::Account => ask_account(ctx, draft),
        Step::Place => ask_place(ctx, draft),
        Step::Summary => show_summary(ctx, draft),
    }
}

/// After a part is done: the next step, or back to the summary when editing.
fn after(ctx: &mut Ctx, draft: Draft, next: fn(&mut Ctx, Draft)) {
    if draft.reviewing {
        show_summary(ctx, draft);
    } else {
        next(ctx, draft);
    }
}

/// Whether the dialogue waits for a filing's story, which takes photos and files too.
pub fn takes_files(dialogue: &Dialogue) -> bool {
    dialogue
        .state
        .downcast_ref::<Draft>()
        .is_some_and(|draft| draft.step == Step::Account)
}

/// A message while a draft waits: text, photo or document.
pub fn on_message(ctx: &mut Ctx, draft: Draft) -> CoreResult {
    privately(ctx, |ctx| {
        let input = ctx.event.input.clone();
        let text = match &input {
            Input::Text(t) => t.trim().to_string(),
            Input::Photo { caption, .. } => caption.clone().unwrap_or_default(),
            Input::Document(d) => d.caption.clone().unwrap_or_default(),
            _ => String::new(),
        };
        let file = match input {
            Input::Photo { file_id, .. } => Some((FileKind::Photo, file_id)),
            Input::Document(d) => Some((FileKind::Document, d.file_id)),
            _ => None,
        };
        match draft.step {
            // `ส่ง`, `ครบแล้วค่ะ`: the finish button said in words, once something was told.
            Step::Account
                if file.is_none()
                    && (!draft.texts.is_empty() || !draft.files.is_empty())
                    && (is_finish_word(&text)
                        || typed_choice(ctx, draft.kind, draft.step, &text).is_some()) =>
            {
                on_draft_button(ctx, draft, "account_done")
            }
            Step::Account => add_to_account(ctx, draft, text, file),
            // `ข้ามครับ`, `ไม่มี`: a named filing needs the name; asked again, saying so.
            Step::Contact if file.is_none() && is_skip(&text) => {
                tell_text(ctx, "complaints.expect_contact", &[]);
                keep(ctx, draft);
                Ok(())
            }
            // The story typed where the name and contact are asked: the story, kept as the
            // account, and the contact asked again (it was saved as the filer's contact).
            Step::Contact if file.is_none() && is_a_story_not_a_contact(&text) => {
                let mut draft = draft;
                let kept = keep_story(ctx, &mut draft, &text);
                let again = ctx.t("complaints.ask_contact", &[]);
                tell_text(
                    ctx,
                    "complaints.story_then",
                    &[("kept", Arg::from(kept)), ("next", Arg::from(again))],
                );
                keep(ctx, draft);
                Ok(())
            }
            Step::Contact if file.is_none() && !text.is_empty() => {
                let mut draft = draft;
                let contact = crate::thai::without_polite_ending(&text);
                draft.contact = Some(truncate(contact, MAX_SHORT_CHARS));
                draft.note_typed(ctx, Typed::Contact);
                after(ctx, draft, ask_account);
                Ok(())
            }
            // More of the story typed where the place is asked: added to the account, and the
            // place asked again (it was saved as the place, cut short).
            Step::Place if file.is_none() && is_a_story_not_a_place(&text) => {
                let mut draft = draft;
                let kept = keep_story(ctx, &mut draft, &text);
                ask_place_after(ctx, draft, Some(kept));
                Ok(())
            }
            // The skip button said in words.
            Step::Place if file.is_none() && !text.is_empty() && is_skip(&text) => {
                let mut draft = draft;
                draft.place = None;
                show_summary(ctx, draft);
                Ok(())
            }
            Step::Place if file.is_none() && !text.is_empty() => {
                let mut draft = draft;
                let place = crate::thai::without_polite_ending(&text);
                draft.place = Some(truncate(place, MAX_SHORT_CHARS));
                draft.note_typed(ctx, Typed::Place);
                show_summary(ctx, draft);
                Ok(())
            }
            // `ส่งค่ะ`, `ยืนยัน`: the confirm button said in words.
            Step::Summary if file.is_none() && is_send_word(&text) => {
                on_draft_button(ctx, draft, "confirm")
            }
            Step::Category | Step::Identity | Step::Summary
                if file.is_none()
                    && let Some(data) = typed_choice(ctx, draft.kind, draft.step, &text) =>
            {
                on_draft_button(ctx, draft, &data)
            }
            Step::Identity
                if file.is_none()
                    && let Some(data) = identity_said(&text) =>
            {
                on_draft_button(ctx, draft, data)
            }
            Step::Category | Step::Identity
                if file.is_none()
                    && !draft.reviewing
                    && is_story(&text)
                    && !answers_another_step(ctx, draft.kind, &text) =>
            {
                keep_early_story(ctx, draft, text);
                Ok(())
            }
            _ => {
                // Something other than what the step asks for: say what is expected.
                let key = match draft.step {
                    Step::Contact => "complaints.expect_contact",
                    Step::Place => "complaints.expect_place",
                    _ => "complaints.expect_button",
                };
                tell_text(ctx, key, &[]);
                keep(ctx, draft);
                Ok(())
            }
        }
    })
}

/// A line that says the account is complete rather than adds to it: a word people use for
/// the button (its label typed is a [`typed_choice`]).
fn is_finish_word(text: &str) -> bool {
    matches!(
        crate::thai::without_polite_ending(text).trim(),
        "ส่ง" | "ส่งเลย"
            | "ส่งได้เลย"
            | "ครบแล้ว"
            | "ครบ"
            | "เสร็จแล้ว"
            | "พอแล้ว"
            | "แค่นี้"
            | "done"
            | "send"
    )
}

/// A line that says to send the filing as the check shows it: a word people use for the
/// confirm button (its label typed is a [`typed_choice`]).
fn is_send_word(text: &str) -> bool {
    matches!(
        crate::thai::without_polite_ending(text)
            .trim()
            .to_lowercase()
            .as_str(),
        "ส่ง" | "ส่งเลย"
            | "ส่งได้เลย"
            | "ส่งเรื่อง"
            | "ยืนยัน"
            | "ยืนยันส่ง"
            | "ยืนยันการส่ง"
            | "send"
            | "confirm"
    )
}

/// Whether `text` is a word of another step's buttons or the words people use for them
/// (`ส่งรายละเอียดครบแล้ว`, `ยืนยันส่ง`, `ข้าม`), typed where a choice is asked: a press at the
/// wrong step, not the story.
fn answers_another_step(ctx: &Ctx, kind: Kind, text: &str) -> bool {
    is_finish_word(text)
        || is_send_word(text)
        || is_skip(text)
        || [Step::Category, Step::Identity, Step::Account, Step::Summary]
            .into_iter()
            .any(|step| typed_choice(ctx, kind, step, text).is_some())
}

/// A line that skips a step rather than answers it.
fn is_skip(text: &str) -> bool {
    crate::thai::without_polite_ending(text).is_empty() || crate::thai::is_skip_word(text)
}

/// Whether `line`, typed while a filing waits, names one of the choices its step asks for
/// (the kind of matter, anonymous or named, send or edit) as the step's buttons read: the
/// step's answer even where it is also a command's word (`แจ้งเบาะแส`). At the account step,
/// which asks for the story, a command's word stays a command.
pub fn names_a_choice(ctx: &Ctx, dialogue: &Dialogue, line: &str) -> bool {
    dialogue.state.downcast_ref::<Draft>().is_some_and(|draft| {
        matches!(draft.step, Step::Category | Step::Identity | Step::Summary)
            && typed_choice(ctx, draft.kind, draft.step, line).is_some()
    })
}

/// A choice typed as its button reads (`ไม่ระบุตัวตนค่ะ`, `แจ้งเบาะแส`): the button's data,
/// as if it were pressed. Spaces, marks, emoji and the polite ending do not count, nor a
/// leading `แบบ` (`แบบไม่ระบุตัวตน`).
fn typed_choice(ctx: &Ctx, kind: Kind, step: Step, text: &str) -> Option<String> {
    let comparable = |text: &str| -> String {
        text.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let typed = comparable(crate::thai::without_polite_ending(text));
    let typed = typed.strip_prefix("แบบ").unwrap_or(&typed).to_string();
    let choices: Vec<(String, String)> = match step {
        Step::Category => kind
            .categories()
            .iter()
            .flat_map(|c| {
                let mut labels = vec![ctx.t(&c.name_key(), &[])];
                labels.extend(
                    ctx.t(&c.words_key(), &[])
                        .split_whitespace()
                        .map(str::to_string),
                );
                labels
                    .into_iter()
                    .map(|label| (label, format!("cat:{}", c.code)))
            })
            .collect(),
        Step::Identity => vec![
            (ctx.t("complaints.button_anonymous", &[]), "id:anon".into()),
            (ctx.t("complaints.button_named", &[]), "id:named".into()),
        ],
        Step::Account => vec![(
            ctx.t("complaints.button_account_done", &[]),
            "account_done".into(),
        )],
        Step::Summary => vec![
            (ctx.t("complaints.button_confirm", &[]), "confirm".into()),
            (ctx.t("complaints.button_edit", &[]), "edit".into()),
        ],
        _ => Vec::new(),
    };
    choices
        .into_iter()
        .find(|(label, _)| !typed.is_empty() && comparable(label) == typed)
        .map(|(_, data)| data)
}

/// The identity step's choice said the everyday way, in a short line (a longer one is the
/// story): not giving one's name or who one is ("ไม่อยากบอกชื่อค่ะ", "ไม่ประสงค์ออกนาม",
/// "ไม่อยากให้รู้ว่าเป็นใคร") is the anonymous button; giving it ("บอกชื่อได้ค่ะ", "ระบุชื่อครับ")
/// the named one.
fn identity_said(text: &str) -> Option<&'static str> {
    /// Longer than this, a line is the story, whatever it says of the name.
    const LONGER_THAN_A_CHOICE: usize = 40;
    static ANONYMOUS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            "ไม่ประสงค์ออกนาม|นิรนาม|(?i:anonymous)|ไม่(?:อยาก|ต้องการ|ขอ)?(?:บอก|ระบุ|เปิดเผย|แจ้ง|ให้(?:ใคร|เขา|ครู)?รู้)\
             (?:ชื่อ|ตัวตน|ว่า(?:เป็น)?(?:ใคร|ผม|ฉัน|หนู|เรา|ดิฉัน|แม่|พ่อ))",
        )
        .expect("a valid pattern")
    });
    static NAMED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("(?:บอก|ระบุ|เปิดเผย)(?:ชื่อ|ตัวตน)").expect("a valid pattern"));
    let line: String = text.split_whitespace().collect();
    if letters(&line) > LONGER_THAN_A_CHOICE {
        return None;
    }
    if ANONYMOUS.is_match(&line) {
        Some("id:anon")
    } else if NAMED.is_match(&line) && !line.contains("ไม่") {
        Some("id:named")
    } else {
        None
    }
}

fn truncate(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

fn add_to_account(
    ctx: &mut Ctx,
    mut draft: Draft,
    text: String,
    file: Option<(FileKind, String)>,
) -> CoreResult {
    if !text.is_empty() {
        if draft.account_chars() + text.chars().count() > MAX_ACCOUNT_CHARS {
            tell_text(
                ctx,
                "complaints.account_too_long",
                &[("max", Arg::from(MAX_ACCOUNT_CHARS))],
            );
            keep(ctx, draft);
            return Ok(());
        }
        draft.push_text(ctx, text);
    }
    if let Some(file) = file {
        if draft.files.len() >= MAX_FILES {
            tell_text(
                ctx,
                "complaints.too_many_files",
                &[("max", Arg::from(MAX_FILES))],
            );
            keep(ctx, draft);
            return Ok(());
        }
        draft.files.push(file);
    }
    let text = ctx.t(
        "complaints.account_received",
        &[
            ("messages", Arg::from(draft.texts.len())),
            ("files", Arg::from(draft.files.len())),
        ],
    );
    let done = ctx.button("complaints.button_account_done", "complaints:account_done");
    tell(ctx, OutMessage::text(text).with_buttons(vec![vec![done]]));
    keep(ctx, draft);
    Ok(())
}

/// The filer edited their message `message_id` while filing: when it gave a text of the
/// account, the contact or the place, the new text replaces it and the filing goes on where
/// it was, the summary shown again if that is where it stood. Said directly, like every
/// step: nothing is stored for it. An empty text, or one that would make the account too
/// long, is not taken (the filer is told to send it as a new message instead).
pub fn on_edit(
    ctx: &mut Ctx,
    dialogue: crate::core::Dialogue,
    message_id: i64,
    text: &str,
) -> CoreResult<Option<crate::core::Dialogue>> {
    let typed = dialogue.state.downcast_ref::<Draft>().and_then(|draft| {
        let (_, typed) = draft
            .typed_messages
            .iter()
            .find(|(id, _)| *id == message_id)?;
        let fits = match typed {
            Typed::Account(index) => {
                let others = draft.account_chars() - draft.texts.get(*index)?.chars().count();
                others + text.chars().count() <= MAX_ACCOUNT_CHARS
            }
            Typed::Contact | Typed::Place => true,
        };
        (fits && !text.is_empty()).then_some(*typed)
    });
    let Some(typed) = typed else {
        return Ok(Some(dialogue));
    };
    let mut draft = *dialogue
        .state
        .downcast::<Draft>()
        .expect("a draft, looked at above");
    match typed {
        Typed::Account(index) => draft.texts[index] = text.to_string(),
        Typed::Contact => draft.contact = Some(truncate(text, MAX_SHORT_CHARS)),
        Typed::Place => draft.place = Some(truncate(text, MAX_SHORT_CHARS)),
    }
    if draft.step == Step::Summary {
        show_summary(ctx, draft);
    } else {
        keep(ctx, draft);
    }
    Ok(None)
}

/// Buttons of the filing flow (`complaints:cat:…`, `complaints:id:…`, …).
pub fn on_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    privately(ctx, |ctx| {
        let Some(draft) = ctx.take_dialogue::<Draft>(super::AREA) else {
            draft_over(ctx);
            return Ok(());
        };
        on_draft_button(ctx, draft, data)
    })
}

/// A button of a draft that is no longer open: whether the person's latest draft was sent,
/// as far as memory tells (a press twice on send, or on a check that timed out); after a
/// restart both are possible, and the answer says what to do in each case. Nothing stored
/// links the chat to a case, so nothing else could tell.
fn draft_over(ctx: &mut Ctx) {
    let (user, now) = (ctx.event.actor.user_id, ctx.now);
    let key = match privacy::memory(ctx).latest_draft(user, now) {
        Some(LatestDraft::Sent) => "complaints.draft_sent",
        Some(LatestDraft::Unsent) => "complaints.draft_unsent",
        None => "complaints.draft_gone",
    };
    tell_text(ctx, key, &[]);
}

fn on_draft_button(ctx: &mut Ctx, mut draft: Draft, data: &str) -> CoreResult {
    match (draft.step, data.split_once(':').unwrap_or((data, ""))) {
        (_, ("cancel", _)) => {
            tell_text(ctx, "complaints.cancelled", &[]);
            Ok(())
        }
        (Step::Category, ("cat", code)) => {
            match Category::from_code(code).filter(|c| c.kind == draft.kind) {
                Some(category) => {
                    draft.category = Some(category);
                    after(ctx, draft, ask_identity);
                }
                None => ask_category(ctx, draft, None),
            }
            Ok(())
        }
        (Step::Identity, ("id", "anon")) => {
            draft.anonymous = true;
            draft.contact = None;
            after(ctx, draft, ask_account);
            Ok(())
        }
        (Step::Identity, ("id", "named")) => {
            draft.anonymous = false;
            ask_contact(ctx, draft);
            Ok(())
        }
        (Step::Account, ("account_retype", _)) => {
            clear_account(&mut draft);
            ask_account(ctx, draft);
            Ok(())
        }
        (Step::Account, ("account_done", _)) => {
            if draft.texts.is_empty() {
                tell_text(ctx, "complaints.account_empty", &[]);
                keep(ctx, draft);
            } else {
                after(ctx, draft, ask_place);
            }
            Ok(())
        }
        (Step::Place, ("place", "skip")) => {
            draft.place = None;
            show_summary(ctx, draft);
            Ok(())
        }
        (Step::Summary, ("edit", "")) => {
            let text = ctx.t("complaints.ask_edit", &[]);
            let rows = vec![
                vec![
                    ctx.button(
                        "complaints.button_edit_category",
                        "complaints:edit:category",
                    ),
                    ctx.button(
                        "complaints.button_edit_identity",
                        "complaints:edit:identity",
                    ),
                ],
                vec![
                    ctx.button("complaints.button_edit_account", "complaints:edit:account"),
                    ctx.button("complaints.button_edit_place", "complaints:edit:place"),
                ],
            ];
            tell(ctx, OutMessage::text(text).with_buttons(rows));
            keep(ctx, draft);
            Ok(())
        }
        (Step::Summary, ("edit", part)) => {
            draft.reviewing = true;
            match part {
                "category" => ask_category(ctx, draft, None),
                "identity" => ask_identity(ctx, draft),
                "account" => {
                    clear_account(&mut draft);
                    ask_account(ctx, draft);
                }
                _ => ask_place(ctx, draft),
            }
            Ok(())
        }
        (Step::Summary, ("confirm", _)) => match draft.category {
            Some(category) => {
                file_case(ctx, draft, category)?;
                let (user, now) = (ctx.event.actor.user_id, ctx.now);
                privacy::memory(ctx).record_draft(user, LatestDraft::Sent, now);
                Ok(())
            }
            None => {
                ask_category(ctx, draft, None);
                Ok(())
            }
        },
        _ => {
            // A button from an earlier message: keep the draft where it is.
            tell_text(ctx, "complaints.expect_current_step", &[]);
            keep(ctx, draft);
            Ok(())
        }
    }
}

/// A question the Q&A knowledge base could not answer, filed by the person who asked it
/// (the `ส่งคำถามถึงเจ้าหน้าที่` button) as a named request for consultation, answered in the
/// chat where it was asked. Returns the case's id.
pub fn file_question(ctx: &mut Ctx, question: &str) -> CoreResult<i64> {
    let actor = &ctx.event.actor;
    let name = match &actor.username {
        Some(username) => format!("{} (@{username})", actor.name),
        None => actor.name.clone(),
    };
    let draft = Draft {
        kind: Kind::Request,
        step: Step::Summary,
        category: Some(CONSULT),
        anonymous: false,
        contact: Some(truncate(&name, MAX_SHORT_CHARS)),
        texts: vec![truncate(question, MAX_ACCOUNT_CHARS)],
        files: Vec::new(),
        place: None,
        reviewing: false,
        typed_messages: Vec::new(),
    };
    file_case(ctx, draft, CONSULT)
}

/// Stores the case, posts its card to the officers and tells the filer; returns its id.
fn file_case(ctx: &mut Ctx, draft: Draft, category: Category) -> CoreResult<i64> {
    let user = ctx.event.actor.user_id;
    let now = ctx.now;
    if !privacy::memory(ctx).may_file(user, now) {
        return refuse("complaints.flood", vec![]);
    }
    let today = ctx.today();
    let fiscal = fiscal_year(today);
    let number: CaseNumber = store::next_number(ctx.conn, draft.kind, fiscal)?;
    let (ack_due, result_due) = deadlines::due_dates(ctx.conn, today)?;
    let code = if draft.anonymous {
        match code::generate() {
            Ok(code) => Some(code),
            Err(e) => {
                log::error!("complaints: cannot make a tracking code: {e:?}");
                return refuse("core.internal_error", vec![]);
            }
        }
    } else {
        None
    };
    let filer = match &code {
        Some(code) => Filer::Anonymous { code },
        None => Filer::Named {
            user_id: user,
            chat_id: ctx.event.chat.id,
            contact: draft.contact.as_deref(),
        },
    };
    let body = draft.texts.join("\n");
    let case_id = store::insert_case(
        ctx.conn,
        &NewCase {
            kind: draft.kind,
            number,
            category,
            filer,
            place: draft.place.as_deref(),
            body: &body,
            filed_on: today,
            ack_due,
            result_due,
        },
    )?;
    for (kind, file_id) in &draft.files {
        store::add_attachment(ctx.conn, case_id, *kind, file_id)?;
    }
    let case = store::load(ctx.conn, case_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    lifecycle::record(ctx, &case, Actor::Filer, "filed", None, "")?;
    let files = store::attachments(ctx.conn, case_id)?;
    post_card(ctx, &case, files)?;
    privacy::memory(ctx).record_filing(user, now);
    let args = [
        ("case", Arg::from(number.format())),
        ("ack", Arg::Date(ack_due)),
        ("result", Arg::Date(result_due)),
    ];
    match code {
        Some(code) => {
            let mut args = args.to_vec();
            args.push(("code", Arg::from(code::display(&code.digits))));
            args.push(("messenger", ctx.messenger()));
            tell_text(ctx, "complaints.filed_anonymous", &args);
        }
        None => tell_text(ctx, "complaints.filed_named", &args),
    }
    Ok(case_id)
}
