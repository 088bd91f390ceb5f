//! Amounts spelled out in Thai words, as written on receipts and official letters.

const DIGIT_WORDS: [&str; 10] = [
    "ศูนย์",
    "หนึ่ง",
    "สอง",
    "สาม",
    "สี่",
    "ห้า",
    "หก",
    "เจ็ด",
    "แปด",
    "เก้า",
];

/// Place values inside one six-digit group, from แสน (10^5) down to the units.
const PLACES: [(u64, &str); 6] = [
    (100_000, "แสน"),
    (10_000, "หมื่น"),
    (1_000, "พัน"),
    (100, "ร้อย"),
    (10, "สิบ"),
    (1, ""),
];

const MILLION: u64 = 1_000_000;

/// Spells an amount in satang the way it is written on a Thai receipt:
/// "หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์", "หนึ่งพันบาทถ้วน", "หนึ่งสตางค์".
///
/// Rules (Royal Institute style):
/// - 10 is สิบ (never หนึ่งสิบ) and the 20s are ยี่สิบ.
/// - A 1 in the units place is เอ็ด whenever the number it ends is larger than 10 — counting
///   digits beyond the million as well: 11 สิบเอ็ด, 101 หนึ่งร้อยเอ็ด, 1,000,001 หนึ่งล้านเอ็ด,
///   1,000,000,001 หนึ่งพันล้านเอ็ด. A 1 on its own is หนึ่ง.
/// - ล้าน repeats for every six digits, and the count of millions is itself spelled by the same
///   rules: 1,000,000 หนึ่งล้าน, 21,000,000 ยี่สิบเอ็ดล้าน, 10^12 หนึ่งล้านล้าน.
/// - Satang are spelled by the same rules followed by สตางค์; with no satang the baht end in ถ้วน.
/// - Zero is ศูนย์บาทถ้วน, and a negative amount (a difference) is prefixed with ลบ.
pub fn amount_in_words(satang: i64) -> String {
    let magnitude = satang.unsigned_abs();
    let baht = magnitude / 100;
    let fraction = magnitude % 100;
    let mut words = String::new();
    if satang < 0 {
        words.push_str("ลบ");
    }
    if baht > 0 {
        words.push_str(&number_in_words(baht));
        words.push_str("บาท");
    }
    if fraction > 0 {
        words.push_str(&number_in_words(fraction));
        words.push_str("สตางค์");
    } else {
        if baht == 0 {
            words.push_str(DIGIT_WORDS[0]);
            words.push_str("บาท");
        }
        words.push_str("ถ้วน");
    }
    words
}

/// Spells a positive whole number; zero gives an empty string because a zero group is silent.
fn number_in_words(number: u64) -> String {
    let millions = number / MILLION;
    let mut words = String::new();
    if millions > 0 {
        words.push_str(&number_in_words(millions));
        words.push_str("ล้าน");
    }
    words.push_str(&group_in_words(number % MILLION, millions > 0));
    words
}

