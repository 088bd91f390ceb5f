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

#[tokio::test]
async fn the_new_phrasings_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "019_faq_more_phrasings.sql",
        "phone number of the office",
    )
    .await;
}

/// Migration 022: the phrasings written from the documents (scripts/faq_merge_phrasings.py).
#[tokio::test]
async fn the_phrasings_from_the_documents_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "022_faq_phrasings_from_documents.sql",
        "ขอคอนแทคเขตหน่อย",
    )
    .await;
}

/// Migration 027: the dev set's tuned questions and ten more phrasings per entry.
#[tokio::test]
async fn the_phrasings_people_used_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database("027_faq_phrasings_from_questions.sql", "เขตอยู่ตะใด")
        .await;
}

/// Migration 028: the fifth test half's tuned questions, once it was folded into the dev set.
#[tokio::test]
async fn the_phrasings_of_the_folded_test_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "028_faq_phrasings_from_more_questions.sql",
        "เบอร์เขตเบอร์หยังเจ้า",
    )
    .await;
}

/// Migration 029: the seventh and eighth test halves' tuned questions, once they were folded in.
#[tokio::test]
async fn the_phrasings_of_the_seventh_and_eighth_halves_reach_an_existing_database_but_staff_edits_stay()
 {
    new_phrasings_reach_an_existing_database(
        "029_faq_phrasings_from_the_seventh_and_eighth_halves.sql",
        "สำนักงานอยู่ที่ไหนคะ จะขับรถเอาของไปให้เอง",
    )
    .await;
}

/// Migration 030: the ninth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_ninth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "030_faq_phrasings_from_the_ninth_half.sql",
        "เบอร์โทรกับอีเมลเขตมีก่เจ้า",
    )
    .await;
}

/// Migration 031: the tenth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_tenth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "031_faq_phrasings_from_the_tenth_half.sql",
        "เขตมีอีเมลไหมคะ จะส่งเอกสารของบริษัท",
    )
    .await;
}

/// Migration 032: the eleventh test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_eleventh_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "032_faq_phrasings_from_the_eleventh_half.sql",
        "อีเมลของเขตมีก่อเจ้า จะส่งเอกสารไป",
    )
    .await;
}

/// Migration 033: the twelfth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twelfth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "033_faq_phrasings_from_the_twelfth_half.sql",
        "เบอร์เขตพัทลุงเขต2 เบอร์ไหรหนิ",
    )
    .await;
}

/// Migration 034: the thirteenth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_thirteenth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "034_faq_phrasings_from_the_thirteenth_half.sql",
        "เบอร์เขตการศึกษาท่อใดหวา",
    )
    .await;
}

/// Migration 035: the fourteenth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_fourteenth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "035_faq_phrasings_from_the_fourteenth_half.sql",
        "ขอเบอร์โทรเขตแหน่เด้อ",
    )
    .await;
}

/// Migration 036: the fifteenth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_fifteenth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "036_faq_phrasings_from_the_fifteenth_half.sql",
        "hi, how do I contact the office by email or post",
    )
    .await;
}

/// Migration 038: the sixteenth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_sixteenth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "038_faq_phrasings_from_the_sixteenth_half.sql",
        "เบอร์โทรเขตแม่นเบอร์ใด",
    )
    .await;
}

/// Migration 040: the seventeenth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_seventeenth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "040_faq_phrasings_from_the_seventeenth_half.sql",
        "ขอเบอร์เขตหน่อยแหละ",
    )
    .await;
}

/// Migration 043: the eighteenth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_eighteenth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "043_faq_phrasings_from_the_eighteenth_half.sql",
        "สำนักงานเขตอยู่ไส เบอร์โทรแหน่",
    )
    .await;
}

/// Migration 045: the nineteenth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_nineteenth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "045_faq_phrasings_from_the_nineteenth_half.sql",
        "ติดต่อเขตทางไหนได้พ่องเจ้า",
    )
    .await;
}

