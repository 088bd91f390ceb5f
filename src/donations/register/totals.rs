//! `ยอดบริจาค [ช่วงเวลา]` (totals by purpose, network, money and goods, top donors, the
//! previous period) and `ตรวจยอด <จำนวนเงิน>` (a claimed total against the register).
//!
//! Both read the monthly roll-ups the triggers keep, so their sums cost about the same on a
//! thousand records as on a million; `ตรวจยอด`'s look for a record equal to the difference
//! walks the fiscal year's records (no index on amounts is kept, to keep recording cheap).

use rusqlite::Connection;

use super::names::{self, List, Lookup};
use super::parse::{Marker, Purpose, split_parts};
use super::record::one_line;
use super::store::{
    self,
    totals::{DonorTotal, Share},
};
use crate::core::{CoreResult, Ctx, OutMessage, Role, refuse};
use crate::i18n::{Arg, escape_html};
use crate::thai::{
    Period, PeriodError, PeriodKind, amount_in_words, fiscal_year, format_amount, parse_period,
    parse_year,
};

/// Sums of one period, from the roll-ups.
#[derive(Debug, Default, Clone)]
pub struct Totals {
    pub total: i64,
    pub count: i64,
    pub money: (i64, i64),
    pub goods: (i64, i64),
    pub by_purpose: Vec<(Purpose, i64, i64)>,
    /// Network id (0: none) with total and count, largest first.
    pub by_network: Vec<(i64, i64, i64)>,
}

pub fn totals(
    conn: &Connection,
    period: &Period,
    network: Option<i64>,
) -> rusqlite::Result<Totals> {
    let mut totals = Totals {
        by_purpose: Purpose::ALL.iter().map(|p| (*p, 0, 0)).collect(),
        ..Totals::default()
    };
    for share in store::totals::shares(conn, period, network)? {
        let Share {
            purpose,
            goods,
            network_id,
            total,
            count,
        } = share;
        if count == 0 {
            continue;
        }
        totals.total += total;
        totals.count += count;
        let split = if goods {
            &mut totals.goods
        } else {
            &mut totals.money
        };
        split.0 += total;
        split.1 += count;
        if let Some(entry) = totals
            .by_purpose
            .iter_mut()
            .find(|(p, _, _)| Some(*p) == purpose)
        {
            entry.1 += total;
            entry.2 += count;
        }
        match totals
            .by_network
            .iter_mut()
            .find(|(id, _, _)| *id == network_id)
        {
            Some(entry) => {
                entry.1 += total;
                entry.2 += count;
            }
            None => totals.by_network.push((network_id, total, count)),
        }
    }
    totals
        .by_network
        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok(totals)
}

/// Reporting periods are whole months (a month, a quarter, a fiscal year).
fn period_or_refuse(ctx: &Ctx, text: &str) -> CoreResult<Period> {
    let today = ctx.today();
    let period = match parse_period(text, today) {
        Ok(period) => period,
        Err(PeriodError::Empty) => Period::fiscal_year(fiscal_year(today)),
        Err(error) => {
            return ctx.refuse_explained("donations.period_problem", &error);
        }
    };
    match period.kind {
        PeriodKind::FiscalYear(_) | PeriodKind::FiscalQuarter(..) | PeriodKind::Month(..) => {
            Ok(period)
        }
        PeriodKind::Week | PeriodKind::Day => refuse("donations.period_whole_months", vec![]),
    }
}

/// "1,250.00 บาท (3 รายการ)".
fn amount_count(ctx: &Ctx, total: i64, count: i64) -> String {
    ctx.t(
        "donations.amount_count",
        &[
            ("amount", Arg::from(format_amount(total))),
            ("count", Arg::from(count)),
        ],
    )
}

/// `ยอดบริจาค [ปีงบ 2569 | เดือนนี้ | มิ.ย. 2569 | ไตรมาส 2]`.
pub fn donations_report(ctx: &mut Ctx, args: &str) -> CoreResult {
    let period = period_or_refuse(ctx, args)?;
    let report = report_text(ctx, &period)?;
    let mut message = OutMessage::text(report.text);
    if let Some(chart) = super::files::network_chart(ctx, &period, &report.by_network) {
        message = message.with_attachment(chart);
    }
    ctx.reply(message);
    Ok(())
}

