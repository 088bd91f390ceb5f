//! `คำถามที่พบบ่อย` / `/faq`: topics as buttons, then a topic's questions, then the answer.
//! Pressing a button replaces the message, and every step has a way back.

use crate::core::{Button, CoreResult, Ctx, OutMessage};
use crate::i18n::Arg;

use super::ask::{self, Navigation};
use super::render::question_button;
use super::store;

/// Questions per page of a topic.
const PAGE_SIZE: usize = 8;

/// The command: the topics, in a new message.
pub fn faq(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let message = topics_message(ctx)?;
    ctx.reply(message);
    Ok(())
}

/// Where a browsing step is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Replaces the message whose button was pressed.
    InPlace,
    /// As a new message (from under an answer, which stays readable).
    New,
}

pub fn show_topics(ctx: &mut Ctx, shown: Shown) -> CoreResult {
    let message = topics_message(ctx)?;
    match shown {
        Shown::InPlace => ctx.edit_pressed(message),
        Shown::New => ctx.reply(message),
    }
    Ok(())
}

fn topics_message(ctx: &Ctx) -> CoreResult<OutMessage> {
    let topics = store::topics(ctx.conn)?;
    if topics.is_empty() {
        return Ok(OutMessage::text(ctx.t("faq.empty", &[])));
    }
    let rows = topics
        .iter()
        .map(|topic| {
            vec![Button::Callback {
                label: ctx.t(
                    "faq.topic_button",
                    &[
                        ("topic", Arg::from(&topic.name)),
                        ("count", Arg::from(topic.count)),
                    ],
                ),
                data: format!("faq:t:{}:0", topic.first_id),
            }]
        })
        .collect();
    Ok(OutMessage::text(ctx.t("faq.topics_title", &[])).with_buttons(rows))
}

/// The questions of the topic of entry `member` (any entry of the topic stands for it),
/// one page at a time.
pub fn show_topic(ctx: &mut Ctx, member: i64, page: usize) -> CoreResult {
    let topic = store::any_entry(ctx.conn, member)?.map(|(entry, _)| entry.topic);
    let questions = match &topic {
        Some(topic) => store::questions_in_topic(ctx.conn, topic)?,
        None => Vec::new(),
    };
    let (Some(topic), false) = (topic, questions.is_empty()) else {
        let message = topics_message(ctx)?;
        ctx.edit_pressed(message);
        ctx.answer_button_with("faq.topic_gone", &[]);
        return Ok(());
    };
    let pages = questions.len().div_ceil(PAGE_SIZE);
    let page = page.min(pages - 1);
    let mut rows: Vec<Vec<Button>> = questions
        .iter()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|(id, question)| vec![question_button(question, format!("faq:q:{id}"))])
        .collect();
    let mut paging = Vec::new();
    if page > 0 {
        paging.push(ctx.button(
            "faq.button_previous",
            format!("faq:t:{member}:{}", page - 1),
        ));
    }
    if page + 1 < pages {
        paging.push(ctx.button("faq.button_next", format!("faq:t:{member}:{}", page + 1)));
    }
    if !paging.is_empty() {
        rows.push(paging);
    }
    rows.push(vec![ctx.button("faq.button_topics", "faq:topics")]);
    let text = ctx.t(
        "faq.topic_title",
        &[
            ("topic", Arg::from(topic)),
            ("page", Arg::from(page + 1)),
            ("pages", Arg::from(pages)),
        ],
    );
    ctx.edit_pressed(OutMessage::text(text).with_buttons(rows));
    Ok(())
}

/// A question pressed while browsing: its answer in place, with related questions and the
/// way back.
pub fn show_entry(ctx: &mut Ctx, id: i64) -> CoreResult {
    let Some(entry) = store::live_entry(ctx.conn, id)? else {
        ctx.answer_button_with("faq.entry_gone", &[]);
        return Ok(());
    };
    let related = ask::related_to(ctx, &entry)?;
    let message = ask::answer_message(ctx, &entry, &related, Navigation::Browse)?;
    ctx.edit_pressed(message);
    Ok(())
}
