//! A filer who types their story where the bot asks them to choose (anonymous or named, or
//! the kind of matter), or with the command itself, does not type it again: it is kept, in
//! memory only, and becomes the account once they have chosen, shown back to complete or start
//! over.

use crate::complaints_support::*;
use crate::line_anonymity::assert_no_trace_of;
use crate::support::fake_line::{user_id, user_source};
use crate::support::harness::*;
use crate::support::line_app::*;

const STORY: &str = "ครูประจำชั้นตีนักเรียนด้วยไม้เรียวจนเป็นรอย เมื่อวันจันทร์ที่ผ่านมา";

/// `/complain`, the kind of matter, then the story typed where anonymous or named is asked.
async fn story_at_the_identity_step(h: &Harness, who: &Person) -> Sent {
    h.send(who, Place::Private, "/complain").await;
    h.press(who, Place::Private, "complaints:cat:personnel")
        .await;
    let kept = h.reply(who, Place::Private, STORY).await;
    assert!(!kept.via_outbox, "said directly");
    assert!(kept.text.contains("ไม่ต้องพิมพ์ใหม่"), "{}", kept.text);
    // The choice is asked again, with its buttons.
    assert!(kept.text.contains("ต้องการระบุตัวตนหรือไม่"), "{}", kept.text);
    assert_eq!(kept.buttons.len(), 2, "{:?}", kept.buttons);
    kept
}

/// Finishes a filing whose account was kept: the account step shows it, the filer adds
/// nothing, skips the place and confirms.
async fn finish_with_the_kept_story(h: &Harness, who: &Person, choice: &str) -> Vec<Sent> {
    let shown = h.press(who, Place::Private, choice).await;
    let shown = shown.last().expect("the next step");
    let shown = if shown.text.contains("ช่องทางติดต่อ") {
        h.reply(who, Place::Private, "สมศรี ใจดี 081-111-2222").await
    } else {
        shown.clone()
    };
    assert!(
        shown.text.contains(STORY),
        "the story is shown back: {}",
        shown.text
    );
    assert!(shown.text.contains("เก็บไว้เป็นรายละเอียด"), "{}", shown.text);
    h.press(who, Place::Private, &shown.button("ส่งรายละเอียดครบแล้ว"))
        .await;
    let summary = h.press(who, Place::Private, "complaints:place:skip").await;
    let summary = summary.last().expect("the summary");
    assert!(summary.text.contains(STORY), "{}", summary.text);
    h.press(who, Place::Private, "complaints:confirm").await
}

fn officers_card(sent: &[Sent]) -> &Sent {
    sent.iter()
        .find(|s| s.chat_id == OFFICERS_GROUP)
        .unwrap_or_else(|| panic!("the officers get the case: {sent:?}"))
}

#[tokio::test]
async fn a_named_filers_story_at_the_identity_step_is_the_account() {
    let h = Harness::new().await;
    let who = filer(7_001);
    story_at_the_identity_step(&h, &who).await;
    let sent = finish_with_the_kept_story(&h, &who, "complaints:id:named").await;
    let card = officers_card(&sent);
    assert_eq!(card.text.matches(STORY).count(), 1, "{}", card.text);
    assert!(card.text.contains("สมศรี ใจดี"), "{}", card.text);
}

#[tokio::test]
async fn an_anonymous_filers_story_at_the_identity_step_is_the_account() {
    let h = Harness::new().await;
    let who = filer(7_002);
    story_at_the_identity_step(&h, &who).await;
    let sent = finish_with_the_kept_story(&h, &who, "complaints:id:anon").await;
    let to_filer = sent.iter().find(|s| s.chat_id == who.id).unwrap();
    assert!(tracking_code(&to_filer.text).is_some(), "{}", to_filer.text);
    assert_eq!(officers_card(&sent).text.matches(STORY).count(), 1);
}

#[tokio::test]
async fn the_kept_story_can_be_started_over_and_a_story_at_the_category_step_is_kept_too() {
    let h = Harness::new().await;
    let who = filer(7_003);
    h.send(&who, Place::Private, "/complain").await;
    let kept = h.reply(&who, Place::Private, STORY).await;
    assert!(kept.text.contains("ไม่ต้องพิมพ์ใหม่"), "{}", kept.text);
    assert!(kept.text.contains("เลือกประเภทเรื่อง"), "{}", kept.text);
    h.press(&who, Place::Private, "complaints:cat:personnel")
        .await;
    let shown = h.press(&who, Place::Private, "complaints:id:anon").await;
    let shown = shown.last().unwrap();
    assert!(shown.text.contains(STORY), "{}", shown.text);
    let asked = h
        .press(&who, Place::Private, &shown.button("เล่าใหม่ทั้งหมด"))
        .await;
    assert!(
        asked
            .last()
            .unwrap()
            .text
            .contains("เล่ารายละเอียดของเรื่องได้เลย"),
        "{asked:?}"
    );
    h.send(&who, Place::Private, "เรื่องใหม่ที่เล่าแทน").await;
    h.press(&who, Place::Private, "complaints:account_done")
        .await;
    let summary = h.press(&who, Place::Private, "complaints:place:skip").await;
    let summary = &summary.last().unwrap().text;
    assert!(summary.contains("เรื่องใหม่ที่เล่าแทน"), "{summary}");
    assert!(!summary.contains(STORY), "{summary}");
}

