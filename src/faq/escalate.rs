//! Questions the knowledge base cannot answer. On the asker's request
//! (`ส่งคำถามถึงเจ้าหน้าที่`) the question is filed as a named request for consultation in the
//! complaints capability (through the core's `RequestDesk`), so it gets a case number, a response deadline and the officers'
//! workflow; the officers' answer reaches the asker through that case. When they answer, one
//! button saves the question and the answer as a new entry. `คำถามที่ยังไม่มีคำตอบ` lists what
//! people asked that nothing answers yet.

use crate::core::{Button, CoreResult, Ctx, OutMessage, Role};
use crate::i18n::Arg;

use super::index;
use super::manage::{self, DEFAULT_TOPIC};
use super::render;
use super::store::requests;

/// Distinct unanswered questions shown by `คำถามที่ยังไม่มีคำตอบ`, most asked first.
const UNANSWERED_SHOWN: usize = 30;
/// A logged question is cut to this length in the list.
const UNANSWERED_CHARS: usize = 200;

/// The asker pressed `ส่งคำถามถึงเจ้าหน้าที่` under a "not sure" reply to the logged question
/// `unanswered_id`: it becomes a named request, filed once however often the button is pressed.
pub fn escalate(ctx: &mut Ctx, unanswered_id: i64) -> CoreResult {
    let Some(question) = requests::unanswered_text(ctx.conn, unanswered_id)? else {
        ctx.answer_button_with("core.button_expired", &[]);
        return Ok(());
    };
    let already = requests::case_of(ctx.conn, unanswered_id)?;
    let Some(desk) = ctx.request_desk() else {
        ctx.answer_button_with("core.service_unavailable", &[]);
        return Ok(());
    };
    if let Some(case_id) = already {
        let case = (desk.case_number)(ctx.conn, case_id)?.unwrap_or_default();
        ctx.answer_button_with("faq.escalated_already", &[("case", Arg::from(case))]);
        return Ok(());
    }
    let case_id = (desk.file_question)(ctx, &question)?;
    requests::insert(ctx.conn, case_id, unanswered_id)?;
    ctx.answer_button_with("faq.escalated_notice", &[]);
    Ok(())
}

/// The button offered to the officer who answers a request filed from a question, until the
/// question has been saved as an entry.
pub fn save_button(ctx: &Ctx, case_id: i64) -> rusqlite::Result<Option<Button>> {
    let waiting = requests::awaits_saving(ctx.conn, case_id)?;
    Ok(waiting.then(|| ctx.button("faq.button_save", format!("faq:save:{case_id}"))))
}

/// `บันทึกเป็นคำถามใหม่`: the question and the office's latest answer on its request become
/// an entry.
pub fn save_as_entry(ctx: &mut Ctx, case_id: i64) -> CoreResult {
    if !(ctx.acts_as(Role::Officers) || ctx.acts_as(Role::Staff)) {
        ctx.answer_button_with("faq.staff_button_only", &[]);
        return Ok(());
    }
    let Some(requests::Request {
        question,
        saved_entry_id: saved,
    }) = requests::of_case(ctx.conn, case_id)?
    else {
        ctx.answer_button_with("core.button_expired", &[]);
        return Ok(());
    };
    if let Some(entry_id) = saved {
        ctx.answer_button_with("faq.saved_already", &[("entry", Arg::from(entry_id))]);
        return Ok(());
    }
    let Some(desk) = ctx.request_desk() else {
        ctx.answer_button_with("core.service_unavailable", &[]);
        return Ok(());
    };
    let case = (desk.case_number)(ctx.conn, case_id)?.unwrap_or_default();
    let Some(answer) = (desk.latest_office_answer)(ctx.conn, case_id)? else {
        ctx.answer_button_with("faq.not_answered_yet", &[("case", Arg::from(case))]);
        return Ok(());
    };
    let entry_id = manage::add_entry(ctx, DEFAULT_TOPIC, &question, &answer, "staff")?;
    requests::mark_saved(ctx.conn, case_id, entry_id)?;
    let text = ctx.t(
        "faq.saved",
        &[
            ("case", Arg::from(case)),
            ("entry", Arg::from(entry_id)),
            ("topic", Arg::from(DEFAULT_TOPIC)),
        ],
    );
    ctx.edit_pressed(OutMessage::text(text));
    ctx.answer_button_with("faq.saved_notice", &[("entry", Arg::from(entry_id))]);
    Ok(())
}

/// `คำถามที่ยังไม่มีคำตอบ`: logged questions that the knowledge base still cannot answer
/// confidently, most asked first, with how often and when last.
pub fn unanswered(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let logged = requests::logged_questions(ctx.conn)?;
    let mut lines = Vec::new();
    let mut still_open = 0;
    for requests::Logged {
        text,
        times: count,
        last_asked_on: last,
    } in logged
    {
        let answered = index::search(ctx, &text, 1)?
            .first()
            .is_some_and(|hit| hit.confident);
        if answered {
            continue;
        }
        still_open += 1;
        if lines.len() < UNANSWERED_SHOWN {
            let last = chrono::NaiveDate::parse_from_str(&last, "%Y-%m-%d")
                .map(|d| ctx.date(d))
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
