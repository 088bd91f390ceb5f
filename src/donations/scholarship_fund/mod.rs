//! The scholarship fund: allocations to students (`จัดสรรทุน`), its balance
//! (`ยอดทุนคงเหลือ`) and the year's summary (`สรุปทุน`).
//!
//! The fund receives the money donated for scholarships (goods are not cash to allocate).
//! Students are minors: only the name staff type, the school and the amount are kept, and
//! names are shown only in the staff group.

mod store;

use super::register::draft::check_printed_name;
use super::register::names::{self, List, Lookup};
use super::register::parse::{Marker, split_parts};
use crate::core::free_text::{NOTE_MAX_CHARS, check_length};
use crate::core::{CoreResult, Ctx, Role, refuse};
use crate::documents::spreadsheet::{Cell, Sheet};
use crate::i18n::{Arg, escape_html};
use crate::thai::{
    Period, PeriodError, PeriodKind, amount_in_words, fiscal_year, fiscal_year_range,
    format_amount, parse_amount, parse_period,
};
use store::{Days, NewAllocation};

/// `จัดสรรทุน <จำนวนเงิน> บาท ให้ <ผู้รับ> [โรงเรียน <ชื่อ>] [หมายเหตุ …]`, in the staff group.
pub fn allocate(ctx: &mut Ctx, args: &str) -> CoreResult {
    if ctx.chat_role != Some(Role::Staff) {
        return refuse("donations.fund_staff_group_only", vec![]);
    }
    let parts = split_parts(args, &[Marker::Recipient, Marker::School, Marker::Note]);
    let amount = match parse_amount(&parts.head) {
        Ok(amount) => amount,
        Err(error) => {
            return ctx.refuse_explained("donations.fund_problem", &error);
        }
    };
    let Some(recipient) = parts.get(Marker::Recipient).filter(|r| !r.is_empty()) else {
        return refuse("donations.fund_needs_recipient", vec![]);
    };
    // The list of scholarship students is printed for the committee.
    check_printed_name(ctx, "donations.field_recipient", recipient)?;
    let note = parts.get(Marker::Note).filter(|n| !n.is_empty());
    if let Some(note) = note {
        check_length(ctx, "donations.field_note", note, NOTE_MAX_CHARS)?;
    }
    let school = match parts.get(Marker::School).filter(|s| !s.is_empty()) {
        Some(typed) => match names::lookup(ctx.conn, List::Schools, typed)? {
            Lookup::Found(entry) => Some(entry),
            Lookup::NotFound { typed, suggestions } => {
                return names::refuse_unknown(ctx, List::Schools, &typed, &suggestions);
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
    let new = NewAllocation {
        fiscal_year: fiscal_year(today),
        allocated_on: today,
        amount,
        recipient,
        school_id: school.as_ref().map(|s| s.id),
        note,
        recorded_by_id: ctx.event.actor.user_id,
        recorded_by_name: &ctx.event.actor.name,
        recorded_at: ctx.now,
    };
    let id = store::insert_allocation(ctx.conn, &new)?;
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
            ("number", Arg::from(id)),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

/// What the fund holds now: every scholarship gift received less every allocation standing.
pub(crate) fn balance_now(conn: &rusqlite::Connection) -> rusqlite::Result<i64> {
    Ok(store::flows(conn, &Days::EVER)?.balance())
}

/// `ยกเลิกทุน <รายการที่> <เหตุผล>`: like a donation, an allocation made by mistake is voided
/// with a reason, never deleted; the amount returns to the fund's balance.
pub fn void(ctx: &mut Ctx, args: &str) -> CoreResult {
    if ctx.chat_role != Some(Role::Staff) {
        return refuse("donations.fund_staff_group_only", vec![]);
    }
    let (number_text, reason) = args
        .trim()
        .split_once(char::is_whitespace)
        .unwrap_or((args.trim(), ""));
    let number_text = number_text
        .trim_start_matches("รายการที่")
        .trim_start_matches('#');
    let Some(allocation) = crate::thai::normalize_digits(number_text)
        .parse::<i64>()
        .ok()
        .map(|id| store::allocation(ctx.conn, id))
        .transpose()?
        .flatten()
    else {
        return refuse("donations.fund_void_usage", vec![]);
    };
    let reason = reason.trim();
    if reason.is_empty() {
        return refuse(
            "donations.fund_void_needs_reason",
            vec![("number", Arg::from(allocation.id))],
        );
    }
    check_length(ctx, "donations.field_reason", reason, NOTE_MAX_CHARS)?;
    // As with donations, a closed fiscal year's accounts stay as they were reported.
    if fiscal_year(ctx.today()) != allocation.fiscal_year {
        return refuse(
            "donations.void_closed_year",
            vec![
                ("number", Arg::from(allocation.id)),
                ("year", Arg::from(allocation.fiscal_year)),
            ],
        );
    }
    if let Some(earlier) = &allocation.void_reason {
        return refuse(
            "donations.fund_void_already",
            vec![
                ("number", Arg::from(allocation.id)),
                ("reason", Arg::from(earlier.as_str())),
            ],
        );
    }
    store::void_allocation(
        ctx.conn,
        &store::AllocationVoid {
            allocation_id: allocation.id,
            at: ctx.now,
            by_id: ctx.event.actor.user_id,
            by_name: &ctx.event.actor.name,
            reason,
        },
    )?;
    // As when allocating, the audit keeps the amount, not the child's name.
    ctx.audit(
        "fund.void",
        &allocation.id.to_string(),
        &format!("{} {reason}", allocation.amount),
    )?;
    let balance = balance_now(ctx.conn)?;
    let text = ctx.t(
        "donations.fund_voided",
        &[
            ("number", Arg::from(allocation.id)),
            ("amount", Arg::from(format_amount(allocation.amount))),
            ("recipient", Arg::from(allocation.recipient.as_str())),
            ("reason", Arg::from(reason)),
            ("balance", Arg::from(format_amount(balance))),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

/// The list of scholarship students of a fiscal year (one of the documents seed 001 names),
/// as a sheet of the register's export; voided allocations are listed and marked.
pub fn allocations_sheet(ctx: &Ctx, fiscal_year: i32) -> CoreResult<Sheet> {
    let headers = [
        "รายการที่",
        "ผู้รับทุน",
        "โรงเรียน",
        "จำนวนเงิน (บาท)",
        "วันที่จัดสรร",
        "หมายเหตุคณะกรรมการ",
        "สถานะ",
        "เหตุผลที่ยกเลิก",
    ];
    let rows = store::allocations(ctx.conn, fiscal_year)?
        .into_iter()
        .map(|a| {
            vec![
                Cell::Text(a.id.to_string()),
                Cell::Text(a.recipient),
                Cell::Text(
                    a.school
                        .map(|s| List::Schools.display(&s))
                        .unwrap_or_default(),
                ),
                Cell::Money(a.amount),
                Cell::Date(a.allocated_on),
                Cell::Text(a.note.unwrap_or_default()),
                Cell::Text(
                    if a.void_reason.is_some() {
                        "ยกเลิก"
                    } else {
                        "ใช้ได้"
                    }
                    .into(),
                ),
                Cell::Text(a.void_reason.unwrap_or_default()),
            ]
        })
        .collect();
    Ok(Sheet {
        name: format!("ผู้รับทุน {fiscal_year}"),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
    })
}

/// `ยอดทุนคงเหลือ`.
pub fn balance(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let flows = store::flows(ctx.conn, &Days::EVER)?;
    let text = ctx.t(
        "donations.fund_balance",
        &[
            ("received", Arg::from(format_amount(flows.received))),
            ("allocated", Arg::from(format_amount(flows.allocated))),
            ("balance", Arg::from(format_amount(flows.balance()))),
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
    let year = store::flows(
        ctx.conn,
        &Days {
            from: Some(start),
            to: Some(end),
        },
    )?;
    let until_year_end = store::flows(
        ctx.conn,
        &Days {
            from: None,
            to: Some(end),
        },
    )?;
    let recipients = store::recipients(ctx.conn, fy)?;
    let mut lines = vec![ctx.t(
        "donations.fund_summary",
        &[
            ("year", Arg::from(fy)),
            // What earlier years left: without it the lines did not add up to the balance.
            (
                "carried",
                Arg::from(format_amount(until_year_end.balance() - year.balance())),
            ),
            ("received", Arg::from(format_amount(year.received))),
            ("allocated", Arg::from(format_amount(year.allocated))),
            ("recipients", Arg::from(recipients.len())),
            (
                "balance",
                Arg::from(format_amount(until_year_end.balance())),
            ),
        ],
    )];
    if ctx.chat_role == Some(Role::Staff) && !recipients.is_empty() {
        lines.push(ctx.t("donations.fund_recipients_title", &[]));
        for (index, recipient) in recipients.iter().enumerate() {
            let school = recipient
                .school
                .as_deref()
                .map(|s| format!(" ({})", List::Schools.display(s)))
                .unwrap_or_default();
            lines.push(format!(
                "{}. {}{} · {}",
                index + 1,
                escape_html(&recipient.name),
                escape_html(&school),
                escape_html(&format_amount(recipient.amount))
            ));
        }
    } else if !recipients.is_empty() {
        lines.push(ctx.t("donations.fund_names_in_staff_group", &[]));
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}
