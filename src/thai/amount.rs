//! Money amounts typed by users, kept as whole satang (1 baht = 100 satang) so no float ever
//! touches money.

use super::digits::normalize_digits;
use super::number_words::{self, NumberError, ONE, Token, Word};
use super::{Explain, ExplainArg};

/// Largest amount accepted from users: 999,999,999,999.99 baht. Far beyond any real donation,
/// and far enough inside `i64` that sums of many such amounts cannot overflow.
const MAX_SATANG: i64 = 99_999_999_999_999;

const SATANG_PER_BAHT: i64 = 100;

/// Why a typed amount was refused. Where the text was partly read, the error says how, so
/// that the person sees at once what the bot understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NotANumber,
    Zero,
    Negative,
    TooManyDecimals,
    /// `read`: the amount as it was read ("1,000,000,000,000.00 บาท", or the figures typed).
    TooLarge {
        read: String,
    },
    BadSeparators,
    /// Figures starting with a zero ("0812345678"): no amount is written so, a phone number is.
    LeadingZero {
        typed: String,
    },
    /// Words read up to `read`, then `rest` was not an amount.
    Unclear {
        read: String,
        rest: String,
    },
    /// "สองพันห้า": 2,005 as written, 2,500 as spoken. Both readings in satang.
    Ambiguous {
        typed: String,
        formal: i64,
        shorthand: i64,
    },
}

impl Explain for AmountError {
    fn locale_key(&self) -> &'static str {
        match self {
            AmountError::Empty => "thai.amount_empty",
            AmountError::NotANumber => "thai.amount_not_a_number",
            AmountError::Zero => "thai.amount_zero",
            AmountError::Negative => "thai.amount_negative",
            AmountError::TooManyDecimals => "thai.amount_too_many_decimals",
            AmountError::TooLarge { .. } => "thai.amount_too_large",
            AmountError::BadSeparators => "thai.amount_bad_separators",
            AmountError::LeadingZero { .. } => "thai.amount_leading_zero",
            AmountError::Unclear { .. } => "thai.amount_unclear",
            AmountError::Ambiguous { .. } => "thai.amount_ambiguous",
        }
    }

    fn locale_args(&self) -> Vec<(&'static str, ExplainArg)> {
        match self {
            AmountError::TooLarge { read } => vec![("read", read.clone().into())],
            AmountError::LeadingZero { typed } => vec![("typed", typed.clone().into())],
            AmountError::Unclear { read, rest } => {
                vec![("read", read.clone().into()), ("rest", rest.clone().into())]
            }
            AmountError::Ambiguous {
                typed,
                formal,
                shorthand,
            } => vec![
                ("typed", typed.clone().into()),
                ("formal", format_amount(*formal).into()),
                ("shorthand", format_amount(*shorthand).into()),
                ("example", format_number(*shorthand).into()),
            ],
            _ => Vec::new(),
        }
    }
}

/// Parses an amount of baht as typed in a chat and returns it in satang.
///
/// Accepts Thai or ASCII digits, commas between every three digits, up to two decimals, an
/// optional `฿` prefix, an optional `บาท` suffix (with or without a space; also `บ.` or `฿`
/// after, and in English `THB` before, `baht`, `THB` or the common misspelling `bath` after)
/// and the Thai
/// price-tag ending `.-` ("500.-" means 500 baht). Also figures with magnitude words
/// ("3 พัน", "2.5 หมื่น", "1 ล้าน 2 แสน") and amounts wholly in words as on a receipt
/// ("หนึ่งพันบาทถ้วน", "เจ็ดสิบห้าบาทห้าสิบสตางค์"). Anything that could be read two ways, such
/// as `1,25`, `1.250,50` or the spoken "สองพันห้า", is refused rather than guessed.
pub fn parse_amount(s: &str) -> Result<i64, AmountError> {
    let normalized = currency_marks_in_thai(&normalize_digits(s));
    let text = strip_currency_marks(&normalized);
    if text.chars().any(is_thai_letter) {
        return parse_words(normalized.trim());
    }
    match text.strip_prefix(['-', '\u{2212}']) {
        // A malformed negative is reported by what is malformed about it; only a well-formed
        // one is worth telling that amounts cannot be negative.
        Some(unsigned) => {
            parse_unsigned(strip_currency_marks(unsigned)).and(Err(AmountError::Negative))
        }
        None => parse_unsigned(text),
    }
}

