//! The scholarship fund: allocations to students (`จัดสรรทุน`), its balance
//! (`ยอดทุนคงเหลือ`) and the year's summary (`สรุปทุน`).
//!
//! The fund receives the money donated for scholarships (goods are not cash to allocate).
//! Students are minors: only the name staff type, the school and the amount are kept, and
//! names are shown only in the staff group.

use rusqlite::{Connection, params};

use super::names::{self, List, Lookup};
use super::parse::{Marker, split_parts};
use crate::core::{CoreResult, Ctx, Role, refuse};
use crate::i18n::{Arg, escape_html};
use crate::thai::{
    Period, PeriodError, PeriodKind, amount_in_words, fiscal_year, fiscal_year_range,
    format_amount, parse_amount, parse_period,
};

/// Received for scholarships and allocated, from `start` to `end` (ISO dates, inclusive).
fn received_and_allocated(
    conn: &Connection,
    start: &str,
    end: &str,
) -> rusqlite::Result<(i64, i64)> {
    let received: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(total), 0) FROM donation_month_totals
             WHERE purpose = 'scholarship' AND kind = 'money'
               AND month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)",
        )?
        .query_row([start, end], |r| r.get(0))?;
    let allocated: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(amount), 0) FROM scholarship_allocations
             WHERE allocated_on BETWEEN ?1 AND ?2",
        )?
        .query_row([start, end], |r| r.get(0))?;
    Ok((received, allocated))
}

const EVER_START: &str = "0000-01-01";
const EVER_END: &str = "9999-12-31";

pub fn balance_now(conn: &Connection) -> rusqlite::Result<i64> {
    let (received, allocated) = received_and_allocated(conn, EVER_START, EVER_END)?;
    Ok(received - allocated)
}

/// `จัดสรรทุน <จำนวนเงิน> บาท ให้ <ผู้รับ> [โรงเรียน <ชื่อ>] [หมายเหตุ …]`, in the staff group.
pub fn allocate(ctx: &mut Ctx, args: &str) -> CoreResult {
    if ctx.chat_role != Some(Role::Staff) {
        return refuse("donations.fund_staff_group_only", vec![]);
    }
    let parts = split_parts(args, &[Marker::Recipient, Marker::School, Marker::Note]);
    let amount = match parse_amount(&parts.head) {
        Ok(amount) => amount,
        Err(error) => {
            return refuse(
                "donations.fund_problem",
                vec![(
                    "problem",
                    Arg::Html(ctx.explain(error.locale_key(), error.locale_args())),
                )],
            );
        }
    };
    let Some(recipient) = parts.get(Marker::Recipient).filter(|r| !r.is_empty()) else {
        return refuse("donations.fund_needs_recipient", vec![]);
    };
    let school = match parts.get(Marker::School).filter(|s| !s.is_empty()) {
        Some(typed) => match names::lookup(ctx.conn, List::Schools, typed)? {
            Lookup::Found(entry) => Some(entry),
            Lookup::NotFound { typed, suggestions } => {
                let names: Vec<String> = suggestions
                    .iter()
                    .map(|e| List::Schools.display(&e.name))
                    .collect();
                return refuse(
                    "donations.name_unknown",
                    vec![
                        ("name", Arg::from(List::Schools.display(&typed))),
                        ("names", Arg::from(names.join(", "))),
                    ],
                );
            }
        },
        None => None,
    };
    let balance = balance_now(ctx.conn)?;
    if amount > balance {
        return refuse(
            "donations.fund_insufficient",
            vec![
                ("amount", Arg::from(format_amount(amount))),
                ("balance", Arg::from(format_amount(balance))),
            ],
        );
    }
    let today = ctx.today();
    ctx.conn
        .prepare_cached(
            "INSERT INTO scholarship_allocations (fiscal_year, allocated_on, amount, recipient,
                 school_id, note, recorded_by_id, recorded_by_name, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            fiscal_year(today),
            today.format("%Y-%m-%d").to_string(),
            amount,
            recipient,
            school.as_ref().map(|s| s.id),
            parts.get(Marker::Note).filter(|n| !n.is_empty()),
            ctx.event.actor.user_id,
            ctx.event.actor.name,
            ctx.now.to_rfc3339(),
        ])?;
    let id = ctx.conn.last_insert_rowid();
    // The audit keeps the amount, not the child's name.
    ctx.audit("fund.allocate", &id.to_string(), &amount.to_string())?;
    let school_label = school
        .map(|s| format!(" ({})", List::Schools.display(&s.name)))
        .unwrap_or_default();
    let text = ctx.t(
        "donations.fund_allocated",
        &[
            ("amount", Arg::from(format_amount(amount))),
            ("words", Arg::from(amount_in_words(amount))),
            ("recipient", Arg::from(format!("{recipient}{school_label}"))),
            ("balance", Arg::from(format_amount(balance - amount))),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

/// `ยอดทุนคงเหลือ`.
pub fn balance(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let (received, allocated) = received_and_allocated(ctx.conn, EVER_START, EVER_END)?;
    let text = ctx.t(
        "donations.fund_balance",
        &[
            ("received", Arg::from(format_amount(received))),
            ("allocated", Arg::from(format_amount(allocated))),
            ("balance", Arg::from(format_amount(received - allocated))),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

/// `สรุปทุน [ปีงบ 2569]`: received and allocated in the year, the balance at its end (or
/// today), and how many students received; their names only in the staff group.
pub fn summary(ctx: &mut Ctx, args: &str) -> CoreResult {
    let today = ctx.today();
    let fy = match parse_period(args, today) {
        Ok(Period {
            kind: PeriodKind::FiscalYear(fy),
            ..
        }) => fy,
        Err(PeriodError::Empty) => fiscal_year(today),
        _ => return refuse("donations.fund_summary_usage", vec![]),
    };
    let (start, end) = fiscal_year_range(fy);
    let (start, end) = (
        start.format("%Y-%m-%d").to_string(),
        end.format("%Y-%m-%d").to_string(),
    );
    let (received, allocated) = received_and_allocated(ctx.conn, &start, &end)?;
    let (all_received, all_allocated) = received_and_allocated(ctx.conn, EVER_START, &end)?;
    let mut stmt = ctx.conn.prepare_cached(
        "SELECT a.recipient, s.name, sum(a.amount), count(*) FROM scholarship_allocations a
         LEFT JOIN donation_schools s ON s.id = a.school_id
         WHERE a.fiscal_year = ?1
         GROUP BY a.recipient, a.school_id ORDER BY min(a.id)",
    )?;
    let recipients = stmt
        .query_map([fy], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    let mut lines = vec![ctx.t(
        "donations.fund_summary",
        &[
            ("year", Arg::from(fy)),
            ("received", Arg::from(format_amount(received))),
            ("allocated", Arg::from(format_amount(allocated))),
            ("recipients", Arg::from(recipients.len())),
            (
                "balance",
                Arg::from(format_amount(all_received - all_allocated)),
            ),
        ],
    )];
    if ctx.chat_role == Some(Role::Staff) && !recipients.is_empty() {
        lines.push(ctx.t("donations.fund_recipients_title", &[]));
        for (index, (recipient, school, amount)) in recipients.iter().enumerate() {
            let school = school
                .as_deref()
                .map(|s| format!(" ({})", List::Schools.display(s)))
                .unwrap_or_default();
            lines.push(format!(
                "{}. {}{} · {}",
                index + 1,
                escape_html(recipient),
                escape_html(&school),
                escape_html(&format_amount(*amount))
            ));
        }
    } else if !recipients.is_empty() {
        lines.push(ctx.t("donations.fund_names_in_staff_group", &[]));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}
