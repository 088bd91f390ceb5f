//! Text that the officers' card and the filer's view share: a category's name, what a step
//! in a case's history was, and the conversation.

use super::category::Category;
use super::store::{Author, HistoryEntry, Message};
use crate::core::Ctx;
use crate::i18n::Arg;

pub fn category_name(ctx: &Ctx, category: Category) -> String {
    ctx.t(&category.name_key(), &[])
}

/// A step of the history: the status it set, else the action's name; then its detail.
pub fn describe_action(ctx: &Ctx, entry: &HistoryEntry) -> String {
    let base = match entry.status {
        Some(status) => ctx.t(&status.name_key(), &[]),
        None => ctx.t(&format!("complaints.action_{}", entry.action), &[]),
    };
    match &entry.detail {
        Some(detail) => format!("{base}: {detail}"),
        None => base,
    }
}

pub fn conversation_lines(ctx: &Ctx, messages: &[Message]) -> Vec<String> {
    if messages.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![String::new(), ctx.t("complaints.conversation_title", &[])];
    for message in messages {
        let key = match message.author {
            Author::Filer => "complaints.conversation_filer",
            Author::Office => "complaints.conversation_office",
        };
        lines.push(ctx.t(
            key,
            &[
                ("date", Arg::Date(message.day)),
                ("body", Arg::from(&message.body)),
            ],
        ));
    }
    lines
}
