//! Hostile input: random text, emoji, RTL marks, zero-width characters, very long and
//! HTML-like messages, thrown at every parser and at the core's entry point. Nothing may
//! panic, and user text must never come back as live HTML.

use crate::support::harness::*;
use proptest::prelude::*;

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

/// Cases per property: a quick run in the test suite; `KHETBOT_FUZZ_CASES=200000 cargo test
/// --release --test hostile_input` is the long soak (see README, "Hostile input").
fn cases(quick: u32) -> u32 {
    std::env::var("KHETBOT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(quick)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(400), .. ProptestConfig::default() })]

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
    for capability in khetbot::capabilities() {
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
        cases: cases(300),
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

const IMPORT_HEADER: &str = "วันที่รับ,ผู้บริจาค,จำนวนเงิน (บาท),วัตถุประสงค์,เครือข่าย,หมายเหตุ\n";

/// A plausible register row whose fields may be hostile.
fn import_row() -> impl Strategy<Value = String> {
    let field = prop_oneof![
        prop::sample::select(PIECES).prop_map(str::to_string),
        "[\\PC]{0,12}",
        Just("15/05/2569".to_string()),
        Just("1000".to_string()),
        Just("ทุนการศึกษา".to_string()),
    ];
    prop::collection::vec(field, 0..8).prop_map(|fields| fields.join(","))
}

/// Mangled files: random bytes, CSV rows with hostile fields, and a real .xlsx register
/// with bytes overwritten, named .csv or .xlsx.
fn import_file() -> impl Strategy<Value = (String, Vec<u8>)> {
    use khetbot::documents::spreadsheet::{Cell, Sheet, write_xlsx};
    let header: Vec<String> = IMPORT_HEADER
        .trim()
        .split(',')
        .map(str::to_string)
        .collect();
    let xlsx = write_xlsx(&[Sheet {
        name: "ทะเบียน".into(),
        headers: header,
        rows: vec![vec![
            Cell::Text("15/05/2569".into()),
            Cell::Text("นายก".into()),
            Cell::Money(100_000),
            Cell::Text("ทุนการศึกษา".into()),
        ]],
    }])
    .expect("a sample workbook");
    let name = || prop::sample::select(vec!["register.csv", "register.xlsx", "register.CSV"]);
    prop_oneof![
        (name(), prop::collection::vec(any::<u8>(), 0..2048))
            .prop_map(|(n, bytes)| (n.to_string(), bytes)),
        (name(), prop::collection::vec(import_row(), 0..6)).prop_map(|(n, rows)| {
            let text = format!("{IMPORT_HEADER}{}", rows.join("\n"));
            (n.to_string(), text.into_bytes())
        }),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16).prop_map(
            move |overwrites| {
                let mut bytes = xlsx.clone();
                for (at, value) in overwrites {
                    let i = at.index(bytes.len());
                    bytes[i] = value;
                }
                ("register.xlsx".to_string(), bytes)
            }
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), .. ProptestConfig::default() })]

    #[test]
    fn import_files_never_panic_the_reader((name, bytes) in import_file()) {
        let _ = khetbot::documents::spreadsheet::read_table(&name, &bytes);
    }
}

/// An import through the bot records every row or none, whatever the file holds.
#[test]
fn an_import_of_a_mangled_file_records_all_rows_or_none() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let h = runtime.block_on(Harness::new());
    let staff = Person::staff();
    let count = || -> i64 {
        rusqlite::Connection::open(h.db_path())
            .unwrap()
            .query_row("SELECT count(*) FROM donations", [], |r| r.get(0))
            .unwrap()
    };
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: cases(60),
        ..ProptestConfig::default()
    });
    runner
        .run(&import_file(), |(name, bytes)| {
            let rows = bytes.iter().filter(|b| **b == b'\n').count() as i64;
            let before = count();
            let sent = runtime.block_on(h.send_document(
                &staff,
                Place::Staff,
                &name,
                bytes,
                "นำเข้าทะเบียน",
            ));
            prop_assert!(!sent.is_empty(), "an import always gets an answer");
            let added = count() - before;
            prop_assert!(
                added == 0 || sent[0].text.contains("นำเข้าทะเบียนแล้ว"),
                "rows were written without a successful import: {}",
                sent[0].text
            );
            prop_assert!(added <= rows, "more rows than the file has");
            Ok(())
        })
        .unwrap();
}
