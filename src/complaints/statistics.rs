//! `สรุปเรื่องร้องเรียน [ปีงบ 2569]`: counts by category and status, on time against late,
//! and the median days to close, for a period (the current fiscal year by default).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::category::Kind;
use super::status::Status;
use super::store::{self, Case};
use crate::core::{CoreResult, Ctx};
use crate::i18n::Arg;
use crate::thai::{Period, PeriodError, fiscal_year, parse_period};

pub fn summary(ctx: &mut Ctx, args: &str) -> CoreResult {
    let today = ctx.today();
    let period = match parse_period(args, today) {
        Ok(period) => period,
        Err(PeriodError::Empty) => Period::fiscal_year(fiscal_year(today)),
        Err(error) => {
            return ctx.refuse_explained("complaints.summary_bad_period", &error);
        }
    };
    let cases = store::cases_filed_between(ctx.conn, period.start, period.end)?;
    let text = render(ctx, period, &cases, today);
    ctx.reply_text(text);
    Ok(())
}

/// Whether a case met its result deadline: closed in time, closed late, open but already
/// late, or open and still in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Timeliness {
    ClosedOnTime,
    ClosedLate,
    OpenLate,
    OpenInTime,
}

fn timeliness(case: &Case, today: NaiveDate) -> Timeliness {
    match case.closed_on {
        Some(closed) if closed <= case.result_due => Timeliness::ClosedOnTime,
        Some(_) => Timeliness::ClosedLate,
        None if today > case.result_due => Timeliness::OpenLate,
        None => Timeliness::OpenInTime,
    }
}

/// Median of whole days, in half days so an even count stays exact.
fn median_half_days(mut days: Vec<i64>) -> Option<i64> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let mid = days.len() / 2;
    Some(if days.len() % 2 == 1 {
        days[mid] * 2
    } else {
        days[mid - 1] + days[mid]
    })
}

fn format_half_days(half_days: i64) -> String {
    if half_days % 2 == 0 {
        (half_days / 2).to_string()
    } else {
        format!("{}.5", half_days / 2)
    }
}

fn render(ctx: &Ctx, period: Period, cases: &[Case], today: NaiveDate) -> String {
    let mut lines = vec![ctx.t(
        "complaints.summary_title",
        &[
            ("period", Arg::from(ctx.period(&period))),
            ("count", Arg::from(cases.len())),
        ],
    )];
    for kind in [Kind::Complaint, Kind::Request] {
        let of_kind: Vec<&Case> = cases.iter().filter(|c| c.kind == kind).collect();
        lines.push(String::new());
        lines.push(ctx.t(
            "complaints.summary_kind",
            &[
                ("kind", Arg::from(ctx.t(kind.name_key(), &[]))),
                ("count", Arg::from(of_kind.len())),
            ],
        ));
        for category in kind.categories() {
            let count = of_kind.iter().filter(|c| c.category == *category).count();
            lines.push(ctx.t(
                "complaints.summary_count_line",
                &[
                    ("name", Arg::from(ctx.t(&category.name_key(), &[]))),
                    ("count", Arg::from(count)),
                ],
            ));
        }
    }
    let mut by_status: BTreeMap<usize, usize> = BTreeMap::new();
    for case in cases {
        let index = Status::ALL
            .iter()
            .position(|s| *s == case.status)
            .unwrap_or(0);
        *by_status.entry(index).or_default() += 1;
    }
    // Statuses are listed as cases have them: with no case, no heading over nothing.
    if !by_status.is_empty() {
        lines.push(String::new());
        lines.push(ctx.t("complaints.summary_status_title", &[]));
    }
    for (index, count) in by_status {
        lines.push(ctx.t(
            "complaints.summary_count_line",
            &[
                (
                    "name",
                    Arg::from(ctx.t(&Status::ALL[index].name_key(), &[])),
                ),
                ("count", Arg::from(count)),
            ],
        ));
    }
    let count = |wanted: Timeliness| {
        cases
            .iter()
            .filter(|c| timeliness(c, today) == wanted)
            .count()
    };
    let acknowledged_late = cases
        .iter()
        .filter(|c| match c.acknowledged_on {
            Some(day) => day > c.ack_due,
            None => today > c.ack_due,
        })
        .count();
    lines.push(String::new());
    lines.push(ctx.t(
        "complaints.summary_timeliness",
        &[
            ("on_time", Arg::from(count(Timeliness::ClosedOnTime))),
            ("late", Arg::from(count(Timeliness::ClosedLate))),
            ("open_late", Arg::from(count(Timeliness::OpenLate))),
            ("open_in_time", Arg::from(count(Timeliness::OpenInTime))),
            ("ack_late", Arg::from(acknowledged_late)),
        ],
    ));
    let days_to_close: Vec<i64> = cases
        .iter()
        .filter_map(|c| c.closed_on.map(|closed| (closed - c.filed_on).num_days()))
        .collect();
    lines.push(match median_half_days(days_to_close) {
        Some(half_days) => ctx.t(
            "complaints.summary_median",
            &[("days", Arg::from(format_half_days(half_days)))],
        ),
        None => ctx.t("complaints.summary_median_none", &[]),
    });
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median_half_days(vec![]), None);
        assert_eq!(
            median_half_days(vec![9, 1, 4]).map(format_half_days),
            Some("4".into())
        );
        assert_eq!(
            median_half_days(vec![1, 2, 3, 6]).map(format_half_days),
            Some("2.5".into())
        );
    }
}
