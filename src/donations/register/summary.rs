//! The summary that stands for many proofs of donation owed to one chat at once (a busy
//! group): how many records, their numbers as ranges (`14/2570–25/2570, 27/2570`), the money
//! they record in total and the goods counted (goods are not money), and how to see each one;
//! its button lists the records with their details.

use super::parse::{number_label, parse_number};
use super::record::one_line_marked;
use super::store::{self, Donation, Gift};
use crate::core::{Button, CoreResult, Ctx, OutMessage, Role, Summarized, refuse};
use crate::donations::AREA;
use crate::i18n::{Arg, Lang, Locales};
use crate::thai::format_amount;

/// Records a summary's button lists at most.
const MAX_LISTED: i64 = 200;

/// What a proof of donation tells a summary about its record.
pub fn item(donation: &Donation) -> Summarized {
    Summarized {
        area: AREA.to_string(),
        series: i64::from(donation.fiscal_year),
        number: donation.number,
        satang: matches!(donation.gift, Gift::Money).then_some(donation.amount),
    }
}

/// `บันทึก 12 รายการ: 14/2570–25/2570, รวม 12,500.00 บาท`, how to get each proof, and a
/// button listing them.
pub fn summarize(locales: &Locales, lang: Lang, items: &[Summarized]) -> OutMessage {
    message(locales, lang, items, "donations.records_summary")
}

/// The summary of the records `items` under the text `key` (which says why they come as
/// one: a busy group, several lines in one message).
pub fn message(locales: &Locales, lang: Lang, items: &[Summarized], key: &str) -> OutMessage {
    let mut records: Vec<&Summarized> = items.iter().collect();
    records.sort_unstable_by_key(|item| (item.series, item.number));
    // The same record reported twice (a repeated send) counts once.
    records.dedup_by_key(|item| (item.series, item.number));
    let numbers: Vec<(i64, i64)> = records.iter().map(|i| (i.series, i.number)).collect();
    let money: Vec<i64> = records.iter().filter_map(|item| item.satang).collect();
    let goods = records.len() - money.len();
    let total = Arg::from(format_amount(money.iter().sum()));
    let mut details = vec![ranges(&numbers)];
    match (money.len(), goods) {
        (_, 0) => details.push(locales.text(
            lang,
            "donations.records_summary_total",
            &[("amount", total)],
        )),
        (0, _) => {}
        (count, _) => details.push(locales.text(
            lang,
            "donations.records_summary_money",
            &[("count", Arg::from(count)), ("amount", total)],
        )),
    }
    if goods > 0 {
        details.push(locales.text(
            lang,
            "donations.records_summary_goods",
            &[("count", Arg::from(goods))],
        ));
    }
    let (first, last) = (numbers[0], numbers[numbers.len() - 1]);
    let text = locales.text(
        lang,
        key,
        &[
            ("count", Arg::from(records.len())),
            ("details", Arg::from(details.join(", "))),
            ("example", Arg::from(number_label(first.1, first.0))),
        ],
    );
    let button = Button::Callback {
        label: locales.text(lang, "donations.records_summary_button", &[]),
        data: format!(
            "{AREA}:sum:{}-{}",
            number_label(first.1, first.0),
            number_label(last.1, last.0)
        ),
    };
    OutMessage::text(text).with_buttons(vec![vec![button]])
}

