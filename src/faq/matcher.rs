//! Finds the knowledge-base entries that answer a Thai (or mixed Thai/English) question.
//!
//! Two signals are combined:
//! - BM25F over dictionary words, where a word in the question or its alternative phrasings
//!   counts more than one in the tags, and both more than one in the answer. Compound words
//!   also contribute their parts at a reduced weight, so "ทุน" meets "ทุนการศึกษา".
//! - Character-trigram overlap with the question, its alternative phrasings and its tags,
//!   weighted like idf, which still matches when a typo or an unknown word defeats the
//!   segmenter.
//!
//! A question is read through the lexicon first (slang, regional words, English, common
//! misspellings: [`super::lexicon`]), and letters the dictionary cannot explain are matched to
//! the entries' words one typing slip away (a letter missing, extra, wrong or swapped), alone
//! or joined with a neighbour the segmenter cut them from. Thai typed in Latin letters is
//! written in Thai before anything else ([`super::romanised`]).
//!
//! Everything is built in memory by [`Matcher::new`]; a search does no I/O.

use std::sync::{Arc, OnceLock};

use super::classifier::Classifier;
pub use super::segmenter::segment;
use super::segmenter::{self, Token, TokenKind, Tokenizer, Tokens};
use super::specifics;
use crate::thai;

/// One knowledge-base entry as the matcher sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: i64,
    pub question: String,
    pub alt: Vec<String>,
    pub tags: Vec<String>,
    pub answer: String,
    /// Words one of which a question must name to be answered with this entry, when its topic
    /// words are shared with others ([`specifics::Gives::about`]); empty for most.
    pub subject: Vec<String>,
}

/// A ranked result. `score` only compares hits of the same query; `confident` is set on the
/// first hit when the [`verdict`] is to answer with it, rather than to offer it as a choice or
/// a suggestion. The other fields are the signals the verdict weighs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: i64,
    /// The ranking score: the word and letter signals, the intent bonus and the classifier's
    /// probability for the entry, together.
    pub score: f32,
    pub confident: bool,
    /// The word signal alone: BM25F, 1.0 when the entry has every word of the question.
    pub lexical: f32,
    /// The letter signal alone: the best trigram overlap with one of the entry's phrasings.
    pub similarity: f32,
    /// The share of the question's words, weighted by how rare they are among the entries,
    /// that the entry's question, alternatives or tags contain: the words that tell entries
    /// apart count most.
    pub coverage: f32,
    /// The share of the question's words, weighted as for `coverage`, that some entry's
    /// question, alternatives or tags contain, the same for every hit of one question: a word
    /// found only in answers ("เงินเดือน" in "โอนเงินเดือนพนักงานผ่านแอปธนาคารไหนดี") is
    /// seldom what an entry is about.
    pub phrased: f32,
    /// The share of the question's words (by letters) that the knowledge base knows, the
    /// same for every hit of one question: an answer to a question half made of words no
    /// entry uses ("ขอเบอร์หมอฟัน") answers only the half it knows.
    pub explained: f32,
    /// How many searchable words the question has, the same for every hit of one question.
    pub words: u16,
    /// The classifier's reading ([`super::classifier`]); none while a large knowledge base's
    /// classifier is still being fitted after a start ([`Matcher::without_classifier`]).
    pub classified: Option<Classified>,
    /// Read by [`Hit::asks_beyond_its_answer`].
    asks_beyond: bool,
    /// The question's Thai words were guessed from Latin letters ([`super::romanised`]): one
    /// spelling reads several words ("khor" as ขอ, คอ or ข้อ), and the reading takes the most
    /// frequent, so its entries are offered, never answered ("khor tun kan suksa hai luk dai
    /// mai", may I have a scholarship for my child, was answered with what a scholarship is).
    pub romanised: bool,
}

impl Hit {
    /// Whether the question asks for what the entry's answer does not give: a time, a day, a
    /// length of time, an amount, a degree, a person, a file, a year's figure or a year typed,
    /// a list of schools, a named school's results or number, a child's own results, a degree
    /// course, a cash reward, a count of this year, where a thing stands, another
    /// organisation's affairs, or none of the entry's subject words ([`specifics`]). Such a
    /// question shares the entry's topic words, so every signal says "answer"; on the
    /// colloquial dev set 477 such first entries are out of scope, 11 right and 14 wrong. The
    /// entry is offered instead.
    pub fn asks_beyond_its_answer(&self) -> bool {
        self.asks_beyond
    }
}

/// What the classifier learnt from the phrasings says of one hit.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Classified {
    /// Its probability for this hit's entry.
    pub entry: f32,
    /// Its highest probability for any entry, the same for every hit of one question: when
    /// it is this hit's, both readings put the entry first.
    pub most: f32,
}

/// How many signals of a ranking the decision to answer weighs ([`signals`]).
pub const SIGNALS: usize = 14;

/// The signals of a ranking, best first, that tell a right first entry from a wrong one:
/// 0 the first score, 1 its margin over the second, 2 the second's share of it, 3 the first's
/// word signal and 4 its letter signal, 5 whether both signals rank the first entry ahead of
/// the others shown, 6 the share of the question the knowledge base knows, 7 the first's
/// coverage of the question's words and 8 its lead in coverage over the second, 9 the
/// question's length (log of its words), 10 the share of the question's words that some
/// entry's phrasings contain, 11 the classifier's probability for the first entry, 12 whether
/// the classifier ranks it first too, 13 the classifier's highest probability.
pub fn signals(hits: &[Hit]) -> [f32; SIGNALS] {
    let Some(best) = hits.first() else {
        return [0.0; SIGNALS];
    };
    let second = hits.get(1);
    let second_score = second.map_or(0.0, |hit| hit.score);
    let leads = |signal: fn(&Hit) -> f32| hits[1..].iter().all(|hit| signal(best) >= signal(hit));
    let agree = leads(|hit| hit.lexical) && leads(|hit| hit.similarity);
    let classified = best.classified.unwrap_or_default();
    [
        best.score,
        best.score - second_score,
        if best.score > 0.0 {
            second_score / best.score
        } else {
            0.0
        },
        best.lexical,
        best.similarity,
        f32::from(u8::from(agree)),
        best.explained,
        best.coverage,
        best.coverage - second.map_or(0.0, |hit| hit.coverage),
        (1.0 + f32::from(best.words)).ln(),
        best.phrased,
        classified.entry,
        f32::from(u8::from(classified.entry >= classified.most)),
        classified.most,
    ]
}

/// When a ranking is good enough to answer with (tests/it/faq_colloquial.rs pins the result
/// on the colloquial evaluation's dev set).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// Below this score the first hit is neither answered nor offered as a choice, whatever
    /// the model says: a question that shares only a word or two with the nearest entry.
    pub floor: f32,
    /// Another hit is close to the first when it scores less than this below it: then the
    /// close ones are offered as buttons, never one of them answered.
    pub close: f32,
    /// Below this share of its words known to the knowledge base, a question is never
    /// answered, however its first hit scores.
    pub explained: f32,
    /// A logistic model of "the first entry is right" over [`signals`]: the weight of each
    /// signal and the intercept.
    pub weights: [f32; SIGNALS],
    pub intercept: f32,
    /// The first entry is answered when the model's log-odds reach this.
    pub answer: f32,
}

impl Calibration {
    /// The model's log-odds that the first of `hits` is a right answer.
    pub fn log_odds(&self, hits: &[Hit]) -> f32 {
        signals(hits)
            .iter()
            .zip(&self.weights)
            .map(|(signal, weight)| signal * weight)
            .sum::<f32>()
            + self.intercept
    }
}

