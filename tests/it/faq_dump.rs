use crate::faq_colloquial::scoring::{cross_fitted_rankings, dev_parts, ranking, shipped_matcher};
use khetbot::faq::matcher::signals;
use std::io::Write;

#[test]
#[ignore]
fn dump_rankings() {
    let (matcher, keys) = shipped_matcher();
    let (tuned, held) = dev_parts();
    let mut out = std::fs::File::create("/work/proto/rankings.jsonl").unwrap();
    let write = |out: &mut std::fs::File, part: &str, case: &crate::faq_colloquial::scoring::Case, hits: &[khetbot::faq::matcher::Hit]| {
        let ranked: Vec<&str> = hits.iter().map(|h| keys[&h.id].as_str()).collect();
        let scores: Vec<f32> = hits.iter().map(|h| h.score).collect();
        writeln!(out, "{}", serde_json::json!({"part": part, "q": case.q, "expect": case.expect, "ranked": ranked, "scores": scores, "signals": signals(hits).to_vec()})).unwrap();
    };
    for (case, hits) in tuned.iter().zip(cross_fitted_rankings(&tuned)) {
        write(&mut out, "tuned", case, &hits);
    }
    for case in &held {
        write(&mut out, "held", case, &ranking(&matcher, &case.q));
    }
}
