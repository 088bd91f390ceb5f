//! A forwarded donation line (issue 17 item 6) is never recorded as the forwarder's own by
//! itself: it gets a reply offering to record it as a new donation, with one button. A press
//! records it once, as the presser's record; a second press, even at the same moment, records
//! nothing more and is told so on its button only; so is a press after the offer expired. The
//! offer is kept in the store: a press after a restart records. End to end
//! against the fake Bot API.

use serde_json::Value;

use crate::cards_e2e::{button_data, messages_with, press};
use crate::support::app::*;
use crate::support::harness::*;

const LINE: &str = "บริจาค 750 บาท จาก นางสาวสมใจ รักเรียน เพื่อ ทุนการศึกษา";

/// (amount, donor, recorded by) of every donation, in number order.
fn donations(app: &TestApp) -> Vec<(i64, String, i64)> {
    let conn = rusqlite::Connection::open(app.dir.path().join("bot.sqlite3")).unwrap();
    let mut stmt = conn
        .prepare("SELECT amount, donor_name, recorded_by_id FROM donations ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The offer's message in the staff group and its one button's data.
async fn offer_in_staff_group(app: &TestApp, nth: usize) -> (i64, String) {
    app.tg
        .wait_for("the offer", WAIT, |_| {
            messages_with(app, STAFF_GROUP, "ข้อความที่ส่งต่อ").len() > nth
        })
        .await;
    let offer: Value = messages_with(app, STAFF_GROUP, "ข้อความที่ส่งต่อ").remove(nth);
    let buttons = button_data(&offer);
    assert_eq!(buttons.len(), 1, "one button: {offer:#}");
    let text = offer["text"].as_str().unwrap();
    assert!(
        text.contains("750.00 บาท") && text.contains("นางสาวสมใจ รักเรียน"),
        "says what it would record: {text}"
    );
    (offer["message_id"].as_i64().unwrap(), buttons[0].clone())
}

/// The notices shown on pressed buttons (answerCallbackQuery texts).
fn button_notices(app: &TestApp) -> Vec<String> {
    app.tg
        .calls_of("answerCallbackQuery")
        .iter()
        .filter_map(|call| call.params["text"].as_str().map(str::to_owned))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forwarded_donation_line_is_recorded_anew_once_by_whoever_presses() {
    let mut app = spawn_app().await;
    let author = user(&Person::staff2());
    let forwarder = Person::staff();
    app.tg
        .push_forwarded_text(&staff_chat(), &user(&forwarder), &author, LINE);
    let (message_id, data) = offer_in_staff_group(&app, 0).await;
    assert!(
        donations(&app).is_empty(),
        "nothing recorded by the forward"
    );

    // Two presses at the same moment, by the forwarder and a colleague.
    let colleague = Person::staff2();
    let presses = vec![
        callback(&app, &forwarder, message_id, &data),
        callback(&app, &colleague, message_id, &data),
    ];
    app.tg.push_updates(presses);
    app.wait_for_text(STAFF_GROUP, "เลขที่").await;
    app.tg
        .wait_for("both presses answered", WAIT, |_| {
            app.tg.count_of("answerCallbackQuery") >= 2
        })
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        donations(&app),
        vec![(75_000, "นางสาวสมใจ รักเรียน".to_string(), forwarder.id)],
        "recorded once, as the first presser's"
    );
    assert!(
        button_notices(&app).iter().any(|n| n.contains("บันทึกไปแล้ว")),
        "the second press is told on its button: {:?}",
        button_notices(&app)
    );
    assert_eq!(
        app.tg.count_sent_containing(STAFF_GROUP, "ข้อเสนอหมดอายุ"),
        0,
        "and nobody else is"
    );
    app.stop().await;
}

/// `forwarder` forwards a colleague's donation line into the staff group.
fn forward_to_staff_group(app: &TestApp, forwarder: &Person) {
    app.tg.push_forwarded_text(
        &staff_chat(),
        &user(forwarder),
        &user(&Person::staff2()),
        LINE,
    );
}

/// A press on a spent or expired offer: told so on its button, and nothing posted.
async fn stale_press_tells_only_the_presser(
    app: &TestApp,
    who: &Person,
    message_id: i64,
    data: &str,
) {
    let sent_before = app.tg.sent_texts(STAFF_GROUP).len();
    let notices_before = button_notices(app).len();
    press(app, &staff_chat(), who, message_id, data);
    app.tg
        .wait_for("the stale press answered", WAIT, |_| {
            button_notices(app)[notices_before..]
                .iter()
                .any(|n| n.contains("บันทึกไปแล้ว") && n.contains("หมดอายุ"))
        })
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        app.tg.sent_texts(STAFF_GROUP).len(),
        sent_before,
        "nothing posted for the stale press"
    );
}

/// The offer is kept in the store: a press after a restart records the line, once, and a
/// second press after another restart is told on its button only.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_pressed_after_a_restart_records_it_once() {
    let mut app = spawn_app().await;
    let forwarder = Person::staff();
    forward_to_staff_group(&app, &forwarder);
    let (message_id, data) = offer_in_staff_group(&app, 0).await;
    app.restart().await;
    press(&app, &staff_chat(), &forwarder, message_id, &data);
    app.wait_for_text(STAFF_GROUP, "เลขที่").await;
    assert_eq!(
        donations(&app),
        vec![(75_000, "นางสาวสมใจ รักเรียน".to_string(), forwarder.id)],
        "recorded after the restart, as the presser's"
    );

    app.restart().await;
    stale_press_tells_only_the_presser(&app, &Person::staff2(), message_id, &data).await;
    assert_eq!(donations(&app).len(), 1, "recorded once");
    app.stop().await;
}

