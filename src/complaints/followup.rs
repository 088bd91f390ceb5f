//! The filer's side after filing: `/track <รหัส>` (`ติดตาม`) reads status, history and the
//! officers' answers; `ตอบกลับ <รหัส> <ข้อความ>` adds information. Anonymous filers use their
//! 16-digit code; named filers may use their case number (checked against their account).
//! Wrong codes get one generic answer and are rate-limited per chat and overall.

use super::case_text::category_name;
use super::code::{self, CaseNumber};
use super::filer_view::filer_view;
use super::lifecycle::{self, Actor};
use super::privacy::{self, GuessVerdict, privately, tell, tell_text};
use super::status::Status;
use super::store::{self, Author, Case, FileKind};
use crate::core::{CoreResult, Ctx, Input, OutMessage, Role, refuse};
use crate::i18n::Arg;

const MAX_FOLLOWUP_CHARS: usize = 2000;

/// Tracking codes or case numbers sent alone in a private chat (a filer back with what the
/// bot gave them, pasted without `/track`): tracked, as `/track` with them would. A tracking
/// code among other words ("เจ้าหน้าที่อ่านเรื่อง <code> หรือยังคะ") is tracked too: its case
/// says where it stands, and the line never goes on to the Q&A, whose "ask staff" would
/// file it as a named request and tie the person to an anonymous case.
pub fn on_private_text(ctx: &mut Ctx, text: &str) -> CoreResult<bool> {
    let text = text.trim();
    if code::keys(text).is_some() {
        track(ctx, text)?;
        return Ok(true);
    }
    let Some(code) = code::code_within(text) else {
        return Ok(false);
    };
    // Sixteen digits among words may be something else (a transfer's reference in a donor's
    // answer): tracked only when they are a case's code. Checked under the same limit on
    // wrong guesses as a code typed alone, and a miss counts as one.
    let chat = ctx.event.chat.id;
    let now = ctx.now;
    if privacy::memory(ctx).guess_verdict(chat, now) != GuessVerdict::Allowed {
        return Ok(false);
    }
    let digits = code::parse(code).unwrap_or_default();
    if store::find_by_code(ctx.conn, &digits)?.is_none() {
        privacy::memory(ctx).record_wrong_guess(chat, now);
        return Ok(false);
    }
    track(ctx, code)?;
    Ok(true)
}

/// `/track` with a code or case number, several of them (each case shown in turn, a miss
/// named by its place in the line), or nothing (a named filer's own cases).
pub fn track(ctx: &mut Ctx, args: &str) -> CoreResult {
    if !ctx.is_private() {
        return warn_in_group(ctx, args);
    }
    // `ติดตาม <รหัส>ค่ะ`: the particle is no part of the code.
    let args = crate::thai::without_polite_ending(args);
    if args.is_empty() {
        return privately(ctx, list_own_cases);
    }
    match code::keys(args) {
        Some(keys) if keys.len() > 1 => {
            for (at, key) in keys.into_iter().enumerate() {
                privately(ctx, |ctx| track_one(ctx, key, Some(at + 1)))?;
            }
            Ok(())
        }
        _ => privately(ctx, |ctx| track_one(ctx, args, None)),
    }
}

/// The case for `key` as its filer sees it, with what they can do next; `place`, the key's
/// place in a line of several, names a miss.
fn track_one(ctx: &mut Ctx, key: &str, place: Option<usize>) -> CoreResult {
    let Some(case) = find_for_filer(ctx, key, place)? else {
        return Ok(());
    };
    let history = store::history(ctx.conn, case.id)?;
    let messages = store::messages(ctx.conn, case.id)?;
    let mut view = filer_view(ctx, &case, &history, &messages);
    // One message: the view, then what the filer can do next. A closed case takes no
    // more information: say where a new matter goes instead. A named filer answers with
    // the case number, an anonymous one with the code.
    let footer = if case.status.is_closed() {
        ctx.t("complaints.followup_closed", &closed_args(ctx, &case))
    } else if case.anonymous {
        ctx.t("complaints.track_footer", &[])
    } else {
        ctx.t(
            "complaints.track_footer_named",
            &[("case", Arg::from(case.number.format()))],
        )
    };
    view.text = format!("{}\n\n{footer}", view.text);
    tell(ctx, view);
    Ok(())
}

pub fn follow_up(ctx: &mut Ctx, args: &str) -> CoreResult {
    if !ctx.is_private() {
        return warn_in_group(ctx, args);
    }
    privately(ctx, |ctx| {
        let args = args.trim();
        let (key, text) = code::split_key(args);
        if key.is_empty() {
            return refuse("complaints.followup_usage", vec![]);
        }
        let file = match &ctx.event.input {
            Input::Photo { file_id, .. } => Some((FileKind::Photo, file_id.clone())),
            Input::Document(d) => Some((FileKind::Document, d.file_id.clone())),
            _ => None,
        };
        if text.is_empty() && file.is_none() {
            return refuse("complaints.followup_usage", vec![]);
        }
        if text.chars().count() > MAX_FOLLOWUP_CHARS {
            return refuse(
                "complaints.followup_too_long",
                vec![("max", Arg::from(MAX_FOLLOWUP_CHARS))],
            );
        }
        let Some(case) = find_for_filer(ctx, key, None)? else {
            return Ok(());
        };
        if case.status.is_closed() {
            return refuse("complaints.followup_closed", closed_args(ctx, &case));
        }
        add_followup(ctx, &case, text, file)
    })
}

