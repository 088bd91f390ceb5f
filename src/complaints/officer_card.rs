//! How a case looks to the officers: the card posted to their group, with its buttons, and
//! the whole case with its history and conversation (`ดูเรื่อง`).

use super::case_text::{category_name, conversation_lines, describe_action};
use super::status::Status;
use super::store::{Case, HistoryEntry, Message};
use crate::core::{Attachment, Button, Ctx, OutMessage, Platform, Role};
use crate::i18n::{Arg, escape_html};

fn optional_line(ctx: &Ctx, key: &str, value: Option<&str>) -> Option<String> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| ctx.t(key, &[("value", Arg::from(v))]))
}

/// The card in the officers' group: everything needed to act, nothing about who filed an
/// anonymous case.
pub fn card(ctx: &Ctx, case: &Case, attachment_count: usize) -> OutMessage {
    let contact = Arg::from(case.filer_contact.clone().unwrap_or_default());
    let filer = match case.filer_user_id {
        _ if case.anonymous => ctx.t("complaints.card_anonymous", &[]),
        // A Telegram user can be opened from the card; a LINE id means nothing to a link.
        Some(user_id) if Platform::of(user_id) == Platform::Telegram => ctx.t(
            "complaints.card_named_link",
            &[("contact", contact), ("user_id", Arg::from(user_id))],
        ),
        _ => ctx.t("complaints.card_named", &[("contact", contact)]),
    };
    let status = match &case.status_detail {
        Some(detail) if case.status != Status::New => format!(
            "{} — {}",
            escape_html(&ctx.t(&case.status.name_key(), &[])),
            escape_html(detail)
        ),
        _ => escape_html(&ctx.t(&case.status.name_key(), &[])),
    };
    let mut lines = vec![
        ctx.t(
            "complaints.card_title",
            &[
                ("kind", Arg::from(ctx.t(case.kind.name_key(), &[]))),
                ("case", Arg::from(case.number.format())),
            ],
        ),
        ctx.t(
            "complaints.card_category",
            &[("category", Arg::from(category_name(ctx, case.category)))],
        ),
        filer,
        ctx.t(
            "complaints.card_filed",
            &[("date", Arg::Date(case.filed_on))],
        ),
        ctx.t(
            "complaints.card_due",
            &[
                ("ack", Arg::Date(case.ack_due)),
                ("result", Arg::Date(case.result_due)),
            ],
        ),
        ctx.t("complaints.card_status", &[("status", Arg::Html(status))]),
    ];
    lines.extend(optional_line(
        ctx,
        "complaints.card_assignee",
        case.assignee.as_deref(),
    ));
    lines.extend(optional_line(
        ctx,
        "complaints.card_place",
        case.place.as_deref(),
    ));
    if attachment_count > 0 {
        lines.push(ctx.t(
            "complaints.card_attachments",
            &[("count", Arg::from(attachment_count))],
        ));
    }
    match &case.body {
        Some(body) => {
            lines.push(String::new());
            lines.push(ctx.t("complaints.card_body", &[("body", Arg::from(body))]));
        }
        None => lines.push(ctx.t("complaints.card_purged", &[])),
    }
    OutMessage::text(lines.join("\n"))
        .with_buttons(actions(ctx, case))
        .as_card(card_key(case.id))
}

/// The name of a case's card among the bot's cards (`OutMessage::card`).
pub fn card_key(case_id: i64) -> String {
    format!("complaints:case:{case_id}")
}

/// The card's buttons: only the actions the case's status allows, two to a row.
fn actions(ctx: &Ctx, case: &Case) -> Vec<Vec<Button>> {
    let id = case.id;
    let buttons: Vec<Button> = [
        (Status::Acknowledged, "complaints.button_ack", "ack"),
        (Status::AwaitingInfo, "complaints.button_info", "info"),
        (Status::Forwarded, "complaints.button_forward", "fwd"),
        (Status::Done, "complaints.button_close", "close"),
    ]
    .into_iter()
    .filter(|(to, _, _)| case.status.can_become(*to))
    .map(|(_, label, action)| ctx.button(label, format!("complaints:{action}:{id}")))
    .collect();
    buttons.chunks(2).map(<[Button]>::to_vec).collect()
}

/// Posts the card and then each of the case's attachments `files`, re-sent by file id (a
/// forward would show who sent it), to the officers' group only.
pub fn post_card(ctx: &mut Ctx, case: &Case, files: Vec<Attachment>) -> rusqlite::Result<bool> {
    ctx.in_group_language(|ctx| post_card_in_thai(ctx, case, files))
}

fn post_card_in_thai(ctx: &mut Ctx, case: &Case, files: Vec<Attachment>) -> rusqlite::Result<bool> {
    let card = card(ctx, case, files.len());
    if !ctx.post_to(Role::Officers, card)? {
        log::warn!("complaints: no officers' group is registered; new cases wait in เรื่องค้าง");
        return Ok(false);
    }
    let total = files.len();
    for (index, attachment) in files.into_iter().enumerate() {
        let caption = ctx.t(
            "complaints.card_attachment_caption",
            &[
                ("case", Arg::from(case.number.format())),
                ("index", Arg::from(index + 1)),
                ("total", Arg::from(total)),
            ],
        );
        ctx.post_to(
            Role::Officers,
            OutMessage::text(caption).with_attachment(attachment),
        )?;
    }
    Ok(true)
}

/// The case's history and conversation, for the officers (`ดูเรื่อง`, before its card).
pub fn history_view(
    ctx: &Ctx,
    case: &Case,
    history: &[HistoryEntry],
    messages: &[Message],
) -> OutMessage {
    let mut lines = vec![ctx.t(
        "complaints.history_title",
        &[("case", Arg::from(case.number.format()))],
    )];
    for entry in history {
        let who = entry
            .actor_name
            .clone()
            .unwrap_or_else(|| ctx.t("complaints.history_filer", &[]));
        lines.push(ctx.t(
            "complaints.history_line",
            &[
                ("date", Arg::Date(entry.day)),
                ("who", Arg::from(who)),
                ("what", Arg::from(describe_action(ctx, entry))),
            ],
        ));
    }
    lines.extend(conversation_lines(ctx, messages));
    OutMessage::text(lines.join("\n"))
}