#[tokio::test]
async fn a_short_word_at_the_identity_step_still_asks_for_the_button() {
    let h = Harness::new().await;
    let who = filer(7_004);
    h.send(&who, Place::Private, "/complain").await;
    h.press(&who, Place::Private, "complaints:cat:personnel")
        .await;
    let asked = h.reply(&who, Place::Private, "ไม่แน่ใจ").await;
    assert!(asked.text.contains("กรุณากดปุ่ม"), "{}", asked.text);
    assert_nothing_kept(&h, &who).await;
}

/// The filer chooses anonymous and is asked for the story afresh: nothing was kept.
async fn assert_nothing_kept(h: &Harness, who: &Person) {
    let shown = h.press(who, Place::Private, "complaints:id:anon").await;
    assert!(
        shown
            .last()
            .unwrap()
            .text
            .contains("เล่ารายละเอียดของเรื่องได้เลย"),
        "nothing was kept: {shown:?}"
    );
}

const LINE_NAME: &str = "ผู้เล่าเรื่องก่อนเลือกบนไลน์";
const LINE_STORY: &str = "ผอ.เก็บเงินค่าบำรุงการศึกษาโดยไม่ออกใบเสร็จ เล่าก่อนเลือก";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_line_an_anonymous_story_typed_at_the_identity_step_is_filed_and_never_stored_with_the_filer()
 {
    let (app, filer) = line_filer(0x57_0e_f1, LINE_NAME).await;
    let me = || user_source(&filer);
    app.step(&filer, app.line.text(me(), "/complain")).await;
    app.step(&filer, app.line.postback(me(), "complaints:cat:tipoff"))
        .await;
    let kept = app.step(&filer, app.line.text(me(), LINE_STORY)).await;
    assert!(kept.text().contains("ไม่ต้องพิมพ์ใหม่"), "{}", kept.text());
    file_anonymously_and_scan(app, &filer, LINE_NAME, LINE_STORY).await;
}

/// The LINE officers' group of these tests.
fn officers_group() -> String {
    crate::support::fake_line::group_id(2)
}

/// A LINE filer, named `name` on LINE, and an officers' group to file to.
async fn line_filer(n: u64, name: &str) -> (LineApp, String) {
    capture_logs();
    let app = spawn_line_app().await;
    let filer = user_id(n);
    app.line.set_name(&filer, name);
    app.line
        .add_member(&officers_group(), &user_id(4), "เจ้าหน้าที่ รับเรื่อง");
    app.register_officers_group(&officers_group()).await;
    (app, filer)
}

/// Files anonymously a story kept before the choices (the kind of matter chosen): shown back
/// at the account step, filed, read by the officers; then nothing in the database or WAL ties
/// the filer's account or name to anything, and the story is logged nowhere.
async fn file_anonymously_and_scan(mut app: LineApp, filer: &str, name: &str, story: &str) {
    let me = || user_source(filer);
    let shown = app
        .step(filer, app.line.postback(me(), "complaints:id:anon"))
        .await;
    assert!(shown.text().contains(story), "{}", shown.text());
    app.step(filer, app.line.postback(me(), "complaints:account_done"))
        .await;
    app.step(filer, app.line.postback(me(), "complaints:place:skip"))
        .await;
    let confirmation = app
        .step(filer, app.line.postback(me(), "complaints:confirm"))
        .await;
    assert!(tracking_code(&confirmation.text()).is_some());
    app.line.wait_for_text(&officers_group(), story).await;

    let db = app.dir.path().join("bot.sqlite3");
    let wal = app.dir.path().join("bot.sqlite3-wal");
    let wal_before = std::fs::read(&wal).unwrap_or_default();
    let db_before = std::fs::read(&db).unwrap();
    app.stop().await;
    assert_no_trace_of(
        filer,
        name,
        &[("WAL", &wal_before), ("database", &db_before)],
    );
    // Positive control: the story itself is stored, for the officers.
    assert!(contains(
        &[wal_before, db_before].concat(),
        story.as_bytes()
    ));
    let logs = LOGS.0.lock().unwrap_or_else(|p| p.into_inner()).clone();
    for line in &logs {
        assert!(!line.contains(story), "content logged: {line}");
    }
}

