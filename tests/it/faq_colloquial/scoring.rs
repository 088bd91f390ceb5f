//! Scores the Q&A on the colloquial evaluation halves (tests/data/faq_colloquial_*.toml) the
//! way an asker meets it: what the first reply shows for each question. Shared by
//! tests/faq_colloquial.rs and benches/faq.rs.

use std::collections::HashMap;
use std::fmt;

use khetbot::faq::matcher::{
    CALIBRATION, Calibration, Document, Hit, Matcher, SIGNALS, Verdict, verdict_with,
};
use serde::Deserialize;

/// Entries the bot lists under an answer, and suggestions when it is not sure
/// (`src/faq/ask.rs`); the search asks for one more than that.
const RELATED: usize = 3;

#[derive(Deserialize)]
struct KnowledgeBase {
    entry: Vec<Entry>,
}

#[derive(Deserialize, Clone)]
pub struct Entry {
    pub key: String,
    /// Read by the bench, which puts the entries into a database.
    #[allow(dead_code)]
    pub topic: String,
    pub question: String,
    #[serde(default)]
    pub alt: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub answer: String,
    #[serde(default)]
    pub subject: Vec<String>,
}

#[derive(Deserialize)]
struct Half {
    /// Empty while the held-out test half is kept outside the repository.
    #[serde(default)]
    case: Vec<Case>,
}

#[derive(Deserialize, Clone)]
pub struct Case {
    pub persona: String,
    pub q: String,
    /// Keys of the entries that answer it; empty when none does (out of scope).
    pub expect: Vec<String>,
}

/// The shipped entries, in file order (their ids in a new database are 1, 2, …).
pub fn shipped_entries() -> Vec<Entry> {
    let file: KnowledgeBase =
        toml::from_str(include_str!("../../../data/faq.toml")).expect("data/faq.toml parses");
    file.entry
}

pub fn dev_half() -> Vec<Case> {
    parse_half(include_str!("../../data/faq_colloquial_dev.toml"))
}

pub fn test_half() -> Vec<Case> {
    parse_half(include_str!("../../data/faq_colloquial_test.toml"))
}

/// The dev half cut in two for developing the matcher: the cases it may be tuned on, and every
/// third case (the 3rd, 6th, …), held out of tuning and only scored, to check that a change
/// generalises to wording it was not fitted to.
pub fn dev_parts() -> (Vec<Case>, Vec<Case>) {
    let (tuned, held_out): (Vec<_>, Vec<_>) = dev_half()
        .into_iter()
        .enumerate()
        .partition(|(position, _)| position % 3 != 2);
    let cases = |part: Vec<(usize, Case)>| part.into_iter().map(|(_, case)| case).collect();
    (cases(tuned), cases(held_out))
}

fn parse_half(text: &str) -> Vec<Case> {
    let half: Half = toml::from_str(text).expect("evaluation half parses");
    half.case
}

/// The entries as the matcher's documents, numbered from 1 as in a new database.
pub fn documents(entries: &[Entry]) -> Vec<Document> {
    entries
        .iter()
        .zip(1..)
        .map(|(entry, id)| Document {
            id,
            question: entry.question.clone(),
            alt: entry.alt.clone(),
            tags: entry.tags.clone(),
            answer: entry.answer.clone(),
            subject: entry.subject.clone(),
        })
        .collect()
}

/// The matcher over the shipped entries, and each document id's entry key.
pub fn shipped_matcher() -> (Matcher, HashMap<i64, String>) {
    shipped_matcher_by(Matcher::new)
}

/// [`shipped_matcher`] as `build` makes it.
pub fn shipped_matcher_by(build: fn(&[Document]) -> Matcher) -> (Matcher, HashMap<i64, String>) {
    let entries = shipped_entries();
    let documents = documents(&entries);
    let keys = entries
        .into_iter()
        .zip(1..)
        .map(|(entry, id)| (id, entry.key))
        .collect();
    (build(&documents), keys)
}

/// How many folds the dev set's tuned part is cut into when it is scored cross-fitted.
const FOLDS: usize = 3;

/// The matcher `build` makes over the shipped entries without `questions` among their
/// phrasings.
fn matcher_without(questions: &[&str], build: fn(&[Document]) -> Matcher) -> Matcher {
    let mut entries = shipped_entries();
    for entry in &mut entries {
        entry.alt.retain(|alt| !questions.contains(&alt.as_str()));
    }
    build(&documents(&entries))
}

/// The rankings of `cases` (the dev set's tuned part) as the matcher meets wording it has not
/// seen. Their in-scope questions are phrasings of the entries (`scripts/faq_merge_phrasings.py
/// --examples`), so each of `FOLDS` folds (every third case) is ranked by a matcher built
/// without that fold's questions.
pub fn cross_fitted_rankings(cases: &[Case]) -> Vec<Vec<Hit>> {
    cross_fitted_rankings_by(cases, Matcher::new)
}