/// Fitted by `cargo test --test it faq_colloquial::calibrate_on -- --ignored --nocapture`: a
/// logistic regression of "the first entry is right" on the ranking's [`signals`], fitted on
/// the two thirds of the 8,563 dev questions it may be tuned on
/// (tests/data/faq_colloquial_dev.toml says which; out-of-scope questions count as not right),
/// ranked cross-fitted (their in-scope questions are phrasings of the entries: each third by a
/// matcher built without it), leaving out those never answered whatever the calibration
/// ([`Hit::asks_beyond_its_answer`]). The tool's choice, the most right answers on the tuned
/// part at no out-of-scope answer there or in the third held out, at most 1% wrong ones on the
/// tuned part and none in the third held out, is a floor of 0.9 and a threshold of 3.6: on the
/// tuned part 79.4% right (3598; 6 wrong, no out-of-scope question), on the third held out
/// 84.5% (1914; none wrong, no out-of-scope question). Lower, the held-out third answers one
/// wrongly (up to 3.5: "ละอ่อนบ้านเฮาตุ๊กขนาด อยากหื้อได้ทุนเรียน ยะจะใดเจ้า", how to get a
/// scholarship, with who may have one; at 2.0 it would be 87.9% / 91.6%, 19 + 3 wrong and six
/// out-of-scope answers in the tuned part, two in the held-out third). The floor is the highest
/// of those that answer as many, so a best entry that clearly leads is answered though its
/// score is low. `close` and `explained` are
/// kept from an earlier sweep: they decide when to offer a choice, and when never to answer.
pub const CALIBRATION: Calibration = Calibration {
    floor: 0.9,
    close: 0.04,
    explained: 0.6,
    weights: [
        1.0559641,
        0.67021435,
        -0.68529886,
        1.3349614,
        2.0120156,
        0.3310485,
        -0.474057,
        1.3631012,
        0.4952251,
        1.0534865,
        1.7426206,
        1.6118149,
        0.86780816,
        1.591621,
    ],
    intercept: -7.686115,
    answer: 3.6,
};

/// The calibration of the matcher without the classifier ([`Matcher::without_classifier`]),
/// fitted the same way by `cargo test --test it faq_colloquial::calibrate_without -- --ignored
/// --nocapture`; the classifier's signals are all 0 there. It answers while a classifier is
/// being fitted (after a start with a large knowledge base, after an edit that changed the
/// phrasings). On the dev set's tuned part 45.8% right (2075; 2 wrong, no out-of-scope
/// question), on the third held out 51.7% (1171; none wrong, none out of scope), against 79.4%
/// and 84.5% with it.
pub const CALIBRATION_WITHOUT_CLASSIFIER: Calibration = Calibration {
    floor: 0.5,
    close: 0.04,
    explained: 0.6,
    weights: [
        2.7443702,
        3.363626,
        -2.5277514,
        2.9071634,
        1.5690297,
        0.49042097,
        -0.9590002,
        0.9819438,
        0.15872565,
        1.2326838,
        0.8849308,
        0.0,
        -3.5474254e-15,
        0.0,
    ],
    intercept: -4.8327384,
    answer: 4.5,
};

/// How many hits, best first, a verdict weighs: the answer and the three related questions
/// the bot shows under it, or the suggestions it shows when it is not sure (`super::ask`
/// searches for as many). The calibration was fitted on rankings of this length.
pub const VERDICT_HITS: usize = 4;

/// What the bot does with a ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The first hit answers the question.
    Answer,
    /// The first this many hits are about as likely as each other: offer them as buttons
    /// rather than answer with one of them.
    Choose(usize),
    /// Nothing is close enough: say so, and offer the hits as suggestions.
    NotSure,
}

/// The verdict on `hits`, best first, as [`Matcher::search`] returned them: weighed with the
/// classifier's reading when the matcher has it.
pub fn verdict(hits: &[Hit]) -> Verdict {
    let read = hits.first().is_none_or(|best| best.classified.is_some());
    verdict_with(
        hits,
        if read {
            &CALIBRATION
        } else {
            &CALIBRATION_WITHOUT_CLASSIFIER
        },
    )
}

/// The verdict on `hits` under another calibration (for calibrating). Only the first
/// [`VERDICT_HITS`] count.
pub fn verdict_with(hits: &[Hit], calibration: &Calibration) -> Verdict {
    /// More buttons than this are no longer a quick choice.
    const MAX_CHOICES: usize = 3;
    let hits = &hits[..hits.len().min(VERDICT_HITS)];
    let Some(best) = hits.first() else {
        return Verdict::NotSure;
    };
    if best.score < calibration.floor || best.explained < calibration.explained {
        return Verdict::NotSure;
    }
    let close = hits
        .iter()
        .take_while(|hit| best.score - hit.score < calibration.close)
        .count();
    if close >= 2 {
        return Verdict::Choose(close.min(MAX_CHOICES));
    }
    if !best.asks_beyond_its_answer()
        && !best.romanised
        && calibration.log_odds(hits) >= calibration.answer
    {
        Verdict::Answer
    } else {
        Verdict::NotSure
    }
}

#[derive(Debug, Clone, Copy)]
enum Field {
    Question,
    Tags,
    Answer,
}

const FIELD_COUNT: usize = 3;
/// How much a word counts in each field, and how strongly each field's length dampens it.
const FIELD_WEIGHTS: [f32; FIELD_COUNT] = [3.0, 1.5, 1.0];
const FIELD_LENGTH_DAMPING: [f32; FIELD_COUNT] = [0.5, 0.3, 0.75];
/// BM25 term-frequency saturation.
const K1: f32 = 1.2;
/// A part of a compound is weaker evidence than the word itself.
const COMPOUND_PART_WEIGHT: f32 = 0.5;
/// Share of the final score given to trigram similarity (the rest is normalised BM25F).
const TRIGRAM_WEIGHT: f32 = 0.5;
/// An entry's word found one typing slip away from a word of the question is weaker evidence
/// than the word itself.
const NEAR_WORD_WEIGHT: f32 = 0.7;
/// Added to the score of an entry whose question (or an alternative) asks what the question
/// asks ([`intent`]): enough to order entries on one topic, too little to change the topic.
const INTENT_BONUS: f32 = 0.05;
/// How much the classifier's probability for an entry adds to its score. The words and letters
/// find the entries a question shares something with; the classifier, which learnt from every
/// phrasing, orders them better. Each weight calibrated afresh on the dev set's tuned part
/// (cross-fitted): 0 answers 442 of its 641 in-scope questions right (the held-out third 221
/// of 321, 1 wrong), 0.5 445, 1.0 451 (235, none wrong), 2.0 437.
const CLASSIFIER_WEIGHT: f32 = 1.0;
/// A word the entries use as typed is evidence in its own right; what the lexicon says it
/// means weighs less beside it. "เขต" (the office, as people say it) means "สำนักงานเขต",
/// which fills the phrasings of the entries about developing the office building: at full
/// weight it pulled them first for any question that named the office.
const SYNONYM_WEIGHT: f32 = 0.5;
/// Words that make a number an amount of money ([`without_amounts`]).
const AMOUNT_UNITS: [&str; 7] = ["บาท", "บ.", "ร้อย", "พัน", "หมื่น", "แสน", "ล้าน"];
/// Shorter words are too often a slip away from an unrelated word to be corrected.
const MIN_NEAR_WORD_LETTERS: usize = 4;

/// Words so common in questions that they say nothing about which entry is meant:
/// polite particles, question words and function words (normalised spelling).
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    // polite particles and endings
    "ครับ", "คับ", "ค้าบ", "ครัช", "ขอรับ", "ค่ะ", "คะ", "ค่า", "คร่ะ", "เจ้าค่ะ", "ฮะ", "ฮับ",
    "จ้ะ", "จ้า", "จ๊ะ", "นะ", "น่ะ", "นะคะ", "นะครับ", "ละ", "ล่ะ", "เถอะ", "หน่อย", "ด้วย",
    "สิ", "ซิ", "อ่ะ", "อะ", "เนอะ", "สวัสดี",
    // question words
    "ไหม", "มั้ย", "มั๊ย", "มัย", "ป่าว", "เปล่า", "หรือเปล่า", "หรือไม่", "หรือยัง", "หรอ",
    "เหรอ", "อย่างไร", "ยังไง", "ยังงัย", "ไง", "ทำไง", "อะไร", "บ้าง", "ไหน", "ที่ไหน", "ใด",
    // function words
    "ที่", "ของ", "การ", "ความ", "และ", "หรือ", "กับ", "ใน", "จะ", "ได้", "ให้", "แล้ว", "ก็",
    "คือ", "เป็น", "มี", "ต้อง", "ทำ", "ไป", "มา", "อยู่", "นี้", "นั้น", "นี่", "โดย", "ซึ่ง",
    "ว่า", "ถ้า", "แต่", "แก่", "แด่", "ต่อ", "จาก", "เพื่อ", "ขอ", "อยาก", "ผม", "ดิฉัน", "ฉัน",
    "หนู", "กระผม", "คุณ", "เรา", "เขา", "พวก", "กัน", "ได้ไหม", "เอง",
    // "เรื่อง" (matter) comes with any topic: "ทำเรื่อง", "เรื่องครู"
    "เรื่อง",
    // English
    "how", "what", "where", "when", "who", "why", "is", "are", "am", "do", "does", "did", "can",
    "could", "i", "you", "we", "my", "your", "the", "a", "an", "to", "of", "for", "in", "on",
    "at", "and", "or", "it", "this", "that", "please", "with", "about",
];

