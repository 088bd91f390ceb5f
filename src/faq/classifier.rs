//! A second reading of a question, learnt from the entries' phrasings: a multinomial logistic
//! regression over the letters (groups of two to four, within each space-separated piece) and
//! the words of the text, each weighted like tf-idf. Where the matcher scores how much of a
//! question an entry's phrasings contain, this learns which letters and words tell one entry's
//! phrasings from the others', so sibling entries that share their topic words ("ทุน" to give
//! and to apply for) are told apart by the words that differ. Its probability for the matcher's
//! first entry, and whether it ranks that entry first too, are signals of the decision to
//! answer ([`super::matcher::signals`]).
//!
//! Each entry has weights only for the letters and words its own phrasings use, so the model
//! grows with the phrasings, not with entries × vocabulary. It is fitted by L-BFGS when the
//! index is built; the same phrasings are never fitted twice in one process.

use std::collections::VecDeque;
use std::hash::Hasher;
use std::sync::{Arc, Mutex};

use super::matcher::{Document, lexicon_words};
use super::segmenter::{TokenKind, Tokenizer, Tokens};
use crate::thai::is_digit;

type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The letter groups of a piece of text, padded with a space each side.
const LETTER_GRAMS: std::ops::RangeInclusive<usize> = 2..=4;
/// The fit: an L2 penalty on the weights per phrasing's loss of 1/20 (scikit-learn's C = 20),
/// at most 150 rounds of L-BFGS remembering 7 steps, stopping once a round gains less than
/// 1e-5 of the loss.
const FIT: sparse_softmax::Settings = sparse_softmax::Settings {
    penalty: 1.0 / 20.0,
    rounds: 150,
    memory: 7,
    tolerance: 1e-5,
};
/// A letter group or word found in the phrasings of more entries than this says little about
/// which one is meant, and would make the fit cost entries × phrasings: it is left out.
const MAX_ENTRIES_PER_FEATURE: usize = 32;
/// Models fitted earlier are kept for reuse while all kept have at most this many weights
/// together (the shipped knowledge base's model has about 80,000).
const MAX_CACHED_WEIGHTS: usize = 1_000_000;

/// A letter group or a word, by the hash of its text and kind.
type FeatureKey = u64;

/// The fitted model.
pub struct Classifier {
    /// Feature -> its id.
    ids: FastMap<FeatureKey, u32>,
    /// By feature id: its inverse document frequency, and whether it is a word (else letters).
    idf: Vec<f32>,
    is_word: Vec<bool>,
    /// By feature id: the entries (by position) with a weight on it, and those weights.
    weights: Vec<Vec<(u32, f32)>>,
    /// By entry position.
    bias: Vec<f32>,
    /// How many weights `weights` holds.
    weight_count: usize,
}

/// The models fitted last, most recently used first, by a hash of the phrasings they were
/// fitted on: rebuilding the index after an edit that left the phrasings alone (an answer)
/// costs no fit, nor does going back to phrasings fitted a moment ago (the tests of one
/// process, which build many knowledge bases, the shipped one above all).
static RECENT: Mutex<VecDeque<(u64, Arc<Classifier>)>> = Mutex::new(VecDeque::new());

impl Classifier {
    /// Whether the model for `documents` is at hand, so that [`Classifier::for_documents`]
    /// fits nothing. While a fit is under way elsewhere this cannot be told without waiting
    /// for it, and the answer is no.
    pub fn is_fitted(documents: &[Document]) -> bool {
        let key = phrasings_hash(documents);
        RECENT
            .try_lock()
            .is_ok_and(|recent| recent.iter().any(|(fitted, _)| *fitted == key))
    }

    /// The model for `documents` (by position), fitted once per distinct set of phrasings.
    pub fn for_documents(documents: &[Document]) -> Arc<Classifier> {
        let key = phrasings_hash(documents);
        // Held through the fit, so that two builds of the same phrasings at once fit once.
        let mut recent = RECENT
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let model = match recent.iter().position(|(fitted, _)| *fitted == key) {
            Some(at) => recent.remove(at).expect("found above").1,
            None => Arc::new(Classifier::fit(documents)),
        };
        recent.push_front((key, Arc::clone(&model)));
        // The one in use is always kept; older ones only while they are small together.
        let mut kept_weights = 0;
        let mut kept = 0;
        for (_, cached) in recent.iter() {
            kept_weights += cached.weight_count;
            if kept > 0 && kept_weights > MAX_CACHED_WEIGHTS {
                break;
            }
            kept += 1;
        }
        recent.truncate(kept);
        model
    }

