//! `ปฏิทิน [ช่วงเวลา]` and `เลยกำหนด`: the deadlines this chat may see, by date.

use super::audience::{self, Audience};
use super::store::{self, Deadline};
use super::view;
use crate::core::{CoreResult, Ctx};
use crate::i18n::Arg;
use crate::thai::{self, PeriodError};
use chrono::{Days, NaiveDate};

/// Without a period, the calendar shows today and the 29 days after it.
pub const DEFAULT_DAYS: u64 = 30;
/// Most lines in one list; the rest is counted.
const MAX_LINES: usize = 100;

pub fn calendar(ctx: &mut Ctx, args: &str) -> CoreResult {
    let today = ctx.today();
    let (start, end, label) = match thai::parse_coming_period(args, today) {
        Ok(period) => (period.start, period.end, ctx.period(&period)),
        Err(PeriodError::Empty) => {
            let end = today
                .checked_add_days(Days::new(DEFAULT_DAYS - 1))
                .unwrap_or(today);
            let label = ctx.t(
                "calendar.default_period",
                &[
                    ("days", Arg::from(DEFAULT_DAYS.to_string())),
                    ("start", Arg::Date(today)),
                    ("end", Arg::Date(end)),
                ],
            );
            (today, end, label)
        }
        Err(error) => {
            return ctx.refuse_explained("calendar.calendar_usage", &error);
        }
    };
    let visible = audience::visible_list(ctx);
    let range = store::VisibleBetween {
        start,
        end,
        visible: &visible,
    };
    let total = store::count_between(ctx.conn, &range)?;
    let deadlines = store::list_between(ctx.conn, &range, MAX_LINES)?;
    let head = ctx.t("calendar.calendar_title", &[("period", Arg::from(label))]);
    let mut message = if deadlines.is_empty() {
        crate::core::OutMessage::text(format!("{head}\n{}", ctx.t("calendar.calendar_empty", &[])))
    } else {
        let left_out = usize::try_from(total)
            .unwrap_or(0)
            .saturating_sub(deadlines.len());
        view::lines_message(ctx, head, lines(ctx, &deadlines, today), left_out)
    };
    let overdue = store::count_overdue(ctx.conn, today, &visible)?;
    if overdue > 0 {
        message.text.push_str("\n\n");
        message.text.push_str(&ctx.t(
            "calendar.calendar_overdue_hint",
            &[("count", Arg::from(overdue))],
        ));
    }
    if args.trim().is_empty() {
        message.text.push_str("\n\n");
        message
            .text
            .push_str(&ctx.t("calendar.calendar_periods_hint", &[]));
    }
    ctx.reply(message);
    Ok(())
}

pub fn overdue(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let today = ctx.today();
    let visible = audience::visible_list(ctx);
    let total = store::count_overdue(ctx.conn, today, &visible)?;
    if total == 0 {
        let text = ctx.t("calendar.overdue_none", &[]);
        ctx.reply_text(text);
        return Ok(());
    }
    let deadlines = store::list_overdue(ctx.conn, today, &visible, MAX_LINES)?;
    let head = ctx.t("calendar.overdue_title", &[("count", Arg::from(total))]);
    let left_out = usize::try_from(total)
        .unwrap_or(0)
        .saturating_sub(deadlines.len());
    let mut message = view::lines_message(ctx, head, lines(ctx, &deadlines, today), left_out);
    message.text.push('\n');
    message.text.push_str(&ctx.t("calendar.overdue_hint", &[]));
    ctx.reply(message);
    Ok(())
}

/// One line per deadline; the group is named when this person sees more than one group's.
fn lines(ctx: &Ctx, deadlines: &[Deadline], today: NaiveDate) -> Vec<String> {
    let whole_office = audience::may_see(ctx, Audience::Staff);
    deadlines
        .iter()
        .map(|d| {
            let name_group = whole_office && d.audience != Audience::Staff;
            view::list_line(ctx, d, today, name_group)
        })
        .collect()
}