/// An amount typed in answer to "how much?", said the way people say it: "โอนไป ๓,๐๐๐ บาทค่ะ",
/// "มูลค่าประมาณ 24,000 บาท", "ยอดเงินสามพันบาทครับ". Only words that say nothing but "the amount
/// is" (transferred, about, worth, in all, a polite ending) are set aside around it; anything
/// else ("ไม่ใช่ 3,000", "3,000 หรือ 5,000") is refused as [`parse_amount`] refuses it, with its
/// error, so that nothing the person did not mean is taken as the amount.
pub fn parse_amount_answer(s: &str) -> Result<i64, AmountError> {
    let error = match parse_amount(s) {
        Ok(amount) => return Ok(amount),
        Err(error) => error,
    };
    let core = without_lead_in_words(s);
    if core == s.trim() || core.is_empty() {
        return Err(error);
    }
    parse_amount(core).map_err(|_| error)
}

/// Words before or after an amount that only introduce it, longest first so that "โอนไป" is
/// taken whole before "โอน".
const LEAD_IN_WORDS: [&str; 31] = [
    "มูลค่าทั้งหมด",
    "รวมทั้งหมด",
    "โดยประมาณ",
    "จำนวนเงิน",
    "โอนเงินไป",
    "มูลค่ารวม",
    "บริจาคไป",
    "ทั้งหมด",
    "โอนไป",
    "โอนแล้ว",
    "ยอดเงิน",
    "ยอดโอน",
    "ประมาณ",
    "คิดเป็น",
    "มูลค่า",
    "จำนวน",
    "บริจาค",
    "ราวๆ",
    "ราว ๆ",
    "ไปแล้ว",
    "น่าจะ",
    "ให้ไป",
    "แล้ว",
    "โอน",
    "ยอด",
    "เพิ่ง",
    "เงิน",
    "ราว",
    "รวม",
    "ให้",
    "ไป",
];

/// `text` without polite endings and [`LEAD_IN_WORDS`] at either end.
fn without_lead_in_words(text: &str) -> &str {
    let mut rest = text.trim();
    loop {
        let before = rest;
        rest = super::without_polite_ending(rest).trim();
        rest = super::without_polite_start(rest);
        for word in LEAD_IN_WORDS {
            rest = rest.strip_prefix(word).unwrap_or(rest).trim_start();
            rest = rest.strip_suffix(word).unwrap_or(rest).trim_end();
        }
        if rest == before {
            return rest;
        }
    }
}

/// "300 baht", "THB 300", "500บ.", "20,000฿": the currency as the reading below knows it
/// (`300 บาท`, `฿ 300`), one spelling before the figures and one after; and "2k", "1.5K", as
/// chat writes a thousand, as `2 พัน`.
fn currency_marks_in_thai(text: &str) -> String {
    let mut body = text.trim();
    let mut suffix = "";
    for word in ["baht", "bath", "thb", "บ.", "฿"] {
        if let Some(at) = body.len().checked_sub(word.len())
            && body
                .get(at..)
                .is_some_and(|end| end.eq_ignore_ascii_case(word))
        {
            body = &body[..at];
            suffix = "บาท";
            break;
        }
    }
    let mut prefix = "";
    if body
        .get(..3)
        .is_some_and(|start| start.eq_ignore_ascii_case("thb"))
    {
        body = &body[3..];
        prefix = "฿";
    }
    let (figures, unit) = match body.trim_end().strip_suffix("บาท") {
        Some(before) => (before.trim_end(), "บาท"),
        None => (body.trim_end(), suffix),
    };
    if let Some(thousands) = figures.strip_suffix(['k', 'K'])
        && thousands.trim_end().ends_with(|c: char| c.is_ascii_digit())
    {
        return format!("{prefix}{} พัน{unit}", thousands.trim_end());
    }
    format!("{prefix}{body}{suffix}")
}

fn strip_currency_marks(text: &str) -> &str {
    let text = text.trim();
    let text = text.strip_prefix('฿').unwrap_or(text).trim_start();
    let text = text.strip_suffix("บาท").unwrap_or(text).trim_end();
    text.strip_suffix(".-").unwrap_or(text)
}

/// A Thai consonant, vowel or tone mark (not a Thai digit).
pub fn is_thai_letter(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4E}').contains(&c)
}