/// What a question word asks for, as a bit: how, where, what, who, when, why, how much, or
/// whether (yes or no). The words themselves say nothing about the topic (they are stop
/// words), but between entries on one topic they tell "how do I give" from "can I give goods".
#[rustfmt::skip]
fn intent(word: &str) -> u8 {
    const HOW: u8 = 1;
    const WHERE: u8 = 1 << 1;
    const WHAT: u8 = 1 << 2;
    const WHO: u8 = 1 << 3;
    const WHEN: u8 = 1 << 4;
    const WHY: u8 = 1 << 5;
    const HOW_MUCH: u8 = 1 << 6;
    const WHETHER: u8 = 1 << 7;
    match word {
        "อย่างไร" | "ยังไง" | "ยังงัย" | "ไง" | "ทำไง" | "how" => HOW,
        // Not "ไหน" alone: "แบบไหน" asks which kind.
        "ที่ไหน" | "ตรงไหน" | "where" => WHERE,
        "อะไร" | "what" => WHAT,
        "ใคร" | "who" => WHO,
        "เมื่อไหร่" | "เมื่อไร" | "กี่โมง" | "when" => WHEN,
        "ทำไม" | "why" => WHY,
        "เท่าไหร่" | "เท่าไร" | "กี่" => HOW_MUCH,
        "ไหม" | "มั้ย" | "มั๊ย" | "มัย" | "ได้ไหม" | "หรือไม่" | "หรือเปล่า" | "เปล่า" | "ป่าว"
        | "can" => WHETHER,
        _ => 0,
    }
}

/// The intents of the words of a text.
fn intents<'text>(words: impl Iterator<Item = &'text str>) -> u8 {
    words.map(intent).fold(0, |all, one| all | one)
}

/// Thai function words from PyThaiNLP's stop-word list (data/faq_function_words_th.txt,
/// generated by scripts/faq_lexicon.py). Unlike [`STOP_WORDS`], some of them carry meaning in
/// the office's entries ("เปิดเผย", "รับ"), so they are dropped from a question only when no
/// entry uses them.
fn is_function_word(word: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        include_str!("../../data/faq_function_words_th.txt")
            .lines()
            .filter(|line| !line.starts_with('#'))
            .map(str::trim)
            .filter(|word| !word.is_empty())
            .collect()
    })
    .contains(word)
}

fn is_stop_word(word: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().copied().collect())
        .contains(word)
}

/// Term frequencies of one word in one document, per field.
#[derive(Debug, Clone, Copy)]
struct Posting {
    document: u32,
    frequencies: [f32; FIELD_COUNT],
}

/// The searchable index over a set of documents.
pub struct Matcher {
    ids: Vec<i64>,
    term_ids: FastMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    field_lengths: Vec<[f32; FIELD_COUNT]>,
    average_field_lengths: [f32; FIELD_COUNT],
    /// Trigram -> its weight and the phrasings (questions, alternatives and tags) with it.
    trigrams: FastMap<u64, TrigramPostings>,
    phrasing_document: Vec<u32>,
    /// Sum of the weights of each phrasing's trigrams.
    phrasing_weights: Vec<f32>,
    /// The weight of a trigram no phrasing has.
    unseen_trigram_weight: f32,
    /// Each indexed word longer than [`MIN_NEAR_WORD_LETTERS`] under the hash of itself and
    /// of every way to drop one of its letters, sorted: two words meet here when they are one
    /// slip apart (symmetric deletion).
    near_words: Vec<(u64, u32)>,
    /// The text of each term id.
    term_texts: Vec<String>,
    /// What each document's question and alternatives ask ([`intent`]).
    intents: Vec<u8>,
    /// What each document's answer gives of what questions ask for ([`specifics`]).
    gives: Vec<specifics::Gives>,
    /// The area offices the answers speak of (the documents' offices): questions about them
    /// are the knowledge base's to answer, as are those about the office the bot is for.
    offices_spoken_of: Vec<specifics::AreaOffice>,
    /// The second reading, learnt from the phrasings.
    classifier: Option<Arc<Classifier>>,
}

/// A question ready to search.
struct Query {
    terms: Vec<(String, f32)>,
    trigrams: FastSet<u64>,
    /// What kind of question it is ([`intent`]).
    intents: u8,
    /// See [`Hit::explained`].
    explained: f32,
}

/// The word signal of every document for one question, by position.
struct Lexical {
    scores: Vec<f32>,
    coverage: Vec<f32>,
    /// See [`Hit::phrased`].
    phrased: f32,
}

/// A lexicon word's meaning, ready to search: its terms and its words for trigrams.
struct Meaning {
    terms: Vec<(String, f32)>,
    words: Vec<String>,
    intents: u8,
}

/// The lexicon by normalised word. A word the segmenter does not keep whole could never be
/// looked up, and is left out (a unit test keeps the lexicon free of them).
fn lexicon() -> &'static FastMap<String, Meaning> {
    static LEXICON: OnceLock<FastMap<String, Meaning>> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut tokenizer = Tokenizer::default();
        let mut lexicon = FastMap::default();
        for (word, meaning) in super::lexicon::pairs() {
            let Some(word) = single_word(&mut tokenizer, word) else {
                continue;
            };
            let meaning = tokenizer.tokenize(meaning);
            lexicon.entry(word).or_insert_with(|| Meaning {
                terms: deduplicated(meaning.iter().flat_map(searchable_terms)),
                words: meaning
                    .iter()
                    .filter(|token| !is_stop_word(token.text))
                    .map(|token| token.text.to_owned())
                    .collect(),
                intents: intents(meaning.iter().map(|token| token.text)),
            });
        }
        lexicon
    })
}

/// The words the lexicon reads `word` as ("donate" as บริจาค), if it has it: the classifier
/// reads a question's words through it too.
pub(super) fn lexicon_words(word: &str) -> Option<&'static [String]> {
    lexicon().get(word).map(|meaning| meaning.words.as_slice())
}

/// `query` without its amounts of money ("500 บาท", "2 หมื่น", "1,000บ.", "1 หมื่น 5 พันบาท"):
/// how much someone gives says nothing about which entry answers them, and the unit's word
/// pulled the entries that list sums ("อยากบริจาค 500 บาทค่ะ" went unanswered, "อยากบริจาคค่ะ"
/// was answered). A number without a unit is left to the search, which drops it unless an
/// entry has it.
fn without_amounts(query: &str) -> std::borrow::Cow<'_, str> {
    let mut kept = String::new();
    let mut rest = query;
    let mut cut = false;
    while let Some(start) = rest.find(thai::is_digit) {
        let (before, from) = rest.split_at(start);
        kept.push_str(before);
        if let Some(length) = amount_length(from) {
            // Thai words run on without spaces: the words either side of the amount join as
            // if it had never been typed ("อยากบริจาค 500 บาทค่ะ" reads as "อยากบริจาคค่ะ").
            kept.truncate(kept.trim_end().len());
            rest = from[length..].trim_start();
            let thai_both_sides = kept.chars().next_back().is_some_and(thai::is_thai_letter)
                && rest.chars().next().is_some_and(thai::is_thai_letter);
            if !thai_both_sides {
                kept.push(' ');
            }
            cut = true;
        } else {
            let digit = from.chars().next().map_or(1, char::len_utf8);
            kept.push_str(&from[..digit]);
            rest = &from[digit..];
        }
    }
    if !cut {
        return std::borrow::Cow::Borrowed(query);
    }
    kept.push_str(rest);
    std::borrow::Cow::Owned(kept)
}

