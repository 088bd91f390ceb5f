//! A case's steps after filing: finding it from an officer's command, recording each step in
//! its history (and in the audit log when that identifies nobody anonymous), status changes,
//! and notices to named filers.

use super::code;
use super::officer_card;
use super::status::Status;
use super::store::{self, Case};
use crate::core::{CoreResult, Ctx, OutMessage, Persist, refuse};
use crate::i18n::Arg;

/// Who did something to a case. The filer of an anonymous case is nobody in particular.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Filer,
    Officer,
    /// A step the bot takes by itself (a filer's answer resumes the work): credited to
    /// nobody.
    Automatic,
}

/// Officers' commands start with a case number; refuses with an example when it is missing
/// or unknown.
pub fn case_from_args<'a>(
    ctx: &Ctx,
    args: &'a str,
    usage: &'static str,
) -> CoreResult<(Case, &'a str)> {
    let Some((number, rest)) = code::split_case_number(args) else {
        return refuse(usage, vec![]);
    };
    match store::find_by_number(ctx.conn, number)? {
        Some(case) => Ok((case, rest)),
        None => refuse(
            "complaints.case_unknown",
            vec![("case", Arg::from(number.format()))],
        ),
    }
}

/// Appends to the case's history; an officer's action also goes to the audit log.
pub fn record(
    ctx: &Ctx,
    case: &Case,
    actor: Actor,
    action: &str,
    status: Option<Status>,
    detail: &str,
) -> rusqlite::Result<()> {
    let automatic = ctx.t("complaints.history_automatic", &[]);
    let actor_name = match actor {
        Actor::Officer => Some(ctx.event.actor.name.as_str()),
        Actor::Automatic => Some(automatic.as_str()),
        Actor::Filer => None,
    };
    let detail = (!detail.is_empty()).then_some(detail);
    store::add_history(
        ctx.conn,
        case.id,
        ctx.today(),
        actor_name,
        action,
        status,
        detail,
    )?;
    // The audit log holds who and the exact time: never for a filer of an anonymous case.
    if actor == Actor::Officer || !case.anonymous {
        let audit_detail = match status {
            Some(s) => format!("{} {}", s.code(), detail.unwrap_or_default()),
            None => detail.unwrap_or_default().to_string(),
        };
        ctx.audit(
            &format!("complaints.{action}"),
            &case.number.format(),
            audit_detail.trim(),
        )?;
    }
    Ok(())
}

/// Refuses a move the case's status does not allow, listing the valid ones.
pub fn check_move(ctx: &Ctx, case: &Case, to: Status) -> CoreResult {
    if case.status.can_become(to) {
        return Ok(());
    }
    let from = ctx.t(&case.status.name_key(), &[]);
    let valid = valid_moves(ctx, case.status);
    refuse(
        "complaints.status_invalid",
        vec![
            ("case", Arg::from(case.number.format())),
            ("from", Arg::from(from)),
            ("valid", Arg::from(valid)),
        ],
    )
}

/// Moves a case along the state machine; refuses an invalid move listing the valid ones.
/// Named filers hear about it in their chat; anonymous ones read it with their code.
pub fn change_status(
    ctx: &mut Ctx,
    case: &Case,
    to: Status,
    detail: &str,
    actor: Actor,
) -> CoreResult<Case> {
    check_move(ctx, case, to)?;
    store::set_status(ctx.conn, case.id, to, detail, ctx.today())?;
    record(ctx, case, actor, "status", Some(to), detail)?;
    let updated = store::load(ctx.conn, case.id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    refresh_card(ctx, &updated, false)?;
    let status = ctx.t(&to.name_key(), &[]);
    notify_named_filer(
        ctx,
        &updated,
        "complaints.filer_status_changed",
        &[("status", Arg::from(status)), ("detail", Arg::from(detail))],
    );
    Ok(updated)
}

/// "รับเรื่อง, กำลังดำเนินการ, …" (or that the case is closed).
pub fn valid_moves(ctx: &Ctx, from: Status) -> String {
    if from.next().is_empty() {
        return ctx.t("complaints.status_closed_no_moves", &[]);
    }
    from.next()
        .iter()
        .map(|s| {
            if s.needs_detail() {
                format!("{} …", s.keyword())
            } else {
                s.keyword().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pushes a notice to a named filer's chat through the outbox (their identity is on file
/// anyway); anonymous filers are never pushed to: the bot does not know their chat.
pub fn notify_named_filer(ctx: &mut Ctx, case: &Case, key: &str, args: &[(&str, Arg)]) {
    let Some(chat_id) = case.filer_chat_id.filter(|_| !case.anonymous) else {
        return;
    };
    let mut all = vec![("case", Arg::from(case.number.format()))];
    all.extend(args.iter().cloned());
    let text = ctx.t(key, &all);
    ctx.send(chat_id, OutMessage::text(text), Persist::Outbox);
}

/// Shows `case` as it is now on every copy of its officers' card (and, with `pressed`, on
/// the card whose button was pressed): a card never offers what the case no longer allows.
pub fn refresh_card(ctx: &mut Ctx, case: &Case, pressed: bool) -> rusqlite::Result<()> {
    let files = store::attachments(ctx.conn, case.id)?.len();
    ctx.in_group_language(|ctx| {
        let card = officer_card::card(ctx, case, files);
        ctx.update_card(&officer_card::card_key(case.id), card, pressed)
    })
}
