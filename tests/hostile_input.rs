//! Hostile input: random text, emoji, RTL marks, zero-width characters, very long and
//! HTML-like messages, thrown at every parser and at the core's entry point. Nothing may
//! panic, and user text must never come back as live HTML.

mod support;

use proptest::prelude::*;
use support::harness::*;

/// Pieces that make parsers and commands work hard when glued together at random.
const PIECES: &[&str] = &[
    "บริจาค",
    "๕๐,๐๐๐",
    "1,250.50",
    "บาท",
    "จาก",
    "เพื่อ",
    "ทุนการศึกษา",
    "15 มิ.ย. 2569",
    "ปีงบ",
    "31 เม.ย.",
    "-5",
    "0",
    "99999999999999999999",
    "\u{200b}",
    "\u{200f}",
    "\u{202e}",
    "🙏🏻",
    "<b>",
    "</i>",
    "<zz>",
    "&amp;",
    "&",
    "\"",
    "'",
    "\n",
    " ",
    "@",
    "#1",
    "/",
    "ร-2569-0001",
    "\u{0e48}",
    "ํ",
    "ไตรมาส 9",
    "พ.ศ.",
    "ทุกเดือน",
    "=",
    ";",
    "DROP TABLE outbox;--",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(|p| p.concat()),
        any::<String>(),
        "[\\PC]{0,64}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn parsers_never_panic(text in hostile_text()) {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let _ = khetbot::thai::parse_amount(&text);
        let _ = khetbot::thai::parse_date(&text, today);
        let _ = khetbot::thai::split_leading_date(&text, today);
        let _ = khetbot::thai::parse_period(&text, today);
        let _ = khetbot::thai::parse_year(&text);
        let _ = khetbot::thai::parse_month(&text);
        let _ = khetbot::telegram::split_for_telegram(&text, 50);
    }
}

/// Every command keyword of every capability, Latin and Thai.
fn keywords() -> Vec<String> {
    let mut all = Vec::new();
    for capability in khetbot::core::capabilities() {
        for spec in capability.commands {
            all.push(format!("/{}", spec.name));
            all.extend(spec.thai.iter().map(|k| k.to_string()));
        }
    }
    all
}

#[test]
fn every_command_survives_hostile_arguments_from_every_place() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let h = runtime.block_on(Harness::new());
    let people = [
        Person::admin(),
        Person::staff(),
        Person::principal(),
        Person::officer(),
        Person::public(),
    ];
    let places = [
        Place::Staff,
        Place::Principals,
        Place::Officers,
        Place::Private,
        Place::OtherGroup,
    ];
    let keywords = keywords();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: 300,
        ..ProptestConfig::default()
    });
    runner
        .run(
            &(
                0..keywords.len(),
                hostile_text(),
                0..people.len(),
                0..places.len(),
            ),
            |(k, args, p, pl)| {
                let text = format!("{} {args}", keywords[k]);
                let sent = runtime.block_on(h.send(&people[p], places[pl], &text));
                for s in &sent {
                    prop_assert!(
                        !s.html.contains("<zz>"),
                        "user HTML came back live: {:?}",
                        s.html
                    );
                }
                Ok(())
            },
        )
        .unwrap();
}

#[test]
fn a_4096_character_message_is_answered_without_panicking() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let h = runtime.block_on(Harness::new());
    let long = "ก่".repeat(2048);
    let sent = runtime.block_on(h.send(&Person::public(), Place::Private, &long));
    assert!(!sent.is_empty());
    for keyword in keywords() {
        let text = format!("{keyword} {}", "<zz>&".repeat(800));
        for s in runtime.block_on(h.send(&Person::admin(), Place::Private, &text)) {
            assert!(!s.html.contains("<zz>"), "{keyword}: {}", s.html);
        }
    }
}

/// SQL text is always a literal with `?` parameters: no query is assembled with format!.
#[test]
fn no_sql_is_built_from_strings() {
    let pattern =
        regex::Regex::new(r#"format!\(\s*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|WHERE|PRAGMA)\b"#)
            .unwrap();
    let mut offenders = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                if pattern.is_match(&source) {
                    offenders.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL built with format! in {offenders:?}"
    );
}
