//! Numbers as people write them in Thai: wholly in words as on a receipt ("สองหมื่นห้าพัน",
//! "หนึ่งร้อยเอ็ด") or as figures with magnitude words ("3 พัน", "2.5 หมื่น",
//! "1 ล้าน 2 แสน 5 หมื่น"). This is the inverse of [`super::amount_in_words`]; the amount
//! parser and the date offsets ("อีกสามวัน") read their numbers here.
//!
//! Values are exact: a figure such as 2.5 is kept as a whole count of ten-billionths, so no
//! float ever touches money.

use super::amount::is_well_grouped;
use super::digits::{digit_value, normalize_digits};

/// Fractional digits a figure may carry ("1.2345 ล้าน"); values are counted in 10^-10.
const MAX_FIGURE_DECIMALS: u32 = 10;
pub(super) const ONE: u128 = 10u128.pow(MAX_FIGURE_DECIMALS);

const MILLION: u128 = 1_000_000;

/// Words for the digits 0–9; เอ็ด and ยี่ are kept apart because they are only valid in one
/// place each.
const DIGIT_WORDS: [(&str, u8); 10] = [
    ("ศูนย์", 0),
    ("หนึ่ง", 1),
    ("สอง", 2),
    ("สาม", 3),
    ("สี่", 4),
    ("ห้า", 5),
    ("หก", 6),
    ("เจ็ด", 7),
    ("แปด", 8),
    ("เก้า", 9),
];

/// Place words inside one group of six digits, by power of ten.
const PLACE_WORDS: [(&str, u32); 5] = [("สิบ", 1), ("ร้อย", 2), ("พัน", 3), ("หมื่น", 4), ("แสน", 5)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
    /// Figures: their value in 10^-10 (or why it has none) and how many digits they had
    /// before the dot.
    Figure {
        value: Result<u128, NumberError>,
        whole_digits: usize,
    },
    Digit(u8),
    /// เอ็ด: a final one after larger digits.
    Et,
    /// ยี่: the two of ยี่สิบ.
    Yi,
    Place(u32),
    Million,
    Baht,
    Satang,
    /// ถ้วน: "and no satang".
    Exact,
}

/// A word with the byte range it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub word: Word,
    pub start: usize,
    pub end: usize,
}

/// Why a run of words is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumberError {
    /// Reading stopped at this byte offset of the text.
    StopsAt(usize),
    /// Figures are badly grouped ("1,25 พัน").
    BadFigure,
    /// More decimals than a figure may have.
    TooManyDecimals,
    Overflow,
}

/// Cuts `text` (Arabic or Thai digits) into number words.
/// Whitespace between words is ignored; reading stops at the first thing that is not a
/// number word, and the tokens read so far come back with that offset.
pub(super) fn tokenize(text: &str) -> (Vec<Token>, Option<usize>) {
    let mut tokens = Vec::new();
    let mut offset = 0;
    loop {
        let rest = &text[offset..];
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        if trimmed.is_empty() {
            return (tokens, None);
        }
        let Some((word, len)) = read_word(trimmed) else {
            return (tokens, Some(offset));
        };
        tokens.push(Token {
            word,
            start: offset,
            end: offset + len,
        });
        offset += len;
    }
}

fn read_word(text: &str) -> Option<(Word, usize)> {
    let is_figure_char = |c: char| digit_value(c).is_some() || c == ',' || c == '.';
    if text.starts_with(|c: char| digit_value(c).is_some()) {
        let len = text
            .find(|c: char| !is_figure_char(c))
            .unwrap_or(text.len());
        // A trailing dot or comma belongs to the sentence, not to the figure.
        let figure = text[..len].trim_end_matches([',', '.']);
        return Some((figure_word(&normalize_digits(figure))?, figure.len()));
    }
    let fixed = [
        ("ล้าน", Word::Million),
        ("บาท", Word::Baht),
        ("สตางค์", Word::Satang),
        ("ถ้วน", Word::Exact),
        ("เอ็ด", Word::Et),
        ("ยี่", Word::Yi),
    ];
    let digits = DIGIT_WORDS.iter().map(|&(w, d)| (w, Word::Digit(d)));
    let places = PLACE_WORDS.iter().map(|&(w, p)| (w, Word::Place(p)));
    fixed
        .into_iter()
        .chain(digits)
        .chain(places)
        .find(|(word, _)| text.starts_with(word))
        .map(|(word, value)| (value, word.len()))
}