/// Amounts with Thai words: the number words are read by [`number_words`], then split at บาท
/// into baht and satang.
fn parse_words(text: &str) -> Result<i64, AmountError> {
    let text = text.strip_prefix('฿').unwrap_or(text).trim_start();
    if let Some(unsigned) = text.strip_prefix(['-', '\u{2212}']) {
        return parse_words(unsigned).and(Err(AmountError::Negative));
    }
    let text = text.strip_suffix(".-").unwrap_or(text);
    let (tokens, stopped) = number_words::tokenize(text);
    if let Some(offset) = stopped {
        return Err(unclear(text, offset));
    }
    let has = |index: usize, word: Word| tokens.get(index).is_some_and(|t| t.word == word);
    let last = tokens.len().saturating_sub(1);
    let (baht, satang, marked) = match tokens.iter().position(|t| t.word == Word::Baht) {
        Some(at) => {
            let after = &tokens[at + 1..];
            let satang = match after {
                [] => &[][..],
                [only] if only.word == Word::Exact => &[][..],
                [_, .., end] if end.word == Word::Satang => &after[..after.len() - 1],
                [first, ..] => return Err(unclear(text, first.start)),
            };
            (&tokens[..at], satang, true)
        }
        None if has(last, Word::Satang) => (&[][..], &tokens[..last], true),
        None if has(last, Word::Exact) => (&tokens[..last], &[][..], true),
        None => (&tokens[..], &[][..], false),
    };
    if baht.is_empty() && satang.is_empty() {
        return Err(AmountError::Empty);
    }
    let baht_reading = number_words::evaluate(baht).map_err(|e| number_error(text, e))?;
    let satang_value = satang_part(text, satang)?;
    let to_satang = |value: u128| -> Result<u128, AmountError> {
        if !value.is_multiple_of(ONE / 100) {
            return Err(AmountError::TooManyDecimals);
        }
        Ok(value / (ONE / 100) + satang_value)
    };
    let total = to_satang(baht_reading.value)?;
    if let Some(shorthand) = baht_reading.shorthand.filter(|_| !marked) {
        let within = |value: u128| i64::try_from(value).ok().filter(|&v| v <= MAX_SATANG);
        if let (Some(formal), Some(shorthand)) = (within(total), within(to_satang(shorthand)?)) {
            return Err(AmountError::Ambiguous {
                typed: text.trim().to_string(),
                formal,
                shorthand,
            });
        }
    }
    match i64::try_from(total) {
        Ok(0) => Err(AmountError::Zero),
        Ok(total) if total <= MAX_SATANG => Ok(total),
        _ => Err(AmountError::TooLarge {
            read: format!("{} บาท", group_thousands_wide(total / 100)),
        }),
    }
}

/// The satang of "…บาทห้าสิบสตางค์": a whole number below 100.
fn satang_part(text: &str, tokens: &[Token]) -> Result<u128, AmountError> {
    let Some(first) = tokens.first() else {
        return Ok(0);
    };
    let reading = number_words::evaluate(tokens).map_err(|e| number_error(text, e))?;
    let whole = reading.value % ONE == 0 && reading.value / ONE < 100;
    if !whole || reading.shorthand.is_some() {
        return Err(unclear(text, first.start));
    }
    Ok(reading.value / ONE)
}

fn number_error(text: &str, error: NumberError) -> AmountError {
    match error {
        NumberError::StopsAt(offset) => unclear(text, offset),
        NumberError::BadFigure => AmountError::BadSeparators,
        NumberError::TooManyDecimals => AmountError::TooManyDecimals,
        NumberError::Overflow => AmountError::TooLarge {
            read: text.trim().to_string(),
        },
    }
}

/// Reading stopped at `offset`: what came before was understood, the rest was not.
fn unclear(text: &str, offset: usize) -> AmountError {
    let (read, rest) = text.split_at(offset);
    match read.trim() {
        "" => AmountError::NotANumber,
        read => AmountError::Unclear {
            read: read.to_string(),
            rest: rest.trim().to_string(),
        },
    }
}

