//! A group owed more proofs of donation than Telegram lets through (20 messages a minute)
//! gets them as a summary (issue 17 item 2): `บันทึก 59 รายการ: 2/2569–60/2569, รวม …`, the
//! money totalled from satang, with the details on request (a button listing every record,
//! and `ใบอนุโมทนา <เลขที่>`). Nothing is dropped: every record is reported once, and every
//! number in a summary can be fetched. End to end against the fake Bot API, limits on.

use khetbot::core::{Button, Effect, Input};
use regex::Regex;

use crate::busy_group::flood_staff_group;
use crate::cards_e2e::{button_data, messages_with, press};
use crate::support::app::*;
use crate::support::harness::*;
use crate::support::process::wait_until;

/// The fiscal year of the test clock's day (15 June 2026 = 2569 BE).
const FY: i64 = 2569;

/// The numbers in a summary's first line (`บันทึก 12 รายการ: 14/2570–25/2570, 27/2570, …`).
fn summary_numbers(text: &str) -> Option<Vec<(i64, i64)>> {
    let summary = Regex::new(r"บันทึก \d+ รายการ(?:</b>)?: ([^\n]*)").unwrap();
    let range = Regex::new(r"(\d+)/(\d+)(?:–(\d+)/(\d+))?").unwrap();
    let details = summary.captures(text)?;
    let mut numbers = Vec::new();
    for run in range.captures_iter(&details[1]) {
        let number = |i: usize| run.get(i).map(|m| m.as_str().parse::<i64>().unwrap());
        let (from, year) = (number(1).unwrap(), number(2).unwrap());
        let to = number(3).unwrap_or(from);
        assert_eq!(
            number(4).unwrap_or(year),
            year,
            "a run stays in its year: {text}"
        );
        numbers.extend((from..=to).map(|n| (n, year)));
    }
    Some(numbers)
}

/// The records (number, fiscal year) a group's messages report: every number in each
/// summary, and each whole proof's own.
pub fn numbers_reported(texts: &[String]) -> Vec<(i64, i64)> {
    let proof = Regex::new(r"เลขที่ (?:<b>)?(\d+)/(\d+)").unwrap();
    let mut numbers = Vec::new();
    for text in texts {
        match summary_numbers(text) {
            Some(summarized) => numbers.extend(summarized),
            None => numbers.extend(
                proof
                    .captures_iter(text)
                    .map(|c| (c[1].parse::<i64>().unwrap(), c[2].parse::<i64>().unwrap())),
            ),
        }
    }
    numbers
}

