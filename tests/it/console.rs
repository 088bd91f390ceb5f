//! The console adapter driven as a newcomer would: a script piped into the real binary.

use std::io::Write;
use std::process::{Command, Stdio};

/// Runs `khetbot console` on a fresh database with `script` as its input.
fn run_console(db: &std::path::Path, script: &str) -> (String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_khetbot"))
        .arg("console")
        .arg("--db")
        .arg(db)
        .env_remove("TELOXIDE_TOKEN")
        .env("KHETBOT_FILES_DIR", db.with_extension("files"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("khetbot starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(script.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "console exited with {:?}",
        output.status
    );
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_scripted_session_answers_in_thai_and_exits_at_end_of_input() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("console.sqlite3");
    let (out, err) = run_console(&db, "/start\n/as public\nสวัสดีครับ\n/as admin\n/groups\n");
    assert!(out.contains("สวัสดีค่ะ ติดต่อสอบถามข้อมูลได้ที่นี่ค่ะ"), "{out}");
    // Each persona's line is echoed, then the bot's answer follows.
    assert!(out.contains("ประชาชน @ แชทส่วนตัวกับบอท » สวัสดีครับ"), "{out}");
    let greeted = out.find("» สวัสดีครับ").unwrap();
    assert!(
        out[greeted..].contains("สวัสดีค่ะ ติดต่อสอบถามข้อมูลได้ที่นี่ค่ะ"),
        "{out}"
    );
    // The console pre-registers one simulated group per role.
    assert!(out.contains("กลุ่มบุคลากร: กลุ่มบุคลากร"), "{out}");
    assert!(
        out.contains("กลุ่มเจ้าหน้าที่รับเรื่องร้องเรียน: กลุ่มเจ้าหน้าที่รับเรื่องร้องเรียน"),
        "{out}"
    );
    // Logs stay on stderr.
    assert!(!out.contains("INFO"), "{out}");
    assert!(err.contains("applied migration"), "{err}");
}

#[test]
fn permissions_hold_in_the_console_too() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("console.sqlite3");
    let (out, _) = run_console(&db, "/as staff\n/setgroup staff\n/as public\n/groups\n");
    assert_eq!(out.matches("สำหรับผู้ดูแลระบบเท่านั้นค่ะ").count(), 2, "{out}");
}

#[test]
fn buttons_are_numbered_and_pressed_with_a_hash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("console.sqlite3");
    let (out, _) = run_console(&db, "/as public\n#9\n");
    assert!(out.contains("ไม่มีปุ่มหมายเลขนี้"), "{out}");
}

#[test]
fn the_same_database_file_is_kept_between_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("console.sqlite3");
    let (out, _) = run_console(&db, "/lang en\n");
    assert!(out.contains("Language set to English."), "{out}");
    let (out, _) = run_console(&db, "/help\n");
    assert!(out.contains("Hello! Ask us anything here."), "{out}");
}

/// `/clock` moves the console's time and runs the periodic work on the way; a card sent to
/// another persona's chat keeps its buttons for when the person switches there.
#[test]
fn the_clock_moves_and_buttons_wait_in_their_chat() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("console.sqlite3");
    let script = "/clock 28 มิ.ย. 2570 08:00\n\
                  เพิ่มกำหนดการ 30 มิ.ย. 2570 ส่งรายงานทดสอบนาฬิกา แจ้ง ผู้บริหาร\n\
                  /clock +1d\n\
                  /clock +1d\n\
                  /as principal\n\
                  #1\n\
                  /clock\n\
                  /clock พรุ่งนี้ 25:00\n";
    let (out, _) = run_console(&db, script);
    assert!(out.contains("เลื่อนเวลาไปที่ 28 มิ.ย. 2570 08:00 น."), "{out}");
    // The reminder a day ahead went to the principals' group at 08:30 on 29 June.
    let reminder = out.find("บอท → กลุ่มผู้บริหารสถานศึกษา:").expect(&out);
    assert!(out[reminder..].contains("พรุ่งนี้ครบกำหนด"), "{out}");
    // Pressed from the principals' group after switching: marked done.
    let pressed = out
        .find("ผู้อำนวยการโรงเรียน @ กลุ่มผู้บริหารสถานศึกษา » #1")
        .expect(&out);
    assert!(!out[pressed..].starts_with("— ไม่มีปุ่ม"), "{out}");
    assert!(out[pressed..].contains("เสร็จ"), "{out}");
    assert!(
        out.contains("เวลาของคอนโซล: 30 มิ.ย. 2570 08:00 น."),
        "{out}"
    );
    assert!(out.contains("ใช้ /clock เพื่อดูเวลา"), "{out}");
}