pub struct Report {
    pub text: String,
    /// Network names with their totals (the chart).
    pub by_network: Vec<(String, i64)>,
}

/// A fiscal year to suggest where the one asked for (`shown`, if a whole year) has no
/// records: the year running, or the one before when the year running is shown.
pub(super) fn another_fiscal_year(today: chrono::NaiveDate, shown: Option<i32>) -> i32 {
    let running = fiscal_year(today);
    if shown == Some(running) {
        running - 1
    } else {
        running
    }
}

pub fn report_text(ctx: &Ctx, period: &Period) -> CoreResult<Report> {
    let totals = totals(ctx.conn, period, None)?;
    let donors = store::totals::donor_totals(ctx.conn, period)?;
    let label = Arg::from(ctx.period(period));
    if totals.count == 0 {
        let shown = match period.kind {
            PeriodKind::FiscalYear(year) => Some(year),
            _ => None,
        };
        let other = another_fiscal_year(ctx.today(), shown);
        return Ok(Report {
            text: ctx.t(
                "donations.report_empty",
                &[("period", label), ("other_year", Arg::from(other))],
            ),
            by_network: Vec::new(),
        });
    }
    let named = donors.iter().filter(|d| !d.name.is_empty()).count();
    let anonymous_count: i64 = donors
        .iter()
        .filter(|d| d.name.is_empty())
        .map(|d| d.count)
        .sum();
    let mut lines = vec![
        ctx.t("donations.report_title", &[("period", label)]),
        ctx.t(
            "donations.report_total",
            &[
                ("amount", Arg::from(format_amount(totals.total))),
                ("words", Arg::from(amount_in_words(totals.total))),
                ("count", Arg::from(totals.count)),
                ("donors", Arg::from(named)),
                ("anonymous", Arg::from(anonymous_count)),
            ],
        ),
        ctx.t(
            "donations.report_money",
            &[(
                "value",
                Arg::from(amount_count(ctx, totals.money.0, totals.money.1)),
            )],
        ),
        ctx.t(
            "donations.report_goods",
            &[(
                "value",
                Arg::from(amount_count(ctx, totals.goods.0, totals.goods.1)),
            )],
        ),
        String::new(),
        ctx.t("donations.report_by_purpose", &[]),
    ];
    for (purpose, total, count) in &totals.by_purpose {
        lines.push(format!(
            "• {}: {}",
            escape_html(&ctx.t(purpose.label_key(), &[])),
            escape_html(&amount_count(ctx, *total, *count))
        ));
    }
    lines.push(String::new());
    lines.push(ctx.t("donations.report_by_network", &[]));
    let mut by_network = Vec::new();
    for (network_id, total, count) in &totals.by_network {
        let name = match store::names::name_of(ctx.conn, List::Networks, *network_id)? {
            Some(name) => List::Networks.display(&name),
            None => ctx.t("donations.no_network", &[]),
        };
        lines.push(format!(
            "• {}: {}",
            escape_html(&name),
            escape_html(&amount_count(ctx, *total, *count))
        ));
        by_network.push((name, *total));
    }
    lines.push(String::new());
    lines.push(ctx.t("donations.report_top_donors", &[]));
    lines.extend(top_donors(ctx, donors));
    lines.push(String::new());
    lines.push(comparison(ctx, period, totals.total)?);
    Ok(Report {
        text: lines.join("\n"),
        by_network,
    })
}

/// The five largest donors. Anonymous gifts are one line; people are named only to staff
/// (principals see organisations by name and individuals as one line).
fn top_donors(ctx: &Ctx, donors: Vec<DonorTotal>) -> Vec<String> {
    const TOP: usize = 5;
    let sees_people = ctx.acts_as(Role::Staff);
    let anonymous_label = ctx.t("donations.anonymous_group", &[]);
    let people_label = ctx.t("donations.individuals_group", &[]);
    let mut grouped: Vec<(String, i64, i64)> = Vec::new();
    for donor in donors {
        let label = if donor.name.is_empty() {
            anonymous_label.clone()
        } else if sees_people || donor.kind.is_public() {
            donor.name
        } else {
            people_label.clone()
        };
        match grouped.iter_mut().find(|(l, _, _)| *l == label) {
            Some(entry) => {
                entry.1 += donor.total;
                entry.2 += donor.count;
            }
            None => grouped.push((label, donor.total, donor.count)),
        }
    }
    grouped.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    grouped
        .into_iter()
        .take(TOP)
        .enumerate()
        .map(|(index, (label, total, count))| {
            format!(
                "{}. {}: {}",
                index + 1,
                escape_html(&label),
                escape_html(&amount_count(ctx, total, count))
            )
        })
        .collect()
}

