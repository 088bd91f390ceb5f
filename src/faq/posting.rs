//! Information posted to the registered groups: `ประกาศ <id> [กลุ่ม]` on demand, and a weekly
//! "did you know" post of one entry per group that has switched it on (`รู้หรือไม่ เปิด|ปิด`).
//!
//! The weekly post goes out on Monday at the configured reminder time, or at the first tick
//! after it when the bot was down then. Each post is recorded with its ISO week, at most one
//! per group and week, so a restart neither repeats nor skips a week's post.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone, Utc};

use crate::core::{CoreResult, Ctx, GROUP_LANG, Morning, OutMessage, Role, group_chat, refuse};
use crate::i18n::Arg;

use super::manage::split_id;
use super::render;
use super::store::{self, Entry, posts};

const ALL_GROUPS: &[&str] = &["ทั้งหมด", "ทุกกลุ่ม", "all"];

/// The roles named in `words` (`บุคลากร`, `ผู้บริหาร`, `ทั้งหมด`, …); `Err` carries the word
/// that names no group.
fn parse_groups(words: &str) -> Result<Vec<Role>, String> {
    let mut roles = Vec::new();
    for word in words.split_whitespace() {
        let named: Vec<Role> = if ALL_GROUPS.contains(&word) {
            Role::ALL.to_vec()
        } else {
            vec![Role::parse(word).ok_or_else(|| word.to_owned())?]
        };
        for role in named {
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
    }
    Ok(roles)
}

fn group_names(ctx: &Ctx, roles: &[Role]) -> String {
    roles
        .iter()
        .map(|role| ctx.t(role.name_key(), &[]))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `ประกาศ <id> [บุคลากร|ผู้บริหาร|ทั้งหมด]`. Without a group: the group it is typed in, or
/// every registered group when typed in a private chat.
pub fn post(ctx: &mut Ctx, args: &str) -> CoreResult {
    let Some((id, groups)) = split_id(args) else {
        return refuse("faq.post_usage", vec![]);
    };
    let named = parse_groups(groups)
        .or_else(|word| refuse("faq.unknown_group", vec![("word", Arg::from(word))]))?;
    let roles = match (named.is_empty(), ctx.chat_role) {
        (false, _) => named,
        (true, Some(here)) => vec![here],
        (true, None) => Role::ALL.to_vec(),
    };
    let Some(entry) = store::live_entry(ctx.conn, id)? else {
        return refuse("faq.not_found", vec![("id", Arg::from(id))]);
    };
    let mut posted = Vec::new();
    let mut missing = Vec::new();
    for role in roles {
        let message = OutMessage::text(render::entry_text(
            ctx,
            GROUP_LANG,
            "faq.post",
            &entry,
            super::answer_facts(ctx),
        ));
        if ctx.post_to(role, message)? {
            record_post(ctx, &entry, role, None)?;
            posted.push(role);
        } else {
            missing.push(role);
        }
    }
    if posted.is_empty() {
        return refuse(
            "faq.post_no_group",
            vec![("groups", Arg::from(group_names(ctx, &missing)))],
        );
    }
    let groups = group_names(ctx, &posted);
    ctx.audit("faq.post", &format!("faq_entry:{id}"), &groups)?;
    let mut text = ctx.t(
        "faq.posted",
        &[("id", Arg::from(id)), ("groups", Arg::from(groups))],
    );
    if !missing.is_empty() {
        text.push('\n');
        text.push_str(&ctx.t(
            "faq.post_skipped",
            &[("groups", Arg::from(group_names(ctx, &missing)))],
        ));
    }
    ctx.reply_text(text);
    Ok(())
}

fn record_post(ctx: &Ctx, entry: &Entry, role: Role, week: Option<&str>) -> rusqlite::Result<()> {
    posts::record(
        ctx.conn,
        &posts::NewPost {
            entry_id: entry.id,
            role,
            week,
            at: ctx.now,
            posted_by: (ctx.event.actor.user_id != 0).then_some(ctx.event.actor.user_id),
        },
    )
}

/// `รู้หรือไม่ [เปิด|ปิด] [กลุ่ม…]`: switches the weekly post for the group it is typed in;
/// staff may name groups (and must, in a private chat). Without เปิด/ปิด: shows the settings.
pub fn weekly(ctx: &mut Ctx, args: &str) -> CoreResult {
    let mut words = args.split_whitespace();
    let first = words.next();
    let switch = match first {
        Some("เปิด" | "on") => Some(true),
        Some("ปิด" | "off") => Some(false),
        _ => None,
    };
    let rest: Vec<&str> = match switch {
        Some(_) => words.collect(),
        None => first.into_iter().chain(words).collect(),
    };
    let Some(enabled) = switch else {
        if rest.is_empty() {
            return weekly_status(ctx);
        }
        return refuse("faq.weekly_usage", vec![]);
    };
    let named = parse_groups(&rest.join(" "))
        .or_else(|word| refuse("faq.unknown_group", vec![("word", Arg::from(word))]))?;
    let roles = match (named.is_empty(), ctx.chat_role) {
        (true, Some(here)) => vec![here],
        (true, None) => return refuse("faq.weekly_which_group", vec![]),
        (false, _) if !ctx.acts_as(Role::Staff) => {
            return refuse("faq.weekly_groups_staff_only", vec![]);
        }
        (false, _) => named,
    };
    for &role in &roles {
        posts::set_weekly(ctx.conn, role, enabled, ctx.now, ctx.event.actor.user_id)?;
        ctx.audit(
            "faq.weekly",
            &format!("group:{}", role.code()),
            if enabled { "on" } else { "off" },
        )?;
    }
    let key = if enabled {
        "faq.weekly_on"
    } else {
        "faq.weekly_off"
    };
    let time = ctx.env.config.reminder_time.format("%H:%M").to_string();
    let first = week_slot(ctx)
        .map(|(slot, _)| {
            if ctx.now < slot {
                slot
            } else {
                slot + Duration::weeks(1)
            }
        })
        .map(|slot| ctx.date(slot.with_timezone(&ctx.env.config.tz).date_naive()))
        .unwrap_or_default();
    let text = ctx.t(
        key,
        &[
            ("groups", Arg::from(group_names(ctx, &roles))),
            ("time", Arg::from(time)),
            ("first", Arg::from(first)),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

fn weekly_status(ctx: &mut Ctx) -> CoreResult {
    let mut lines = vec![ctx.t("faq.weekly_status_title", &[])];
    for role in Role::ALL {
        let enabled = posts::weekly_enabled(ctx.conn, role)?;
        let key = if enabled {
            "faq.weekly_status_on"
        } else {
            "faq.weekly_status_off"
        };
        let group = ctx.t(role.name_key(), &[]);
        lines.push(ctx.t(key, &[("group", Arg::from(group))]));
    }
    lines.push(ctx.t("faq.weekly_usage", &[]));
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// This week's slot for the weekly post: Monday at the reminder time, local time, in UTC;
/// and the ISO week's name (`2026-W25`).
fn week_slot(ctx: &Ctx) -> Option<(DateTime<Utc>, String)> {
    let tz = ctx.env.config.tz;
    let today = ctx.today();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let local = NaiveDateTime::new(monday, ctx.env.config.reminder_time);
    let slot = tz.from_local_datetime(&local).single()?.with_timezone(&Utc);
    let week = today.iso_week();
    Some((slot, format!("{}-W{:02}", week.year(), week.week())))
}

/// The office's morning: this week's "did you know" post, for every group that switched it
/// on before this week's slot and has not had it yet (Monday's, or a later morning's if the
/// bot was down on Monday).
pub fn on_morning(ctx: &mut Ctx, _morning: &Morning) -> CoreResult {
    let Some((slot, week)) = week_slot(ctx) else {
        return Ok(());
    };
    if ctx.now < slot {
        return Ok(());
    }
    for role in posts::weekly_due(ctx.conn, slot, &week)? {
        if group_chat(ctx.conn, role)?.is_none() {
            continue;
        }
        let Some(entry) = least_recently_posted(ctx, role)? else {
            continue;
        };
        let message = OutMessage::text(render::entry_text(
            ctx,
            GROUP_LANG,
            "faq.weekly_post",
            &entry,
            super::answer_facts(ctx),
        ));
        ctx.post_to(role, message)?;
        record_post(ctx, &entry, role, Some(&week))?;
    }
    Ok(())
}

/// The live entry this group has gone longest without (never posted first), by id.
fn least_recently_posted(ctx: &Ctx, role: Role) -> rusqlite::Result<Option<Entry>> {
    match posts::least_recently_posted(ctx.conn, role)? {
        Some(id) => store::live_entry(ctx.conn, id),
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_named_in_thai_or_all_at_once() {
        assert_eq!(parse_groups(""), Ok(vec![]));
        assert_eq!(
            parse_groups("ผู้บริหาร บุคลากร"),
            Ok(vec![Role::Principals, Role::Staff])
        );
        assert_eq!(parse_groups("ทั้งหมด"), Ok(Role::ALL.to_vec()));
        assert_eq!(parse_groups("ทั้งหมด บุคลากร").map(|r| r.len()), Ok(3));
        assert_eq!(parse_groups("นักเรียน"), Err("นักเรียน".to_owned()));
    }
}