fn parse_unsigned(text: &str) -> Result<i64, AmountError> {
    if text.is_empty() {
        return Err(AmountError::Empty);
    }
    let is_amount_char = |c: char| c.is_ascii_digit() || c == ',' || c == '.' || c.is_whitespace();
    if !text.chars().all(is_amount_char) || !text.chars().any(|c| c.is_ascii_digit()) {
        return Err(AmountError::NotANumber);
    }
    if text.chars().any(char::is_whitespace) {
        return Err(AmountError::BadSeparators);
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (text, None),
    };
    let fraction_is_malformed = fraction
        .is_some_and(|digits| digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()));
    if !is_well_grouped(whole) || fraction_is_malformed {
        return Err(AmountError::BadSeparators);
    }
    if whole.starts_with('0') && whole.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        return Err(AmountError::LeadingZero {
            typed: text.to_string(),
        });
    }
    let fraction = fraction.unwrap_or_default();
    if fraction.len() > 2 {
        return Err(AmountError::TooManyDecimals);
    }
    let too_large = || AmountError::TooLarge {
        read: text.to_string(),
    };
    let baht = ascii_digits_value(whole).ok_or_else(too_large)?;
    // "12.5" means 12 baht 50 satang, so a single decimal is tens of satang.
    let satang = match fraction.len() {
        1 => ascii_digits_value(fraction).and_then(|tens| tens.checked_mul(10)),
        _ => ascii_digits_value(fraction),
    }
    .ok_or_else(too_large)?;
    let total = baht
        .checked_mul(SATANG_PER_BAHT)
        .and_then(|whole_satang| whole_satang.checked_add(satang))
        .ok_or_else(too_large)?;
    match total {
        0 => Err(AmountError::Zero),
        _ if total > MAX_SATANG => Err(too_large()),
        _ => Ok(total),
    }
}

/// Plain digits, or commas between every three digits with a first group of one to three
/// digits that does not start with zero (a leading "0," is more likely a decimal comma).
pub(super) fn is_well_grouped(whole: &str) -> bool {
    if whole.is_empty() {
        return false;
    }
    if !whole.contains(',') {
        return true;
    }
    let mut groups = whole.split(',');
    let first_is_valid = groups
        .next()
        .is_some_and(|first| (1..=3).contains(&first.len()) && !first.starts_with('0'));
    first_is_valid && groups.all(|group| group.len() == 3)
}

/// Value of the ASCII digits in `text` (commas are skipped); `None` on overflow.
fn ascii_digits_value(text: &str) -> Option<i64> {
    text.bytes()
        .filter(u8::is_ascii_digit)
        .try_fold(0i64, |total, digit| {
            total.checked_mul(10)?.checked_add(i64::from(digit - b'0'))
        })
}

/// "1,250.50": thousands commas and always two decimals. Negative amounts (differences
/// between totals) keep their sign.
pub fn format_number(satang: i64) -> String {
    let magnitude = satang.unsigned_abs();
    let sign = if satang < 0 { "-" } else { "" };
    let baht = group_thousands(magnitude / 100);
    let cents = magnitude % 100;
    format!("{sign}{baht}.{cents:02}")
}

/// "1,250.50 บาท".
pub fn format_amount(satang: i64) -> String {
    format!("{} บาท", format_number(satang))
}

fn group_thousands(value: u64) -> String {
    group_thousands_wide(u128::from(value))
}

