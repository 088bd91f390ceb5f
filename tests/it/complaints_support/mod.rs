//! Shared steps of the complaints tests: filing through the whole private-chat flow.
#![allow(dead_code)]

use crate::support::harness::*;

/// What a filing produced: everything the bot sent on confirm, the tracking code (anonymous)
/// and the case number.
pub struct Filed {
    pub sent: Vec<Sent>,
    pub code: Option<String>,
    pub case: String,
}

pub struct Filing<'a> {
    pub command: &'a str,
    pub category: &'a str,
    pub named_contact: Option<&'a str>,
    pub texts: &'a [&'a str],
    pub photos: &'a [&'a str],
    pub place: Option<&'a str>,
}

impl Filing<'_> {
    pub fn tipoff(texts: &'static [&'static str]) -> Filing<'static> {
        Filing {
            command: "/complain",
            category: "tipoff",
            named_contact: None,
            texts,
            photos: &[],
            place: None,
        }
    }

    /// A named request for information, as a citizen would file it.
    pub fn information_request() -> Filing<'static> {
        Filing {
            command: "/request",
            category: "information",
            named_contact: Some("สมหญิง ใจงาม 081-234-5678"),
            texts: &["ขอสำเนาประกาศผลการคัดเลือกครูผู้ช่วย"],
            photos: &[],
            place: None,
        }
    }
}

/// Runs the flow step by step, asserting each step answers privately and directly.
pub async fn file(h: &Harness, who: &Person, filing: &Filing<'_>) -> Filed {
    let mut everything = Vec::new();
    everything.extend(h.send(who, Place::Private, filing.command).await);
    everything.extend(
        h.press(
            who,
            Place::Private,
            &format!("complaints:cat:{}", filing.category),
        )
        .await,
    );
    match filing.named_contact {
        Some(contact) => {
            everything.extend(h.press(who, Place::Private, "complaints:id:named").await);
            everything.extend(h.send(who, Place::Private, contact).await);
        }
        None => everything.extend(h.press(who, Place::Private, "complaints:id:anon").await),
    }
    for text in filing.texts {
        everything.extend(h.send(who, Place::Private, text).await);
    }
    for photo in filing.photos {
        everything.extend(h.send_photo(who, Place::Private, photo, None).await);
    }
    everything.extend(
        h.press(who, Place::Private, "complaints:account_done")
            .await,
    );
    match filing.place {
        Some(place) => everything.extend(h.send(who, Place::Private, place).await),
        None => everything.extend(h.press(who, Place::Private, "complaints:place:skip").await),
    }
    for step in &everything {
        assert_eq!(step.chat_id, who.id, "a filing step left the private chat");
        assert!(!step.via_outbox, "a filing step went through the outbox");
    }
    let sent = h.press(who, Place::Private, "complaints:confirm").await;
    let to_filer = sent
        .iter()
        .find(|s| s.chat_id == who.id)
        .unwrap_or_else(|| panic!("no confirmation: {sent:?}"));
    assert!(!to_filer.via_outbox);
    let code = tracking_code(&to_filer.text);
    let case = case_number(&to_filer.text).expect("case number in the confirmation");
    Filed { sent, code, case }
}

pub fn tracking_code(text: &str) -> Option<String> {
    regex::Regex::new(r"\d{4} \d{4} \d{4} \d{4}")
        .unwrap()
        .find(text)
        .map(|m| m.as_str().to_string())
}

pub fn case_number(text: &str) -> Option<String> {
    regex::Regex::new(r"[รค]-\d{4}-\d{4}")
        .unwrap()
        .find(text)
        .map(|m| m.as_str().to_string())
}

/// An officer types `text` in answer to a case card's prompt (ขอข้อมูลเพิ่ม, ส่งต่อ, ปิดเรื่อง)
/// and presses `confirm` on the check that shows it back: what that press sends.
pub async fn officer_answers_prompt(
    h: &Harness,
    officer: &Person,
    text: &str,
    confirm: &str,
) -> Vec<Sent> {
    let typed = h.send(officer, Place::Officers, text).await;
    let check = typed
        .iter()
        .find(|s| s.text.contains("ตรวจสอบก่อน") && s.text.contains(text))
        .unwrap_or_else(|| panic!("the text is shown back first: {typed:?}"));
    h.press(officer, Place::Officers, &check.button(confirm))
        .await
}

/// A person filing in the tests, with a username.
pub fn filer(id: i64) -> Person {
    let mut person = Person::new(id, "ผู้ร้อง ทดสอบ", &[]);
    person.username = Some(format!("filer_{id}"));
    person
}

/// Every log line of the test binary, to scan for anything identifying a filer.
pub struct CapturedLogs(pub std::sync::Mutex<Vec<String>>);

impl log::Log for CapturedLogs {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        let line = format!("{} {} {}", record.level(), record.target(), record.args());
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(line);
    }
    fn flush(&self) {}
}

pub static LOGS: CapturedLogs = CapturedLogs(std::sync::Mutex::new(Vec::new()));

/// Installs [`LOGS`] as the process-wide logger, once for the whole test binary; every test
/// that scans the logs calls it first.
pub fn capture_logs() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        log::set_logger(&LOGS).expect("only capture_logs installs a logger");
        log::set_max_level(log::LevelFilter::Trace);
    });
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Asserts that nothing identifying the filer (their id as text and as little- and big-endian
/// integers, their name, their username) is in the database at `db`, its WAL or the captured
/// logs, and that `stored` is (the scan's positive control).
pub fn assert_no_trace_of(
    db: &std::path::Path,
    filer: &crate::support::harness::Person,
    stored: &str,
) {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let bytes = [
        std::fs::read(db).unwrap_or_default(),
        std::fs::read(&wal).unwrap_or_default(),
    ]
    .concat();
    let logs = LOGS.0.lock().unwrap_or_else(|p| p.into_inner()).join("\n");
    let mut patterns = vec![
        filer.id.to_string().into_bytes(),
        filer.id.to_le_bytes().to_vec(),
        filer.id.to_be_bytes().to_vec(),
        filer.name.as_bytes().to_vec(),
    ];
    patterns.extend(filer.username.as_ref().map(|u| u.as_bytes().to_vec()));
    for pattern in patterns {
        assert!(!contains(&bytes, &pattern), "{pattern:?} stored");
        assert!(!contains(logs.as_bytes(), &pattern), "{pattern:?} logged");
    }
    assert!(
        contains(&bytes, stored.as_bytes()),
        "positive control: {stored} is stored"
    );
}

/// An officer's line whose text is shown back to check before it acts (`สถานะ … ยุติ <เหตุผล>`,
/// `ปิดเรื่อง … <ผล>`), sent and then confirmed with the check's send button: what the press
/// produced.
pub async fn officer_sends_checked(
    h: &Harness,
    who: &Person,
    place: Place,
    line: &str,
) -> Vec<Sent> {
    let sent = h.send(who, place, line).await;
    let check = sent
        .iter()
        .find(|s| s.text.contains("ตรวจสอบก่อน"))
        .unwrap_or_else(|| panic!("{line}: shown back to check: {sent:?}"));
    let send = check.buttons.first().expect("the send button").1.clone();
    h.press(who, place, &send).await
}