/// Migration 046: the twentieth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twentieth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "046_faq_phrasings_from_the_twentieth_half.sql",
        "ขอเบอร์โทรเขตแหน่ อีเมลกะได้",
    )
    .await;
}

/// Migration 047: the twenty-first test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twenty_first_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "047_faq_phrasings_from_the_twenty_first_half.sql",
        "ขอเบอร์เขตแหน่ ข่อยสิโทรถาม",
    )
    .await;
}

/// Migration 048: the twenty-second test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twenty_second_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "048_faq_phrasings_from_the_twenty_second_half.sql",
        "ขอที่อยู่เขตกับเบอร์โทรหน่อยตะ ฉานจะไปหลาว",
    )
    .await;
}

/// Migration 049: the twenty-third test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twenty_third_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "049_faq_phrasings_from_the_twenty_third_half.sql",
        "ขออีเมลเขตค่ะ จะส่งหนังสือเสนอโครงการซีเอสอาร์",
    )
    .await;
}

/// Migration 050: the twenty-fourth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twenty_fourth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "050_faq_phrasings_from_the_twenty_fourth_half.sql",
        "ติดต่อเขตได้ทางไหรมั่งหนิ",
    )
    .await;
}

/// Migration 052: the twenty-fifth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twenty_fifth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "052_faq_phrasings_from_the_twenty_fifth_half.sql",
        "ขอเบอร์เขตแน่เจ้า",
    )
    .await;
}

/// Migration 053: the twenty-sixth and twenty-seventh test halves' tuned questions, once they were folded in.
#[tokio::test]
async fn the_phrasings_of_the_twenty_sixth_and_seventh_halves_reach_an_existing_database_but_staff_edits_stay()
 {
    new_phrasings_reach_an_existing_database(
        "053_faq_phrasings_from_the_twenty_sixth_and_seventh_halves.sql",
        "เบอร์โทรเขตการศึกษาแม่นเบอร์ใด๋",
    )
    .await;
}

/// Migration 055: the twenty-eighth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twenty_eighth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "055_faq_phrasings_from_the_twenty_eighth_half.sql",
        "ขอเบอร์โทรกับอีเมลเขตแหน่เจ้า",
    )
    .await;
}

/// Migration 056: the twenty-ninth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_twenty_ninth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "056_faq_phrasings_from_the_twenty_ninth_half.sql",
        "เบอโทรเขตมีมั้ยค่ะ",
    )
    .await;
}

/// Migration 058: the thirtieth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_thirtieth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "058_faq_phrasings_from_the_thirtieth_half.sql",
        "ตัวแทนบริษัทอยากคุยรายละเอียดเรื่องการบริจาค ขอเบอร์กับอีเมลสำนักงาน",
    )
    .await;
}

/// Migration 059: the thirty-first test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_thirty_first_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "059_faq_phrasings_from_the_thirty_first_half.sql",
        "เบอร์โทรเขตการศึกษาเบอร์ไรจ้า",
    )
    .await;
}

/// Migration 060: the thirty-second test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_thirty_second_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "060_faq_phrasings_from_the_thirty_second_half.sql",
        "สำนักงานเขตอยู่ไสหนิ ฉานจะไปหา",
    )
    .await;
}

/// Migration 061: the thirty-third test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_thirty_third_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "061_faq_phrasings_from_the_thirty_third_half.sql",
        "เขตอยู่ไส โทรเบอร์ไหนหนิ",
    )
    .await;
}

/// Migration 062: the thirty-fourth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_thirty_fourth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "062_faq_phrasings_from_the_thirty_fourth_half.sql",
        "เขตโทรหาเบอร์หยัง",
    )
    .await;
}

/// Migration 063: the thirty-fifth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_thirty_fifth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "063_faq_phrasings_from_the_thirty_fifth_half.sql",
        "จะโทรหาเขตเบอไรคะ",
    )
    .await;
}