/// [`cross_fitted_rankings`] by matchers that `build` makes.
pub fn cross_fitted_rankings_by(
    cases: &[Case],
    build: fn(&[Document]) -> Matcher,
) -> Vec<Vec<Hit>> {
    let mut rankings = vec![Vec::new(); cases.len()];
    for fold in 0..FOLDS {
        let members: Vec<usize> = (fold..cases.len()).step_by(FOLDS).collect();
        let questions: Vec<&str> = members.iter().map(|&at| cases[at].q.as_str()).collect();
        let matcher = matcher_without(&questions, build);
        for at in members {
            rankings[at] = ranking(&matcher, &cases[at].q);
        }
    }
    rankings
}

/// What the first reply to a question shows: the entry answered, if any, and every entry
/// offered as a button (related questions, the close candidates, or suggestions).
pub struct Reply {
    pub verdict: Verdict,
    pub answered: Option<i64>,
    pub shown: Vec<i64>,
    /// The ranking, best first, for reports.
    pub ranked: Vec<i64>,
}

/// The office the evaluation's questions are asked of: the writers read DOMAIN.md and the
/// documents, whose offices are สพป.พะเยา เขต 2 (seed 001) and สพป.พัทลุง เขต 2 (the others,
/// which the answers name), and asked as their people ("สพป.พะเยาเขต2 โทรหาตางใดเจ้า" is in
/// scope, "สพป.อุดรธานีเขต 1 เบอร์โทรหยัง" another office's affair).
pub const OFFICE: &str = "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาพะเยา เขต 2";

/// The ranking the bot of [`OFFICE`] judges for `question`; none for small talk
/// ("ขอบคุณมากครับ"), which the bot answers as such without searching.
pub fn ranking(matcher: &Matcher, question: &str) -> Vec<Hit> {
    if khetbot::core::small_talk(question).is_some() {
        return Vec::new();
    }
    matcher.search_for_office(OFFICE, question, RELATED + 1)
}

/// The first reply to a question ranked `hits`, judged under `calibration`.
pub fn first_reply(hits: &[Hit], calibration: &Calibration) -> Reply {
    let verdict = verdict_with(hits, calibration);
    let ranked: Vec<i64> = hits.iter().map(|hit| hit.id).collect();
    let (answered, shown) = match verdict {
        Verdict::Answer => (Some(ranked[0]), ranked.clone()),
        Verdict::Choose(_) | Verdict::NotSure => {
            (None, ranked.iter().copied().take(RELATED).collect())
        }
    };
    Reply {
        verdict,
        answered,
        shown,
        ranked,
    }
}

/// Counts over one half, in the measures of issue 19's targets table.
#[derive(Default, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scores {
    pub in_scope: usize,
    /// In scope, answered with a right entry.
    pub answered_right: usize,
    /// In scope, answered confidently with a wrong entry.
    pub answered_wrong: usize,
    /// In scope, two or three close entries offered as buttons, a right one among them.
    pub offered_choice_right: usize,
    /// In scope, "not sure" (or a choice without it) although a right entry exists.
    pub not_sure_right_exists: usize,
    /// In scope, a right entry anywhere in the first reply (answer, choice or suggestions).
    pub right_shown: usize,
    /// In scope, a right entry ranked first / in the first three, whatever the reply.
    pub top1: usize,
    pub top3: usize,
    pub out_of_scope: usize,
    /// Out of scope and not answered (not sure, or a choice of buttons).
    pub out_not_answered: usize,
}

impl std::ops::Add for Scores {
    type Output = Scores;

    fn add(self, other: Scores) -> Scores {
        Scores {
            in_scope: self.in_scope + other.in_scope,
            answered_right: self.answered_right + other.answered_right,
            answered_wrong: self.answered_wrong + other.answered_wrong,
            offered_choice_right: self.offered_choice_right + other.offered_choice_right,
            not_sure_right_exists: self.not_sure_right_exists + other.not_sure_right_exists,
            right_shown: self.right_shown + other.right_shown,
            top1: self.top1 + other.top1,
            top3: self.top3 + other.top3,
            out_of_scope: self.out_of_scope + other.out_of_scope,
            out_not_answered: self.out_not_answered + other.out_not_answered,
        }
    }
}

impl Scores {
    /// `part` of `whole` as a percentage, or "–" when there is nothing to count (an empty
    /// half).
    pub fn percent(part: usize, whole: usize) -> String {
        if whole == 0 {
            "–".to_owned()
        } else {
            format!("{:.1}%", 100.0 * part as f64 / whole as f64)
        }
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.in_scope;
        write!(
            f,
            "in scope {n}: answered right {} ({}), not sure/choice although right exists {}, \
             answered wrong {}, right in first reply {} ({}), choice with a right one {}, \
             top-1 {} ({}), top-3 {} ({}); out of scope {}: not answered {}",
            Scores::percent(self.answered_right, n),
            self.answered_right,
            self.not_sure_right_exists,
            self.answered_wrong,
            Scores::percent(self.right_shown, n),
            self.right_shown,
            self.offered_choice_right,
            Scores::percent(self.top1, n),
            self.top1,
            Scores::percent(self.top3, n),
            self.top3,
            self.out_of_scope,
            self.out_not_answered,
        )
    }
}

