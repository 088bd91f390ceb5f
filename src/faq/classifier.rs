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

use super::matcher::Document;
use super::segmenter::{TokenKind, Tokenizer};

type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// The letter groups of a piece of text, padded with a space each side.
const LETTER_GRAMS: std::ops::RangeInclusive<usize> = 2..=4;
/// The L2 penalty on the weights, per phrasing's loss (scikit-learn's C = 20).
const PENALTY: f64 = 1.0 / 20.0;
/// Rounds of L-BFGS, and how many past steps it remembers.
const ROUNDS: usize = 150;
const MEMORY: usize = 7;
/// The fit stops once a round improves the loss by less than this share.
const TOLERANCE: f64 = 1e-5;
/// A letter group or word found in the phrasings of more entries than this says little about
/// which one is meant, and would make the fit cost entries × phrasings: it is left out.
const MAX_ENTRIES_PER_FEATURE: usize = 32;

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
}

impl Classifier {
    /// The model for `documents` (by position), fitted once per distinct set of phrasings.
    pub fn for_documents(documents: &[Document]) -> Arc<Classifier> {
        /// The last model fitted, by a hash of the phrasings it was fitted on: rebuilding the
        /// index after an edit that left the phrasings alone (an answer) costs no fit, and the
        /// tests of one process, which build it again and again, fit it once.
        static LAST: Mutex<Option<(u64, Arc<Classifier>)>> = Mutex::new(None);
        let key = phrasings_hash(documents);
        // Held through the fit, so that two builds of the same phrasings at once fit once.
        let mut last = LAST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((fitted, model)) = last.as_ref()
            && *fitted == key
        {
            return Arc::clone(model);
        }
        let model = Arc::new(Classifier::fit(documents));
        *last = Some((key, Arc::clone(&model)));
        model
    }