/// Sorted, distinct (series, number) pairs as runs of consecutive numbers of one series:
/// `14/2570–25/2570, 27/2570`. A fiscal year's first numbers start a run of their own.
fn ranges(numbers: &[(i64, i64)]) -> String {
    let mut runs: Vec<((i64, i64), (i64, i64))> = Vec::new();
    for &number in numbers {
        match runs.last_mut() {
            Some((_, end)) if end.0 == number.0 && end.1 + 1 == number.1 => *end = number,
            _ => runs.push((number, number)),
        }
    }
    runs.iter()
        .map(|&(from, to)| match from == to {
            true => number_label(from.1, from.0),
            false => format!(
                "{}–{}",
                number_label(from.1, from.0),
                number_label(to.1, to.0)
            ),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// "14/2570-25/2570" from a summary's button: (fiscal year, number) of each end.
fn parse_span(span: &str) -> Option<((i32, i64), (i32, i64))> {
    let number = |text: &str| match parse_number(text)? {
        (number, Some(year)) => Some((year, number)),
        (_, None) => None,
    };
    let (from, to) = span.split_once('-')?;
    Some((number(from)?, number(to)?))
}

/// The summary's button (`sum:<from>-<to>`): the records from the first number to the last,
/// one line each, voided ones marked, with how to get each proof. Staff only, like the proofs.
pub fn list_button(ctx: &mut Ctx, span: &str) -> CoreResult {
    if !ctx.acts_as(Role::Staff) {
        return refuse(
            "core.refuse_staff_only",
            vec![("command", Arg::from(ctx.command_word("receipt")))],
        );
    }
    let Some((from, to)) = parse_span(span) else {
        ctx.answer_button_with("core.button_expired", &[]);
        return Ok(());
    };
    let records = store::numbered_between(ctx.conn, from, to, MAX_LISTED)?;
    let mut lines = vec![ctx.t(
        "donations.records_list_title",
        &[
            ("from", Arg::from(number_label(from.1, from.0.into()))),
            ("to", Arg::from(number_label(to.1, to.0.into()))),
            ("count", Arg::from(records.len())),
        ],
    )];
    lines.extend(
        records
            .iter()
            .map(|donation| one_line_marked(ctx, donation)),
    );
    lines.push(ctx.t("donations.records_list_footer", &[]));
    ctx.answer_button(None);
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_runs_within_a_fiscal_year() {
        let numbers = [
            (2569, 98),
            (2569, 99),
            (2570, 1),
            (2570, 2),
            (2570, 3),
            (2570, 5),
            (2570, 7),
            (2570, 8),
        ];
        assert_eq!(
            ranges(&numbers),
            "98/2569–99/2569, 1/2570–3/2570, 5/2570, 7/2570–8/2570"
        );
        assert_eq!(ranges(&[(2570, 14)]), "14/2570");
    }

    #[test]
    fn a_button_span_reads_back() {
        assert_eq!(parse_span("98/2569-3/2570"), Some(((2569, 98), (2570, 3))));
        assert_eq!(parse_span("98/2569"), None);
    }

    /// The summary's button names its first and last numbers as the list reads them back.
    #[test]
    fn the_summary_buttons_span_reads_back_as_its_first_and_last_numbers() {
        let locales = Locales::load();
        let summary = summarize(
            &locales,
            Lang::Th,
            &[
                record(16, None),
                record(9, Some(100)),
                record(14, Some(100)),
            ],
        );
        let Button::Callback { data, .. } = &summary.buttons[0][0] else {
            panic!("a callback button: {:?}", summary.buttons);
        };
        let span = data.strip_prefix(&format!("{AREA}:sum:")).expect(data);
        assert_eq!(parse_span(span), Some(((2570, 9), (2570, 16))));
    }

    fn record(number: i64, satang: Option<i64>) -> Summarized {
        Summarized {
            area: AREA.into(),
            series: 2570,
            number,
            satang,
        }
    }

    #[test]
    fn money_is_totalled_from_satang_and_goods_are_counted() {
        let locales = Locales::load();
        let items = [
            record(14, Some(100_050)),
            record(15, None),
            record(16, Some(25_000)),
            record(14, Some(100_050)),
        ];
        let summary = summarize(&locales, Lang::Th, &items);
        assert!(summary.text.contains("บันทึก 3 รายการ"), "{}", summary.text);
        assert!(summary.text.contains("14/2570–16/2570"), "{}", summary.text);
        assert!(summary.text.contains("1,250.50 บาท"), "{}", summary.text);
        assert!(summary.text.contains("สิ่งของ 1 รายการ"), "{}", summary.text);
        let english = summarize(&locales, Lang::En, &items[..1]);
        assert!(english.text.contains("1 record"), "{}", english.text);
    }
}
