//! Questions the knowledge base cannot answer: sent to the staff group on the asker's
//! request (`ส่งคำถามถึงเจ้าหน้าที่`), answered by staff (`ตอบคำถาม <id> <คำตอบ>` or a button
//! and a short dialogue), delivered back to the asker, and saved as a new entry with one
//! button. `คำถามที่ยังไม่มีคำตอบ` lists what people asked that nothing answers yet.
//!
//! The staff see the question's text only. The asker's chat id is kept for one purpose, to
//! deliver the answer, and is erased once the answer has been sent.

use rusqlite::{OptionalExtension, params};

use crate::core::{CoreResult, Ctx, Dialogue, Input, OutMessage, Persist, Role, refuse};
use crate::i18n::{Arg, Lang};
use crate::thai::format_date;

use super::index;
use super::manage::{self, DEFAULT_TOPIC, MAX_ANSWER_CHARS, split_id};
use super::render;
use super::store::timestamp;

/// Questions one chat may have waiting for staff at once: enough for real use, not enough to
/// flood the staff group.
const MAX_OPEN_PER_CHAT: i64 = 5;
/// Distinct unanswered questions shown by `คำถามที่ยังไม่มีคำตอบ`, most asked first.
const UNANSWERED_SHOWN: usize = 30;
/// A logged question is cut to this length in the list.
const UNANSWERED_CHARS: usize = 200;

struct Escalation {
    id: i64,
    question: String,
    asker_chat_id: Option<i64>,
    asker_lang: Lang,
    answer: Option<String>,
    saved_entry_id: Option<i64>,
}

fn escalation(ctx: &Ctx, id: i64) -> rusqlite::Result<Option<Escalation>> {
    ctx.conn
        .prepare_cached(
            "SELECT id, question, asker_chat_id, asker_lang, answer, saved_entry_id
             FROM faq_escalations WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok(Escalation {
                id: r.get(0)?,
                question: r.get(1)?,
                asker_chat_id: r.get(2)?,
                asker_lang: Lang::from_code(&r.get::<_, String>(3)?).unwrap_or(Lang::Th),
                answer: r.get(4)?,
                saved_entry_id: r.get(5)?,
            })
        })
        .optional()
}

/// The asker pressed `ส่งคำถามถึงเจ้าหน้าที่` under a "not sure" reply to the logged question
/// `unanswered_id`.
pub fn escalate(ctx: &mut Ctx, unanswered_id: i64) -> CoreResult {
    let question: Option<String> = ctx
        .conn
        .prepare_cached("SELECT text FROM faq_unanswered WHERE id = ?1")?
        .query_row([unanswered_id], |r| r.get(0))
        .optional()?;
    let Some(question) = question else {
        let text = ctx.t("core.button_expired", &[]);
        ctx.answer_button(Some(text));
        return Ok(());
    };
    let already: Option<i64> = ctx
        .conn
        .prepare_cached("SELECT id FROM faq_escalations WHERE unanswered_id = ?1")?
        .query_row([unanswered_id], |r| r.get(0))
        .optional()?;
    if let Some(id) = already {
        let text = ctx.t("faq.escalated_already", &[("id", Arg::from(id))]);
        ctx.answer_button(Some(text));
        return Ok(());
    }
    let chat_id = ctx.event.chat.id;
    let open: i64 = ctx
        .conn
        .prepare_cached(
            "SELECT count(*) FROM faq_escalations WHERE asker_chat_id = ?1 AND answer IS NULL",
        )?
        .query_row([chat_id], |r| r.get(0))?;
    if open >= MAX_OPEN_PER_CHAT {
        return refuse(
            "faq.escalation_limit",
            vec![("max", Arg::from(MAX_OPEN_PER_CHAT))],
        );
    }
    if ctx.group_of(Role::Staff)?.is_none() {
        return refuse("faq.no_staff_group", vec![]);
    }
    ctx.conn
        .prepare_cached(
            "INSERT INTO faq_escalations (unanswered_id, question, asker_chat_id, asker_lang, asked_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            unanswered_id,
            question,
            chat_id,
            ctx.lang.code(),
            timestamp(ctx.now)
        ])?;
    let id = ctx.conn.last_insert_rowid();
    let staff_text = ctx.env.locales.text(
        Lang::Th,
        "faq.staff_question",
        &[("id", Arg::from(id)), ("question", Arg::from(&question))],
    );
    let reply_button = crate::core::Button::Callback {
        label: ctx.env.locales.text(Lang::Th, "faq.button_answer", &[]),
        data: format!("faq:reply:{id}"),
    };
    ctx.post_to(
        Role::Staff,
        OutMessage::text(staff_text).with_buttons(vec![vec![reply_button]]),
    )?;
    let text = ctx.t("faq.escalated", &[("id", Arg::from(id))]);
    ctx.reply_text(text);
    let notice = ctx.t("faq.escalated_notice", &[]);
    ctx.answer_button(Some(notice));
    Ok(())
}

