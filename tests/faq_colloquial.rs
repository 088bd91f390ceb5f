//! The Q&A on everyday questions as parents, teachers, directors, donors, southerners and
//! English speakers type them (tests/data/faq_colloquial_{dev,test}.toml, issue 19).
//! The lexicon and the answer / choose / not-sure thresholds were tuned on the dev half only;
//! the test half is scored, never tuned on. Run with `--nocapture` to see the reports.

#[path = "faq_colloquial/scoring.rs"]
mod scoring;

use scoring::{Scores, dev_half, score, shipped_entries, shipped_matcher, test_half};

#[test]
fn report_dev_half() {
    let (matcher, keys) = shipped_matcher();
    let (scores, findings) = score(&matcher, &keys, &dev_half());
    println!("dev half: {scores}\n{}", findings.join("\n"));
}

/// Sweeps the calibration on the dev half and prints the best settings: most questions
/// answered right with no wrong answer in or out of scope, then fewest "not sure".
/// `cargo test --test faq_colloquial calibrate -- --ignored --nocapture`
#[test]
#[ignore = "a calibration tool, not a check"]
fn calibrate_on_the_dev_half() {
    use khetbot::faq::matcher::Calibration;
    let (matcher, keys) = shipped_matcher();
    let cases = dev_half();
    let rankings: Vec<_> = cases
        .iter()
        .map(|case| scoring::ranking(&matcher, &case.q))
        .collect();
    let steps = |from: f32, to: f32, step: f32| {
        (0..=((to - from) / step).round() as usize).map(move |i| from + step * i as f32)
    };
    let mut results = Vec::new();
    for floor in steps(0.10, 0.40, 0.02) {
        for answer in steps(floor, 0.70, 0.02) {
            for close in steps(0.02, 0.06, 0.01) {
                for lead in steps(0.02, 0.2, 0.02) {
                    let calibration = Calibration { floor, answer, close, lead };
                    let (scores, _) =
                        scoring::score_rankings(&keys, &cases, &rankings, &calibration);
                    let wrong = scores.answered_wrong + scores.out_of_scope - scores.out_not_answered;
                    results.push((wrong, std::cmp::Reverse(scores.answered_right), std::cmp::Reverse(scores.right_shown), calibration));
                }
            }
        }
    }
    results.sort_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
    // The best settings for each number of wrong answers: the price of never being wrong.
    let mut last_wrong = None;
    for (wrong, right, shown, calibration) in &results {
        if last_wrong != Some(*wrong) {
            println!("wrong {wrong} right {} shown {} {calibration:?}", right.0, shown.0);
            last_wrong = Some(*wrong);
        }
    }
}