    fn fit(documents: &[Document]) -> Classifier {
        let mut tokenizer = Tokenizer::default();
        let texts: Vec<(u32, Vec<(FeatureKey, bool, u32)>)> = documents
            .iter()
            .enumerate()
            .flat_map(|(position, document)| {
                std::iter::once(&document.question)
                    .chain(&document.alt)
                    .map(move |text| (position as u32, text))
            })
            .map(|(position, text)| (position, counts(&mut tokenizer, text)))
            .collect();
        // Document frequencies, and which entries' phrasings use each feature.
        let mut ids: FastMap<FeatureKey, u32> = FastMap::default();
        let mut document_frequency: Vec<u32> = Vec::new();
        let mut is_word: Vec<bool> = Vec::new();
        let mut entries_of: Vec<Vec<u32>> = Vec::new();
        for (position, features) in &texts {
            for &(key, word, _) in features {
                let id = *ids.entry(key).or_insert_with(|| {
                    document_frequency.push(0);
                    is_word.push(word);
                    entries_of.push(Vec::new());
                    (document_frequency.len() - 1) as u32
                });
                document_frequency[id as usize] += 1;
                let entries = &mut entries_of[id as usize];
                if entries.last() != Some(position) {
                    entries.push(*position);
                }
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
        };
        let examples: Vec<Example> = texts
            .iter()
            .map(|(position, features)| Example {
                features: model
                    .vector(features)
                    .into_iter()
                    .filter(|&(id, _)| !entries_of[id as usize].is_empty())
                    .collect(),
                entry: *position,
            })
            .collect();
        let problem = Problem::new(examples, entries_of, documents.len());
        let theta = minimise(problem.parameters(), |theta, gradient| {
            problem.loss_and_gradient(theta, gradient)
        });
        let (weights, bias) = problem.unpack(&theta);
        model.weights = weights;
        model.bias = bias;
        model
    }

    /// The probability of each entry (by position) for `text`.
    pub fn probabilities(&self, text: &str) -> Vec<f32> {
        let features = counts(&mut Tokenizer::default(), text);
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
        let mut vector: Vec<(u32, f32)> = counts
            .iter()
            .filter_map(|&(key, _, count)| {
                let id = *self.ids.get(&key)?;
                Some((id, (1.0 + (count as f32).ln()) * self.idf[id as usize]))
            })
            .collect();
        for word in [false, true] {
            let length = vector
                .iter()
                .filter(|(id, _)| self.is_word[*id as usize] == word)
                .map(|(_, value)| value * value)
                .sum::<f32>()
                .sqrt();
            if length > 0.0 {
                for (id, value) in &mut vector {
                    if self.is_word[*id as usize] == word {
                        *value /= length;
                    }
                }
            }
        }
        let length = vector.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if length > 0.0 {
            for (_, value) in &mut vector {
                *value /= length;
            }
        }
        vector
    }
}

/// A text's letter groups and words, each with how often it occurs.
fn counts(tokenizer: &mut Tokenizer, text: &str) -> Vec<(FeatureKey, bool, u32)> {
    let mut counts: FastMap<(FeatureKey, bool), u32> = FastMap::default();
    let lowered = text.to_lowercase();
    // A number (a tracking code, an amount, a year) says which case or sum is meant, not
    // which entry, as the matcher also reads it.
    let is_number = |piece: &str| {
        piece
            .chars()
            .all(|c| c.is_ascii_digit() || ('๐'..='๙').contains(&c))
    };
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
    let tokens = tokenizer.tokenize(text);
    for token in tokens
        .iter()
        .filter(|token| token.kind != TokenKind::Number)
    {
        *counts
            .entry((hash(token.text.chars(), 1), true))
            .or_default() += 1;
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

/// One phrasing: its tf-idf vector and its entry.
struct Example {
    features: Vec<(u32, f32)>,
    entry: u32,
}

/// The fit: the weights of feature f are parameters `offsets[f]..offsets[f + 1]`, one for each
/// entry in `entries_of[f]`; the entries' biases follow all of them.
struct Problem {
    examples: Vec<Example>,
    entries_of: Vec<Vec<u32>>,
    offsets: Vec<usize>,
    entry_count: usize,
}

impl Problem {
    fn new(examples: Vec<Example>, entries_of: Vec<Vec<u32>>, entry_count: usize) -> Problem {
        let mut offsets = Vec::with_capacity(entries_of.len() + 1);
        let mut total = 0;
        for entries in &entries_of {
            offsets.push(total);
            total += entries.len();
        }
        offsets.push(total);
        Problem {
            examples,
            entries_of,
            offsets,
            entry_count,
        }
    }

    fn weight_count(&self) -> usize {
        *self.offsets.last().expect("one offset at least")
    }

    fn parameters(&self) -> usize {
        self.weight_count() + self.entry_count
    }

    /// The penalised cross-entropy of the examples under `theta`, and its gradient.
    fn loss_and_gradient(&self, theta: &[f64], gradient: &mut [f64]) -> f64 {
        let weights = self.weight_count();
        gradient.fill(0.0);
        let mut loss = 0.0;
        let mut logits = vec![0.0f64; self.entry_count];
        for example in &self.examples {
            logits.copy_from_slice(&theta[weights..]);
            for &(feature, value) in &example.features {
                let start = self.offsets[feature as usize];
                for (at, &entry) in self.entries_of[feature as usize].iter().enumerate() {
                    logits[entry as usize] += f64::from(value) * theta[start + at];
                }
            }
            let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let log_total = max + logits.iter().map(|z| (z - max).exp()).sum::<f64>().ln();
            loss += log_total - logits[example.entry as usize];
            // From here on `logits` holds the loss's gradient by each logit.
            for logit in &mut logits {
                *logit = (*logit - log_total).exp();
            }
            logits[example.entry as usize] -= 1.0;
            for &(feature, value) in &example.features {
                let start = self.offsets[feature as usize];
                for (at, &entry) in self.entries_of[feature as usize].iter().enumerate() {
                    gradient[start + at] += f64::from(value) * logits[entry as usize];
                }
            }
            for (bias, error) in gradient[weights..].iter_mut().zip(&logits) {
                *bias += error;
            }
        }
        for (weight, slope) in theta[..weights].iter().zip(&mut gradient[..weights]) {
            loss += 0.5 * PENALTY * weight * weight;
            *slope += PENALTY * weight;
        }
        loss
    }

    /// The fitted weights by feature, and the biases.
    fn unpack(&self, theta: &[f64]) -> (Vec<Vec<(u32, f32)>>, Vec<f32>) {
        let weights = self
            .entries_of
            .iter()
            .zip(&self.offsets)
            .map(|(entries, &start)| {
                entries
                    .iter()
                    .zip(&theta[start..])
                    .map(|(&entry, &weight)| (entry, weight as f32))
                    .collect()
            })
            .collect();
        let bias = theta[self.weight_count()..]
            .iter()
            .map(|&b| b as f32)
            .collect();
        (weights, bias)
    }
}

/// The parameters that minimise `loss` (which also writes its gradient), from zero, by
/// L-BFGS with a backtracking line search.
fn minimise(parameters: usize, loss: impl Fn(&[f64], &mut [f64]) -> f64) -> Vec<f64> {
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let mut theta = vec![0.0; parameters];
    let mut gradient = vec![0.0; parameters];
    let mut value = loss(&theta, &mut gradient);
    let mut history: VecDeque<(Vec<f64>, Vec<f64>, f64)> = VecDeque::new();
    let (mut next, mut next_gradient) = (vec![0.0; parameters], vec![0.0; parameters]);
    for _ in 0..ROUNDS {
        // The direction: the gradient through the remembered curvature (two-loop recursion).
        let mut direction = gradient.clone();
        let mut alphas = Vec::with_capacity(history.len());
        for (step, change, rho) in history.iter().rev() {
            let alpha = rho * dot(step, &direction);
            for (d, c) in direction.iter_mut().zip(change) {
                *d -= alpha * c;
            }
            alphas.push(alpha);
        }
        let scale = match history.back() {
            Some((step, change, _)) => dot(step, change) / dot(change, change),
            None => 1.0 / dot(&gradient, &gradient).sqrt().max(1e-12),
        };
        for d in &mut direction {
            *d *= scale;
        }
        for ((step, change, rho), alpha) in history.iter().zip(alphas.iter().rev()) {
            let beta = rho * dot(change, &direction);
            for (d, s) in direction.iter_mut().zip(step) {
                *d += s * (alpha - beta);
            }
        }
        let slope = -dot(&gradient, &direction);
        if slope >= 0.0 {
            break;
        }
        let mut length = 1.0;
        let mut next_value;
        loop {
            for ((n, t), d) in next.iter_mut().zip(&theta).zip(&direction) {
                *n = t - length * d;
            }
            next_value = loss(&next, &mut next_gradient);
            if next_value <= value + 1e-4 * length * slope || length < 1e-10 {
                break;
            }
            length *= 0.5;
        }
        let step: Vec<f64> = next.iter().zip(&theta).map(|(n, t)| n - t).collect();
        let change: Vec<f64> = next_gradient
            .iter()
            .zip(&gradient)
            .map(|(n, g)| n - g)
            .collect();
        let curvature = dot(&step, &change);
        let improvement = value - next_value;
        std::mem::swap(&mut theta, &mut next);
        std::mem::swap(&mut gradient, &mut next_gradient);
        value = next_value;
        if curvature > 1e-10 {
            if history.len() == MEMORY {
                history.pop_front();
            }
            history.push_back((step, change, 1.0 / curvature));
        }
        if improvement < TOLERANCE * value.abs().max(1.0) {
            break;
        }
    }
    theta
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
        let apply = model.probabilities("ทุนการศึกษาสมัครที่ไหน");
        assert!(apply[1] > apply[0] && apply[1] > apply[2], "{apply:?}");
        let give = model.probabilities("อยากบริจาคทุน");
        assert!(give[0] > give[1], "{give:?}");
        let total: f32 = give.iter().sum();
        assert!((total - 1.0).abs() < 1e-4, "{total}");
    }

    #[test]
    fn minimises_a_quadratic() {
        let theta = minimise(2, |x, g| {
            g[0] = 2.0 * (x[0] - 3.0);
            g[1] = 4.0 * (x[1] + 1.0);
            (x[0] - 3.0).powi(2) + 2.0 * (x[1] + 1.0).powi(2)
        });
        assert!(
            (theta[0] - 3.0).abs() < 1e-3 && (theta[1] + 1.0).abs() < 1e-3,
            "{theta:?}"
        );
    }
}