/// The length of the amount `text` starts with: a number and its units, then any number
/// after it with units of its own ("1 หมื่น 5 พัน บาท"); `None` when the first number has no
/// unit.
fn amount_length(text: &str) -> Option<usize> {
    let mut end = 0;
    loop {
        let from = &text[end..];
        let number = from
            .find(|c: char| !(thai::is_digit(c) || c == ',' || c == '.'))
            .unwrap_or(from.len());
        let mut after = &from[number..];
        let mut units = 0;
        while let Some(unit) = AMOUNT_UNITS
            .iter()
            .find(|unit| after.trim_start().starts_with(*unit))
        {
            after = &after.trim_start()[unit.len()..];
            units += 1;
        }
        if units == 0 {
            break;
        }
        let next = after.trim_start();
        if !next.starts_with(thai::is_digit) {
            end = text.len() - after.len();
            break;
        }
        end = text.len() - next.len();
    }
    (end > 0).then_some(end)
}

/// `text` normalised, if it is one word.
fn single_word(tokenizer: &mut Tokenizer, text: &str) -> Option<String> {
    let tokens = tokenizer.tokenize(text);
    let mut words = tokens.iter();
    match (words.next(), words.next()) {
        (Some(word), None) => Some(word.text.to_owned()),
        _ => None,
    }
}

/// Calls `each` with the hash of `word` and of `word` without each one of its letters.
fn for_each_deletion(word: &str, mut each: impl FnMut(u64)) {
    use std::hash::Hasher;
    let letters: Vec<char> = word.chars().collect();
    let hash = |skip: Option<usize>| {
        let mut hasher = rustc_hash::FxHasher::default();
        for (at, &letter) in letters.iter().enumerate() {
            if Some(at) != skip {
                hasher.write_u32(u32::from(letter));
            }
        }
        hasher.finish()
    };
    each(hash(None));
    for skip in 0..letters.len() {
        each(hash(Some(skip)));
    }
}

struct TrigramPostings {
    /// Like a word's idf: a trigram found in many phrasings ("สำนักงาน" gives several) says
    /// little about which one is meant.
    weight: f32,
    phrasings: Vec<u32>,
}

impl Matcher {
    /// Indexes `documents`. Segmentation dominates the cost, and large sets are segmented on
    /// all available cores; from async code, call this where blocking is allowed.
    pub fn new(documents: &[Document]) -> Matcher {
        Matcher::build(documents, Some(Classifier::for_documents(documents)))
    }

    /// The matcher for `documents` without the classifier's reading, which takes far longer
    /// to fit: it ranks almost as well, and [`verdict`] judges it by a stricter calibration of
    /// its own ([`CALIBRATION_WITHOUT_CLASSIFIER`]), so it answers less often meanwhile.
    pub fn without_classifier(documents: &[Document]) -> Matcher {
        Matcher::build(documents, None)
    }

    /// Whether this matcher has the classifier's reading.
    pub fn has_classifier(&self) -> bool {
        self.classifier.is_some()
    }

    /// Whether [`Matcher::new`] would find the classifier for `documents` already fitted (their
    /// phrasings are those of an index built a moment ago), and so build in tens of
    /// milliseconds rather than fit for up to a second or more.
    pub fn is_quick_to_build(documents: &[Document]) -> bool {
        Classifier::is_fitted(documents)
    }

    fn build(documents: &[Document], classifier: Option<Arc<Classifier>>) -> Matcher {
        let mut builder = IndexBuilder::default();
        for (position, document) in analyse_all(documents).iter().enumerate() {
            builder.add(position as u32, document);
        }
        builder.finish(documents, classifier)
    }