fn comparison(ctx: &Ctx, period: &Period, total: i64) -> CoreResult<String> {
    let previous = period.previous();
    let before = totals(ctx.conn, &previous, None)?.total;
    let label = Arg::from(ctx.period(&previous));
    if before == 0 {
        return Ok(ctx.t("donations.compare_none", &[("period", label)]));
    }
    let difference = total - before;
    // Per mille, rounded half away from zero, shown with one decimal.
    let per_mille =
        (i128::from(difference) * 2000 / i128::from(before) + i128::from(difference.signum())) / 2;
    let percent = format!("{}.{}", per_mille / 10, (per_mille % 10).abs());
    let key = if difference >= 0 {
        "donations.compare_up"
    } else {
        "donations.compare_down"
    };
    Ok(ctx.t(
        key,
        &[
            ("period", label),
            ("before", Arg::from(format_amount(before))),
            ("difference", Arg::from(format_amount(difference.abs()))),
            (
                "percent",
                Arg::from(percent.trim_start_matches('-').to_string()),
            ),
        ],
    ))
}

/// `ตรวจยอด <จำนวนเงิน> [เครือข่าย …] [ปีงบ …]`.
pub fn check_total(ctx: &mut Ctx, args: &str) -> CoreResult {
    let parts = split_parts(args, &[Marker::Network, Marker::FiscalYear]);
    let claimed = match crate::thai::parse_amount(&parts.head) {
        Ok(amount) => amount,
        Err(error) => {
            return ctx.refuse_explained("donations.check_problem", &error);
        }
    };
    let fy = match parts.get(Marker::FiscalYear) {
        Some(text) => match parse_year(text) {
            Ok(year) => year,
            Err(error) => {
                return ctx.refuse_explained("donations.check_problem", &error);
            }
        },
        None => fiscal_year(ctx.today()),
    };
    let network = match parts.get(Marker::Network) {
        Some(typed) => match names::lookup(ctx.conn, List::Networks, typed)? {
            Lookup::Found(entry) => Some(entry),
            Lookup::NotFound { typed, suggestions } => {
                return names::refuse_unknown(ctx, List::Networks, &typed, &suggestions);
            }
        },
        None => None,
    };
    let period = Period::fiscal_year(fy);
    let found = totals(ctx.conn, &period, network.as_ref().map(|n| n.id))?;
    let scope = match &network {
        Some(entry) => ctx.t(
            "donations.check_scope_network",
            &[
                ("network", Arg::from(List::Networks.display(&entry.name))),
                ("period", Arg::from(ctx.period(&period))),
            ],
        ),
        None => ctx.period(&period),
    };
    let mut lines = Vec::new();
    let difference = claimed - found.total;
    if difference == 0 {
        lines.push(ctx.t(
            "donations.check_match",
            &[
                ("scope", Arg::from(scope)),
                ("amount", Arg::from(format_amount(found.total))),
                ("words", Arg::from(amount_in_words(found.total))),
                ("count", Arg::from(found.count)),
            ],
        ));
    } else {
        let key = if difference > 0 {
            "donations.check_claim_higher"
        } else {
            "donations.check_claim_lower"
        };
        lines.push(ctx.t(
            key,
            &[
                ("scope", Arg::from(scope)),
                ("claimed", Arg::from(format_amount(claimed))),
                ("claimed_words", Arg::from(amount_in_words(claimed))),
                ("amount", Arg::from(format_amount(found.total))),
                ("count", Arg::from(found.count)),
                ("difference", Arg::from(format_amount(difference.abs()))),
                ("words", Arg::from(amount_in_words(difference.abs()))),
            ],
        ));
        let same = store::with_amount(ctx.conn, fy, difference.abs())?;
        if !same.is_empty() {
            lines.push(ctx.t("donations.check_same_amount", &[]));
            for donation in &same {
                let line = if ctx.acts_as(Role::Staff) {
                    one_line(ctx, donation)
                } else {
                    escape_html(&donation.number_label())
                };
                lines.push(format!("• {line}"));
            }
        }
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}
