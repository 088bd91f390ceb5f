//! The shipped entries' alternative phrasings and tags (issue 19: more ways each question is
//! asked, in every register) reach an existing database, without overwriting what staff wrote.

use crate::support::harness::*;

const MIGRATION: &str = "019_faq_more_phrasings.sql";

/// Each live entry's key, alternative phrasings and tags (as stored: JSON lists).
fn phrasings(h: &Harness) -> std::collections::HashMap<String, (String, String)> {
    let conn = rusqlite::Connection::open(h.db_path()).unwrap();
    let mut statement = conn
        .prepare("SELECT key, alt, tags FROM faq_entries WHERE deleted_at IS NULL")
        .unwrap();
    statement
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[tokio::test]
async fn the_new_phrasings_reach_an_existing_database_but_staff_edits_stay() {
    let mut h = Harness::new().await;
    let shipped = phrasings(&h);
    let staff_alt = r#"["คำถามที่เจ้าหน้าที่เขียนเอง"]"#;
    {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        // As shipped before this migration: the entry's first two phrasings only.
        conn.execute(
            r#"UPDATE faq_entries SET alt = '["ขอเบอร์โทรศัพท์ของสำนักงาน", "สำนักงานตั้งอยู่ที่ไหน"]'
               WHERE key = 'contact'"#,
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE faq_entries SET alt = ?1, updated_by = 42 WHERE key = 'office_visit'",
            [staff_alt],
        )
        .unwrap();
        let data_steps: Vec<_> = khetbot::capabilities()
            .iter()
            .flat_map(|capability| capability.data_steps.iter())
            .filter(|(migration, _)| *migration == MIGRATION)
            .map(|(_, step)| *step)
            .collect();
        assert!(!data_steps.is_empty(), "the migration's data step");
        let tx = conn.unchecked_transaction().unwrap();
        for step in data_steps {
            step(&tx).unwrap();
        }
        tx.commit().unwrap();
    }
    h.restart();
    let now = phrasings(&h);
    assert_eq!(now["contact"], shipped["contact"], "the shipped phrasings");
    assert!(
        now["contact"].0.contains("phone number of the office"),
        "{:?}",
        now["contact"]
    );
    assert_eq!(now["office_visit"].0, staff_alt, "staff's phrasings stay");
    // And the bot finds the entry by a phrasing that only the migration brought.
    let reply = h
        .reply(
            &Person::public(),
            Place::Private,
            "ถาม phone number of the office",
        )
        .await;
    assert!(reply.text.contains("074-000000"), "{}", reply.text);
}