    /// The best-matching documents for `query`, best first, at most `limit` of them, as the
    /// bot of no configured office searches ([`Matcher::search_for_office`]).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_for_office("", query, limit)
    }

    /// The best-matching documents for `query`, best first, at most `limit` of them, for the
    /// bot of the office named `office_name` (the configuration's): a question naming another
    /// area office than that one or those the answers speak of is never answered.
    /// A query with no searchable words (empty, only punctuation or particles) finds nothing.
    pub fn search_for_office(&self, office_name: &str, query: &str, limit: usize) -> Vec<Hit> {
        if limit == 0 || self.ids.is_empty() {
            return Vec::new();
        }
        let asks = specifics::Asks::of(query);
        let elsewhere = asks.names_an_office_besides(office_name, &self.offices_spoken_of);
        let query = without_amounts(query);
        let query = super::romanised::as_thai(query.as_ref(), is_stop_word);
        let romanised = matches!(query, std::borrow::Cow::Owned(_));
        let query = query.as_ref();
        let tokens = Tokenizer::default().tokenize(query);
        let Query {
            terms,
            trigrams,
            intents,
            explained,
        } = self.understand(&tokens);
        if terms.is_empty() && trigrams.is_empty() {
            return Vec::new();
        }

        let Lexical {
            scores: lexical,
            coverage,
            phrased,
        } = self.lexical_scores(&terms);
        let similarity = self.trigram_similarities(&trigrams);
        let classified = self
            .classifier
            .as_ref()
            .map(|classifier| classifier.probabilities(query, &tokens));
        let mut scored: Vec<(usize, f32)> = lexical
            .iter()
            .zip(&similarity)
            .map(|(&lexical, &similarity)| {
                (1.0 - TRIGRAM_WEIGHT) * lexical + TRIGRAM_WEIGHT * similarity
            })
            .enumerate()
            .filter(|&(_, score)| score > 0.0)
            .map(|(position, score)| {
                let same_intent = self.intents[position] & intents != 0;
                let learnt = classified
                    .as_ref()
                    .map_or(0.0, |classified| classified[position]);
                (
                    position,
                    score
                        + if same_intent { INTENT_BONUS } else { 0.0 }
                        + CLASSIFIER_WEIGHT * learnt,
                )
            })
            .collect();
        // Best score first; among equals, the earlier document, so results are stable.
        let ranking = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        // The verdict weighs the same hits however many are wanted.
        let ranked = limit.max(VERDICT_HITS);
        if scored.len() > ranked {
            scored.select_nth_unstable_by(ranked - 1, ranking);
            scored.truncate(ranked);
        }
        scored.sort_unstable_by(ranking);
        let most_classified = classified.iter().flatten().copied().fold(0.0, f32::max);
        let mut hits: Vec<Hit> = scored
            .into_iter()
            .map(|(position, score)| Hit {
                id: self.ids[position],
                score,
                confident: false,
                lexical: lexical[position],
                similarity: similarity[position],
                coverage: coverage[position],
                phrased,
                explained,
                words: u16::try_from(terms.len()).unwrap_or(u16::MAX),
                classified: classified.as_ref().map(|classified| Classified {
                    entry: classified[position],
                    most: most_classified,
                }),
                asks_beyond: elsewhere || asks.beyond(&self.gives[position]),
                romanised,
            })
            .collect();
        if verdict(&hits) == Verdict::Answer {
            hits[0].confident = true;
        }
        hits.truncate(limit);
        hits
    }

    /// The query's searchable terms and trigrams: each word read through the lexicon, and a
    /// word the entries do not use replaced by the entries' words a slip away, if any.
    fn understand(&self, tokens: &Tokens) -> Query {
        let lexicon = lexicon();
        let tokens: Vec<Token> = tokens.iter().collect();
        let mut terms: Vec<(String, f32)> = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut intents = 0;
        let (mut letters, mut unexplained) = (0usize, 0usize);
        for (at, token) in tokens.iter().enumerate() {
            intents |= intent(token.text);
            let length = token.text.chars().count();
            // A general function word ("ตอนนี้", "จริงๆ") no entry uses says nothing about
            // which entry is meant, and should not count against all of them.
            let unused_function_word = is_function_word(token.text)
                && !self.term_ids.contains_key(token.text)
                && !lexicon.contains_key(token.text);
            if token.kind != TokenKind::Number && !is_stop_word(token.text) && !unused_function_word
            {
                letters += length;
            }
            if let Some(meaning) = lexicon.get(token.text) {
                intents |= meaning.intents;
                let indexed = self.term_ids.contains_key(token.text);
                let weight = if indexed { SYNONYM_WEIGHT } else { 1.0 };
                terms.extend(
                    meaning
                        .terms
                        .iter()
                        .map(|(term, term_weight)| (term.clone(), term_weight * weight)),
                );
                if indexed {
                    terms.push((token.text.to_owned(), 1.0));
                }
                words.extend(meaning.words.iter().map(String::as_str));
                continue;
            }
            // A number no entry has (a tracking code, an amount, a year) says which case or
            // sum is meant, not which entry: it should not count against all of them.
            let unused_number =
                token.kind == TokenKind::Number && !self.term_ids.contains_key(token.text);
            if is_stop_word(token.text) || unused_function_word || unused_number {
                continue;
            }
            words.push(token.text);
            // A dictionary word is spelt right even when no entry uses it ("แปลก" is not a
            // slip for "แปลง"); only letters the dictionary cannot explain are corrected.
            if token.kind == TokenKind::ThaiUnknown && !self.term_ids.contains_key(token.text) {
                let near = self.near_terms(&tokens, at);
                if !near.is_empty() {
                    terms.extend(near.into_iter().map(|term| (term, NEAR_WORD_WEIGHT)));
                    continue;
                }
            }
            let searchable: Vec<(String, f32)> = searchable_terms(*token).collect();
            if token.kind != TokenKind::Number
                && !searchable
                    .iter()
                    .any(|(term, _)| self.term_ids.contains_key(term.as_str()))
            {
                unexplained += length;
            }
            terms.extend(searchable);
        }
        Query {
            terms: deduplicated(terms.into_iter()),
            trigrams: trigrams(words.into_iter()),
            intents,
            explained: if letters == 0 {
                1.0
            } else {
                1.0 - unexplained as f32 / letters as f32
            },
        }
    }

    /// Indexed words one slip away from the word at `at`, or from it joined with the word
    /// before or after it (a misspelt word is often cut in two, one part a real word).
    fn near_terms(&self, tokens: &[Token], at: usize) -> Vec<String> {
        let thai = |token: &Token| {
            matches!(token.kind, TokenKind::ThaiKnown | TokenKind::ThaiUnknown)
                && !is_stop_word(token.text)
        };
        let before = at.checked_sub(1).map(|i| tokens[i]).filter(thai);
        let after = tokens.get(at + 1).copied().filter(thai);
        let word = tokens[at].text;
        let mut candidates = vec![word.to_owned()];
        if let Some(before) = before {
            candidates.push(format!("{}{word}", before.text));
        }
        if let Some(after) = after {
            candidates.push(format!("{word}{}", after.text));
        }
        let mut found: Vec<u32> = Vec::new();
        for candidate in candidates
            .iter()
            .filter(|candidate| candidate.chars().count() >= MIN_NEAR_WORD_LETTERS)
        {
            for_each_deletion(candidate, |key| {
                let from = self.near_words.partition_point(|&(hash, _)| hash < key);
                for &(_, term) in self.near_words[from..]
                    .iter()
                    .take_while(|&&(hash, _)| hash == key)
                {
                    if !found.contains(&term) {
                        found.push(term);
                    }
                }
            });
        }
        found
            .into_iter()
            .map(|term| self.term_texts[term as usize].clone())
            .filter(|term| !is_stop_word(term))
            .collect()
    }

    /// BM25F per document, divided by what a document matching every query word perfectly
    /// would get, so that 1.0 means "all of the query is here" whatever the query; and the
    /// share of the query's weight each document's phrasings contain ([`Hit::coverage`]).
    fn lexical_scores(&self, query_terms: &[(String, f32)]) -> Lexical {
        let document_count = self.ids.len() as f32;
        let mut scores = vec![0.0f32; self.ids.len()];
        let mut coverage = vec![0.0f32; self.ids.len()];
        let mut best_possible = 0.0f32;
        let mut in_phrasings = 0.0f32;
        for (term, query_weight) in query_terms {
            let postings = self
                .term_ids
                .get(term.as_str())
                .map_or(&[][..], |&term_id| &self.postings[term_id as usize][..]);
            let phrased = postings.iter().any(|posting| {
                posting.frequencies[Field::Question as usize] > 0.0
                    || posting.frequencies[Field::Tags as usize] > 0.0
            });
            let frequency = postings.len() as f32;
            // A word no document contains weighs like the rarest word: it is part of what was
            // asked, and nothing here answers it.
            let idf = (1.0 + (document_count - frequency + 0.5) / (frequency + 0.5)).ln();
            let term_weight = query_weight * idf * (K1 + 1.0);
            best_possible += term_weight;
            if phrased {
                in_phrasings += term_weight;
            }
            for posting in postings {
                if posting.frequencies[Field::Question as usize] > 0.0
                    || posting.frequencies[Field::Tags as usize] > 0.0
                {
                    coverage[posting.document as usize] += term_weight;
                }
                let lengths = &self.field_lengths[posting.document as usize];
                let weighted_frequency: f32 = (0..FIELD_COUNT)
                    .map(|field| {
                        let relative_length = lengths[field] / self.average_field_lengths[field];
                        let damping = 1.0 - FIELD_LENGTH_DAMPING[field]
                            + FIELD_LENGTH_DAMPING[field] * relative_length;
                        FIELD_WEIGHTS[field] * posting.frequencies[field] / damping
                    })
                    .sum();
                scores[posting.document as usize] +=
                    term_weight * weighted_frequency / (K1 + weighted_frequency);
            }
        }
        if best_possible > 0.0 {
            for score in scores.iter_mut().chain(&mut coverage) {
                *score /= best_possible;
            }
            in_phrasings /= best_possible;
        }
        Lexical {
            scores,
            coverage,
            phrased: in_phrasings,
        }
    }

    /// Per document, the best weighted Dice coefficient between the query's trigrams and
    /// those of the document's question, one of its alternative phrasings or one of its tags.
    fn trigram_similarities(&self, query_trigrams: &FastSet<u64>) -> Vec<f32> {
        let mut best = vec![0.0f32; self.ids.len()];
        let mut shared = vec![0.0f32; self.phrasing_document.len()];
        let mut query_weight = 0.0f32;
        for trigram in query_trigrams {
            match self.trigrams.get(trigram) {
                Some(postings) => {
                    query_weight += postings.weight;
                    for &phrasing in &postings.phrasings {
                        shared[phrasing as usize] += postings.weight;
                    }
                }
                None => query_weight += self.unseen_trigram_weight,
            }
        }
        for (phrasing, &weight) in shared.iter().enumerate() {
            if weight == 0.0 {
                continue;
            }
            let dice = 2.0 * weight / (query_weight + self.phrasing_weights[phrasing]);
            let document = self.phrasing_document[phrasing] as usize;
            best[document] = best[document].max(dice);
        }
        best
    }
}

#[derive(Default)]
struct IndexBuilder {
    term_ids: FastMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    field_lengths: Vec<[f32; FIELD_COUNT]>,
    trigram_phrasings: FastMap<u64, Vec<u32>>,
    phrasing_document: Vec<u32>,
    /// The weighted term ids each distinct word stands for, by `word_ids`. Text repeats its
    /// vocabulary, so stop-word checks and taking compounds apart happen once per word.
    word_ids: FastMap<String, u32>,
    word_terms: Vec<Vec<(u32, f32)>>,
    /// Term frequencies of the document being added, by term id; `touched` lists the ids set.
    frequencies: Vec<[f32; FIELD_COUNT]>,
    touched: Vec<u32>,
    intents: Vec<u8>,
}

