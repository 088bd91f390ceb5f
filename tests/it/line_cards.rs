//! Cards on LINE (issue 18): the proof of donation and the officers' case card arrive as a
//! Flex bubble within LINE's limits, their buttons postbacks with the core's button data, and
//! pressing one works as on Telegram.

use unicode_segmentation::UnicodeSegmentation;

use crate::support::fake_line::{Delivered, group_id, group_source, user_id};
use crate::support::line_app::*;

/// The newest Flex message sent to `chat`, waiting for one that reads `needle`.
async fn flex_card(app: &LineApp, chat: &str, needle: &str) -> Delivered {
    let card = app.line.wait_for_text(chat, needle).await;
    assert_eq!(card.message["type"], "flex", "{}", card.message);
    card
}

/// A Flex message as LINE takes it (messaging-api.yml FlexMessage, FlexBubble, FlexButton,
/// PostbackAction).
fn assert_valid_flex(card: &Delivered) {
    let message = &card.message;
    let alt_text = message["altText"].as_str().expect("altText");
    assert!(!alt_text.trim().is_empty() && alt_text.chars().count() <= 400);
    let bubble = &message["contents"];
    assert_eq!(bubble["type"], "bubble");
    for part in ["header", "body", "footer"] {
        assert_eq!(bubble[part]["type"], "box", "{part}: {bubble}");
        assert!(bubble[part]["layout"].is_string(), "{part}");
    }
    let buttons = bubble["footer"]["contents"].as_array().unwrap();
    assert!(!buttons.is_empty() && buttons.len() <= 13);
    for button in buttons {
        assert_eq!(button["type"], "button");
        let action = &button["action"];
        assert_eq!(action["type"], "postback", "{action}");
        // LINE counts an action's label in grapheme clusters (developers.line.biz,
        // text-character-count): Thai vowels and tone marks join their letter.
        let label = action["label"].as_str().unwrap();
        assert!(label.graphemes(true).count() <= 20, "{label}");
        assert!(action["data"].as_str().unwrap().len() <= 300);
    }
    assert!(message.to_string().len() <= 30_000);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_proof_of_donation_is_a_flex_card_whose_button_gives_the_certificate() {
    let app = spawn_line_app().await;
    app.register_staff_group().await;
    app.in_staff_group(&staff(), "บริจาค 1,500 บาท จาก นางสาวใจ บุญมาก เพื่อ ทุนการศึกษา")
        .await;
    let proof = flex_card(&app, &staff_group(), "เลขที่ 1/2569").await;
    assert_valid_flex(&proof);
    assert!(proof.text().contains("นางสาวใจ บุญมาก"), "{}", proof.text());
    let header = &proof.message["contents"]["header"]["contents"][0]["text"];
    assert_eq!(header, "หลักฐานการรับบริจาค");
    let (label, data) = proof.postbacks().into_iter().next().unwrap();
    assert!(label.starts_with("ใบอนุโมทนาบัตร"), "{label}");
    assert_eq!(data, "donations:cert:1:o");

    let before = app.line.delivered_to(&staff_group()).len();
    app.send(&[app
        .line
        .postback(group_source(&staff_group(), &staff()), &data)])
        .await;
    app.image_url(&staff_group()).await;
    let pdf = app.line.wait_for_text(&staff_group(), ".pdf").await;
    assert!(
        app.line.delivered_to(&staff_group()).len() > before,
        "the certificate came"
    );
    assert!(pdf.text().contains("/files/"), "{}", pdf.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_officers_case_card_is_a_flex_card_with_its_actions_as_postbacks() {
    let app = spawn_line_app().await;
    let officers = group_id(2);
    app.register_officers_group(&officers).await;
    let filer = user_id(0x7001);
    app.line.set_name(&filer, "ผู้แจ้ง ทดสอบ");
    app.line
        .set_content("9301", b"\xff\xd8\xff\xe0 jpeg".to_vec());
    app.file_tipoff(&filer, "มีการเรียกเก็บเงินค่าเทอมเกินกำหนด", "9301")
        .await;
    let card = flex_card(&app, &officers, "มีการเรียกเก็บเงินค่าเทอมเกินกำหนด").await;
    assert_valid_flex(&card);
    let postbacks = card.postbacks();
    // A new case: every action but closing it (a card offers only what the status allows).
    assert_eq!(postbacks.len(), 3, "{postbacks:?}");
    assert!(
        postbacks
            .iter()
            .all(|(_, data)| data.starts_with("complaints:")),
        "{postbacks:?}"
    );

    // An officer presses "acknowledge" on the card: the case moves on, as on Telegram.
    let ack = &postbacks
        .iter()
        .find(|(_, data)| data.starts_with("complaints:ack:"))
        .unwrap()
        .1;
    app.line
        .add_member(&officers, &user_id(4), "เจ้าหน้าที่ รับเรื่อง");
    app.send(&[app.line.postback(group_source(&officers, &user_id(4)), ack)])
        .await;
    app.line.wait_for_text(&officers, "รับเรื่องแล้ว").await;
}

/// A card changed by a typed command reaches the LINE group that shows it (issue 15's rule on
/// LINE): LINE cannot edit a sent message, so the card comes again with the new state.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_case_card_changed_by_a_typed_command_is_sent_again_to_the_line_group() {
    let app = spawn_line_app().await;
    let officers = group_id(2);
    app.register_officers_group(&officers).await;
    let filer = user_id(0x7002);
    app.line.set_name(&filer, "ผู้แจ้ง สอง");
    app.line
        .set_content("9302", b"\xff\xd8\xff\xe0 jpeg".to_vec());
    app.file_tipoff(&filer, "ครูไม่มาสอนทั้งสัปดาห์", "9302").await;
    flex_card(&app, &officers, "ครูไม่มาสอนทั้งสัปดาห์").await;
    let cards = |app: &LineApp| {
        app.line
            .delivered_to(&officers)
            .into_iter()
            .filter(|d| d.message["type"] == "flex" && d.text().contains("ครูไม่มาสอน"))
            .count()
    };
    assert_eq!(cards(&app), 1);

    app.line.add_member(&officers, &user_id(5), "เจ้าหน้าที่ พิมพ์");
    let typed = app.line.text(
        group_source(&officers, &user_id(5)),
        "สถานะ ร-2569-0001 กำลังดำเนินการ",
    );
    app.send(&[typed]).await;
    let again = app.line.wait_for_text(&officers, "กำลังดำเนินการ").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while cards(&app) < 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "the card was not sent again"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let newest = app
        .line
        .delivered_to(&officers)
        .into_iter()
        .rfind(|d| d.message["type"] == "flex" && d.text().contains("ครูไม่มาสอน"))
        .unwrap();
    assert!(newest.text().contains("กำลังดำเนินการ"), "{}", again.text());
    assert_eq!(cards(&app), 2, "one copy per chat, sent once");
}
