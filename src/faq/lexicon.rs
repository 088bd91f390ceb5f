//! The Q&A's lexicon: how people type a word (slang, southern and northeastern words, common
//! misspellings, English and English in Thai script) and how the knowledge base says it.
//! Read from data/faq_lexicon.tsv (written for khetbot) and data/faq_lexicon_transliterated.tsv
//! (generated from PyThaiNLP by scripts/faq_lexicon.py).

const WRITTEN: &str = include_str!("../../data/faq_lexicon.tsv");
const TRANSLITERATED: &str = include_str!("../../data/faq_lexicon_transliterated.tsv");

/// Every (word, meaning) pair, in file order; the written file first, so that its meaning of
/// a word wins.
pub(crate) fn pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    WRITTEN
        .lines()
        .chain(TRANSLITERATED.lines())
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .map(|(word, meaning)| (word.trim(), meaning.trim()))
}