impl IndexBuilder {
    fn add(&mut self, position: u32, document: &AnalysedDocument) {
        let mut lengths = [0.0f32; FIELD_COUNT];
        self.intents.push(intents(
            document
                .texts
                .iter()
                .filter(|(field, _)| matches!(field, Field::Question))
                .flat_map(|(_, tokens)| tokens.iter().map(|token| token.text)),
        ));
        for (field, tokens) in &document.texts {
            let field = *field as usize;
            for token in tokens.iter() {
                let word = match self.word_ids.get(token.text) {
                    Some(&word) => word,
                    None => {
                        let terms = searchable_terms(token)
                            .map(|(term, weight)| (self.term_id(term), weight))
                            .collect();
                        let word = self.word_terms.len() as u32;
                        self.word_terms.push(terms);
                        self.word_ids.insert(token.text.to_owned(), word);
                        word
                    }
                };
                for &(term_id, weight) in &self.word_terms[word as usize] {
                    let frequencies = &mut self.frequencies[term_id as usize];
                    // Weights are positive: all zero means the term is new to this document.
                    if *frequencies == [0.0; FIELD_COUNT] {
                        self.touched.push(term_id);
                    }
                    frequencies[field] += weight;
                    lengths[field] += weight;
                }
            }
        }
        for phrasing_trigrams in &document.phrasing_trigrams {
            self.add_phrasing(position, phrasing_trigrams);
        }
        for term_id in self.touched.drain(..) {
            let frequencies = std::mem::take(&mut self.frequencies[term_id as usize]);
            self.postings[term_id as usize].push(Posting {
                document: position,
                frequencies,
            });
        }
        self.field_lengths.push(lengths);
    }

    fn term_id(&mut self, term: String) -> u32 {
        if let Some(&term_id) = self.term_ids.get(&term) {
            return term_id;
        }
        let term_id = self.postings.len() as u32;
        self.term_ids.insert(term, term_id);
        self.postings.push(Vec::new());
        self.frequencies.push([0.0; FIELD_COUNT]);
        term_id
    }

    fn add_phrasing(&mut self, position: u32, phrasing_trigrams: &FastSet<u64>) {
        if phrasing_trigrams.is_empty() {
            return;
        }
        let phrasing_id = self.phrasing_document.len() as u32;
        self.phrasing_document.push(position);
        for &trigram in phrasing_trigrams {
            self.trigram_phrasings
                .entry(trigram)
                .or_default()
                .push(phrasing_id);
        }
    }

    fn finish(self, documents: &[Document], classifier: Option<Arc<Classifier>>) -> Matcher {
        let document_count = self.field_lengths.len().max(1) as f32;
        let mut average_field_lengths = [0.0f32; FIELD_COUNT];
        for lengths in &self.field_lengths {
            for field in 0..FIELD_COUNT {
                average_field_lengths[field] += lengths[field] / document_count;
            }
        }
        // An empty field everywhere (no tags at all) must not divide by zero.
        for average in &mut average_field_lengths {
            *average = average.max(1.0);
        }
        let phrasing_count = self.phrasing_document.len() as f32;
        let trigram_weight =
            |phrasings: usize| (1.0 + phrasing_count / (phrasings as f32 + 1.0)).ln();
        let mut phrasing_weights = vec![0.0f32; self.phrasing_document.len()];
        let trigrams = self
            .trigram_phrasings
            .into_iter()
            .map(|(trigram, phrasings)| {
                let weight = trigram_weight(phrasings.len());
                for &phrasing in &phrasings {
                    phrasing_weights[phrasing as usize] += weight;
                }
                (trigram, TrigramPostings { weight, phrasings })
            })
            .collect();
        let mut term_texts = vec![String::new(); self.postings.len()];
        let mut near_words = Vec::new();
        for (term, &term_id) in &self.term_ids {
            term_texts[term_id as usize].clone_from(term);
            if term.chars().count() >= MIN_NEAR_WORD_LETTERS {
                for_each_deletion(term, |key| near_words.push((key, term_id)));
            }
        }
        near_words.sort_unstable();
        near_words.dedup();
        Matcher {
            ids: documents.iter().map(|document| document.id).collect(),
            term_ids: self.term_ids,
            postings: self.postings,
            field_lengths: self.field_lengths,
            average_field_lengths,
            trigrams,
            phrasing_document: self.phrasing_document,
            phrasing_weights,
            unseen_trigram_weight: trigram_weight(0),
            near_words,
            term_texts,
            intents: self.intents,
            offices_spoken_of: documents
                .iter()
                .flat_map(|document| specifics::area_offices(&document.answer))
                .collect(),
            gives: documents
                .iter()
                .map(|document| {
                    let texts = std::iter::once(&document.question)
                        .chain(&document.alt)
                        .chain(&document.tags);
                    specifics::Gives::of(&document.answer, texts.map(String::as_str))
                        .about(&document.subject)
                })
                .collect(),
            classifier,
        }
    }
}

/// A document cut into words, field by field, with the trigrams of each phrasing: the part
/// of indexing that needs no shared state.
struct AnalysedDocument {
    texts: Vec<(Field, Tokens)>,
    phrasing_trigrams: Vec<FastSet<u64>>,
}

fn analyse(tokenizer: &mut Tokenizer, document: &Document) -> AnalysedDocument {
    let texts: Vec<(Field, Tokens)> = std::iter::once(&document.question)
        .chain(&document.alt)
        .map(|text| (Field::Question, text))
        .chain(document.tags.iter().map(|tag| (Field::Tags, tag)))
        .chain(std::iter::once((Field::Answer, &document.answer)))
        .map(|(field, text)| (field, tokenizer.tokenize(text)))
        .collect();
    // Questions, alternatives and tags are matched as phrasings too: a keyword typed alone,
    // or misspelt, should still meet its entry.
    let phrasing_trigrams = texts
        .iter()
        .filter(|(field, _)| !matches!(field, Field::Answer))
        .map(|(_, tokens)| {
            trigrams(
                tokens
                    .iter()
                    .map(|token| token.text)
                    .filter(|word| !is_stop_word(word)),
            )
        })
        .collect();
    AnalysedDocument {
        texts,
        phrasing_trigrams,
    }
}

/// Analyses the documents, in order, spread over the available cores when there are enough
/// of them to be worth a thread.
fn analyse_all(documents: &[Document]) -> Vec<AnalysedDocument> {
    const MIN_DOCUMENTS_PER_THREAD: usize = 200;
    let analyse_part = |part: &[Document]| -> Vec<AnalysedDocument> {
        let mut tokenizer = Tokenizer::default();
        part.iter()
            .map(|document| analyse(&mut tokenizer, document))
            .collect()
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(documents.len() / MIN_DOCUMENTS_PER_THREAD)
        .max(1);
    if threads == 1 {
        return analyse_part(documents);
    }
    std::thread::scope(|scope| {
        let workers: Vec<_> = documents
            .chunks(documents.len().div_ceil(threads))
            .map(|part| {
                let worker = std::thread::Builder::new()
                    .spawn_scoped(scope, move || analyse_part(part))
                    .ok();
                (part, worker)
            })
            .collect();
        workers
            .into_iter()
            // A thread the system refused to start is made up for here.
            .flat_map(|(part, worker)| match worker {
                Some(worker) => worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                None => analyse_part(part),
            })
            .collect()
    })
}

/// What one word of a text contributes to the search: nothing for a stop word; otherwise the
/// word itself, plus the parts of a known Thai compound at a reduced weight.
fn searchable_terms(token: Token) -> impl Iterator<Item = (String, f32)> {
    let searchable = !is_stop_word(token.text);
    let parts = if searchable && token.kind == TokenKind::ThaiKnown {
        segmenter::compound_parts(token.text)
    } else {
        Vec::new()
    };
    searchable
        .then(|| (token.text.to_owned(), 1.0))
        .into_iter()
        .chain(
            parts
                .into_iter()
                .filter(|part| !is_stop_word(part))
                .map(|part| (part, COMPOUND_PART_WEIGHT)),
        )
}

/// Each query word once, at the highest weight it was given: repeating a word in a question
/// does not make it more important.
fn deduplicated(terms: impl Iterator<Item = (String, f32)>) -> Vec<(String, f32)> {
    let mut weights: FastMap<String, f32> = FastMap::default();
    for (term, weight) in terms {
        let entry = weights.entry(term).or_insert(weight);
        *entry = entry.max(weight);
    }
    weights.into_iter().collect()
}

/// Character trigrams of the words written together, without tone marks: typos in Thai most
/// often misplace a tone mark or swap a look-alike letter, and either costs only a few
/// trigrams. A text shorter than three letters yields itself as its one "trigram".
fn trigrams<'text>(words: impl Iterator<Item = &'text str>) -> FastSet<u64> {
    let letters: Vec<u32> = words
        .flat_map(str::chars)
        .filter(|&c| !matches!(c, '\u{0E47}'..='\u{0E4C}'))
        .map(u32::from)
        .collect();
    let pack = |window: &[u32]| {
        window
            .iter()
            .fold(0u64, |packed, &letter| (packed << 21) | u64::from(letter))
    };
    match letters.len() {
        0 => FastSet::default(),
        1 | 2 => FastSet::from_iter([pack(&letters)]),
        _ => letters.windows(3).map(pack).collect(),
    }
}

