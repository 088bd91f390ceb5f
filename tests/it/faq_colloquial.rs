//! The Q&A on everyday questions as parents, teachers, directors, donors, southerners and
//! English speakers type them (tests/data/faq_colloquial_{dev,test}.toml, issue 19).
//! The lexicon and the answer / choose / not-sure thresholds were tuned on the dev half only
//! (the calibration on two thirds of it, checked on the third held out); the test half is
//! scored, never tuned on, and may be empty until it is added. Run with `--nocapture` to see
//! the reports.

#[path = "faq_colloquial/scoring.rs"]
pub mod scoring;

use crate::support::harness::{Harness, Person, Place};
use khetbot::faq::matcher::CALIBRATION;
use scoring::{dev_half, dev_parts, score, shipped_entries, shipped_matcher, test_half};

/// What the dev set (all 490 questions: 402 in scope, 88 out of scope) scored with the committed
/// entries, lexicon and calibration: a change that answers fewer of its questions right, ranks
/// fewer right first, shows fewer right entries or answers more wrongly in or out of scope,
/// fails here. The calibration was tuned on two thirds of the set and checked on the third held
/// out (`dev_parts`): 63.8% / 59.7% answered right, 4 / 0 answered wrong.
const DEV_ANSWERED_RIGHT: usize = 251;
/// "แจ้งเรื่องแล้วเขาทำไรต่อ", "เรื่องร้องเรียนของเขตจัดกลุ่มยังไง", "แจ้งเรื่องไปแล้ว เขตจะจัดการ
/// ยังไงต่อคะ" (complaint entries that share their words) and "เขตพัฒนาครูยังไงบ้าง": known misses,
/// kept from growing.
const DEV_ANSWERED_WRONG: usize = 4;
const DEV_TOP1: usize = 362;
const DEV_RIGHT_SHOWN: usize = 388;
/// Out-of-scope questions answered anyway ("ขอบคุณมากครับ", "ชุดนักเรียนซื้อที่ไหน",
/// "เปิดบัญชีธนาคารต้องใช้อะไร"): a known miss, kept from growing.
const DEV_OUT_OF_SCOPE_ANSWERED: usize = 3;

#[test]
fn the_dev_half_keeps_its_calibrated_figures() {
    let (matcher, keys) = shipped_matcher();
    let (scores, findings) = score(&matcher, &keys, &dev_half());
    let report = format!("dev half: {scores}\n{}", findings.join("\n"));
    println!("{report}");
    let (tuned, held_out) = dev_parts();
    println!("dev, tuned on: {}", score(&matcher, &keys, &tuned).0);
    println!(
        "dev, held out of tuning: {}",
        score(&matcher, &keys, &held_out).0
    );
    assert!(scores.answered_right >= DEV_ANSWERED_RIGHT, "{report}");
    assert!(scores.top1 >= DEV_TOP1, "{report}");
    assert!(scores.right_shown >= DEV_RIGHT_SHOWN, "{report}");
    assert!(scores.answered_wrong <= DEV_ANSWERED_WRONG, "{report}");
    assert!(
        scores.out_of_scope - scores.out_not_answered <= DEV_OUT_OF_SCOPE_ANSWERED,
        "{report}"
    );
}

/// The held-out test half, scored only: its figures are README's. It is written by someone who
/// has not seen the matcher and added at the end, so while it is empty this only prints "–".
/// Its figures are reported, not pinned: a threshold here would invite tuning on it.
#[test]
fn the_test_half_is_scored() {
    let (matcher, keys) = shipped_matcher();
    let (scores, findings) = score(&matcher, &keys, &test_half());
    println!("test half: {scores}\n{}", findings.join("\n"));
    assert_eq!(scores.in_scope + scores.out_of_scope, test_half().len());
}

#[test]
fn both_halves_name_real_entries_and_are_held_out() {
    let entries = shipped_entries();
    let (dev, test) = (dev_half(), test_half());
    assert!(dev.len() + test.len() >= 200);
    let out_of_scope = dev
        .iter()
        .chain(&test)
        .filter(|c| c.expect.is_empty())
        .count();
    assert!(out_of_scope >= 40, "{out_of_scope} out of scope");
    for case in dev.iter().chain(&test) {
        for key in &case.expect {
            assert!(
                entries.iter().any(|entry| &entry.key == key),
                "\"{}\" expects unknown entry {key}",
                case.q
            );
        }
        let copied = entries
            .iter()
            .any(|entry| entry.question == case.q || entry.alt.contains(&case.q));
        assert!(!copied, "\"{}\" is copied from the entries", case.q);
        assert!(
            !test.iter().any(|other| other.q == case.q) || !dev.iter().any(|o| o.q == case.q),
            "\"{}\" is in both halves",
            case.q
        );
    }
}