/// The amount of the donation with number `n`: the flood's line n - 1 gives 100 + (n - 1) baht.
fn satang_of(n: i64) -> i64 {
    (100 + n - 1) * 100
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_groups_backlog_of_receipts_becomes_a_summary_whose_every_record_can_be_fetched() {
    const LINES: i64 = 60;
    let mut app = spawn_app().await;
    flood_staff_group(&app, LINES as usize);
    wait_until("every record reported", || {
        numbers_reported(&app.tg.sent_texts(STAFF_GROUP)).len() >= LINES as usize
    })
    .await;
    let texts = app.tg.sent_texts(STAFF_GROUP);
    assert!(
        texts.len() < 20,
        "{} messages for {LINES} receipts",
        texts.len()
    );
    let mut numbers = numbers_reported(&texts);
    numbers.sort_unstable();
    let every: Vec<(i64, i64)> = (1..=LINES).map(|n| (n, FY)).collect();
    assert_eq!(numbers, every, "every record reported once");

    let summaries: Vec<(&String, Vec<(i64, i64)>)> = texts
        .iter()
        .filter_map(|text| Some((text, summary_numbers(text)?)))
        .collect();
    assert!(!summaries.is_empty(), "{texts:#?}");
    for (text, numbers) in &summaries {
        assert!(
            text.contains(&format!("บันทึก {} รายการ", numbers.len())),
            "{text}"
        );
        let total: i64 = numbers.iter().map(|(n, _)| satang_of(*n)).sum();
        let total = khetbot::thai::format_amount(total);
        assert!(text.contains(&format!("รวม {total}")), "{total} in {text}");
        assert!(
            !text.contains("ผู้บริจาคลำดับ"),
            "a summary, not the proofs: {text}"
        );
    }

    // The summary's button lists every record it names, with its details.
    let (_, summarized) = &summaries[0];
    let message = messages_with(&app, STAFF_GROUP, "บันทึก ").remove(0);
    let data = button_data(&message)
        .into_iter()
        .find(|data| data.starts_with("donations:sum:"))
        .unwrap_or_else(|| panic!("no details button: {message:#}"));
    let id = message["message_id"].as_i64().unwrap();
    press(&app, &staff_chat(), &Person::staff(), id, &data);
    let listed = |app: &TestApp, (n, year): (i64, i64)| {
        let donor = format!("ผู้บริจาคลำดับ{}ท้าย", n - 1);
        app.tg
            .sent_texts(STAFF_GROUP)
            .iter()
            .any(|t| t.contains(&format!("{n}/{year} · ")) && t.contains(&donor))
    };
    wait_until("every summarized record listed", || {
        summarized.iter().all(|number| listed(&app, *number))
    })
    .await;

    // And any one's proof comes on request.
    let (n, year) = summarized[summarized.len() / 2];
    app.tg.push_text(
        &staff_chat(),
        &user(&Person::staff()),
        &format!("ใบอนุโมทนา {n}/{year}"),
    );
    let copy = app.wait_for_text(STAFF_GROUP, "สำเนา").await;
    assert!(copy.contains(&format!("ผู้บริจาคลำดับ{}ท้าย", n - 1)), "{copy}");
    let violations = app.tg.rate_violations();
    assert!(violations.is_empty(), "{violations:#?}");
    app.stop().await;
}

/// The proof a staff line records, as the core owes it to the staff group.
async fn proof_of(h: &Harness, line: &str) -> khetbot::core::OutMessage {
    proof_by(h, &Person::staff(), line).await
}

/// The proof `who`'s line in the staff group records, as the core owes it to the group.
async fn proof_by(h: &Harness, who: &Person, line: &str) -> khetbot::core::OutMessage {
    let event = h.event(who, Place::Staff, Input::Text(line.into()));
    h.core
        .handle(event)
        .await
        .unwrap()
        .into_iter()
        .find_map(|delivery| match delivery.effect {
            Effect::Send { message, .. } if message.summary.is_some() => Some(message),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no proof for {line:?}"))
}

/// At the core, without Telegram's pace: proofs across the turn of a fiscal year, money and
/// goods, with a record between them that went out on its own. The summary names exactly its
/// numbers as runs, totals the money from satang and counts the goods apart; every number it
/// names fetches its proof, and its button lists them.
#[tokio::test]
async fn every_number_a_summary_names_fetches_its_proof() {
    let h = Harness::new().await;
    h.clock.set(bangkok(2026, 9, 30, 10, 0));
    let money = |n: usize, baht: &str| format!("บริจาค {baht} บาท จาก ผู้ให้ลำดับ{n}ท้าย เพื่อ ทุนการศึกษา");
    let mut owed = Vec::new();
    owed.push(proof_of(&h, &money(1, "1,000.50")).await);
    owed.push(proof_of(&h, &money(2, "250")).await);
    owed.push(proof_of(&h, &money(3, "0.25")).await);
    proof_of(&h, &money(4, "999")).await;
    owed.push(
        proof_of(
            &h,
            "บริจาคสิ่งของ โต๊ะนักเรียน จำนวน 20 ตัว มูลค่า 30,000 จาก ผู้ให้ลำดับ5ท้าย เพื่อ สำนักงาน",
        )
        .await,
    );
    h.clock.set(bangkok(2026, 10, 1, 9, 0));
    owed.push(proof_of(&h, &money(6, "100")).await);
    owed.push(proof_of(&h, &money(7, "49.75")).await);

    let summary = h.core.join_owed(owed);
    let text = khetbot::i18n::html_to_plain(&summary.text);
    assert!(
        text.contains("บันทึก 6 รายการ: 1/2569–3/2569, 5/2569, 1/2570–2/2570"),
        "{text}"
    );
    // 1,000.50 + 250 + 0.25 + 100 + 49.75: the goods' value is not money received.
    assert!(text.contains("เงิน 5 รายการ รวม 1,400.50 บาท"), "{text}");
    assert!(text.contains("สิ่งของ 1 รายการ"), "{text}");
    assert!(!text.contains("ผู้ให้ลำดับ"), "{text}");

    let numbers = summary_numbers(&summary.text).expect("a summary");
    for (number, year) in &numbers {
        let proof = h
            .reply(
                &Person::staff(),
                Place::Staff,
                &format!("ใบอนุโมทนา {number}/{year}"),
            )
            .await;
        assert!(
            proof.text.contains(&format!("เลขที่ {number}/{year}")) && proof.text.contains("ผู้ให้ลำดับ"),
            "{number}/{year}: {}",
            proof.text
        );
    }
    let Button::Callback { data, .. } = &summary.buttons[0][0] else {
        panic!("{:?}", summary.buttons);
    };
    let listed = h.press(&Person::staff(), Place::Staff, data).await;
    let list = texts_to(&listed, STAFF_GROUP).join("\n");
    for n in 1..=7 {
        assert!(list.contains(&format!("ผู้ให้ลำดับ{n}ท้าย")), "{n}: {list}");
    }
}

/// Proofs written for an English-speaking member and for a Thai-speaking one are summarized
/// apart, each in the language its proofs were written in.
#[tokio::test]
async fn proofs_in_two_languages_are_summarized_in_each() {
    let h = Harness::new().await;
    let english = Person::staff2();
    h.send(&english, Place::Private, "/lang en").await;
    let line = |n: usize| format!("บริจาค 100 บาท จาก ผู้ให้ลำดับ{n}ท้าย เพื่อ ทุนการศึกษา");
    let owed = vec![
        proof_by(&h, &Person::staff(), &line(1)).await,
        proof_by(&h, &english, &line(2)).await,
        proof_by(&h, &Person::staff(), &line(3)).await,
        proof_by(&h, &english, &line(4)).await,
    ];
    let text = khetbot::i18n::html_to_plain(&h.core.join_owed(owed).text);
    assert!(text.contains("บันทึก 2 รายการ: 1/2569, 3/2569"), "{text}");
    assert!(text.contains("2 records made: 2/2569, 4/2569"), "{text}");
}