/// Spells one group of up to six digits. `follows_millions` says whether larger digits were
/// already spoken, which turns a final 1 into เอ็ด.
fn group_in_words(group: u64, follows_millions: bool) -> String {
    let mut words = String::new();
    for (place_value, place_word) in PLACES {
        let digit = group / place_value % 10;
        let word = match (place_value, digit) {
            (_, 0) => continue,
            (10, 1) => "",
            (10, 2) => "ยี่",
            (1, 1) if group > 10 || follows_millions => "เอ็ด",
            // `digit` is a remainder of 10, so the index is always in range.
            _ => DIGIT_WORDS[digit as usize],
        };
        words.push_str(word);
        words.push_str(place_word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baht(amount: i64) -> i64 {
        amount * 100
    }

    #[test]
    fn spells_whole_baht() {
        let cases = [
            (1, "หนึ่งบาทถ้วน"),
            (2, "สองบาทถ้วน"),
            (9, "เก้าบาทถ้วน"),
            (10, "สิบบาทถ้วน"),
            (11, "สิบเอ็ดบาทถ้วน"),
            (12, "สิบสองบาทถ้วน"),
            (20, "ยี่สิบบาทถ้วน"),
            (21, "ยี่สิบเอ็ดบาทถ้วน"),
            (22, "ยี่สิบสองบาทถ้วน"),
            (31, "สามสิบเอ็ดบาทถ้วน"),
            (99, "เก้าสิบเก้าบาทถ้วน"),
            (100, "หนึ่งร้อยบาทถ้วน"),
            (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
            (110, "หนึ่งร้อยสิบบาทถ้วน"),
            (111, "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
            (120, "หนึ่งร้อยยี่สิบบาทถ้วน"),
            (201, "สองร้อยเอ็ดบาทถ้วน"),
            (1_000, "หนึ่งพันบาทถ้วน"),
            (1_001, "หนึ่งพันเอ็ดบาทถ้วน"),
            (1_010, "หนึ่งพันสิบบาทถ้วน"),
            (1_250, "หนึ่งพันสองร้อยห้าสิบบาทถ้วน"),
            (10_000, "หนึ่งหมื่นบาทถ้วน"),
            (21_021, "สองหมื่นหนึ่งพันยี่สิบเอ็ดบาทถ้วน"),
            (50_000, "ห้าหมื่นบาทถ้วน"),
            (100_000, "หนึ่งแสนบาทถ้วน"),
            (999_999, "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน"),
            (1_000_000, "หนึ่งล้านบาทถ้วน"),
            (1_000_001, "หนึ่งล้านเอ็ดบาทถ้วน"),
            (1_000_010, "หนึ่งล้านสิบบาทถ้วน"),
            (1_000_011, "หนึ่งล้านสิบเอ็ดบาทถ้วน"),
            (1_058_250, "หนึ่งล้านห้าหมื่นแปดพันสองร้อยห้าสิบบาทถ้วน"),
            (2_000_000, "สองล้านบาทถ้วน"),
            (10_000_000, "สิบล้านบาทถ้วน"),
            (11_000_000, "สิบเอ็ดล้านบาทถ้วน"),
            (21_000_021, "ยี่สิบเอ็ดล้านยี่สิบเอ็ดบาทถ้วน"),
            (101_000_000, "หนึ่งร้อยเอ็ดล้านบาทถ้วน"),
            (1_000_000_001, "หนึ่งพันล้านเอ็ดบาทถ้วน"),
            (1_000_000_000_000, "หนึ่งล้านล้านบาทถ้วน"),
            (1_000_001_000_000, "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
            (1_000_000_000_001, "หนึ่งล้านล้านเอ็ดบาทถ้วน"),
            (
                999_999_999_999,
                "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าล้าน\
                 เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน",
            ),
        ];
        for (amount, expected) in cases {
            assert_eq!(amount_in_words(baht(amount)), expected, "{amount}");
        }
    }

    #[test]
    fn spells_satang() {
        let cases = [
            (1, "หนึ่งสตางค์"),
            (10, "สิบสตางค์"),
            (11, "สิบเอ็ดสตางค์"),
            (21, "ยี่สิบเอ็ดสตางค์"),
            (25, "ยี่สิบห้าสตางค์"),
            (50, "ห้าสิบสตางค์"),
            (99, "เก้าสิบเก้าสตางค์"),
            (101, "หนึ่งบาทหนึ่งสตางค์"),
            (111, "หนึ่งบาทสิบเอ็ดสตางค์"),
            (1_150, "สิบเอ็ดบาทห้าสิบสตางค์"),
            (125_050, "หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์"),
            (100_000_001, "หนึ่งล้านบาทหนึ่งสตางค์"),
            (
                99_999_999_999_999,
                "เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าล้าน\
                 เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทเก้าสิบเก้าสตางค์",
            ),
        ];
        for (satang, expected) in cases {
            assert_eq!(amount_in_words(satang), expected, "{satang}");
        }
    }

    #[test]
    fn spells_zero_and_negative_amounts() {
        assert_eq!(amount_in_words(0), "ศูนย์บาทถ้วน");
        assert_eq!(amount_in_words(-5_400_000), "ลบห้าหมื่นสี่พันบาทถ้วน");
        assert_eq!(amount_in_words(-1), "ลบหนึ่งสตางค์");
    }

    #[test]
    fn extreme_values_do_not_panic() {
        // 92,233,720,368,547,758.07 baht, the largest amount an i64 can hold.
        assert_eq!(
            amount_in_words(i64::MAX),
            "เก้าหมื่นสองพันสองร้อยสามสิบสามล้าน\
             เจ็ดแสนสองหมื่นสามร้อยหกสิบแปดล้าน\
             ห้าแสนสี่หมื่นเจ็ดพันเจ็ดร้อยห้าสิบแปดบาทเจ็ดสตางค์"
        );
        let most_negative = amount_in_words(i64::MIN);
        assert!(most_negative.starts_with("ลบเก้าหมื่น"), "{most_negative}");
        assert!(most_negative.ends_with("บาทแปดสตางค์"), "{most_negative}");
    }
}
