//! The shipped entries' alternative phrasings and tags (issue 19: more ways each question is
//! asked, in every register) reach an existing database, without overwriting what staff wrote.

use crate::support::harness::*;

/// Runs the data steps of `migration` again on `conn`, as the migration did on a database
/// that was made before it.
fn run_data_steps(conn: &rusqlite::Connection, migration: &str) {
    let data_steps: Vec<_> = khetbot::capabilities()
        .iter()
        .flat_map(|capability| capability.data_steps.iter())
        .filter(|(of, _)| *of == migration)
        .map(|(_, step)| *step)
        .collect();
    assert!(!data_steps.is_empty(), "the data step of {migration}");
    let tx = conn.unchecked_transaction().unwrap();
    for step in data_steps {
        step(&tx).unwrap();
    }
    tx.commit().unwrap();
}

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

/// The phrasings data/faq.toml ships (every evaluation half folded in brings some) reach a
/// database that took older ones, at its next start and with no migration: the `contact` entry
/// as first shipped (its first two phrasings) gets them all, one written by the thirty-sixth
/// half's parent among them, while an entry staff edited keeps theirs; and the bot then answers
/// that phrasing with the contact entry; the subject words reach every entry, one staff edited
/// too. Once taken, they are not written again.
#[tokio::test]
async fn changed_shipped_phrasings_reach_an_existing_database_but_staff_edits_stay() {
    const BROUGHT: &str = "เขตอยู่ตี้ไหน โทรหายะจะใด";
    const FIRST_SHIPPED: &str = r#"["ขอเบอร์โทรศัพท์ของสำนักงาน", "สำนักงานตั้งอยู่ที่ไหน"]"#;
    let mut h = Harness::new().await;
    let shipped = phrasings(&h);
    assert!(
        shipped["contact"].0.contains(BROUGHT),
        "{:?}",
        shipped["contact"]
    );
    let shipped_subject = subject_of(&h, "donate_for_school");
    assert!(shipped_subject.contains("โรงเรียน"), "{shipped_subject}");
    let staff_alt = r#"["คำถามที่เจ้าหน้าที่เขียนเอง"]"#;
    let took_older = |h: &Harness| {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        conn.execute(
            "UPDATE faq_entries SET alt = ?1 WHERE key = 'contact'",
            [FIRST_SHIPPED],
        )
        .unwrap();
        conn
    };
    {
        let conn = took_older(&h);
        conn.execute(
            "UPDATE faq_entries SET alt = ?1, updated_by = 42 WHERE key = 'office_visit'",
            [staff_alt],
        )
        .unwrap();
        // Subject words are what an entry is about: they reach an edited entry too.
        conn.execute(
            "UPDATE faq_entries SET subject = '[]', updated_by = 42 WHERE key = 'donate_for_school'",
            [],
        )
        .unwrap();
    }
    h.took_an_older_shipped_file();
    h.restart();
    let now = phrasings(&h);
    assert_eq!(now["contact"], shipped["contact"], "the shipped phrasings");
    assert_eq!(now["office_visit"].0, staff_alt, "staff's phrasings stay");
    assert_eq!(subject_of(&h, "donate_for_school"), shipped_subject);
    let reply = h
        .reply(&Person::public(), Place::Private, &format!("ถาม {BROUGHT}"))
        .await;
    assert!(reply.text.contains("074-000000"), "{}", reply.text);

    // Taken once: a later start with the same shipped phrasings writes nothing.
    drop(took_older(&h));
    h.restart();
    assert_eq!(phrasings(&h)["contact"].0, FIRST_SHIPPED);
}

#[tokio::test]
async fn the_entries_drawn_from_the_documents_reach_an_existing_database() {
    let mut h = Harness::new().await;
    let new_keys = [
        "quality_onet_groups",
        "quality_tests",
        "english_development",
        "office_online_channels",
        "donation_correction",
        "fiscal_year",
    ];
    {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        // As before migration 023: none of its entries.
        for key in new_keys {
            conn.execute("DELETE FROM faq_entries WHERE key = ?1", [key])
                .unwrap();
        }
        run_data_steps(&conn, "023_faq_entries_from_documents.sql");
    }
    h.restart();
    let now = phrasings(&h);
    for key in new_keys {
        assert!(now.contains_key(key), "{key}");
    }
    let reply = h
        .reply(&Person::public(), Place::Private, "ถาม ปีงบประมาณนับอย่างไร")
        .await;
    assert!(reply.text.contains("1 ตุลาคม"), "{}", reply.text);
}