/// Scores `cases` as the bot answers them, with one line for each case the reply got wrong
/// in some way.
pub fn score(
    matcher: &Matcher,
    keys: &HashMap<i64, String>,
    cases: &[Case],
) -> (Scores, Vec<String>) {
    score_rankings(keys, cases, &rankings(matcher, cases), &CALIBRATION)
}

/// The ranking of each of `cases`.
pub fn rankings(matcher: &Matcher, cases: &[Case]) -> Vec<Vec<Hit>> {
    cases.iter().map(|case| ranking(matcher, &case.q)).collect()
}

/// Scores `cases` from their `rankings` under `calibration`.
pub fn score_rankings(
    keys: &HashMap<i64, String>,
    cases: &[Case],
    rankings: &[Vec<Hit>],
    calibration: &Calibration,
) -> (Scores, Vec<String>) {
    let mut scores = Scores::default();
    let mut findings = Vec::new();
    for (case, hits) in cases.iter().zip(rankings) {
        let reply = first_reply(hits, calibration);
        let right = |id: &i64| case.expect.iter().any(|key| key == &keys[id]);
        let ranked: Vec<&str> = reply.ranked.iter().map(|id| keys[id].as_str()).collect();
        let mut finding = |what: &str| {
            findings.push(format!(
                "  [{}] {what}: \"{}\" expects {:?}, got {:?} {:?}",
                case.persona, case.q, case.expect, reply.verdict, ranked
            ));
        };
        if case.expect.is_empty() {
            scores.out_of_scope += 1;
            if reply.answered.is_some() {
                finding("out of scope, answered");
            } else {
                scores.out_not_answered += 1;
            }
            continue;
        }
        scores.in_scope += 1;
        scores.top1 += usize::from(reply.ranked.first().is_some_and(right));
        scores.top3 += usize::from(reply.ranked.iter().take(3).any(right));
        let shown_right = reply.shown.iter().any(right);
        scores.right_shown += usize::from(shown_right);
        match reply.answered {
            Some(id) if right(&id) => scores.answered_right += 1,
            Some(_) => {
                scores.answered_wrong += 1;
                finding("answered wrong");
            }
            None if shown_right => {
                scores.not_sure_right_exists += 1;
                if matches!(reply.verdict, Verdict::Choose(_)) {
                    scores.offered_choice_right += 1;
                    finding("choice");
                } else {
                    finding("not sure");
                }
            }
            None => {
                scores.not_sure_right_exists += 1;
                finding("not sure, right entry not shown");
            }
        }
        if !shown_right && reply.answered.is_some() {
            finding("right entry not shown");
        }
    }
    (scores, findings)
}

/// A logistic regression of `label` (0 or 1) on the signals, fitted by gradient descent on
/// standardised signals with a light L2 penalty: the weights and intercept on the signals as
/// they are.
#[allow(dead_code)]
pub fn fit_logistic(examples: &[([f32; SIGNALS], f32)]) -> ([f32; SIGNALS], f32) {
    const ROUNDS: usize = 20_000;
    const STEP: f64 = 0.5;
    const PENALTY: f64 = 0.01;
    let n = examples.len().max(1) as f64;
    let mut mean = [0.0f64; SIGNALS];
    let mut spread = [0.0f64; SIGNALS];
    for (signals, _) in examples {
        for (m, &x) in mean.iter_mut().zip(signals) {
            *m += f64::from(x) / n;
        }
    }
    for (signals, _) in examples {
        for i in 0..SIGNALS {
            spread[i] += (f64::from(signals[i]) - mean[i]).powi(2) / n;
        }
    }
    let spread = spread.map(|variance| variance.sqrt().max(1e-6));
    let standard: Vec<([f64; SIGNALS], f64)> = examples
        .iter()
        .map(|(signals, label)| {
            let mut x = [0.0; SIGNALS];
            for i in 0..SIGNALS {
                x[i] = (f64::from(signals[i]) - mean[i]) / spread[i];
            }
            (x, f64::from(*label))
        })
        .collect();
    let (mut weights, mut intercept) = ([0.0f64; SIGNALS], 0.0f64);
    for _ in 0..ROUNDS {
        let mut gradient = [0.0f64; SIGNALS];
        let mut gradient_intercept = 0.0;
        for (x, label) in &standard {
            let z: f64 = x.iter().zip(&weights).map(|(x, w)| x * w).sum::<f64>() + intercept;
            let error = 1.0 / (1.0 + (-z).exp()) - label;
            for i in 0..SIGNALS {
                gradient[i] += error * x[i] / n;
            }
            gradient_intercept += error / n;
        }
        for i in 0..SIGNALS {
            weights[i] -= STEP * (gradient[i] + PENALTY * weights[i]);
        }
        intercept -= STEP * gradient_intercept;
    }
    let raw: [f32; SIGNALS] = std::array::from_fn(|i| (weights[i] / spread[i]) as f32);
    let raw_intercept = intercept
        - (0..SIGNALS)
            .map(|i| weights[i] * mean[i] / spread[i])
            .sum::<f64>();
    (raw, raw_intercept as f32)
}
