//! End to end over the fake Telegram Bot API: a donor reports a transfer with a slip photo in
//! a private chat, staff confirm it from the card in the staff group, and the donor receives
//! the numbered proof of donation.

use crate::support::app::*;
use crate::support::harness::*;

/// The callback data of the newest button labelled `label` the bot sent to `chat_id`.
fn button_data(app: &TestApp, chat_id: i64, label: &str) -> String {
    app.tg
        .calls()
        .iter()
        .rev()
        .filter(|call| call.chat_id() == Some(chat_id))
        .filter_map(|call| {
            call.params
                .get("reply_markup")?
                .get("inline_keyboard")
                .cloned()
        })
        .flat_map(|rows| rows.as_array().cloned().unwrap_or_default())
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .find(|button| button["text"].as_str().is_some_and(|t| t.contains(label)))
        .and_then(|button| button["callback_data"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no button {label:?} sent to {chat_id}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_donor_reports_a_transfer_with_a_slip_and_receives_the_numbered_proof() {
    let mut app = spawn_app().await;
    let donor = Person::public();
    let chat = private_chat(&donor);
    let from = user(&donor);
    let press = |label: &str| {
        let data = button_data(&app, donor.id, label);
        app.tg.push_callback(&chat, &from, 1, &data);
    };

    app.tg.push_text(&chat, &from, "แจ้งบริจาค");
    app.wait_for_text(donor.id, "เงินหรือสิ่งของ").await;
    press("เงิน");
    app.wait_for_text(donor.id, "จำนวนเงินเท่าไร").await;
    app.tg.push_text(&chat, &from, "2,500");
    app.wait_for_text(donor.id, "วัตถุประสงค์").await;
    press("ทุนการศึกษา");
    app.wait_for_text(donor.id, "แสดงชื่อผู้บริจาค").await;
    app.tg.push_text(&chat, &from, "ครอบครัวใจดี");
    app.wait_for_text(donor.id, "เครือข่ายโรงเรียนใด").await;
    press("ไม่ระบุ");
    app.wait_for_text(donor.id, "วิธีใด").await;
    press("โอนเงิน");
    app.wait_for_text(donor.id, "สลิป").await;
    app.tg.push_photo(&chat, &from, "slip-photo-1", None);
    app.wait_for_text(donor.id, "กรุณาตรวจสอบข้อมูล").await;
    press("ส่งให้เจ้าหน้าที่");
    app.wait_for_text(donor.id, "รหัสรายการ").await;

    let card = app.wait_for_text(STAFF_GROUP, "แจ้งบริจาคจากผู้บริจาค").await;
    assert!(card.contains("2,500.00 บาท"), "{card}");
    assert!(
        !card.contains(&donor.id.to_string()),
        "the donor's chat is never shown"
    );
    let photo = app
        .tg
        .calls_of("sendPhoto")
        .into_iter()
        .find(|call| call.chat_id() == Some(STAFF_GROUP))
        .expect("the slip is in the staff group");
    assert_eq!(photo.params["photo"], "slip-photo-1", "re-sent by file id");
    assert!(
        app.tg.calls_of("forwardMessage").is_empty(),
        "never forwarded"
    );

    let confirm = button_data(&app, STAFF_GROUP, "ยืนยันรับ");
    app.tg
        .push_callback(&staff_chat(), &user(&Person::staff()), 1, &confirm);
    app.wait_for_text(STAFF_GROUP, "บันทึกเป็นเลขที่ <b>1/2569</b>")
        .await;
    let proof = app.wait_for_text(donor.id, "เลขที่ <b>1/2569</b>").await;
    assert!(proof.contains("ยืนยันรับการบริจาคของท่านแล้ว"), "{proof}");
    assert!(proof.contains("(สองพันห้าร้อยบาทถ้วน)"), "{proof}");
    assert!(proof.contains("ขอขอบพระคุณ ครอบครัวใจดี"), "{proof}");
    app.stop().await;
}

/// Seed 003's thirteen lines, typed in the staff group through Telegram (the fake Bot API and
/// the real dispatcher): the register totals 1,058,250 baht, not the 1,112,250 the document
/// claims.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seed_003_through_the_bot_totals_1_058_250_and_catches_the_claimed_total() {
    let lines = [
        ("100,000", "ดร.อนงค์ เชาวนะกิจ ผู้อำนวยการ สพป.พัทลุง เขต 2"),
        ("60,500", "บุคลากรในสำนักงาน"),
        ("28,000", "บริษัท ห้างร้าน"),
        ("150,000", "เครือข่ายตะโหมด"),
        ("31,500", "เครือข่ายทุ่งธงทอง"),
        ("49,500", "เครือข่ายบูรพาป่าบอน"),
        ("69,690", "เครือข่ายสองเกาะ"),
        ("75,710", "เครือข่ายรังสีตรีมิตร"),
        ("81,930", "เครือข่ายพันธปัญญา"),
        ("54,000", "เครือข่ายควนขนุนหานโพธิ์"),
        ("64,500", "เครือข่ายมิตรภาพเขาชัยสน"),
        ("177,920", "เครือข่ายไพรวัลย์/คีรีรัตน์"),
        ("115,000", "โรงเรียน 12 โรงเรียน"),
    ];
    // Thirteen receipts in one group: Telegram's per-chat limit is not what is tested here.
    let mut app = spawn_app_with(|c| c.throttle = false).await;
    let staff = user(&Person::staff());
    for (index, (amount, donor)) in lines.iter().enumerate() {
        let text = format!("บริจาค {amount} บาท จาก {donor} เพื่อ สำนักงาน");
        app.tg.push_text(&staff_chat(), &staff, &text);
        app.wait_for_text(STAFF_GROUP, &format!("{}/2569", index + 1))
            .await;
    }
    app.tg.push_text(&staff_chat(), &staff, "ยอดบริจาค ปีงบ 2569");
    let report = khetbot::i18n::html_to_plain(&app.wait_for_text(STAFF_GROUP, "รวมทั้งสิ้น").await);
    assert!(report.contains("1,058,250.00 บาท"), "{report}");
    assert!(
        report.contains("หนึ่งล้านห้าหมื่นแปดพันสองร้อยห้าสิบบาทถ้วน"),
        "{report}"
    );
    app.tg.push_text(&staff_chat(), &staff, "ตรวจยอด 1112250");
    let check = khetbot::i18n::html_to_plain(&app.wait_for_text(STAFF_GROUP, "ต่างกัน").await);
    assert!(check.contains("ต่างกัน 54,000.00 บาท"), "{check}");
    app.stop().await;
}