fn group_thousands_wide(value: u128) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_amount_said_in_a_sentence() {
        let cases = [
            ("โอนไป ๓,๐๐๐ บาทค่ะ", 300_000),
            ("มูลค่าประมาณ 24,000 บาท", 2_400_000),
            ("ประมาณสามพันบาทครับ", 300_000),
            ("ยอดเงิน 1,500.50 บาท", 150_050),
            ("โอนแล้ว 500", 50_000),
            // A polite particle after the words that lead in, as it is said.
            ("โอนแล้วค่ะ 500 บาท", 50_000),
            ("บริจาคไปครับ ๒,๐๐๐", 200_000),
            ("โอนแล้วนะคะ ๓๐๐ บาท", 30_000),
            ("เพิ่งโอนไปค่ะ 1,200 บาท", 120_000),
            ("รวมทั้งหมด 2 หมื่น", 2_000_000),
            ("5000", 500_000),
        ];
        for (typed, satang) in cases {
            assert_eq!(parse_amount_answer(typed), Ok(satang), "{typed}");
        }
    }

    #[test]
    fn an_amount_with_anything_else_around_it_is_refused_as_typed() {
        for typed in [
            "ไม่ใช่ 3,000",
            "3,000 หรือ 5,000",
            "โอน 3000 วันที่ 5",
            "ไม่ทราบ",
            "โอนไป",
            "โอนไป 0812345678",
            "คะแนน 500",
        ] {
            assert_eq!(
                parse_amount_answer(typed),
                parse_amount(typed),
                "{typed} is refused with the error of what was typed"
            );
        }
    }

    #[test]
    fn accepts_plain_and_grouped_amounts() {
        let cases = [
            ("5000", 500_000),
            ("1", 100),
            ("0.01", 1),
            ("0.5", 50),
            ("12.5", 1_250),
            ("12.50", 1_250),
            ("12.05", 1_205),
            ("1,250.50", 125_050),
            ("1,000,000", 100_000_000),
            ("999", 99_900),
            ("1,000", 100_000),
            ("12,345", 1_234_500),
            ("123,456.78", 12_345_678),
            ("1000000", 100_000_000),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
    }

    /// A phone number typed at the amount ("0812345678") was recorded as 812,345,678 baht.
    #[test]
    fn refuses_figures_that_start_with_a_zero() {
        for input in [
            "0812345678",
            "081-234-5678",
            "๐๘๑๒๓๔๕๖๗๘",
            "0500",
            "007",
            "0500 บาท",
        ] {
            assert!(parse_amount(input).is_err(), "{input}");
        }
        assert_eq!(
            parse_amount("0812345678"),
            Err(AmountError::LeadingZero {
                typed: "0812345678".into()
            })
        );
        assert_eq!(parse_amount("0.50"), Ok(50));
        assert_eq!(parse_amount("0"), Err(AmountError::Zero));
    }

    #[test]
    fn accepts_thai_digits() {
        assert_eq!(parse_amount("๕๐,๐๐๐"), Ok(5_000_000));
        assert_eq!(parse_amount("๑,๒๕๐.๕๐"), Ok(125_050));
        assert_eq!(parse_amount("๑2๓"), Ok(12_300));
    }

    #[test]
    fn accepts_baht_suffix_and_prefix_sign() {
        let cases = [
            ("5000บาท", 500_000),
            ("5,000 บาท", 500_000),
            ("5,000  บาท  ", 500_000),
            ("฿5,000", 500_000),
            ("฿ 5,000", 500_000),
            ("฿5,000.25 บาท", 500_025),
            ("  1,250.50  ", 125_050),
            ("500.-", 50_000),
            ("1,500.- บาท", 150_000),
            ("๕๐๐.-บาท", 50_000),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn accepts_the_currency_in_english() {
        let cases = [
            ("300 baht", 30_000),
            ("300baht", 30_000),
            ("1,500 Baht", 150_000),
            ("500 bath", 50_000),
            ("2,000 THB", 200_000),
            ("THB 2,000", 200_000),
            ("thb2000.50", 200_050),
            ("3 พัน baht", 300_000),
            ("๕๐๐ BAHT", 50_000),
            ("500บ.", 50_000),
            ("1,500 บ.", 150_000),
            ("20,000฿", 2_000_000),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
        for input in ["baht", "THB", "thb baht", "-300 baht"] {
            assert!(parse_amount(input).is_err(), "{input}");
        }
    }

    /// "2k", as chat writes a thousand ("บริจาค 2k จาก …" was "not a number").
    #[test]
    fn accepts_k_for_a_thousand() {
        let cases = [
            ("2k", 200_000),
            ("2K", 200_000),
            ("1.5k", 150_000),
            ("2.5 k บาท", 250_000),
            ("๓k", 300_000),
            ("10k baht", 1_000_000),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
        for input in ["k", "2kk", "2 km", "1,5k", "-2k"] {
            assert!(parse_amount(input).is_err(), "{input}");
        }
    }

    #[test]
    fn accepts_the_largest_allowed_amount() {
        assert_eq!(parse_amount("999,999,999,999.99"), Ok(MAX_SATANG));
        assert_eq!(parse_amount("999999999999.99"), Ok(MAX_SATANG));
    }

    #[test]
    fn rejects_empty_input() {
        for input in ["", "   ", "\n", "บาท", "฿", " ฿ บาท ", "-", ".-"] {
            assert_eq!(parse_amount(input), Err(AmountError::Empty), "{input:?}");
        }
    }

    #[test]
    fn rejects_text() {
        for input in [
            "abc",
            "โรงเรียน",
            "1e5",
            "+5",
            "--5",
            "5-",
            "12:30",
            ",",
            ".",
            ",.,",
            "1/2",
        ] {
            assert_eq!(
                parse_amount(input),
                Err(AmountError::NotANumber),
                "{input:?}"
            );
        }
    }

    #[test]
    fn rejects_zero() {
        for input in ["0", "0.00", "0.0", "000", "฿0", "0 บาท", "๐", "-0", "0.-"] {
            assert_eq!(parse_amount(input), Err(AmountError::Zero), "{input:?}");
        }
    }

    #[test]
    fn rejects_negative_amounts() {
        for input in ["-5", "- 5", "-5,000.50", "−5", "-฿5", "-5 บาท", "฿-5"] {
            assert_eq!(parse_amount(input), Err(AmountError::Negative), "{input:?}");
        }
    }

    #[test]
    fn malformed_negative_reports_the_malformation() {
        assert_eq!(parse_amount("-1,25"), Err(AmountError::BadSeparators));
        assert_eq!(parse_amount("-abc"), Err(AmountError::NotANumber));
        assert_eq!(parse_amount("-1.234"), Err(AmountError::TooManyDecimals));
    }

    #[test]
    fn rejects_more_than_two_decimals() {
        for input in ["1.234", "0.001", "12.500", "1,250.505", "1.2345678"] {
            assert_eq!(
                parse_amount(input),
                Err(AmountError::TooManyDecimals),
                "{input:?}"
            );
        }
    }

    #[test]
    fn rejects_amounts_from_the_limit_upwards() {
        for input in [
            "1,000,000,000,000",
            "1000000000000",
            "999,999,999,999.995",
            "1000000000000.00",
            "9223372036854775807",
            "92233720368547758.08",
            "99999999999999999999999999999999",
        ] {
            let result = parse_amount(input);
            assert!(
                matches!(
                    result,
                    Err(AmountError::TooLarge { .. } | AmountError::TooManyDecimals)
                ),
                "{input:?} gave {result:?}"
            );
        }
        assert_eq!(
            parse_amount("1,000,000,000,000"),
            Err(AmountError::TooLarge {
                read: "1,000,000,000,000".into()
            })
        );
        assert!(matches!(
            parse_amount("99999999999999999999999999999999"),
            Err(AmountError::TooLarge { .. })
        ));
        assert_eq!(
            parse_amount("หนึ่งล้านล้านบาท"),
            Err(AmountError::TooLarge {
                read: "1,000,000,000,000 บาท".into()
            })
        );
    }

    #[test]
    fn rejects_ambiguous_separators() {
        for input in [
            "1,25",
            "1,2345",
            "1.250,50",
            "12,50,000",
            "1,,000",
            ",1000",
            "1000,",
            "1,000,",
            "1 000",
            "1\u{00A0}000",
            "1, 000",
            "1.2.3",
            "1..5",
            ".5",
            "5.",
            "1,000.",
            "0,500",
            "1234,567",
            "1,000.5,0",
            "1.5,000",
            "1,0000.00",
        ] {
            assert_eq!(
                parse_amount(input),
                Err(AmountError::BadSeparators),
                "{input:?}"
            );
        }
    }

    #[test]
    fn format_number_groups_thousands_and_keeps_two_decimals() {
        let cases = [
            (0, "0.00"),
            (1, "0.01"),
            (50, "0.50"),
            (100, "1.00"),
            (125_050, "1,250.50"),
            (99_999, "999.99"),
            (100_000, "1,000.00"),
            (12_345_678, "123,456.78"),
            (100_000_000, "1,000,000.00"),
            (MAX_SATANG, "999,999,999,999.99"),
            (-5_400_000, "-54,000.00"),
            (-1, "-0.01"),
            (i64::MAX, "92,233,720,368,547,758.07"),
            (i64::MIN, "-92,233,720,368,547,758.08"),
        ];
        for (satang, expected) in cases {
            assert_eq!(format_number(satang), expected, "{satang}");
        }
    }

    #[test]
    fn format_amount_appends_baht() {
        assert_eq!(format_amount(125_050), "1,250.50 บาท");
        assert_eq!(format_amount(-5_400_000), "-54,000.00 บาท");
        assert_eq!(format_amount(0), "0.00 บาท");
    }

    #[test]
    fn formatted_amounts_parse_back() {
        for satang in [1, 99, 100, 125_050, 100_000_000, MAX_SATANG] {
            assert_eq!(parse_amount(&format_amount(satang)), Ok(satang));
        }
    }

    #[test]
    fn locale_keys_are_distinct_and_namespaced() {
        let all = [
            AmountError::Empty,
            AmountError::NotANumber,
            AmountError::Zero,
            AmountError::Negative,
            AmountError::TooManyDecimals,
            AmountError::TooLarge { read: "1".into() },
            AmountError::BadSeparators,
            AmountError::Unclear {
                read: "3 พัน".into(),
                rest: "กว่า".into(),
            },
            AmountError::Ambiguous {
                typed: "สองพันห้า".into(),
                formal: 200_500,
                shorthand: 250_000,
            },
        ];
        let keys: std::collections::HashSet<_> = all.iter().map(AmountError::locale_key).collect();
        assert_eq!(keys.len(), all.len());
        assert!(keys.iter().all(|key| key.starts_with("thai.amount_")));
    }

    #[test]
    fn accepts_magnitude_words_after_figures() {
        let cases = [
            ("3 พัน", 300_000),
            ("3พัน", 300_000),
            ("๓ พัน", 300_000),
            ("3 พัน บาท", 300_000),
            ("3พันบาท", 300_000),
            ("2.5 หมื่น", 2_500_000),
            ("4 แสน", 40_000_000),
            ("1.25 ล้าน", 125_000_000),
            ("2 หมื่น 3 พัน", 2_300_000),
            ("1 ล้าน 2 แสน 5 หมื่น", 125_000_000),
            ("3 พัน 500 บาท", 350_000),
            ("฿3 พัน", 300_000),
            ("1,500 ล้าน", 150_000_000_000),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn accepts_amounts_in_words() {
        let cases = [
            ("หนึ่งพันบาทถ้วน", 100_000),
            ("สองหมื่นห้าพัน", 2_500_000),
            ("สองหมื่นห้าพันบาท", 2_500_000),
            ("เจ็ดสิบห้าบาทห้าสิบสตางค์", 7_550),
            ("ห้าสิบสตางค์", 50),
            ("ยี่สิบเอ็ดบาท", 2_100),
            ("หนึ่งร้อยเอ็ดบาทถ้วน", 10_100),
            ("ห้าร้อย", 50_000),
            ("ห้าร้อยบาท", 50_000),
            ("หนึ่งพันห้าบาท", 100_500),
            ("ห้าพันถ้วน", 500_000),
            ("5 บาท 50 สตางค์", 550),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
    }

    #[test]
    fn spoken_shorthand_is_refused_with_both_readings() {
        assert_eq!(
            parse_amount("สองพันห้า"),
            Err(AmountError::Ambiguous {
                typed: "สองพันห้า".into(),
                formal: 200_500,
                shorthand: 250_000,
            })
        );
        assert!(matches!(
            parse_amount("3 พัน 5"),
            Err(AmountError::Ambiguous {
                formal: 300_500,
                shorthand: 350_000,
                ..
            })
        ));
    }

    #[test]
    fn words_that_are_not_an_amount_say_how_far_they_were_read() {
        assert_eq!(
            parse_amount("5000 โรงเรียน"),
            Err(AmountError::Unclear {
                read: "5000".into(),
                rest: "โรงเรียน".into()
            })
        );
        assert_eq!(
            parse_amount("3 พัน กว่าบาท"),
            Err(AmountError::Unclear {
                read: "3 พัน".into(),
                rest: "กว่าบาท".into()
            })
        );
        assert_eq!(
            parse_amount("พันหมื่น"),
            Err(AmountError::Unclear {
                read: "พัน".into(),
                rest: "หมื่น".into()
            })
        );
        assert_eq!(
            parse_amount("ห้า 5"),
            Err(AmountError::Unclear {
                read: "ห้า".into(),
                rest: "5".into()
            })
        );
        assert_eq!(parse_amount("-3 พัน"), Err(AmountError::Negative));
        assert_eq!(parse_amount("ศูนย์บาทถ้วน"), Err(AmountError::Zero));
        assert_eq!(parse_amount("1,25 พัน"), Err(AmountError::BadSeparators));
        assert_eq!(
            parse_amount("1.234 บาท สตางค์"),
            Err(AmountError::Unclear {
                read: "1.234 บาท".into(),
                rest: "สตางค์".into()
            })
        );
        assert_eq!(
            parse_amount("0.0001 บาท"),
            Err(AmountError::TooManyDecimals)
        );
    }
}