/// FxHash: keys come from the staff-written knowledge base, or from one query of bounded
/// length (a chat message), so SipHash's protection against crafted collisions buys little
/// here, while its cost dominated building the index.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
type FastSet<K> = rustc_hash::FxHashSet<K>;

#[cfg(test)]
mod tests {

    #[test]
    fn amounts_of_money_come_out_of_a_question() {
        for (asked, left) in [
            ("อยากบริจาค 500 บาทค่ะ", "อยากบริจาคค่ะ"),
            ("บริจาค 1,000บ. ได้ไหม", "บริจาคได้ไหม"),
            ("ให้ ๒ หมื่นบาท", "ให้ "),
            ("ทุน 1 หมื่น 5 พัน บาท ต่อปี", "ทุนต่อปี"),
            ("give 500 บาท to the school", "give to the school"),
            ("500 บาท", " "),
        ] {
            assert_eq!(without_amounts(asked), left, "{asked}");
        }
        for kept in ["ป.1 สมัครเรียน", "รหัส 1234 5678", "ปีงบ 2569", "ห้อง 3 คน"]
        {
            assert_eq!(without_amounts(kept), kept);
        }
    }

    use super::*;

    fn document(id: i64, question: &str, alt: &[&str], tags: &[&str], answer: &str) -> Document {
        Document {
            id,
            question: question.to_owned(),
            alt: alt.iter().map(|text| text.to_string()).collect(),
            tags: tags.iter().map(|text| text.to_string()).collect(),
            answer: answer.to_owned(),
            subject: Vec::new(),
        }
    }

    fn sample() -> Vec<Document> {
        vec![
            document(
                1,
                "บริจาคเงินให้สำนักงานเขตได้อย่างไร",
                &["อยากบริจาคต้องทำยังไง"],
                &["บริจาค", "ผู้ใหญ่ใจดี"],
                "ติดต่อสำนักงานเพื่อบริจาคเงินหรือสิ่งของ สำนักงานจะออกหลักฐานการบริจาคให้ค่ะ",
            ),
            document(
                2,
                "ทุนการศึกษาหมายถึงอะไร",
                &["ทุนการศึกษาเป็นเงินอย่างเดียวหรือเปล่า"],
                &["ทุนการศึกษา", "scholarship"],
                "ทุนการศึกษา หมายถึง เงินหรือสิ่งของเครื่องใช้ที่ได้รับการสนับสนุนค่ะ",
            ),
            document(
                3,
                "ร้องเรียนแบบไม่เปิดเผยตัวตนได้หรือไม่",
                &["ข้อมูลผู้ร้องเรียนจะเป็นความลับหรือเปล่า"],
                &["ไม่ระบุตัวตน", "anonymous"],
                "ได้ค่ะ บอทจะไม่เก็บข้อมูลที่ระบุตัวท่าน",
            ),
            document(
                4,
                "ติดต่อสำนักงานเขตได้ทางไหนบ้าง",
                &["ขอเบอร์โทรศัพท์ของสำนักงาน"],
                &["ติดต่อ", "เบอร์โทร"],
                "โทร {office_phone} หรืออีเมล {office_email} ค่ะ",
            ),
        ]
    }

    fn top(matcher: &Matcher, query: &str) -> Option<Hit> {
        matcher.search(query, 3).first().copied()
    }

    #[test]
    fn ranks_the_entry_that_answers_first() {
        let matcher = Matcher::new(&sample());
        for (query, expected) in [
            ("บริจาคยังไงคะ", 1),
            ("ทุนการศึกษาคืออะไร", 2),
            ("ร้องเรียนโดยไม่บอกชื่อได้ไหม", 3),
            ("ขอเบอร์โทรหน่อย", 4),
            ("scholarship", 2),
        ] {
            let hit = top(&matcher, query).unwrap_or_else(|| panic!("no hit for {query}"));
            assert_eq!(hit.id, expected, "{query}");
            assert!(hit.confident, "{query}: {hit:?}");
        }
    }

    #[test]
    fn tolerates_typos_and_thai_digits() {
        let matcher = Matcher::new(&sample());
        assert_eq!(top(&matcher, "บริจากเงินยังไง").map(|hit| hit.id), Some(1));
        assert_eq!(top(&matcher, "ทุนการศกษา").map(|hit| hit.id), Some(2));
        assert_eq!(matcher.search("ทุน ๑ ทุน", 1), matcher.search("ทุน 1 ทุน", 1));
    }

    #[test]
    fn question_words_outweigh_answer_words() {
        let documents = vec![
            document(1, "สิ่งของที่รับบริจาค", &[], &[], "เงิน"),
            document(2, "เวลาทำการ", &[], &[], "รับบริจาคสิ่งของทุกวัน"),
        ];
        let matcher = Matcher::new(&documents);
        let hits = matcher.search("บริจาคสิ่งของ", 2);
        assert_eq!(hits.iter().map(|hit| hit.id).collect::<Vec<_>>(), [1, 2]);
        assert!(hits[0].score > hits[1].score);
    }

    #[test]
    fn is_not_confident_about_unrelated_questions() {
        let matcher = Matcher::new(&sample());
        for query in ["ราคาทองวันนี้", "asdfgh", "พรุ่งนี้ฝนตกไหม"]
        {
            assert!(
                matcher.search(query, 3).iter().all(|hit| !hit.confident),
                "{query}: {:?}",
                matcher.search(query, 3)
            );
        }
    }

    /// The ranking's word and letter signals, without the classifier's reading (which reads
    /// every letter).
    fn scored(matcher: &Matcher, query: &str) -> Vec<(i64, f32, f32)> {
        let hits = matcher.search(query, 3);
        hits.iter()
            .map(|hit| (hit.id, hit.lexical, hit.similarity))
            .collect()
    }

    #[test]
    fn function_words_no_entry_uses_do_not_count_against_the_entries() {
        let matcher = Matcher::new(&sample());
        let plain = scored(&matcher, "ทุนการศึกษาคืออะไร");
        // "เกี่ยวกับ" and "เลย" are in PyThaiNLP's stop words and in no entry.
        let padded = scored(&matcher, "เกี่ยวกับทุนการศึกษาคืออะไรเลย");
        assert_eq!(padded, plain);
        // One an entry uses still counts: "เปิดเผย" is a stop word there too.
        let plain = matcher.search("ร้องเรียนแบบไม่ระบุตัวตน", 1);
        let open = matcher.search("ร้องเรียนแบบไม่เปิดเผยตัวตน", 1);
        assert_eq!(open[0].id, plain[0].id);
        assert!(open[0].score > plain[0].score, "{open:?} {plain:?}");
    }

    #[test]
    fn numbers_no_entry_has_do_not_count_against_the_entries() {
        let matcher = Matcher::new(&sample());
        let plain = scored(&matcher, "ติดต่อสำนักงาน");
        assert_eq!(scored(&matcher, "ติดต่อสำนักงาน 1234"), plain);
        assert_eq!(scored(&matcher, "ติดต่อสำนักงาน ๒๕๖๙"), plain);
    }

    #[test]
    fn every_lexicon_word_is_one_word_as_typed() {
        let mut tokenizer = Tokenizer::default();
        let broken: Vec<&str> = super::super::lexicon::pairs()
            .map(|(word, _)| word)
            .filter(|&word| single_word(&mut tokenizer, word).as_deref() != Some(word))
            .collect();
        assert!(broken.is_empty(), "not looked up as written: {broken:?}");
    }