/// The bot replies as the scoring says: an answer, the close entries as buttons, or "not
/// sure" with suggestions, for every dev question asked in a private chat.
#[tokio::test]
async fn the_bot_replies_as_scored() {
    let h = Harness::new().await;
    let (matcher, _) = shipped_matcher();
    let answer_marker = "คำถามเลขที่ ";
    for case in dev_half() {
        let expected = scoring::first_reply(&scoring::ranking(&matcher, &case.q), &CALIBRATION);
        let reply = h
            .reply(
                &Person::public(),
                Place::Private,
                &format!("ถาม {}", case.q),
            )
            .await;
        let answered = reply
            .text
            .rsplit_once(answer_marker)
            .and_then(|(_, rest)| rest.split_whitespace().next()?.parse::<i64>().ok());
        let offered: Vec<i64> = reply
            .buttons
            .iter()
            .filter_map(|(_, data)| data.strip_prefix("faq:a:")?.parse().ok())
            .collect();
        let shown: Vec<i64> = answered.into_iter().chain(offered).collect();
        assert_eq!(answered, expected.answered, "{}: {}", case.q, reply.text);
        assert_eq!(shown, expected.shown, "{}: {}", case.q, reply.text);
        if let khetbot::faq::matcher::Verdict::Choose(_) = expected.verdict {
            assert!(reply.text.contains("ท่านหมายถึงเรื่องไหน"), "{}", reply.text);
        }
    }
}

/// Sweeps the calibration on the dev half's tuned part and prints the best settings for each
/// number of wrong answers (in or out of scope): most questions answered right, then most
/// with a right entry shown; beside each, what it does on the part held out of tuning.
/// `cargo test --test it faq_colloquial::calibrate -- --ignored --nocapture`
#[test]
#[ignore = "a calibration tool, not a check"]
fn calibrate_on_the_dev_half() {
    use khetbot::faq::matcher::Calibration;
    let (matcher, keys) = shipped_matcher();
    let (cases, held_out) = dev_parts();
    let rankings = |cases: &[scoring::Case]| -> Vec<_> {
        cases
            .iter()
            .map(|case| scoring::ranking(&matcher, &case.q))
            .collect()
    };
    let (held_out_rankings, rankings) = (rankings(&held_out), rankings(&cases));
    let steps = |from: f32, to: f32, step: f32| {
        (0..=((to - from) / step).round() as usize).map(move |i| from + step * i as f32)
    };
    let mut results = Vec::new();
    for floor in steps(0.20, 0.40, 0.01) {
        for answer in steps(floor, 0.70, 0.02) {
            for close in steps(0.02, 0.06, 0.01) {
                for lead in steps(0.02, 0.2, 0.02) {
                    for explained in steps(0.0, 0.8, 0.1) {
                        let calibration = Calibration {
                            floor,
                            answer,
                            close,
                            lead,
                            explained,
                        };
                        let (scores, _) =
                            scoring::score_rankings(&keys, &cases, &rankings, &calibration);
                        let wrong =
                            scores.answered_wrong + scores.out_of_scope - scores.out_not_answered;
                        results.push((
                            wrong,
                            std::cmp::Reverse(scores.answered_right),
                            std::cmp::Reverse(scores.right_shown),
                            calibration,
                        ));
                    }
                }
            }
        }
    }
    results.sort_by_key(|&(wrong, right, shown, _)| (wrong, right, shown));
    // The best settings for each number of wrong answers: the price of never being wrong.
    let mut last_wrong = None;
    for (wrong, right, shown, calibration) in &results {
        if last_wrong != Some(*wrong) {
            let (held, _) =
                scoring::score_rankings(&keys, &held_out, &held_out_rankings, calibration);
            println!(
                "wrong {wrong} right {} shown {} {calibration:?}\n  held out: {held}",
                right.0, shown.0
            );
            last_wrong = Some(*wrong);
        }
    }
}
