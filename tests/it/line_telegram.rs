//! Both adapters on one core: a donor reports a transfer with a slip photo in a LINE
//! one-to-one chat; staff confirm it from the card in their Telegram group; the donor receives
//! the numbered proof on LINE.

use crate::support::app::*;
use crate::support::fake_line::{self, FakeLine, user_id, user_source};
use crate::support::harness::*;
use khetbot::config::LineConfig;

/// The postback data of the newest quick reply labelled `label` sent to `chat` on LINE.
fn quick_reply_data(line: &FakeLine, chat: &str, label: &str) -> String {
    line.delivered_to(chat)
        .iter()
        .rev()
        .filter_map(|d| d.message["quickReply"]["items"].as_array().cloned())
        .flatten()
        .find(|item| {
            item["action"]["label"]
                .as_str()
                .is_some_and(|l| l.contains(label))
        })
        .and_then(|item| item["action"]["data"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no quick reply {label:?} sent to {chat}"))
}

/// A donor reports a 2,500-baht transfer for the scholarship fund from their one-to-one LINE
/// chat, with the slip (LINE message `slip`), up to the report's code.
pub async fn report_transfer(line: &FakeLine, webhook: &str, donor: &str, slip: &str) {
    let send = |event: serde_json::Value| async move {
        assert_eq!(line.post(webhook, &[event]).await, 200)
    };
    let press = |label: &str| {
        let data = quick_reply_data(line, donor, label);
        line.postback(user_source(donor), &data)
    };
    send(line.text(user_source(donor), "แจ้งบริจาค")).await;
    line.wait_for_text(donor, "เงินหรือสิ่งของ").await;
    send(press("เงิน")).await;
    line.wait_for_text(donor, "จำนวนเงินเท่าไร").await;
    send(line.text(user_source(donor), "2,500")).await;
    line.wait_for_text(donor, "วัตถุประสงค์").await;
    send(press("ทุนการศึกษา")).await;
    line.wait_for_text(donor, "แสดงชื่อผู้บริจาค").await;
    send(line.text(user_source(donor), "ครอบครัวใจดี")).await;
    line.wait_for_text(donor, "เครือข่ายโรงเรียนใด").await;
    send(press("ไม่ระบุ")).await;
    line.wait_for_text(donor, "วิธีใด").await;
    send(press("โอนเงิน")).await;
    line.wait_for_text(donor, "สลิป").await;
    send(line.image(user_source(donor), slip)).await;
    line.wait_for_text(donor, "กรุณาตรวจสอบข้อมูล").await;
    send(press("ส่งให้เจ้าหน้าที่")).await;
    line.wait_for_text(donor, "รหัสรายการ").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_line_donor_is_confirmed_by_staff_on_telegram_and_gets_the_proof_on_line() {
    let line = FakeLine::start().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let webhook = format!("{base}/line/webhook");
    let mut app = spawn_app_with(|config| {
        config.throttle = false;
        config.public_url = Some(base.clone());
        config.line = Some(LineConfig {
            channel_secret: fake_line::SECRET.into(),
            access_token: fake_line::TOKEN.into(),
            api_url: line.url(),
            data_api_url: line.url(),
            admin_user_ids: vec![user_id(1)],
        });
    })
    .await;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let line_bot = tokio::spawn(khetbot::line::serve(
        app.core.clone(),
        listener,
        async move {
            let _ = stopped.await;
        },
        false,
    ));

    let donor = user_id(0xd0);
    line.set_name(&donor, "ครอบครัว ใจดี");
    line.set_content("7001", b"\xff\xd8\xff slip".to_vec());
    report_transfer(&line, &webhook, &donor, "7001").await;

    // The card and the slip reach the staff's Telegram group; the slip is uploaded from LINE.
    let card = app.wait_for_text(STAFF_GROUP, "แจ้งบริจาคจากผู้บริจาค").await;
    assert!(card.contains("2,500.00 บาท"), "{card}");
    app.tg
        .wait_for("the slip in the staff group", WAIT, |calls| {
            calls.iter().any(|c| {
                c.method.eq_ignore_ascii_case("sendPhoto") && c.chat_id() == Some(STAFF_GROUP)
            })
        })
        .await;

    let confirm = app
        .tg
        .calls()
        .iter()
        .rev()
        .filter(|call| call.chat_id() == Some(STAFF_GROUP))
        .filter_map(|call| {
            call.params
                .get("reply_markup")?
                .get("inline_keyboard")
                .cloned()
        })
        .flat_map(|rows| rows.as_array().cloned().unwrap_or_default())
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|b| b["text"].as_str().is_some_and(|t| t.contains("ยืนยันรับ")))
        .and_then(|b| b["callback_data"].as_str().map(str::to_string))
        .expect("a confirm button on the card");
    app.tg
        .push_callback(&staff_chat(), &user(&Person::staff()), 1, &confirm);
    app.wait_for_text(STAFF_GROUP, "บันทึกเป็นเลขที่ <b>1/2569</b>")
        .await;
    let proof = line.wait_for_text(&donor, "เลขที่ 1/2569").await;
    assert!(
        matches!(proof.via, fake_line::Via::Push { .. }),
        "the confirmation came from Telegram, so it is pushed"
    );
    assert!(
        proof.text().contains("ยืนยันรับการบริจาคของท่านแล้ว"),
        "{}",
        proof.text()
    );
    assert!(!proof.text().contains('<'), "{}", proof.text());

    let _ = stop.send(());
    line_bot.await.unwrap().unwrap();
    app.stop().await;
}
