//! Amounts as people type them, checked against the bot's own words and against a reference
//! the team did not write (PyThaiNLP, see scripts/thai_amount_vectors.py).

use khetbot::thai::{amount_in_words, parse_amount};
use proptest::prelude::*;

const MAX_SATANG: i64 = 99_999_999_999_999;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    /// The baht words the bot writes on certificates read back to the same amount, over the
    /// whole accepted range.
    #[test]
    fn words_the_bot_writes_read_back(satang in 1..=MAX_SATANG) {
        prop_assert_eq!(parse_amount(&amount_in_words(satang)), Ok(satang));
    }

    #[test]
    fn whole_baht_words_read_back(baht in 1..=MAX_SATANG / 100) {
        prop_assert_eq!(parse_amount(&amount_in_words(baht * 100)), Ok(baht * 100));
    }
}

#[test]
fn every_amount_up_to_ten_thousand_baht_reads_back() {
    for satang in (1..=1_000_000).step_by(7).chain(1..=10_000) {
        assert_eq!(
            parse_amount(&amount_in_words(satang)),
            Ok(satang),
            "{satang}"
        );
    }
}

#[test]
fn pythainlp_reference_vectors_read_as_pythainlp_meant() {
    let vectors = include_str!("../data/thai_amount_vectors.tsv");
    let mut checked = 0;
    for line in vectors.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let satang: i64 = fields.next().and_then(|f| f.parse().ok()).expect("satang");
        let baht_text = fields.next().expect("bahttext");
        let number_words = fields.next().expect("num_to_thaiword");
        assert_eq!(parse_amount(baht_text), Ok(satang), "{baht_text}");
        if !number_words.is_empty() {
            let whole = satang / 100 * 100;
            let with_baht = format!("{number_words}บาท");
            assert_eq!(parse_amount(&with_baht), Ok(whole), "{with_baht}");
        }
        checked += 1;
    }
    assert!(checked > 3_000, "only {checked} vectors");
}
