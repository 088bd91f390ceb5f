//! What the filer sees with `/track`: status, the steps taken (without officers' names) and
//! the conversation.

use super::case_text::{category_name, conversation_lines, describe_action};
use super::store::{Case, HistoryEntry, Message};
use crate::core::{Ctx, OutMessage};
use crate::i18n::Arg;

pub fn filer_view(
    ctx: &Ctx,
    case: &Case,
    history: &[HistoryEntry],
    messages: &[Message],
) -> OutMessage {
    let status = ctx.t(&case.status.name_key(), &[]);
    let mut lines = vec![ctx.t(
        "complaints.track_title",
        &[
            ("case", Arg::from(case.number.format())),
            ("category", Arg::from(category_name(ctx, case.category))),
            ("filed", Arg::Date(case.filed_on)),
            ("status", Arg::from(status)),
        ],
    )];
    if let Some(detail) = &case.status_detail {
        lines.push(ctx.t("complaints.track_detail", &[("detail", Arg::from(detail))]));
    }
    if let Some((deadline, due)) = case.pending_deadline() {
        lines.push(ctx.t(
            "complaints.track_due",
            &[
                ("deadline", Arg::from(ctx.t(deadline.name_key(), &[]))),
                ("date", Arg::Date(due)),
            ],
        ));
    }
    lines.push(String::new());
    lines.push(ctx.t(
        "complaints.history_title",
        &[("case", Arg::from(case.number.format()))],
    ));
    // Who works on the case is the office's business, not the filer's.
    for entry in history.iter().filter(|e| e.action != "assign") {
        lines.push(ctx.t(
            "complaints.track_history_line",
            &[
                ("date", Arg::Date(entry.day)),
                ("what", Arg::from(describe_action(ctx, entry))),
            ],
        ));
    }
    lines.extend(conversation_lines(ctx, messages));
    OutMessage::text(lines.join("\n"))
}