/// Two long stories, one at each choice, stay within the account's limit together, as a story
/// added after the choice does: the second is cut to what is left.
#[tokio::test]
async fn stories_typed_at_both_choices_stay_within_the_accounts_limit() {
    let h = Harness::new().await;
    let who = filer(7_005);
    h.send(&who, Place::Private, "/complain").await;
    // Letters no text of the bot uses, so they count the stories alone.
    let first = "ฎ".repeat(2_000);
    let second = "ฏ".repeat(2_000);
    h.reply(&who, Place::Private, &first).await;
    h.press(&who, Place::Private, "complaints:cat:personnel")
        .await;
    h.reply(&who, Place::Private, &second).await;
    let shown = h.press(&who, Place::Private, "complaints:id:anon").await;
    let shown = shown.last().expect("the account step");
    let kept = shown
        .text
        .chars()
        .filter(|c| *c == 'ฎ' || *c == 'ฏ')
        .count();
    assert_eq!(kept, 3_000, "the account's 3,000 letters at most");
    assert_eq!(
        shown.text.matches('ฎ').count(),
        2_000,
        "the first story whole"
    );
}

/// A story typed once the kept one has used the whole limit is not added, and the filer is
/// told so where the choice is asked again.
#[tokio::test]
async fn a_story_past_the_limit_is_not_added_and_the_filer_is_told() {
    let h = Harness::new().await;
    let who = filer(7_006);
    h.send(&who, Place::Private, "/complain").await;
    h.reply(&who, Place::Private, &"ฎ".repeat(3_000)).await;
    h.press(&who, Place::Private, "complaints:cat:personnel")
        .await;
    let refused = h.reply(&who, Place::Private, &"ฏ".repeat(100)).await;
    assert!(refused.text.contains("ยังไม่ถูกเพิ่ม"), "{}", refused.text);
    assert!(
        refused.text.contains("ต้องการระบุตัวตนหรือไม่"),
        "{}",
        refused.text
    );
    let shown = h.press(&who, Place::Private, "complaints:id:anon").await;
    let shown = shown.last().expect("the account step");
    assert_eq!(shown.text.matches('ฎ').count(), 3_000);
    assert_eq!(shown.text.matches('ฏ').count(), 0);
}

/// A story typed with the command (`ร้องเรียน <story>`) is kept as one typed at the first
/// choice is; a word or two after the command is not a story, and nothing is kept.
#[tokio::test]
async fn a_story_typed_with_the_command_is_the_account() {
    let h = Harness::new().await;
    let who = filer(7_006);
    let asked = h
        .reply(&who, Place::Private, &format!("ร้องเรียน {STORY}"))
        .await;
    assert!(asked.text.contains("ไม่ต้องพิมพ์ใหม่"), "{}", asked.text);
    assert!(asked.text.contains("เลือกประเภทเรื่อง"), "{}", asked.text);
    h.press(&who, Place::Private, "complaints:cat:personnel")
        .await;
    let sent = finish_with_the_kept_story(&h, &who, "complaints:id:anon").await;
    assert_eq!(officers_card(&sent).text.matches(STORY).count(), 1);

    let other = filer(7_007);
    let asked = h.reply(&other, Place::Private, "ร้องเรียน ด่วนครับ").await;
    assert!(!asked.text.contains("ไม่ต้องพิมพ์ใหม่"), "{}", asked.text);
    h.press(&other, Place::Private, "complaints:cat:personnel")
        .await;
    assert_nothing_kept(&h, &other).await;
}

const LINE_COMMAND_NAME: &str = "ผู้เล่าเรื่องพร้อมคำสั่งบนไลน์";
const LINE_COMMAND_STORY: &str = "เจ้าหน้าที่พัสดุรับเงินจากร้านค้าก่อนตรวจรับของ เล่าพร้อมคำสั่ง";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_line_an_anonymous_story_typed_with_the_command_is_filed_and_never_stored_with_the_filer()
 {
    let (app, filer) = line_filer(0x57_0e_f2, LINE_COMMAND_NAME).await;
    let me = || user_source(&filer);
    let command = format!("ร้องเรียน {LINE_COMMAND_STORY}");
    let asked = app.step(&filer, app.line.text(me(), &command)).await;
    assert!(asked.text().contains("ไม่ต้องพิมพ์ใหม่"), "{}", asked.text());
    app.step(&filer, app.line.postback(me(), "complaints:cat:tipoff"))
        .await;
    file_anonymously_and_scan(app, &filer, LINE_COMMAND_NAME, LINE_COMMAND_STORY).await;
}