    fn fit(documents: &[Document]) -> Classifier {
        let mut tokenizer = Tokenizer::default();
        // Each phrasing's features by id, with how often it uses each. Kept as ids rather than
        // hashes: all phrasings' features at once are the fit's largest allocation after the
        // optimiser's own (80 MB as hashes at a thousand entries).
        let mut texts: Vec<(u32, Vec<(u32, u32)>)> = Vec::new();
        // Document frequencies, and which entries' phrasings use each feature.
        let mut ids: FastMap<FeatureKey, u32> = FastMap::default();
        let mut document_frequency: Vec<u32> = Vec::new();
        let mut is_word: Vec<bool> = Vec::new();
        let mut entries_of: Vec<Vec<u32>> = Vec::new();
        for (position, document) in documents.iter().enumerate() {
            let position = position as u32;
            for text in std::iter::once(&document.question).chain(&document.alt) {
                let features = counts(text, &tokenizer.tokenize(text))
                    .into_iter()
                    .map(|(key, word, count)| {
                        let id = *ids.entry(key).or_insert_with(|| {
                            document_frequency.push(0);
                            is_word.push(word);
                            entries_of.push(Vec::new());
                            (document_frequency.len() - 1) as u32
                        });
                        document_frequency[id as usize] += 1;
                        let entries = &mut entries_of[id as usize];
                        if entries.last() != Some(&position) {
                            entries.push(position);
                        }
                        (id, count)
                    })
                    .collect();
                texts.push((position, features));
            }
        }
        let count = texts.len() as f32;
        let idf: Vec<f32> = document_frequency
            .iter()
            .map(|&frequency| ((1.0 + count) / (1.0 + frequency as f32)).ln() + 1.0)
            .collect();
        for entries in &mut entries_of {
            entries.sort_unstable();
            entries.dedup();
            if entries.len() > MAX_ENTRIES_PER_FEATURE {
                entries.clear();
            }
        }
        let mut model = Classifier {
            ids,
            idf,
            is_word,
            weights: Vec::new(),
            bias: vec![0.0; documents.len()],
            weight_count: 0,
        };
        // Each phrasing's counts are let go once its vector is made. The vector keeps only the
        // features the fit weighs, in a buffer of their size: filtered in place it would keep
        // the room of all of them, which at a thousand entries, where most letter groups are
        // shared by too many entries to be weighed, was 60 MB held through the fit.
        let examples: Vec<sparse_softmax::Example> = texts
            .into_iter()
            .map(|(position, features)| {
                let mut vector = model.weighted(features.into_iter());
                vector.retain(|&(id, _)| !entries_of[id as usize].is_empty());
                vector.shrink_to_fit();
                sparse_softmax::Example {
                    features: vector,
                    class: position,
                }
            })
            .collect();
        let fitted = sparse_softmax::fit(examples, entries_of, documents.len(), FIT);
        model.weight_count = fitted.weight_count;
        model.weights = fitted.weights;
        model.bias = fitted.bias;
        model
    }

    /// The probability of each entry (by position) for `text`, cut into `tokens` (the search
    /// has already cut it).
    pub fn probabilities(&self, text: &str, tokens: &Tokens) -> Vec<f32> {
        let features = counts(text, tokens);
        let mut logits = self.bias.clone();
        for (id, value) in self.vector(&features) {
            for &(entry, weight) in &self.weights[id as usize] {
                logits[entry as usize] += value * weight;
            }
        }
        let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut total = 0.0;
        for logit in &mut logits {
            *logit = (*logit - max).exp();
            total += *logit;
        }
        for logit in &mut logits {
            *logit /= total;
        }
        logits
    }

    /// The tf-idf vector of a text's feature counts: letters and words each of unit length,
    /// then the whole of unit length. Features the phrasings never had are left out.
    fn vector(&self, counts: &[(FeatureKey, bool, u32)]) -> Vec<(u32, f32)> {
        self.weighted(
            counts
                .iter()
                .filter_map(|&(key, _, count)| Some((*self.ids.get(&key)?, count))),
        )
    }

    /// [`Classifier::vector`] of counts by feature id.
    fn weighted(&self, counts: impl Iterator<Item = (u32, u32)>) -> Vec<(u32, f32)> {
        let mut vector: Vec<(u32, f32)> = counts
            .map(|(id, count)| (id, (1.0 + (count as f32).ln()) * self.idf[id as usize]))
            .collect();
        for word in [false, true] {
            scale_to_unit_length(
                vector
                    .iter_mut()
                    .filter(|(id, _)| self.is_word[*id as usize] == word)
                    .map(|(_, value)| value),
            );
        }
        scale_to_unit_length(vector.iter_mut().map(|(_, value)| value));
        vector
    }
}

/// Scales `values` so that their squares sum to one (all zero: left as they are).
fn scale_to_unit_length<'a>(values: impl Iterator<Item = &'a mut f32>) {
    let mut values: Vec<&mut f32> = values.collect();
    let length = values
        .iter()
        .map(|value| **value * **value)
        .sum::<f32>()
        .sqrt();
    if length > 0.0 {
        for value in &mut values {
            **value /= length;
        }
    }
}

