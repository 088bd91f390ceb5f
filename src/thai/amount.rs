//! Money amounts typed by users, kept as whole satang (1 baht = 100 satang) so no float ever
//! touches money.

use super::digits::normalize_digits;

/// Largest amount accepted from users: 999,999,999,999.99 baht. Far beyond any real donation,
/// and far enough inside `i64` that sums of many such amounts cannot overflow.
const MAX_SATANG: i64 = 99_999_999_999_999;

const SATANG_PER_BAHT: i64 = 100;

/// Why a typed amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    NotANumber,
    Zero,
    Negative,
    TooManyDecimals,
    TooLarge,
    BadSeparators,
}

impl AmountError {
    pub fn locale_key(&self) -> &'static str {
        match self {
            AmountError::Empty => "thai.amount_empty",
            AmountError::NotANumber => "thai.amount_not_a_number",
            AmountError::Zero => "thai.amount_zero",
            AmountError::Negative => "thai.amount_negative",
            AmountError::TooManyDecimals => "thai.amount_too_many_decimals",
            AmountError::TooLarge => "thai.amount_too_large",
            AmountError::BadSeparators => "thai.amount_bad_separators",
        }
    }

    /// Every amount message is self-contained, so none of them has placeholders.
    pub fn locale_args(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
}

/// Parses an amount of baht as typed in a chat and returns it in satang.
///
/// Accepts Thai or ASCII digits, commas between every three digits, up to two decimals, an
/// optional `฿` prefix, an optional `บาท` suffix (with or without a space) and the Thai
/// price-tag ending `.-` ("500.-" means 500 baht). Anything that could be read two ways, such as
/// `1,25` or `1.250,50`, is refused rather than guessed.
pub fn parse_amount(s: &str) -> Result<i64, AmountError> {
    let normalized = normalize_digits(s);
    let text = strip_currency_marks(&normalized);
    match text.strip_prefix(['-', '\u{2212}']) {
        // A malformed negative is reported by what is malformed about it; only a well-formed
        // one is worth telling that amounts cannot be negative.
        Some(unsigned) => {
            parse_unsigned(strip_currency_marks(unsigned)).and(Err(AmountError::Negative))
        }
        None => parse_unsigned(text),
    }
}

fn strip_currency_marks(text: &str) -> &str {
    let text = text.trim();
    let text = text.strip_prefix('฿').unwrap_or(text).trim_start();
    let text = text.strip_suffix("บาท").unwrap_or(text).trim_end();
    text.strip_suffix(".-").unwrap_or(text)
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
    let fraction = fraction.unwrap_or_default();
    if fraction.len() > 2 {
        return Err(AmountError::TooManyDecimals);
    }
    let baht = ascii_digits_value(whole).ok_or(AmountError::TooLarge)?;
    // "12.5" means 12 baht 50 satang, so a single decimal is tens of satang.
    let satang = match fraction.len() {
        1 => ascii_digits_value(fraction).and_then(|tens| tens.checked_mul(10)),
        _ => ascii_digits_value(fraction),
    }
    .ok_or(AmountError::TooLarge)?;
    let total = baht
        .checked_mul(SATANG_PER_BAHT)
        .and_then(|whole_satang| whole_satang.checked_add(satang))
        .ok_or(AmountError::TooLarge)?;
    match total {
        0 => Err(AmountError::Zero),
        _ if total > MAX_SATANG => Err(AmountError::TooLarge),
        _ => Ok(total),
    }
}

/// Plain digits, or commas between every three digits with a first group of one to three
/// digits that does not start with zero (a leading "0," is more likely a decimal comma).
fn is_well_grouped(whole: &str) -> bool {
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
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
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
            ("007", 700),
            ("1000000", 100_000_000),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_amount(input), Ok(expected), "{input}");
        }
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
            "ห้าร้อย",
            "ห้าร้อยบาท",
            "abc",
            "5000 โรงเรียน",
            "1e5",
            "5k",
            "+5",
            "--5",
            "5-",
            "12:30",
            ",",
            ".",
            ",.,",
            "1/2",
            "ห้า 5",
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
                    Err(AmountError::TooLarge | AmountError::TooManyDecimals)
                ),
                "{input:?} gave {result:?}"
            );
        }
        assert_eq!(
            parse_amount("1,000,000,000,000"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            parse_amount("99999999999999999999999999999999"),
            Err(AmountError::TooLarge)
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
            AmountError::TooLarge,
            AmountError::BadSeparators,
        ];
        let keys: std::collections::HashSet<_> = all.iter().map(AmountError::locale_key).collect();
        assert_eq!(keys.len(), all.len());
        assert!(keys.iter().all(|key| key.starts_with("thai.amount_")));
        assert!(all.iter().all(|error| error.locale_args().is_empty()));
    }
}
