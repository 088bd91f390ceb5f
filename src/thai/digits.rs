//! Thai digits (๐–๙) and the small digit-scanning helpers shared by the parsers.

/// Replaces Thai digits ๐–๙ with ASCII 0–9 and leaves every other character unchanged.
pub fn normalize_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => digit_value(c)
                .and_then(|value| char::from_digit(value, 10))
                .unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Whether `c` is an ASCII or a Thai decimal digit: people type either, and every parser
/// reads them alike.
pub fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Value of an ASCII or Thai decimal digit.
pub(super) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '๐'..='๙' => Some(u32::from(c) - u32::from('๐')),
        _ => None,
    }
}

/// Splits `text` into its leading run of (ASCII or Thai) digits and the remainder.
pub fn split_leading_digits(text: &str) -> (&str, &str) {
    let digits_end = text
        .char_indices()
        .find(|&(_, c)| digit_value(c).is_none())
        .map_or(text.len(), |(index, _)| index);
    text.split_at(digits_end)
}

/// Value of a run of digits; `None` when it is empty, holds a non-digit or does not fit a `u32`.
pub(super) fn digits_value(digits: &str) -> Option<u32> {
    if digits.is_empty() {
        return None;
    }
    digits.chars().try_fold(0u32, |total, c| {
        total.checked_mul(10)?.checked_add(digit_value(c)?)
    })
}

/// Number of digits in a run (Thai digits are three bytes each, so `len()` would be wrong).
pub(super) fn digit_count(digits: &str) -> usize {
    digits.chars().count()
}

/// Whether `text` begins (after spaces) with a Thai letter or vowel, not a Thai digit: a
/// command word followed by Thai words is conversation, one followed by anything else is a
/// mistyped number or code that deserves an answer.
pub fn starts_with_thai_word(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| ('\u{0E01}'..='\u{0E4F}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_digits_converts_every_thai_digit() {
        assert_eq!(normalize_digits("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
    }

    #[test]
    fn normalize_digits_leaves_other_text_alone() {
        assert_eq!(normalize_digits(""), "");
        assert_eq!(normalize_digits("abc 123"), "abc 123");
        assert_eq!(normalize_digits("วันที่ ๑๕ มิ.ย. ๒๕๖๙"), "วันที่ 15 มิ.ย. 2569");
        assert_eq!(normalize_digits("๕๐,๐๐๐.๕๐ บาท"), "50,000.50 บาท");
        // Characters next to the Thai digit block must not be touched.
        assert_eq!(normalize_digits("\u{0E4F}\u{0E5A}"), "\u{0E4F}\u{0E5A}");
    }

    #[test]
    fn digit_value_accepts_ascii_and_thai_digits_only() {
        assert_eq!(digit_value('0'), Some(0));
        assert_eq!(digit_value('9'), Some(9));
        assert_eq!(digit_value('๐'), Some(0));
        assert_eq!(digit_value('๗'), Some(7));
        assert_eq!(digit_value('๙'), Some(9));
        assert_eq!(digit_value('a'), None);
        assert_eq!(digit_value('ก'), None);
        assert!(starts_with_thai_word(" แล้วครับ"));
        assert!(
            !starts_with_thai_word("๑๒")
                && !starts_with_thai_word("abc")
                && !starts_with_thai_word("")
        );
        assert_eq!(digit_value('\u{0E4F}'), None);
        assert_eq!(digit_value('\u{0E5A}'), None);
        assert_eq!(digit_value('٣'), None);
    }

    #[test]
    fn split_leading_digits_stops_at_first_non_digit() {
        assert_eq!(split_leading_digits("15 มิ.ย."), ("15", " มิ.ย."));
        assert_eq!(split_leading_digits("๑๕มิ.ย."), ("๑๕", "มิ.ย."));
        assert_eq!(split_leading_digits("1๕/6"), ("1๕", "/6"));
        assert_eq!(split_leading_digits("2569"), ("2569", ""));
        assert_eq!(split_leading_digits("มิ.ย."), ("", "มิ.ย."));
        assert_eq!(split_leading_digits(""), ("", ""));
    }

    #[test]
    fn digits_value_is_checked() {
        assert_eq!(digits_value("0"), Some(0));
        assert_eq!(digits_value("๒๕๖๙"), Some(2569));
        assert_eq!(digits_value("4294967295"), Some(u32::MAX));
        assert_eq!(digits_value("4294967296"), None);
        assert_eq!(digits_value("99999999999999999999999"), None);
        assert_eq!(digits_value(""), None);
        assert_eq!(digits_value("1a"), None);
    }

    #[test]
    fn digit_count_counts_characters_not_bytes() {
        assert_eq!(digit_count("๒๕๖๙"), 4);
        assert_eq!(digit_count("69"), 2);
        assert_eq!(digit_count(""), 0);
    }
}