/// A text's letter groups and words, each with how often it occurs.
fn counts(text: &str, tokens: &Tokens) -> Vec<(FeatureKey, bool, u32)> {
    let mut counts: FastMap<(FeatureKey, bool), u32> = FastMap::default();
    let lowered = text.to_lowercase();
    // A number (a tracking code, an amount, a year) says which case or sum is meant, not
    // which entry, as the matcher also reads it.
    let is_number = |piece: &str| piece.chars().all(is_digit);
    for piece in lowered.split_whitespace().filter(|piece| !is_number(piece)) {
        let letters: Vec<char> = std::iter::once(' ')
            .chain(piece.chars())
            .chain(std::iter::once(' '))
            .collect();
        for length in LETTER_GRAMS {
            for gram in letters.windows(length) {
                *counts
                    .entry((hash(gram.iter().copied(), 0), false))
                    .or_default() += 1;
            }
        }
    }
    for token in tokens
        .iter()
        .filter(|token| token.kind != TokenKind::Number)
    {
        *counts
            .entry((hash(token.text.chars(), 1), true))
            .or_default() += 1;
        // An English word (in the segmenter's other scripts) is also read as the Thai words
        // the lexicon gives it ("donate" as บริจาค), as the matcher reads it: the phrasings are
        // mostly Thai, and an English question otherwise shares letters only with the few
        // English ones. Thai slang and regional words are not: read through the lexicon here
        // too, they raised the out-of-scope questions that share the entries' words as much as
        // the right ones, and the calibration had to answer fewer (904 right on the dev set's
        // tuned part, not 1,052).
        if token.kind == TokenKind::Other
            && let Some(words) = lexicon_words(token.text)
        {
            for word in words {
                *counts.entry((hash(word.chars(), 1), true)).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|((key, word), count)| (key, word, count))
        .collect()
}

fn hash(letters: impl Iterator<Item = char>, kind: u32) -> FeatureKey {
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write_u32(kind);
    for letter in letters {
        hasher.write_u32(u32::from(letter));
    }
    hasher.finish()
}

/// A hash of the documents' phrasings, in order.
fn phrasings_hash(documents: &[Document]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    for document in documents {
        hasher.write_usize(document.alt.len());
        for text in std::iter::once(&document.question).chain(&document.alt) {
            hasher.write(text.as_bytes());
            hasher.write_u8(0);
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(id: i64, question: &str, alt: &[&str]) -> Document {
        Document {
            id,
            question: question.to_owned(),
            alt: alt.iter().map(|a| (*a).to_owned()).collect(),
            tags: Vec::new(),
            answer: String::new(),
            subject: Vec::new(),
        }
    }

    /// Two entries on one topic are told apart by the word that differs.
    #[test]
    fn tells_sibling_entries_apart_by_the_words_that_differ() {
        let documents = [
            document(
                1,
                "บริจาคทุนการศึกษาให้นักเรียน",
                &["อยากให้ทุนเด็ก", "มอบทุนการศึกษา"],
            ),
            document(
                2,
                "สมัครขอรับทุนการศึกษา",
                &["ลูกอยากได้ทุน", "ขอทุนเรียนต้องสมัครยังไง"],
            ),
            document(3, "เบอร์โทรสำนักงาน", &["ติดต่อเขตทางไหน"]),
        ];
        let model = Classifier::fit(&documents);
        let apply = model.probabilities(
            "ทุนการศึกษาสมัครที่ไหน",
            &Tokenizer::default().tokenize("ทุนการศึกษาสมัครที่ไหน"),
        );
        assert!(apply[1] > apply[0] && apply[1] > apply[2], "{apply:?}");
        let give =
            model.probabilities("อยากบริจาคทุน", &Tokenizer::default().tokenize("อยากบริจาคทุน"));
        assert!(give[0] > give[1], "{give:?}");
        let total: f32 = give.iter().sum();
        assert!((total - 1.0).abs() < 1e-4, "{total}");
    }

    #[test]
    fn reads_english_words_through_the_lexicon() {
        let documents = [
            document(1, "บริจาคเงินให้สำนักงาน", &["อยากบริจาค", "บริจาคได้ที่ไหน"]),
            document(2, "เบอร์โทรสำนักงาน", &["ติดต่อเขตทางไหน", "ขอเบอร์โทร"]),
        ];
        let model = Classifier::fit(&documents);
        for (question, entry) in [("how to donate", 0), ("phone number please", 1)] {
            let probabilities =
                model.probabilities(question, &Tokenizer::default().tokenize(question));
            assert!(
                probabilities[entry] > probabilities[1 - entry],
                "{question}: {probabilities:?}"
            );
        }
    }
}
