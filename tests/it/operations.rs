//! Operating the binary: backup while running, restore refused while running, bad config.

use std::io::Write;
use std::process::{Command, Stdio};

fn khetbot() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_khetbot"));
    cmd.env_remove("TELOXIDE_TOKEN")
        .env_remove("ADMIN_USER_IDS");
    cmd
}

#[test]
fn backup_works_while_the_console_runs_and_restore_waits_for_it_to_stop() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.sqlite3");
    let backup = dir.path().join("copy.sqlite3");
    let mut console = khetbot()
        .args(["console", "--db"])
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = console.stdin.take().unwrap();
    stdin.write_all("/lang en\n".as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Wait until the console has its lock and has written the preference.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let done = rusqlite::Connection::open(&db)
            .and_then(|c| {
                c.query_row("SELECT count(*) FROM user_prefs", [], |r| {
                    r.get::<_, i64>(0)
                })
            })
            .is_ok_and(|n| n == 1);
        if done {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "console did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }

    let out = khetbot()
        .arg("backup")
        .arg(&backup)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restore = khetbot()
        .arg("restore")
        .arg(&backup)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(!restore.status.success());
    assert!(String::from_utf8_lossy(&restore.stderr).contains("in use by a running khetbot"));

    drop(stdin);
    assert!(console.wait().unwrap().success());
    let restore = khetbot()
        .arg("restore")
        .arg(&backup)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        restore.status.success(),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    let lang: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT lang FROM user_prefs", [], |r| r.get(0))
        .unwrap();
    assert_eq!(lang, "en");
}

#[test]
fn a_bad_variable_stops_start_up_with_one_line_naming_it() {
    let out = khetbot()
        .env("TELOXIDE_TOKEN", "123:abc")
        .env("ADMIN_USER_IDS", "12,abc")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("ADMIN_USER_IDS"), "{stderr}");
}

#[test]
fn restoring_something_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.sqlite3");
    std::fs::write(&junk, b"this is not sqlite").unwrap();
    let db = dir.path().join("db.sqlite3");
    let out = khetbot()
        .arg("restore")
        .arg(&junk)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a khetbot database"));
}