/// The answers on anonymity and on opening a private chat name LINE beside Telegram (since
/// migration 027) in a database that took them before, unless staff rewrote them: a reworded
/// answer reaches it at its next start, as the phrasings do.
#[tokio::test]
async fn the_answers_that_named_only_telegram_name_line_too_in_an_existing_database() {
    let mut h = Harness::new().await;
    let staff_answer = "คำตอบที่เจ้าหน้าที่เขียนเอง";
    {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        // As shipped before migration 027.
        conn.execute(
            "UPDATE faq_entries SET answer = 'วิธีเปิดแชตส่วนตัว: แตะที่ชื่อบอท แล้วกด Start ค่ะ'
             WHERE key = 'bot_private_chat'",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE faq_entries SET answer = ?1, updated_by = 42 WHERE key = 'complaint_anonymous'",
            [staff_answer],
        )
        .unwrap();
    }
    h.took_an_older_shipped_file();
    h.restart();
    let conn = rusqlite::Connection::open(h.db_path()).unwrap();
    let answer = |key: &str| -> String {
        conn.query_row(
            "SELECT answer FROM faq_entries WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(
        answer("bot_private_chat").contains("LINE:"),
        "{}",
        answer("bot_private_chat")
    );
    assert!(answer("bot_private_chat").contains("Telegram:"));
    assert_eq!(
        answer("complaint_anonymous"),
        staff_answer,
        "staff's answer stays"
    );
    let reply = h
        .reply(
            &Person::public(),
            Place::Private,
            "ถาม เปิดแชตส่วนตัวกับบอทยังไง",
        )
        .await;
    assert!(reply.text.contains("เพิ่มเพื่อน"), "{}", reply.text);
}

/// The answer on what happens after a complaint says the working days the office has set
/// (since migration 044; it said only "it depends on the matter"), filled in from the
/// complaints settings as they are when it is shown, in a database that took the older answer
/// too; staff's own answers stay.
#[tokio::test]
async fn the_complaint_answer_says_the_working_days_the_office_has_set() {
    let mut h = Harness::new().await;
    let staff_answer = "คำตอบที่เจ้าหน้าที่เขียนเอง";
    {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        // As shipped before migration 044.
        conn.execute(
            "UPDATE faq_entries SET answer = 'ระยะเวลาจริงขึ้นอยู่กับลักษณะของเรื่อง'
             WHERE key = 'complaint_process'",
            [],
        )
        .unwrap();
        conn.execute(
            "UPDATE faq_entries SET answer = ?1, updated_by = 42 WHERE key = 'complaint_track'",
            [staff_answer],
        )
        .unwrap();
    }
    h.took_an_older_shipped_file();
    h.restart();
    let ask = "ถาม หลังจากร้องเรียนแล้ว สำนักงานดำเนินการอย่างไรต่อ";
    let reply = h.reply(&Person::public(), Place::Private, ask).await;
    assert!(
        reply.text.contains("รับเรื่องภายใน 5 วันทำการ")
            && reply.text.contains("แจ้งผลภายใน 15 วันทำการ"),
        "{}",
        reply.text
    );
    assert!(!reply.text.contains('{'), "{}", reply.text);
    let conn = rusqlite::Connection::open(h.db_path()).unwrap();
    let staff_kept: String = conn
        .query_row(
            "SELECT answer FROM faq_entries WHERE key = 'complaint_track'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(staff_kept, staff_answer, "staff's answer stays");

    // The admin's setting is what the answer says from then on.
    h.send(&Person::admin(), Place::Private, "ตั้งค่าเรื่องร้องเรียน รับเรื่อง 3")
        .await;
    let reply = h.reply(&Person::public(), Place::Private, ask).await;
    assert!(
        reply.text.contains("รับเรื่องภายใน 3 วันทำการ"),
        "{}",
        reply.text
    );
}

/// The shipped entries' subject words (first brought by migration 051, since 065 at the next
/// start whenever the shipped ones change) reach an existing database, an entry staff edited
/// too (staff edit answers, never what an entry is about); then a complaint that names no
/// teacher or staff is no longer answered with the entry on complaints about them.
#[tokio::test]
async fn the_entries_subjects_reach_an_existing_database() {
    // Without the subject, the words alone answer it with the teachers' entry, and clear of
    // the calibrated threshold ("ร้องเรียนโรงเรียนลูกได้ไหม" no longer is, since 3.7).
    const NAMES_NO_TEACHER: &str = "ถาม คอมเพลนโรงเรียนลูกได้ไหม";
    const ABOUT_TEACHERS: &str = "การร้องเรียนข้าราชการครูและบุคลากรทางการศึกษาเป็นประเภทหนึ่ง";
    let mut h = Harness::new().await;
    let shipped = subject_of(&h, "complaint_teacher");
    assert!(shipped.contains("ครู"), "{shipped}");
    {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        // As before migration 051, the entry's answer edited by staff.
        conn.execute("UPDATE faq_entries SET subject = '[]'", [])
            .unwrap();
        conn.execute(
            "UPDATE faq_entries SET updated_by = 42 WHERE key = 'complaint_teacher'",
            [],
        )
        .unwrap();
    }
    h.restart();
    let before = h
        .reply(&Person::public(), Place::Private, NAMES_NO_TEACHER)
        .await;
    assert!(before.text.contains(ABOUT_TEACHERS), "{}", before.text);
    h.took_an_older_shipped_file();
    h.restart();
    assert_eq!(subject_of(&h, "complaint_teacher"), shipped);
    let after = h
        .reply(&Person::public(), Place::Private, NAMES_NO_TEACHER)
        .await;
    assert!(!after.text.contains(ABOUT_TEACHERS), "{}", after.text);
    let named = h
        .reply(&Person::public(), Place::Private, "ถาม ครูตีลูก คอมเพลนยังไง")
        .await;
    assert!(named.text.contains(ABOUT_TEACHERS), "{}", named.text);
}

/// The transfer entry's subject words (first brought by migration 054) reach an existing
/// database, on the entry even where staff edited its answer (an edit changes what it says,
/// never what it is about).
#[tokio::test]
async fn the_transfer_entrys_subject_reaches_an_existing_database() {
    shipped_subject_reaches_an_existing_database("donate_transfer", "บัญชี").await;
}

/// The subject words of the entry on who gave to develop the office (first brought by
/// migration 057), likewise.
#[tokio::test]
async fn the_office_sources_entrys_subject_reaches_an_existing_database() {
    shipped_subject_reaches_an_existing_database("donate_office_sources", "บริจ").await;
}

/// The subject of the shipped entry `key` (with `word` among its words) is set again at the
/// next start of a database where it was empty, staff had edited the entry and the shipped
/// phrasings taken were older.
async fn shipped_subject_reaches_an_existing_database(key: &str, word: &str) {
    let mut h = Harness::new().await;
    let shipped = subject_of(&h, key);
    assert!(shipped.contains(word), "{shipped}");
    rusqlite::Connection::open(h.db_path())
        .unwrap()
        .execute(
            "UPDATE faq_entries SET subject = '[]', updated_by = 42 WHERE key = ?1",
            [key],
        )
        .unwrap();
    h.took_an_older_shipped_file();
    h.restart();
    assert_eq!(subject_of(&h, key), shipped);
}

/// The stored subject words of the entry `key` (a JSON list).
fn subject_of(h: &Harness, key: &str) -> String {
    rusqlite::Connection::open(h.db_path())
        .unwrap()
        .query_row(
            "SELECT subject FROM faq_entries WHERE key = ?1",
            [key],
            |r| r.get(0),
        )
        .unwrap()
}