/// An offer lasts a day: a press later records nothing, tells only the presser, and the
/// expired offer is pruned from the store when the next one is made.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_offer_pressed_after_a_day_answers_only_the_presser_and_is_pruned() {
    let mut app = spawn_app().await;
    let forwarder = Person::staff();
    forward_to_staff_group(&app, &forwarder);
    let (message_id, data) = offer_in_staff_group(&app, 0).await;
    app.clock.advance(chrono::Duration::hours(25));
    stale_press_tells_only_the_presser(&app, &forwarder, message_id, &data).await;
    assert!(donations(&app).is_empty());

    forward_to_staff_group(&app, &forwarder);
    offer_in_staff_group(&app, 1).await;
    app.stop().await;
    let conn = rusqlite::Connection::open(app.dir.path().join("bot.sqlite3")).unwrap();
    let offers: i64 = conn
        .query_row("SELECT count(*) FROM forwarded_offers", [], |r| r.get(0))
        .unwrap();
    assert_eq!(offers, 1, "the expired offer is gone, the new one kept");
}

/// Someone who may not record donations gets no offer for a forwarded line, only the note
/// that forwarded messages are not acted on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_of_the_public_forwarding_a_donation_line_gets_no_offer() {
    let mut app = spawn_app().await;
    let parent = Person::public();
    app.tg.push_forwarded_text(
        &private_chat(&parent),
        &user(&parent),
        &user(&Person::staff()),
        LINE,
    );
    let answer = app.wait_for_text(parent.id, "ข้อความที่ส่งต่อ").await;
    assert!(!answer.contains("บันทึกเป็นรายการใหม่"), "{answer}");
    let message = messages_with(&app, parent.id, "ข้อความที่ส่งต่อ").remove(0);
    assert!(button_data(&message).is_empty(), "{message:#}");
    app.stop().await;
}

/// A press on the offer's button as an update to push with others.
fn callback(app: &TestApp, who: &Person, message_id: i64, data: &str) -> Value {
    app.tg
        .callback_update(&staff_chat(), &user(who), message_id, data)
}

/// In a private chat a member of staff (their role looked up with Telegram) gets the offer
/// too; their press records the donation as theirs and the spent button goes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_of_staff_forwarding_in_private_records_it_with_one_press() {
    let mut app = spawn_app().await;
    let staff = Person::staff();
    let chat = private_chat(&staff);
    app.tg
        .push_forwarded_text(&chat, &user(&staff), &user(&Person::staff2()), LINE);
    app.wait_for_text(staff.id, "บันทึกเป็นรายการใหม่").await;
    let offer = messages_with(&app, staff.id, "ข้อความที่ส่งต่อ").remove(0);
    let id = offer["message_id"].as_i64().unwrap();
    press(&app, &chat, &staff, id, &button_data(&offer)[0]);
    app.wait_for_text(staff.id, "เลขที่").await;
    crate::cards_e2e::wait_for_message(&app, staff.id, id, "the spent button to go", |m| {
        m.get("reply_markup").is_none()
    })
    .await;
    assert_eq!(
        donations(&app),
        vec![(75_000, "นางสาวสมใจ รักเรียน".to_string(), staff.id)]
    );
    app.stop().await;
}
