//! Held-out evaluation of the FAQ matcher against the shipped knowledge base:
//! data/faq.toml searched with the questions of tests/data/faq_eval.toml, once by the matcher
//! alone and once end to end, asked with `ถาม` through the capability over the entries the
//! migration loaded into the database.
//! Run with `--nocapture` to see the accuracy reports.

use std::collections::HashMap;
use std::path::Path;

use crate::faq_colloquial::scoring;
use crate::support::harness::{Harness, Person, Place};
use khetbot::faq::matcher::Matcher;
use serde::Deserialize;

const MIN_TOP1_ACCURACY: f64 = 0.80;
const MIN_TOP3_ACCURACY: f64 = 0.95;

#[derive(Deserialize)]
struct KnowledgeBase {
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    key: String,
    question: String,
    #[serde(default)]
    alt: Vec<String>,
}

#[derive(Deserialize)]
struct Evaluation {
    out_of_domain: Vec<String>,
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    q: String,
    expect: String,
}

fn read_toml<T: for<'de> Deserialize<'de>>(relative_path: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative_path);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    toml::from_str(&text).unwrap_or_else(|error| panic!("cannot parse {}: {error}", path.display()))
}

/// The matcher over the knowledge base, and the entry key of each document id.
fn knowledge_base() -> (Matcher, HashMap<i64, String>) {
    scoring::shipped_matcher()
}

#[test]
fn held_out_questions_find_their_entry() {
    let (matcher, keys) = knowledge_base();
    let evaluation: Evaluation = read_toml("tests/data/faq_eval.toml");
    let (mut top1, mut top3, mut confident) = (0, 0, 0);
    let mut misses = Vec::new();
    for case in &evaluation.case {
        let hits = matcher.search(&case.q, 3);
        let ranked: Vec<&str> = hits.iter().map(|hit| keys[&hit.id].as_str()).collect();
        match ranked.iter().position(|&key| key == case.expect) {
            Some(0) => {
                top1 += 1;
                top3 += 1;
                confident += usize::from(hits[0].confident);
            }
            Some(_) => top3 += 1,
            None => {}
        }
        if ranked.first() != Some(&case.expect.as_str()) {
            misses.push(format!(
                "  \"{}\" expected {}, got [{}]",
                case.q,
                case.expect,
                ranked.join(", ")
            ));
        }
    }
    let total = evaluation.case.len() as f64;
    let report = format!(
        "FAQ matcher on {} held-out questions: top-1 {:.1}% ({top1}), top-3 {:.1}% ({top3}), \
         confident and right {:.1}% ({confident})\nnot first:\n{}",
        evaluation.case.len(),
        100.0 * top1 as f64 / total,
        100.0 * top3 as f64 / total,
        100.0 * confident as f64 / total,
        misses.join("\n"),
    );
    println!("{report}");
    assert!(top1 as f64 / total >= MIN_TOP1_ACCURACY, "{report}");
    assert!(top3 as f64 / total >= MIN_TOP3_ACCURACY, "{report}");
}

#[test]
fn out_of_domain_questions_are_not_confident() {
    let (matcher, keys) = knowledge_base();
    let evaluation: Evaluation = read_toml("tests/data/faq_eval.toml");
    let confident: Vec<String> = evaluation
        .out_of_domain
        .iter()
        .filter_map(|query| {
            let hit = matcher.search(query, 1).into_iter().next()?;
            hit.confident
                .then(|| format!("\"{query}\" -> {} ({:.3})", keys[&hit.id], hit.score))
        })
        .collect();
    assert!(
        confident.is_empty(),
        "confident about: {}",
        confident.join("; ")
    );
}

#[test]
fn evaluation_is_held_out_and_names_real_entries() {
    let knowledge_base: KnowledgeBase = read_toml("data/faq.toml");
    let evaluation: Evaluation = read_toml("tests/data/faq_eval.toml");
    for case in &evaluation.case {
        let entry = knowledge_base
            .entry
            .iter()
            .find(|entry| entry.key == case.expect)
            .unwrap_or_else(|| panic!("\"{}\" expects unknown entry {}", case.q, case.expect));
        let copied = knowledge_base
            .entry
            .iter()
            .any(|entry| entry.question == case.q || entry.alt.contains(&case.q));
        assert!(
            !copied,
            "\"{}\" is copied from the entries ({})",
            case.q, entry.key
        );
    }
}

/// What an asker sees: the answered entry (if the bot was confident) followed by the related
/// questions or, when unsure, the suggested ones; as entry ids, best first.
fn shown_entries(reply: &crate::support::harness::Sent) -> (Option<i64>, Vec<i64>) {
    let answered = reply
        .text
        .rsplit_once("คำถามเลขที่ ")
        .and_then(|(_, rest)| rest.split_whitespace().next()?.parse::<i64>().ok());
    let offered = reply
        .buttons
        .iter()
        .filter_map(|(_, data)| data.strip_prefix("faq:a:"))
        .filter_map(|id| id.parse().ok());
    (answered, answered.into_iter().chain(offered).collect())
}

#[tokio::test]
async fn held_out_questions_asked_through_the_bot_find_their_entry() {
    let h = Harness::new().await;
    let keys: HashMap<i64, String> = {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        let mut stmt = conn
            .prepare("SELECT id, key FROM faq_entries WHERE key IS NOT NULL")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let evaluation: Evaluation = read_toml("tests/data/faq_eval.toml");
    let asker = Person::public();
    let (mut top1, mut top3, mut answered_right) = (0, 0, 0);
    for case in &evaluation.case {
        let reply = h
            .reply(&asker, Place::Private, &format!("ถาม {}", case.q))
            .await;
        let (answered, shown) = shown_entries(&reply);
        let ranked: Vec<&str> = shown.iter().map(|id| keys[id].as_str()).collect();
        match ranked.iter().take(3).position(|&key| key == case.expect) {
            Some(0) => {
                top1 += 1;
                top3 += 1;
                answered_right += usize::from(answered.is_some());
            }
            Some(_) => top3 += 1,
            None => {}
        }
    }
    let mut confident_out_of_domain = Vec::new();
    for query in evaluation
        .out_of_domain
        .iter()
        .filter(|q| !q.trim().is_empty())
    {
        let reply = h
            .reply(&asker, Place::Private, &format!("ถาม {query}"))
            .await;
        if shown_entries(&reply).0.is_some() {
            confident_out_of_domain.push(query.clone());
        }
    }
    let total = evaluation.case.len() as f64;
    let report = format!(
        "Asked through the bot, {} held-out questions: top-1 {:.1}% ({top1}), top-3 {:.1}% \
         ({top3}), answered (confident) and right {:.1}% ({answered_right}); \
         out-of-domain answered as if known: {confident_out_of_domain:?}",
        evaluation.case.len(),
        100.0 * top1 as f64 / total,
        100.0 * top3 as f64 / total,
        100.0 * answered_right as f64 / total,
    );
    println!("{report}");
    assert!(top1 as f64 / total >= MIN_TOP1_ACCURACY, "{report}");
    assert!(top3 as f64 / total >= MIN_TOP3_ACCURACY, "{report}");
    assert!(confident_out_of_domain.is_empty(), "{report}");
}