/// A figure, kept even when malformed so that the caller can say what is wrong with it.
fn figure_word(figure: &str) -> Option<Word> {
    let (whole, fraction) = figure.split_once('.').unwrap_or((figure, ""));
    let whole_digits = whole.bytes().filter(u8::is_ascii_digit).count();
    let malformed = !is_well_grouped(whole)
        || (figure.contains('.') && fraction.is_empty())
        || !fraction.bytes().all(|b| b.is_ascii_digit());
    let decimals = u32::try_from(fraction.len()).unwrap_or(u32::MAX);
    let value = if malformed {
        Err(NumberError::BadFigure)
    } else if decimals > MAX_FIGURE_DECIMALS {
        Err(NumberError::TooManyDecimals)
    } else {
        whole
            .bytes()
            .chain(fraction.bytes())
            .filter(u8::is_ascii_digit)
            .try_fold(0u128, |total, digit| {
                total.checked_mul(10)?.checked_add(u128::from(digit - b'0'))
            })
            .and_then(|mantissa| mantissa.checked_mul(10u128.pow(MAX_FIGURE_DECIMALS - decimals)))
            .ok_or(NumberError::Overflow)
    };
    Some(Word::Figure {
        value,
        whole_digits,
    })
}

/// A number read from words, with what the reader noticed about its last words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Reading {
    /// In 10^-10.
    pub value: u128,
    /// "สองพันห้า": a single digit right after พัน, ร้อย … or ล้าน, which in speech
    /// is short for "two thousand five hundred". The value of that spoken reading.
    pub shorthand: Option<u128>,
}

/// Reads number words as one number: groups of แสน…สิบ and units, joined by ล้าน.
pub(super) fn evaluate(tokens: &[Token]) -> Result<Reading, NumberError> {
    let mut total: u128 = 0;
    let mut group: u128 = 0;
    // Power of ten of the last place word in this group; 6 before any.
    let mut last_place: u32 = 6;
    let mut pending: Option<(u128, &Token)> = None;
    let mut shorthand_place: Option<u32> = None;
    let mut seen_any = false;
    for (index, token) in tokens.iter().enumerate() {
        let stop = NumberError::StopsAt(token.start);
        match token.word {
            Word::Figure { value, .. } => {
                let value = value?;
                if pending.is_some() {
                    return Err(stop);
                }
                pending = Some((value, token));
            }
            Word::Digit(digit) => {
                if pending.is_some() || (digit == 0 && tokens.len() > 1) {
                    return Err(stop);
                }
                pending = Some((u128::from(digit) * ONE, token));
            }
            Word::Yi => {
                let next_is_ten = tokens
                    .get(index + 1)
                    .is_some_and(|next| next.word == Word::Place(1));
                if pending.is_some() || !next_is_ten {
                    return Err(stop);
                }
                pending = Some((2 * ONE, token));
            }
            Word::Et => {
                if pending.is_some() || !seen_any {
                    return Err(stop);
                }
                pending = Some((ONE, token));
            }
            Word::Place(power) => {
                let place = 10u128.pow(power);
                let coefficient = match pending.take() {
                    Some((_, Token { word: Word::Et, .. })) => return Err(stop),
                    Some((value, _)) => value,
                    // "สิบ" is ten, and a group may open on a bare place word ("แสนบาท").
                    None if power == 1 || last_place == 6 => ONE,
                    None => return Err(stop),
                };
                if power >= last_place || coefficient == 0 {
                    return Err(stop);
                }
                let added = coefficient
                    .checked_mul(place)
                    .ok_or(NumberError::Overflow)?;
                // A figure before a place must stay below the previous place ("2 หมื่น 3 พัน",
                // not "2 หมื่น 25 พัน").
                if last_place < 6 && added >= 10u128.pow(last_place) * ONE {
                    return Err(stop);
                }
                group = group.checked_add(added).ok_or(NumberError::Overflow)?;
                last_place = power;
                shorthand_place = Some(power);
            }
            Word::Million => {
                let units = pending.take().map_or(0, |(value, _)| value);
                let before = total.checked_add(group).and_then(|v| v.checked_add(units));
                let before = match before.ok_or(NumberError::Overflow)? {
                    0 if !seen_any => ONE,
                    0 => return Err(stop),
                    value => value,
                };
                total = before.checked_mul(MILLION).ok_or(NumberError::Overflow)?;
                group = 0;
                last_place = 6;
                shorthand_place = Some(6);
            }
            Word::Baht | Word::Satang | Word::Exact => return Err(stop),
        }
        seen_any = true;
    }
    let mut shorthand = None;
    if let Some((units, token)) = pending {
        let whole_units = units % ONE == 0;
        let bound = 10u128.pow(last_place.min(6)) * ONE;
        let has_larger = total > 0 || group > 0;
        if has_larger && (units >= bound || !whole_units) {
            return Err(NumberError::StopsAt(token.start));
        }
        let single_digit = match token.word {
            Word::Digit(_) => true,
            Word::Figure { whole_digits, .. } => whole_digits == 1 && whole_units,
            _ => false,
        };
        if let Some(place) = shorthand_place.filter(|&p| p >= 2 && single_digit) {
            shorthand = Some(units / ONE * 10u128.pow(place - 1) * ONE);
        }
        group = group.checked_add(units).ok_or(NumberError::Overflow)?;
    }
    let value = total.checked_add(group).ok_or(NumberError::Overflow)?;
    Ok(Reading {
        value,
        shorthand: shorthand.and_then(|spoken| {
            let formal_units = pending.map_or(0, |(units, _)| units);
            value.checked_sub(formal_units)?.checked_add(spoken)
        }),
    })
}

