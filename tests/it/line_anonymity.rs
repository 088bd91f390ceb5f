//! An anonymous tip-off filed on LINE with a photo, answered by officers in their LINE group:
//! then the database, its WAL and every log line are searched for the filer's LINE user id,
//! display name and core id. Its own test binary, because it installs the process-wide logger.

use crate::complaints_support::{LOGS, capture_logs, case_number, contains, tracking_code};
use crate::support::fake_line::{group_id, group_source, user_id, user_source};
use crate::support::line_app::*;

const NAME: &str = "ผู้แจ้งลับเฉพาะบนไลน์";
const SECRET_ACCOUNT: &str = "ผอ.เรียกรับเงินค่าตำแหน่งครูอัตราจ้าง";
const PHOTO: &[u8] = b"\xff\xd8\xff\xe0 fake jpeg evidence";

fn officers_group() -> String {
    group_id(2)
}

fn officer() -> String {
    user_id(4)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_line_filer_is_never_stored_or_logged() {
    capture_logs();

    let mut app = spawn_line_app().await;
    let filer = user_id(0x5ec7e7);
    app.line.set_name(&filer, NAME);
    app.line
        .add_member(&officers_group(), &officer(), "เจ้าหน้าที่ รับเรื่อง");
    app.line.set_content("9001", PHOTO.to_vec());
    app.register_officers_group(&officers_group()).await;
    let me = || user_source(&filer);
    let confirmation = app.file_tipoff(&filer, SECRET_ACCOUNT, "9001").await;
    let code = tracking_code(&confirmation.text()).expect("anonymous filings get a code");
    let case = case_number(&confirmation.text()).expect("a case number");

    // The officers see the account and the photo, served by the bot under a link.
    app.line
        .wait_for_text(&officers_group(), SECRET_ACCOUNT)
        .await;
    let photo_url = app.image_url(&officers_group()).await;
    let served = reqwest::get(&photo_url).await.unwrap();
    assert_eq!(served.status(), 200);
    assert_eq!(&served.bytes().await.unwrap()[..], PHOTO);
    let guessed = format!(
        "{}/files/{}",
        photo_url.rsplit_once("/files/").unwrap().0,
        "0".repeat(32)
    );
    assert_eq!(reqwest::get(&guessed).await.unwrap().status(), 404);
    for sent in app.line.delivered_to(&officers_group()) {
        assert!(
            !sent.message.to_string().contains(NAME),
            "the filer's name reached the officers"
        );
    }

    // The officers ask; the filer reads it with the code.
    app.send(&[app.line.text(
        group_source(&officers_group(), &officer()),
        &format!("ตอบ {case} เกิดขึ้นเมื่อไร"),
    )])
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let view = app
        .step(&filer, app.line.text(me(), &format!("/track {code}")))
        .await;
    assert!(view.text().contains("เกิดขึ้นเมื่อไร"), "{}", view.text());

    let db = app.dir.path().join("bot.sqlite3");
    let wal = app.dir.path().join("bot.sqlite3-wal");
    let wal_before = std::fs::read(&wal).unwrap_or_default();
    let db_before = std::fs::read(&db).unwrap();
    assert!(!wal_before.is_empty(), "the WAL holds the recent writes");
    app.stop().await;

    assert_no_trace_of(
        &filer,
        NAME,
        &[("WAL", &wal_before), ("database", &db_before)],
    );
    // Positive control: the scan sees what is stored.
    assert!(contains(
        &[wal_before, db_before].concat(),
        SECRET_ACCOUNT.as_bytes()
    ));

    let logs = LOGS.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    assert!(
        logs.iter().any(|l| l.contains("applied migration")),
        "{logs:?}"
    );
    for line in &logs {
        assert!(!line.contains(SECRET_ACCOUNT), "content logged: {line}");
    }
}

/// Asserts that none of `files` (name, bytes) nor any captured log line holds the LINE user
/// id `filer`, their display name `name` or their core id (as text or as bytes).
pub fn assert_no_trace_of(filer: &str, name: &str, files: &[(&str, &[u8])]) {
    let core_id = khetbot::line::core_id(filer);
    let patterns: Vec<(&str, Vec<u8>)> = vec![
        ("LINE user id", filer.as_bytes().to_vec()),
        ("display name", name.as_bytes().to_vec()),
        ("core id as text", core_id.to_string().into_bytes()),
        ("core id LE", core_id.to_le_bytes().to_vec()),
        ("core id BE", core_id.to_be_bytes().to_vec()),
    ];
    for (file, bytes) in files {
        for (what, pattern) in &patterns {
            assert!(
                !contains(bytes, pattern),
                "the filer's {what} found in the {file}"
            );
        }
    }
    let logs = LOGS.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    for line in &logs {
        for (what, pattern) in &patterns {
            assert!(
                !contains(line.as_bytes(), pattern),
                "the filer's {what} logged: {line}"
            );
        }
    }
}
