//! The anonymity scan: an anonymous complaint from a person with a distinctive id, username
//! and name goes through filing, follow-up and the officers' workflow; then the raw bytes of
//! the SQLite file and its WAL, and every log line, are searched for any of them.
//!
//! The logger is the test binary's one capture (`capture_logs`), shared with every other test:
//! the identifying values are unique to this test, so other tests' lines cannot match them.

use crate::complaints_support::*;
use crate::support::harness::*;

const FILER_ID: i64 = 918_273_645;
const USERNAME: &str = "whistle_blower_unique";
const NAME: &str = "ผู้แจ้งลับเฉพาะ";
const SECRET_ACCOUNT: &str = "ผอ.เรียกรับเงินค่าตำแหน่งครูอัตราจ้าง";
const STORY_BEFORE_CHOOSING: &str = "รองผอ.ให้ครูจ่ายเงินซื้อของขวัญทุกปี ไม่จ่ายไม่ได้เลื่อนขั้น";

/// Byte patterns that would identify the filer: the id as text and as the integers SQLite
/// and serializers write (4- and 8-byte, both byte orders), the username and the name.
fn identifying_patterns() -> Vec<(String, Vec<u8>)> {
    let id32 = i32::try_from(FILER_ID).unwrap();
    vec![
        ("id as text".into(), FILER_ID.to_string().into_bytes()),
        ("id i64 LE".into(), FILER_ID.to_le_bytes().to_vec()),
        ("id i64 BE".into(), FILER_ID.to_be_bytes().to_vec()),
        ("id i32 LE".into(), id32.to_le_bytes().to_vec()),
        ("id i32 BE".into(), id32.to_be_bytes().to_vec()),
        ("username".into(), USERNAME.as_bytes().to_vec()),
        ("name".into(), NAME.as_bytes().to_vec()),
    ]
}

fn read(path: &std::path::Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_default()
}

fn wal_of(db: &std::path::Path) -> std::path::PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-wal");
    name.into()
}

#[tokio::test]
async fn nothing_identifying_an_anonymous_filer_reaches_the_database_or_the_logs() {
    capture_logs();

    let h = Harness::new().await;
    let whistleblower = Person {
        id: FILER_ID,
        name: NAME.into(),
        username: Some(USERNAME.into()),
        roles: vec![],
    };
    // A false start, cancelled by typing, then the real filing through the deep link.
    h.send(&whistleblower, Place::Private, "/start complain")
        .await;
    h.send(&whistleblower, Place::Private, "ยกเลิก").await;
    let filed = file(
        &h,
        &whistleblower,
        &Filing {
            command: "/start complain",
            category: "tipoff",
            named_contact: None,
            texts: &[SECRET_ACCOUNT, "มีหลักฐานเป็นรูปถ่าย"],
            photos: &["PHOTO-EVIDENCE"],
            place: Some("โรงเรียนบ้านตัวอย่าง"),
        },
    )
    .await;
    let code = filed.code.expect("anonymous filings get a code");
    // A second filing whose story is typed where anonymous or named is asked: kept in the
    // draft until the choice, then filed as the account.
    h.send(&whistleblower, Place::Private, "/complain").await;
    h.press(&whistleblower, Place::Private, "complaints:cat:tipoff")
        .await;
    h.send(&whistleblower, Place::Private, STORY_BEFORE_CHOOSING)
        .await;
    for step in [
        "complaints:id:anon",
        "complaints:account_done",
        "complaints:place:skip",
    ] {
        h.press(&whistleblower, Place::Private, step).await;
    }
    let second = h
        .press(&whistleblower, Place::Private, "complaints:confirm")
        .await;
    assert!(
        second
            .iter()
            .any(|s| s.chat_id == OFFICERS_GROUP && s.text.contains(STORY_BEFORE_CHOOSING)),
        "{second:?}"
    );
    for sent in filed.sent.iter().filter(|s| s.chat_id == OFFICERS_GROUP) {
        for (what, pattern) in identifying_patterns() {
            assert!(
                !contains(sent.html.as_bytes(), &pattern),
                "{what} in the officers' group"
            );
        }
    }
    // The officers work on it; the filer follows up, reads the answer, mistypes a code.
    let officer = Person::officer();
    h.send(
        &officer,
        Place::Officers,
        &format!("สถานะ {} รับเรื่อง", filed.case),
    )
    .await;
    h.send(
        &officer,
        Place::Officers,
        &format!("ตอบ {} เกิดขึ้นเมื่อไร", filed.case),
    )
    .await;
    let sent = h
        .send(
            &whistleblower,
            Place::Private,
            &format!("ตอบกลับ {code} สัปดาห์ที่แล้ว"),
        )
        .await;
    assert!(
        sent.iter()
            .all(|s| !s.via_outbox || s.chat_id == OFFICERS_GROUP)
    );
    let view = h
        .reply(&whistleblower, Place::Private, &format!("/track {code}"))
        .await;
    assert!(view.text.contains("เกิดขึ้นเมื่อไร"));
    // The code pasted alone, without /track, is tracked the same way.
    let pasted = h.reply(&whistleblower, Place::Private, &code).await;
    assert!(pasted.text.contains("เกิดขึ้นเมื่อไร"));
    h.send(&whistleblower, Place::Private, "/track 0000 0000 0000 0000")
        .await;
    officer_sends_checked(
        &h,
        &officer,
        Place::Officers,
        &format!("สถานะ {} เสร็จสิ้น ตรวจสอบแล้ว", filed.case),
    )
    .await;

    // Everything is committed; read the WAL before closing checkpoints it away.
    let db = h.db_path();
    let wal_before_close = read(&wal_of(&db));
    let db_before_close = read(&db);
    assert!(
        !wal_before_close.is_empty(),
        "the WAL holds the recent writes"
    );
    let Harness { core, dir, .. } = h;
    drop(core);
    let wal = wal_of(&db);
    for _ in 0..200 {
        if !wal.exists() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(!wal.exists(), "the store closed and checkpointed");
    let db_after_close = read(&db);

    let code_digits = code.replace(' ', "");
    for (file, bytes) in [
        ("WAL", &wal_before_close),
        ("database before closing", &db_before_close),
        ("database after closing", &db_after_close),
    ] {
        for (what, pattern) in identifying_patterns() {
            assert!(!contains(bytes, &pattern), "{what} found in the {file}");
        }
        assert!(
            !contains(bytes, code_digits.as_bytes()) && !contains(bytes, code.as_bytes()),
            "the tracking code is stored in plain text in the {file}"
        );
    }
    // The scan does see what is stored: the officer's name is in the audit log, and the
    // account is there for the officers.
    let all = [wal_before_close, db_after_close].concat();
    assert!(contains(&all, officer.name.as_bytes()), "positive control");
    assert!(
        contains(&all, SECRET_ACCOUNT.as_bytes()),
        "positive control"
    );
    assert!(
        contains(&all, STORY_BEFORE_CHOOSING.as_bytes()),
        "positive control"
    );

    let logs = LOGS.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert!(
        logs.iter().any(|l| l.contains("applied migration")),
        "the logger captured the run: {logs:?}"
    );
    for line in &logs {
        for (what, pattern) in identifying_patterns() {
            assert!(
                !contains(line.as_bytes(), &pattern),
                "{what} logged: {line}"
            );
        }
        for secret in [SECRET_ACCOUNT, STORY_BEFORE_CHOOSING, &code, &code_digits] {
            assert!(!line.contains(secret), "content logged: {line}");
        }
    }
    drop(dir);
}