    #[test]
    fn reads_slang_english_and_misspellings_through_the_lexicon() {
        let matcher = Matcher::new(&sample());
        for (query, expected) in [
            ("โดเนทยังไง", 1),
            ("donate", 1),
            ("สกอลาชิพ", 2),
            ("complain แบบ anonymous", 3),
            ("ร้องเรียนแบบไม่บอกชื่อ", 3),
            ("ขอเบอโทหน่อย", 4),
            ("บรจาคพรือ", 1),
        ] {
            assert_eq!(
                top(&matcher, query).map(|hit| hit.id),
                Some(expected),
                "{query}"
            );
        }
    }

    #[test]
    fn reads_thai_typed_in_latin_letters() {
        let matcher = Matcher::new(&sample());
        for (query, expected) in [
            ("yak borijak ngern tham yang ngai", 1),
            ("tun kan suksa kue arai ka", 2),
            ("khor ber thor samnakngan noi krub", 4),
        ] {
            assert_eq!(
                top(&matcher, query).map(|hit| hit.id),
                Some(expected),
                "{query}"
            );
        }
    }

    #[test]
    fn corrects_a_slip_only_where_the_dictionary_cannot_explain_the_letters() {
        let matcher = Matcher::new(&sample());
        // "ทุนการศืกษา": one vowel wrong, not in the lexicon.
        assert_eq!(top(&matcher, "ทุนการศืกษา").map(|hit| hit.id), Some(2));
        // "แปลก" (strange) is a word, one slip from an entry's "แปลง" (plot) but no slip.
        let mut documents = sample();
        documents.push(document(5, "แปลงผักของโรงเรียน", &[], &["แปลง"], "ปลูกผัก"));
        let matcher = Matcher::new(&documents);
        let tokens = Tokenizer::default().tokenize("แปลก");
        let terms = matcher.understand(&tokens).terms;
        assert!(!terms.iter().any(|(term, _)| term == "แปลง"), "{terms:?}");
        assert_eq!(top(&matcher, "แปลงผักโรงเรยน").map(|hit| hit.id), Some(5));
    }

    /// A hit whose two signals agree with its score, covering `coverage` of a question of
    /// four words the knowledge base knows.
    fn hit(id: i64, score: f32, coverage: f32) -> Hit {
        Hit {
            id,
            score,
            confident: false,
            lexical: score,
            similarity: score,
            coverage,
            phrased: 1.0,
            explained: 1.0,
            words: 4,
            classified: Some(Classified {
                entry: 0.9,
                most: 0.9,
            }),
            asks_beyond: false,
            romanised: false,
        }
    }

    #[test]
    fn offers_a_choice_when_the_first_two_are_close() {
        let close = CALIBRATION.close / 2.0;
        let strong = CALIBRATION.floor + 0.5;
        assert_eq!(
            verdict(&[
                hit(1, strong, 1.0),
                hit(2, strong - close, 1.0),
                hit(3, 0.2, 0.2)
            ]),
            Verdict::Choose(2)
        );
        // Close, but both too weak to offer as the choice.
        let weak = CALIBRATION.floor - 0.01;
        assert_eq!(
            verdict(&[hit(1, weak, 0.3), hit(2, weak - close, 0.3)]),
            Verdict::NotSure
        );
        assert_eq!(verdict(&[]), Verdict::NotSure);
    }

    /// While a classifier is being fitted, the matcher without it ranks the same entries first
    /// and is judged by a calibration of its own.
    #[test]
    fn without_the_classifier_ranks_alike_and_is_judged_by_its_own_calibration() {
        let whole = Matcher::new(&sample());
        let quick = Matcher::without_classifier(&sample());
        for query in ["บริจาคยังไงคะ", "ทุนการศึกษาคืออะไร", "ขอเบอร์โทรหน่อย"]
        {
            let (whole, quick) = (top(&whole, query).unwrap(), top(&quick, query).unwrap());
            assert!(whole.confident, "{query}");
            assert_eq!(quick.id, whole.id, "{query}");
            assert!(quick.classified.is_none(), "{query}");
        }
        let unread = |hit: Hit| Hit {
            classified: None,
            ..hit
        };
        let clear = [unread(hit(1, 0.9, 1.0)), unread(hit(2, 0.4, 0.3))];
        assert_eq!(
            verdict(&clear),
            verdict_with(&clear, &CALIBRATION_WITHOUT_CLASSIFIER)
        );
        let weak = [unread(hit(1, 0.65, 0.4)), unread(hit(2, 0.6, 0.4))];
        assert_eq!(verdict(&weak), Verdict::NotSure);
    }

    #[test]
    fn answers_a_clear_lead_and_not_a_weak_unclear_one() {
        // Scores are words, letters and the classifier's probability together: the floor is
        // where the first entry's own score starts to count.
        let floor = CALIBRATION.floor;
        // The whole question in the first entry's phrasings, far ahead of the second.
        assert_eq!(
            verdict(&[hit(1, floor + 0.6, 1.0), hit(2, 0.4, 0.3)]),
            Verdict::Answer
        );
        // A score just over the floor, but well ahead and covering what the second does not.
        assert_eq!(
            verdict(&[hit(1, floor + 0.2, 0.9), hit(2, 0.3, 0.2)]),
            Verdict::Answer
        );
        // Low, barely ahead, little of the question covered.
        assert_eq!(
            verdict(&[hit(1, 0.35, 0.3), hit(2, 0.3, 0.3)]),
            Verdict::NotSure
        );
        // Half the question in words no entry uses.
        let half_known = Hit {
            explained: CALIBRATION.explained - 0.1,
            ..hit(1, floor + 0.6, 1.0)
        };
        assert_eq!(verdict(&[half_known, hit(2, 0.4, 0.3)]), Verdict::NotSure);
    }

    #[test]
    fn finds_nothing_in_queries_without_words() {
        let matcher = Matcher::new(&sample());
        for query in ["", "   ", "ค่ะ", "?!", "😀😀"] {
            assert!(matcher.search(query, 5).is_empty(), "{query}");
        }
        assert!(matcher.search("บริจาค", 0).is_empty());
        assert!(Matcher::new(&[]).search("บริจาค", 5).is_empty());
    }

    #[test]
    fn respects_the_limit_and_orders_by_score() {
        let matcher = Matcher::new(&sample());
        let hits = matcher.search("สำนักงาน บริจาค ทุนการศึกษา ร้องเรียน", 2);
        assert_eq!(hits.len(), 2);
        assert!(hits[0].score >= hits[1].score);
    }

    #[test]
    fn survives_hostile_input() {
        let matcher = Matcher::new(&sample());
        let long_thai = "บริจาค".repeat(700);
        let long_mixed: String = "ก😀\u{200F}a1๙\u{0E48}".repeat(600);
        for query in [&long_thai, &long_mixed, "\u{202E}ร้องเรียน\u{202C}", "่่่่่", "ๆๆ"]
        {
            let _ = matcher.search(query, 10);
        }
    }

    #[test]
    fn survives_random_text_in_queries_and_documents() {
        // Characters from the ranges that trip text code: Thai letters and marks out of
        // order, Thai digits, Latin, combining marks, bidi controls, zero-width, emoji.
        let alphabet: Vec<char> = "กขคงจฉบปผฝพฟมยรลวสหอฮะัาำิีึืุูเแโใไ็่้๊๋์ํ๐๑๙ฯๆaZ09 ,.!?\u{0301}\u{200B}\u{200F}\u{202E}\u{FEFF}😀🙂𝔘"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut random_text = |length: usize| -> String {
            (0..length)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect()
        };
        let mut documents = sample();
        for id in 10..40 {
            documents.push(document(
                id,
                &random_text(20),
                &[&random_text(15)],
                &[&random_text(4)],
                &random_text(200),
            ));
        }
        let matcher = Matcher::new(&documents);
        for length in (0..300).step_by(7) {
            let query = random_text(length);
            for hit in matcher.search(&query, 5) {
                assert!(hit.score.is_finite() && hit.score > 0.0, "{query}: {hit:?}");
            }
        }
    }
}