/// Migration 064: the thirty-sixth test half's tuned questions, once it was folded in.
#[tokio::test]
async fn the_phrasings_of_the_thirty_sixth_half_reach_an_existing_database_but_staff_edits_stay() {
    new_phrasings_reach_an_existing_database(
        "064_faq_phrasings_from_the_thirty_sixth_half.sql",
        "เขตอยู่ตี้ไหน โทรหายะจะใด",
    )
    .await;
}

/// The `contact` entry as shipped before `migration` (its first two phrasings) gets, through
/// the migration's data steps, the phrasings of data/faq.toml, `brought` among them, while an
/// entry staff edited keeps theirs; and the bot then answers `brought` with the contact entry.
async fn new_phrasings_reach_an_existing_database(migration: &str, brought: &str) {
    let mut h = Harness::new().await;
    let shipped = phrasings(&h);
    let staff_alt = r#"["คำถามที่เจ้าหน้าที่เขียนเอง"]"#;
    {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
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
        run_data_steps(&conn, migration);
    }
    h.restart();
    let now = phrasings(&h);
    assert_eq!(now["contact"], shipped["contact"], "the shipped phrasings");
    assert!(now["contact"].0.contains(brought), "{:?}", now["contact"]);
    assert_eq!(now["office_visit"].0, staff_alt, "staff's phrasings stay");
    // And the bot finds the entry by a phrasing that only the migration brought.
    let reply = h
        .reply(&Person::public(), Place::Private, &format!("ถาม {brought}"))
        .await;
    assert!(reply.text.contains("074-000000"), "{}", reply.text);
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

/// Migration 027: the answers on anonymity and on opening a private chat name LINE beside
/// Telegram in a database made before it, unless staff rewrote them.
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
        run_data_steps(&conn, "027_faq_phrasings_from_questions.sql");
    }
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

/// Migration 044: the answer on what happens after a complaint says the working days the office
/// has set (it said only "it depends on the matter"), filled in from the complaints settings as
/// they are when it is shown; staff's own answers stay.
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
        run_data_steps(&conn, "044_faq_complaint_working_days_in_answers.sql");
    }
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

/// Migration 051: the shipped entries' subject words reach an existing database, an entry
/// staff edited too (staff edit answers, never what an entry is about); then a complaint that
/// names no teacher or staff is no longer answered with the entry on complaints about them.
#[tokio::test]
async fn the_entries_subjects_reach_an_existing_database() {
    const NAMES_NO_TEACHER: &str = "ถาม ร้องเรียนโรงเรียนลูกได้ไหม";
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
    {
        let conn = rusqlite::Connection::open(h.db_path()).unwrap();
        run_data_steps(&conn, "051_faq_entry_subjects.sql");
    }
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

/// Migration 054: the transfer entry's subject words reach an existing database, on the entry
/// even where staff edited its answer (an edit changes what it says, never what it is about).
#[tokio::test]
async fn the_transfer_entrys_subject_reaches_an_existing_database() {
    shipped_subject_reaches_an_existing_database(
        "donate_transfer",
        "บัญชี",
        "054_faq_subject_of_transfers.sql",
    )
    .await;
}

/// Migration 057: the subject words of the entry on who gave to develop the office, likewise.
#[tokio::test]
async fn the_office_sources_entrys_subject_reaches_an_existing_database() {
    shipped_subject_reaches_an_existing_database(
        "donate_office_sources",
        "บริจ",
        "057_faq_subject_of_office_sources.sql",
    )
    .await;
}

/// The subject of the shipped entry `key` (with `word` among its words) is set again by the
/// data steps of `migration` on a database where it was empty and staff had edited the entry.
async fn shipped_subject_reaches_an_existing_database(key: &str, word: &str, migration: &str) {
    let h = Harness::new().await;
    let shipped = subject_of(&h, key);
    assert!(shipped.contains(word), "{shipped}");
    let conn = rusqlite::Connection::open(h.db_path()).unwrap();
    // As before the migration, the entry's subject empty and its answer edited by staff.
    conn.execute(
        "UPDATE faq_entries SET subject = '[]', updated_by = 42 WHERE key = ?1",
        [key],
    )
    .unwrap();
    run_data_steps(&conn, migration);
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
