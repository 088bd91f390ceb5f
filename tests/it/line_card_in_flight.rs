//! A card whose push to a LINE group is in flight (sent, LINE's answer not yet back) at the
//! very moment the card changes: the copy on its way shows the old state, so once LINE has
//! taken it the card is sent again as it stands (`core::card_posted`, shared with Telegram,
//! where it is an edit), and that once. On the fake LINE platform, holding the push.

use std::time::{Duration, Instant};

use crate::support::fake_line::{Delivered, group_id, group_source, user_id};
use crate::support::line_app::*;

/// The case cards of `case` delivered to `chat`, in order.
fn cards(app: &LineApp, chat: &str, case: &str) -> Vec<Delivered> {
    app.line
        .delivered_to(chat)
        .into_iter()
        .filter(|d| d.message["type"] == "flex" && d.text().contains(case))
        .collect()
}

/// LINE group `n` registered as the officers' group with an officer in it, and a filer's
/// anonymous tip-off telling `account`, up to its confirmation: the group, the officer and
/// the filer.
pub async fn officers_and_a_tipoff(
    app: &LineApp,
    n: u64,
    account: &str,
) -> (String, String, String) {
    let officers = group_id(n);
    app.register_officers_group(&officers).await;
    let officer = user_id(0x6000 + n);
    app.line.add_member(&officers, &officer, "เจ้าหน้าที่ รับเรื่อง");
    let filer = user_id(0x7000 + n);
    app.tipoff_up_to_confirm(&filer, account, None).await;
    (officers, officer, filer)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_card_changed_while_its_push_is_in_flight_ends_up_as_it_stands_once() {
    let mut app = spawn_line_app().await;
    let (officers, officer, filer) =
        officers_and_a_tipoff(&app, 3, "ครูเรียกเก็บเงินค่าสอบย่อยทุกสัปดาห์").await;

    // Filed: the filer is answered by reply, the officers' card is pushed, and LINE holds
    // that push for a while.
    app.line.hold_next_push(Duration::from_secs(3));
    let pushes = app.line.push_calls();
    let confirm = app.line.postback(
        crate::support::fake_line::user_source(&filer),
        "complaints:confirm",
    );
    app.send(&[confirm]).await;
    let deadline = Instant::now() + WAIT;
    while app.line.push_calls() == pushes {
        assert!(Instant::now() < deadline, "the card's push never came");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }

    // While it is in flight an officer moves the case on (answered by reply).
    let typed = app.line.text(
        group_source(&officers, &officer),
        "สถานะ ร-2569-0001 กำลังดำเนินการ",
    );
    app.send(&[typed]).await;
    app.line
        .wait_for_text(&officers, "ร-2569-0001: กำลังดำเนินการ")
        .await;
    assert!(
        cards(&app, &officers, "ร-2569-0001").is_empty(),
        "the change came while the card's push was still in flight"
    );

    // LINE takes the push; the card then comes again as it stands, once.
    let deadline = Instant::now() + WAIT;
    while cards(&app, &officers, "ร-2569-0001").len() < 2 {
        assert!(
            Instant::now() < deadline,
            "the card as it stands never came"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let cards = cards(&app, &officers, "ร-2569-0001");
    assert_eq!(
        cards.len(),
        2,
        "the copy in flight, then the card as it stands"
    );
    assert!(
        !cards[0].text().contains("กำลังดำเนินการ"),
        "{}",
        cards[0].text()
    );
    assert!(
        cards[1].text().contains("กำลังดำเนินการ"),
        "the card as it stands: {}",
        cards[1].text()
    );
    assert_eq!(app.count("SELECT count(*) FROM outbox"), 0);
    assert!(app.line.beyond_limits().is_empty());
    app.stop().await;
}