/// Waiting for a staff member's answer to a question, after its button was pressed.
struct AnswerDraft {
    escalation_id: i64,
}

/// A staff member pressed `ตอบคำถามนี้`: their next message is the answer.
pub fn start_answer(ctx: &mut Ctx, id: i64) -> CoreResult {
    if !ctx.acts_as(Role::Staff) {
        let text = ctx.t("faq.staff_button_only", &[]);
        ctx.answer_button(Some(text));
        return Ok(());
    }
    let Some(escalation) = open_escalation(ctx, id)? else {
        return Ok(());
    };
    ctx.start_dialogue(
        "faq",
        Box::new(AnswerDraft {
            escalation_id: escalation.id,
        }),
    );
    let text = ctx.t(
        "faq.answer_prompt",
        &[
            ("id", Arg::from(escalation.id)),
            ("question", Arg::from(&escalation.question)),
            ("name", Arg::from(&ctx.event.actor.name)),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

/// The escalation if it still waits for an answer; otherwise says why not on the button.
fn open_escalation(ctx: &mut Ctx, id: i64) -> CoreResult<Option<Escalation>> {
    match escalation(ctx, id)? {
        None => {
            let text = ctx.t("core.button_expired", &[]);
            ctx.answer_button(Some(text));
            Ok(None)
        }
        Some(escalation) if escalation.answer.is_some() => {
            let text = ctx.t("faq.answered_already", &[("id", Arg::from(id))]);
            ctx.answer_button(Some(text));
            Ok(None)
        }
        Some(escalation) => Ok(Some(escalation)),
    }
}

/// The next message of a staff member who pressed `ตอบคำถามนี้`.
pub fn on_dialogue(ctx: &mut Ctx, dialogue: Dialogue) -> CoreResult {
    let Ok(draft) = dialogue.state.downcast::<AnswerDraft>() else {
        return Ok(());
    };
    let answer = match &ctx.event.input {
        Input::Text(text) => text.trim().to_owned(),
        _ => String::new(),
    };
    if answer.is_empty() {
        let id = draft.escalation_id;
        ctx.start_dialogue("faq", draft);
        let text = ctx.t("faq.answer_text_only", &[("id", Arg::from(id))]);
        ctx.reply_text(text);
        return Ok(());
    }
    answer_escalation(ctx, draft.escalation_id, &answer)
}

/// `ตอบคำถาม <id> <คำตอบ>`.
pub fn answer_command(ctx: &mut Ctx, args: &str) -> CoreResult {
    let Some((id, answer)) = split_id(args).filter(|(_, answer)| !answer.is_empty()) else {
        return refuse("faq.answer_usage", vec![]);
    };
    answer_escalation(ctx, id, answer)
}

/// Records the staff answer, sends it to the asker and forgets where the asker was.
fn answer_escalation(ctx: &mut Ctx, id: i64, answer: &str) -> CoreResult {
    let Some(escalation) = escalation(ctx, id)? else {
        return refuse("faq.escalation_not_found", vec![("id", Arg::from(id))]);
    };
    if escalation.answer.is_some() {
        return refuse("faq.answered_already", vec![("id", Arg::from(id))]);
    }
    if answer.chars().count() > MAX_ANSWER_CHARS {
        return refuse(
            "faq.answer_too_long",
            vec![("max", Arg::from(MAX_ANSWER_CHARS))],
        );
    }
    ctx.conn
        .prepare_cached(
            "UPDATE faq_escalations
             SET answer = ?2, answered_at = ?3, answered_by = ?4, asker_chat_id = NULL
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            answer,
            timestamp(ctx.now),
            ctx.event.actor.user_id
        ])?;
    ctx.audit("faq.answer", &format!("faq_escalation:{id}"), answer)?;
    let delivered = match escalation.asker_chat_id {
        Some(chat_id) => {
            let lang = escalation.asker_lang;
            let text = ctx.env.locales.text(
                lang,
                "faq.staff_answer_to_asker",
                &[
                    ("question", Arg::from(&escalation.question)),
                    ("answer", Arg::Html(render::answer_html(ctx, lang, answer))),
                ],
            );
            ctx.send(chat_id, OutMessage::text(text), Persist::Outbox);
            true
        }
        None => false,
    };
    let key = if delivered {
        "faq.answer_sent"
    } else {
        "faq.answer_recorded"
    };
    let text = ctx.t(key, &[("id", Arg::from(id))]);
    let save = ctx.button("faq.button_save", format!("faq:save:{id}"));
    ctx.reply(OutMessage::text(text).with_buttons(vec![vec![save]]));
    Ok(())
}

/// `บันทึกเป็นคำถามใหม่`: the question and the staff answer become an entry.
pub fn save_as_entry(ctx: &mut Ctx, id: i64) -> CoreResult {
    if !ctx.acts_as(Role::Staff) {
        let text = ctx.t("faq.staff_button_only", &[]);
        ctx.answer_button(Some(text));
        return Ok(());
    }
    let Some(escalation) = escalation(ctx, id)? else {
        let text = ctx.t("core.button_expired", &[]);
        ctx.answer_button(Some(text));
        return Ok(());
    };
    let Some(answer) = &escalation.answer else {
        let text = ctx.t("faq.not_answered_yet", &[("id", Arg::from(id))]);
        ctx.answer_button(Some(text));
        return Ok(());
    };
    if let Some(entry_id) = escalation.saved_entry_id {
        let text = ctx.t("faq.saved_already", &[("entry", Arg::from(entry_id))]);
        ctx.answer_button(Some(text));
        return Ok(());
    }
    let entry_id = manage::add_entry(ctx, DEFAULT_TOPIC, &escalation.question, answer, "staff")?;
    ctx.conn
        .prepare_cached("UPDATE faq_escalations SET saved_entry_id = ?2 WHERE id = ?1")?
        .execute(params![id, entry_id])?;
    let text = ctx.t(
        "faq.saved",
        &[
            ("id", Arg::from(id)),
            ("entry", Arg::from(entry_id)),
            ("topic", Arg::from(DEFAULT_TOPIC)),
        ],
    );
    ctx.edit_pressed(OutMessage::text(text));
    let notice = ctx.t("faq.saved_notice", &[("entry", Arg::from(entry_id))]);
    ctx.answer_button(Some(notice));
    Ok(())
}

/// `คำถามที่ยังไม่มีคำตอบ`: logged questions that the knowledge base still cannot answer
/// confidently, most asked first, with how often and when last.
pub fn unanswered(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let logged: Vec<(String, i64, String)> = {
        let mut stmt = ctx.conn.prepare_cached(
            "SELECT text, count(*), max(asked_on) FROM faq_unanswered
             GROUP BY text ORDER BY count(*) DESC, max(id) DESC",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut lines = Vec::new();
    let mut still_open = 0;
    for (text, count, last) in logged {
        let answered = index::search(ctx, &text, 1)?
            .first()
            .is_some_and(|hit| hit.confident);
        if answered {
            continue;
        }
        still_open += 1;
        if lines.len() < UNANSWERED_SHOWN {
            let last = chrono::NaiveDate::parse_from_str(&last, "%Y-%m-%d")
                .map(format_date)
                .unwrap_or(last);
            lines.push(ctx.t(
                "faq.unanswered_line",
                &[
                    (
                        "question",
                        Arg::from(render::shortened(&text, UNANSWERED_CHARS)),
                    ),
                    ("count", Arg::from(count)),
                    ("last", Arg::from(last)),
                ],
            ));
        }
    }
    if lines.is_empty() {
        let text = ctx.t("faq.unanswered_none", &[]);
        ctx.reply_text(text);
        return Ok(());
    }
    let mut text = ctx.t(
        "faq.unanswered_title",
        &[
            ("count", Arg::from(still_open)),
            ("shown", Arg::from(lines.len())),
        ],
    );
    text.push('\n');
    text.push_str(&lines.join("\n"));
    text.push_str("\n\n");
    text.push_str(&ctx.t("faq.unanswered_footer", &[]));
    ctx.reply_text(text);
    Ok(())
}
