//! Office contact details in Q&A answers (issue 14 item 13): a detail the office has not set
//! leaves out only its own line, never "(สอบถามสำนักงาน)" in the middle of a sentence, and the
//! shipped answers reach existing databases without overwriting what staff wrote.

use crate::support::harness::*;

const PHONE: &str = "074-000000";

fn live_entries(h: &Harness) -> Vec<(i64, String, String)> {
    let conn = rusqlite::Connection::open(h.db_path()).unwrap();
    let mut statement = conn
        .prepare("SELECT id, key, answer FROM faq_entries WHERE deleted_at IS NULL ORDER BY id")
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test]
async fn with_only_the_phone_set_no_answer_says_to_ask_the_office_and_the_phone_is_shown() {
    let h = Harness::with_config(|config| {
        config.office.email = String::new();
        config.office.address = String::new();
        config.office.giving = None;
    })
    .await;
    let entries = live_entries(&h);
    assert!(entries.len() > 50, "the shipped knowledge base");
    for (id, key, answer) in entries {
        let sent = h
            .press(&Person::public(), Place::Private, &format!("faq:q:{id}"))
            .await;
        let text: String = sent.iter().map(|s| s.text.as_str()).collect();
        assert!(!text.contains("(สอบถามสำนักงาน)"), "{key}: {text}");
        assert!(!text.contains("{office_"), "{key}: {text}");
        if answer.contains("{office_phone}") {
            assert!(text.contains(PHONE), "{key}: the phone is left out: {text}");
        }
        for dangling in ["• อีเมล", "• ที่อยู่", "อีเมล:", "ที่อยู่:", "บัญชีของสำนักงานได้ที่"]
        {
            assert!(!text.contains(dangling), "{key}: {dangling:?} left: {text}");
        }
    }
}

#[tokio::test]
async fn the_reworded_answers_reach_an_existing_database_but_staff_edits_stay() {
    let mut h = Harness::new().await;
    let old_shipped = "งานทุนการศึกษา อยู่ในความรับผิดชอบของกลุ่มส่งเสริมการจัดการศึกษาค่ะ ติดต่อได้ที่{office_name} โทร {office_phone} หรืออีเมล {office_email} ค่ะ";
    let staff_wording = "แจ้งเบาะแสที่ {office_phone} / {office_email} ตามที่เจ้าหน้าที่เขียนเอง";
    {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        conn.execute(
            "UPDATE faq_entries SET answer = ?1 WHERE key = 'scholarship_responsible'",
            [old_shipped],
        )
        .unwrap();
        conn.execute(
            "UPDATE faq_entries SET answer = ?1, updated_by = 42 WHERE key = 'tipoff_how'",
            [staff_wording],
        )
        .unwrap();
    }
    // As a database that took an older data/faq.toml: it takes the shipped answers at its
    // next start, as one made before migration 013 did after the upgrade.
    h.took_an_older_shipped_file();
    h.restart();
    let answers: std::collections::HashMap<String, String> = live_entries(&h)
        .into_iter()
        .map(|(_, key, answer)| (key, answer))
        .collect();
    let refreshed = &answers["scholarship_responsible"];
    assert!(refreshed.contains("\n• โทร {office_phone}"), "{refreshed}");
    assert!(refreshed.contains("\n• อีเมล {office_email}"), "{refreshed}");
    assert_eq!(answers["tipoff_how"], staff_wording, "staff's answer stays");
}

/// With no contact detail set at all, an answer whose lead-in ("ติดต่อ… ได้ที่:") leads
/// only into unset details keeps the lead-in and says the details are not set up yet, instead
/// of leaving an answer that starts with "หรือ…" and tells nothing.
#[tokio::test]
async fn with_no_contact_detail_set_the_contact_answer_says_they_are_not_set_up() {
    let h = Harness::with_config(|config| {
        config.office.phone = String::new();
        config.office.email = String::new();
        config.office.address = String::new();
        config.office.giving = None;
    })
    .await;
    for key in ["contact", "donate_transfer"] {
        let (id, _, _) = live_entries(&h)
            .into_iter()
            .find(|(_, k, _)| k == key)
            .unwrap();
        let sent = h
            .press(&Person::public(), Place::Private, &format!("faq:q:{id}"))
            .await;
        let text: String = sent.iter().map(|s| s.text.as_str()).collect();
        assert!(text.contains("ยังไม่ได้ใส่ช่องทางติดต่อ"), "{key}: {text}");
        assert!(!text.contains("(สอบถามสำนักงาน)"), "{key}: {text}");
    }
}