/// A small whole number written in figures or words ("3", "๓" after normalizing, "สาม",
/// "สิบห้า") at the start of `text`, and the rest. For counts such as "อีก 3 วัน".
pub(super) fn split_leading_count(text: &str) -> Option<(u32, &str)> {
    let (tokens, _) = tokenize(text);
    // Keep only the leading number words; a following บาท or สตางค์ is not part of a count.
    let count = tokens
        .iter()
        .take_while(|t| !matches!(t.word, Word::Baht | Word::Satang | Word::Exact))
        .count();
    let tokens = &tokens[..count];
    let end = tokens.last()?.end;
    let reading = evaluate(tokens).ok()?;
    if reading.shorthand.is_some() || reading.value % ONE != 0 {
        return None;
    }
    let value = u32::try_from(reading.value / ONE).ok()?;
    Some((value, &text[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Reading, NumberError> {
        let (tokens, stopped) = tokenize(text);
        assert_eq!(stopped, None, "{text:?}");
        evaluate(&tokens)
    }

    fn whole(text: &str) -> u128 {
        let reading = read(text).unwrap_or_else(|e| panic!("{text:?}: {e:?}"));
        assert_eq!(reading.value % ONE, 0, "{text:?}");
        reading.value / ONE
    }

    #[test]
    fn reads_words_and_figures_with_magnitudes() {
        let cases = [
            ("สิบ", 10),
            ("สิบเอ็ด", 11),
            ("ยี่สิบเอ็ด", 21),
            ("หนึ่งร้อยเอ็ด", 101),
            ("ร้อยห้าสิบ", 150),
            ("สองหมื่นห้าพัน", 25_000),
            ("หนึ่งล้านเอ็ด", 1_000_001),
            ("หนึ่งล้านล้าน", 1_000_000_000_000),
            ("หนึ่งล้านเอ็ดล้าน", 1_000_001_000_000),
            ("ยี่สิบเอ็ดล้านยี่สิบเอ็ด", 21_000_021),
            ("3 พัน", 3_000),
            ("3พัน", 3_000),
            ("2.5 หมื่น", 25_000),
            ("4 แสน", 400_000),
            ("1.25 ล้าน", 1_250_000),
            ("2 หมื่น 3 พัน", 23_000),
            ("1 ล้าน 2 แสน 5 หมื่น", 1_250_000),
            ("3 พัน 500", 3_500),
            ("15 ล้าน", 15_000_000),
            ("1,500 ล้าน", 1_500_000_000),
            ("แสน", 100_000),
            ("ล้าน", 1_000_000),
        ];
        for (text, expected) in cases {
            assert_eq!(whole(text), expected, "{text:?}");
        }
    }

    #[test]
    fn flags_spoken_shorthand() {
        let reading = read("สองพันห้า").unwrap();
        assert_eq!(reading.value, 2_005 * ONE);
        assert_eq!(reading.shorthand, Some(2_500 * ONE));
        assert_eq!(read("ล้านห้า").unwrap().shorthand, Some(1_500_000 * ONE));
        assert_eq!(read("3 พัน 5").unwrap().shorthand, Some(3_500 * ONE));
        assert_eq!(read("สิบห้า").unwrap().shorthand, None);
        assert_eq!(read("สองพันห้าสิบ").unwrap().shorthand, None);
        assert_eq!(read("หนึ่งร้อยเอ็ด").unwrap().shorthand, None);
    }

    #[test]
    fn refuses_words_out_of_order() {
        for text in [
            "พันหมื่น",
            "สองสาม",
            "3 5",
            "เอ็ด",
            "ยี่",
            "ยี่ร้อย",
            "2 หมื่น 25 พัน",
            "สิบสิบ",
            "ศูนย์ร้อย",
            "หนึ่งพันเอ็ดร้อย",
        ] {
            let (tokens, _) = tokenize(text);
            assert!(
                matches!(evaluate(&tokens), Err(NumberError::StopsAt(_))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn leading_counts() {
        assert_eq!(split_leading_count("3 วัน"), Some((3, " วัน")));
        assert_eq!(split_leading_count("สามวัน"), Some((3, "วัน")));
        assert_eq!(split_leading_count("๓ วัน"), Some((3, " วัน")));
        assert_eq!(split_leading_count("๑๕วัน"), Some((15, "วัน")));
        assert_eq!(split_leading_count("สิบห้า วัน"), Some((15, " วัน")));
        assert_eq!(split_leading_count("วัน"), None);
        assert_eq!(split_leading_count("2.5 วัน"), None);
    }
}