/// The closed case, and the command that files a new one, as the person's language types it
/// (ร้องเรียน / คำร้อง in Thai: "/complain" sent a Thai filer to an English word); a closed
/// request points to a new request, not to a complaint.
fn closed_args(ctx: &Ctx, case: &Case) -> Vec<(&'static str, Arg)> {
    vec![
        ("case", Arg::from(case.number.format())),
        (
            "command",
            Arg::from(ctx.command_word(case.kind.command_name())),
        ),
    ]
}

fn add_followup(
    ctx: &mut Ctx,
    case: &Case,
    text: &str,
    file: Option<(FileKind, String)>,
) -> CoreResult {
    let today = ctx.today();
    if !text.is_empty() {
        store::add_message(ctx.conn, case.id, today, Author::Filer, text)?;
    }
    if let Some((kind, file_id)) = &file {
        store::add_attachment(ctx.conn, case.id, *kind, file_id)?;
    }
    lifecycle::record(ctx, case, Actor::Filer, "followup", None, "")?;
    if case.status == Status::AwaitingInfo {
        lifecycle::change_status(ctx, case, Status::InProgress, "", Actor::Automatic)?;
    } else if file.is_some() {
        // The card counts the files.
        lifecycle::refresh_card(ctx, case, false)?;
    }
    ctx.in_group_language(|ctx| -> rusqlite::Result<()> {
        let notice = ctx.t(
            "complaints.followup_to_officers",
            &[
                ("case", Arg::from(case.number.format())),
                ("text", Arg::from(text)),
            ],
        );
        ctx.post_to(Role::Officers, OutMessage::text(notice))?;
        if let Some((kind, file_id)) = file {
            let caption = ctx.t(
                "complaints.followup_file_caption",
                &[("case", Arg::from(case.number.format()))],
            );
            ctx.post_to(
                Role::Officers,
                OutMessage::text(caption).with_attachment(kind.attachment(file_id)),
            )?;
        }
        Ok(())
    })?;
    tell_text(
        ctx,
        "complaints.followup_sent",
        &[("case", Arg::from(case.number.format()))],
    );
    Ok(())
}

/// The case for a code or (a named filer's own) case number, after the guessing limits.
/// Every miss gets the same answer and counts against the chat.
fn find_for_filer(ctx: &mut Ctx, key: &str, place: Option<usize>) -> CoreResult<Option<Case>> {
    let chat = ctx.event.chat.id;
    let now = ctx.now;
    match privacy::memory(ctx).guess_verdict(chat, now) {
        GuessVerdict::Allowed => {}
        GuessVerdict::ChatBlocked { minutes } => {
            return refuse(
                "complaints.track_blocked",
                vec![("minutes", Arg::from(minutes))],
            );
        }
        GuessVerdict::Paused => return refuse("complaints.track_paused", vec![]),
    }
    let found = if let Some(digits) = code::parse(key) {
        store::find_by_code(ctx.conn, &digits)?
    } else if let Some(number) = CaseNumber::parse(key) {
        let user = ctx.event.actor.user_id;
        store::find_by_number(ctx.conn, number)?
            .filter(|c| !c.anonymous && c.filer_user_id == Some(user))
    } else {
        return refuse("complaints.track_usage", vec![]);
    };
    if found.is_none() {
        privacy::memory(ctx).record_wrong_guess(chat, now);
        match place {
            None => tell_text(ctx, "complaints.track_not_found", &[]),
            Some(place) => tell_text(
                ctx,
                "complaints.track_not_found_at",
                &[("place", Arg::from(place))],
            ),
        }
    }
    Ok(found)
}

/// A named filer's own cases (`/track` without a code).
fn list_own_cases(ctx: &mut Ctx) -> CoreResult {
    let user = ctx.event.actor.user_id;
    let cases = store::own_cases(ctx.conn, user)?;
    if cases.is_empty() {
        return refuse("complaints.track_usage", vec![]);
    }
    let mut lines = vec![ctx.t("complaints.own_cases_title", &[])];
    for case in cases {
        lines.push(ctx.t(
            "complaints.own_case_line",
            &[
                ("case", Arg::from(case.number.format())),
                ("category", Arg::from(category_name(ctx, case.category))),
                ("filed", Arg::Date(case.filed_on)),
                ("status", Arg::from(ctx.t(&case.status.name_key(), &[]))),
            ],
        ));
    }
    lines.push(ctx.t("complaints.own_cases_footer", &[]));
    tell(ctx, OutMessage::text(lines.join("\n")));
    Ok(())
}

/// A code typed in a group is exposed: nothing is looked up, and the sender is told to
/// delete the message and use the private chat. Other chatter that merely starts with the
/// keyword ("ติดตามข่าว …") is not for the bot.
fn warn_in_group(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (key, _) = code::split_key(args.trim());
    let names_a_case = code::is_key(key);
    let warning = if names_a_case {
        "complaints.code_in_group"
    } else if !crate::thai::starts_with_thai_word(args) {
        // Empty, or a mistyped code: say where tracking works. Thai words after the command
        // word are conversation and are left alone.
        "complaints.track_in_group"
    } else {
        return Ok(());
    };
    let text = ctx.t(warning, &[]);
    if names_a_case {
        let deleted = ctx.t("complaints.code_in_group_deleted", &[]);
        ctx.delete_handled(OutMessage::text(deleted), OutMessage::text(text));
    } else {
        ctx.reply_text(text);
    }
    Ok(())
}
