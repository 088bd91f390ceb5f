//! Issue 14 items 9, 10, 12 and 13: words officers type, silence, the office's contact
//! details and the PromptPay QR, end to end through the core harness.

use crate::complaints_support::*;
use crate::support::harness::*;

#[tokio::test]
async fn officers_may_type_the_status_labels_the_bot_shows_and_their_short_forms() {
    let h = Harness::new().await;
    let who = filer(601);
    let filed = file(&h, &who, &Filing::information_request()).await;
    let officer = Person::officer();
    let taken = h
        .reply(
            &officer,
            Place::Officers,
            &format!("สถานะ {} รับเรื่องแล้ว", filed.case),
        )
        .await;
    assert!(taken.text.contains("รับเรื่องแล้ว (โดย"), "{}", taken.text);
    let done = h
        .reply(
            &officer,
            Place::Officers,
            &format!("สถานะ {} เสร็จ", filed.case),
        )
        .await;
    assert!(done.text.contains("ดำเนินการเสร็จสิ้น (โดย"), "{}", done.text);

    // The filer of a closed request is pointed to a new request (คำร้อง, in the filer's
    // language), not to a complaint.
    let closed = h
        .reply(
            &who,
            Place::Private,
            &format!("ตอบกลับ {} ขอบคุณค่ะ", filed.case),
        )
        .await;
    assert!(closed.text.contains("ปิดแล้ว"), "{}", closed.text);
    assert!(closed.text.contains("คำร้อง"), "{}", closed.text);
    assert!(!closed.text.contains("ร้องเรียน"), "{}", closed.text);
    assert!(!closed.text.contains("/complain"), "{}", closed.text);
    // Tracking it says the same instead of inviting information it would refuse.
    let tracked = h
        .send(&who, Place::Private, &format!("/track {}", filed.case))
        .await;
    let footer = &tracked.last().expect("an answer").text;
    assert!(footer.contains("คำร้อง"), "{footer}");
    assert!(!footer.contains("ตอบกลับ รหัสติดตาม"), "{footer}");
}

/// Every command that takes a number, in every place its users are, with a word or a number
/// that does not exist: each answers in that chat.
#[tokio::test]
async fn every_command_taking_a_number_answers_a_wrong_number_in_every_place() {
    let h = Harness::new().await;
    let commands = [
        "เสร็จ",
        "เลื่อน",
        "ลบกำหนดการ",
        "แจ้งล่วงหน้า",
        "กำหนดการ",
        "เริ่มงาน",
        "ตอบ",
        "สถานะ",
        "มอบหมาย",
        "ดูเรื่อง",
        "แก้คำตอบ",
        "ลบคำถาม",
        "กู้คืนคำถาม",
        "ใบอนุโมทนา",
        "ยกเลิกบริจาค",
        "ประกาศ",
        "ติดตาม",
        "ตอบกลับ",
    ];
    let places = [
        (Person::staff(), Place::Staff, STAFF_GROUP),
        (Person::principal(), Place::Principals, PRINCIPALS_GROUP),
        (Person::officer(), Place::Officers, OFFICERS_GROUP),
        (Person::staff(), Place::Private, Person::staff().id),
    ];
    let mut silent = Vec::new();
    for command in commands {
        for (who, place, chat) in &places {
            for wrong in ["abc", "99999999999", "#0"] {
                let line = format!("{command} {wrong}");
                let sent = h.send(who, *place, &line).await;
                if !sent.iter().any(|s| s.chat_id == *chat) {
                    silent.push(format!("{line} in {place:?}"));
                }
            }
        }
    }
    assert!(silent.is_empty(), "no answer to:\n{}", silent.join("\n"));
}

/// An unknown school never answers an empty "ชื่อใกล้เคียง:": every path says what to type,
/// staff are offered `โรงเรียน เพิ่ม <ชื่อ>`, a donor is not given the staff command.
#[tokio::test]
async fn an_unknown_school_says_what_to_type_instead() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let rename = h
        .reply(&staff, Place::Staff, "โรงเรียน แก้ชื่อ ไม่มีจริง เป็น บ้านใหม่")
        .await;
    assert!(!rename.text.contains("ชื่อใกล้เคียง: \n"), "{}", rename.text);
    assert!(
        rename.text.contains("โรงเรียน เพิ่ม ไม่มีจริง"),
        "{}",
        rename.text
    );
    let allocation = h
        .reply(
            &staff,
            Place::Staff,
            "จัดสรรทุน 2,000 บาท ให้ ด.ญ.มะลิ ใจงาม โรงเรียน ห้วยไกลสุดขอบ",
        )
        .await;
    assert!(
        allocation.text.contains("โรงเรียน เพิ่ม ห้วยไกลสุดขอบ"),
        "{}",
        allocation.text
    );
    let asked = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาค 700 จาก นายก เพื่อ โรงเรียน ห้วยไกลสุดขอบ",
        )
        .await;
    // Mid-record, the add command would drop the record: a button adds the name instead.
    assert!(
        asked
            .buttons
            .iter()
            .any(|(label, _)| label.contains("เพิ่ม โรงเรียนห้วยไกลสุดขอบ ในรายชื่อ")),
        "{asked:?}"
    );
}

/// Unset contact details are left out of answers, not printed as "(สอบถามสำนักงาน)", and the
/// admin's /status names the variables to set.
#[tokio::test]
async fn unset_office_details_are_left_out_and_the_admin_is_told() {
    let h = Harness::with_config(|config| {
        config.office.email = String::new();
        config.office.address = String::new();
    })
    .await;
    let answer = h
        .reply(
            &Person::public(),
            Place::Private,
            "ติดต่อสำนักงานเขตได้ทางไหนบ้าง",
        )
        .await;
    assert!(
        answer.text.contains("โทรศัพท์: 074-000000"),
        "{}",
        answer.text
    );
    assert!(!answer.text.contains("สอบถามสำนักงาน"), "{}", answer.text);
    assert!(!answer.text.contains("อีเมล:"), "{}", answer.text);
    assert!(!answer.text.contains("ที่อยู่:"), "{}", answer.text);

    let status = h.reply(&Person::admin(), Place::Private, "/status").await;
    assert!(
        status
            .text
            .contains("ยังไม่ได้ตั้งค่าข้อมูลติดต่อสำนักงาน: KHETBOT_OFFICE_EMAIL, KHETBOT_OFFICE_ADDRESS"),
        "{}",
        status.text
    );
}

fn with_account(config: &mut khetbot::config::Config) {
    config.office.giving = Some(khetbot::config::Giving {
        account_name: "สพป.ทดสอบ เขต 1 (เงินบริจาค)".into(),
        bank: Some(khetbot::config::BankAccount {
            bank_name: "กรุงไทย".into(),
            number: "123-4-56789-0".into(),
        }),
        promptpay: khetbot::documents::promptpay::PromptPayId::parse("0999999999"),
    });
}

/// The text a QR code in a PNG image carries, read back with a QR decoder.
fn decode_qr(png: &[u8]) -> String {
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(png).expect("a PNG image");
    let (width, height) = (pixmap.width() as usize, pixmap.height() as usize);
    let pixels = pixmap.pixels();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| {
        let p = pixels[y * width + x];
        ((u16::from(p.red()) + u16::from(p.green()) + u16::from(p.blue())) / 3) as u8
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("the QR code decodes").1
}

/// Someone who wants to give is shown the office's account and a PromptPay QR that a bank app
/// can read: it decodes to a PromptPay payload for the configured id, with a correct CRC.
#[tokio::test]
async fn a_donor_is_shown_the_account_and_a_promptpay_qr_that_decodes() {
    let h = Harness::with_config(with_account).await;
    let sent = h.send(&Person::public(), Place::Private, "บริจาค").await;
    let giving = sent
        .iter()
        .find(|s| s.attachment.is_some())
        .unwrap_or_else(|| panic!("no QR image: {sent:?}"));
    assert!(
        giving
            .text
            .contains("ธนาคาร: กรุงไทย เลขที่บัญชี: 123-4-56789-0"),
        "{}",
        giving.text
    );
    assert!(
        giving.text.contains("ชื่อบัญชี: สพป.ทดสอบ เขต 1 (เงินบริจาค)"),
        "{}",
        giving.text
    );
    assert!(
        giving.text.contains("พร้อมเพย์: 099-999-9999"),
        "{}",
        giving.text
    );
    let Some(khetbot::core::Attachment::File { mime, bytes, .. }) = &giving.attachment else {
        panic!("a generated file: {:?}", giving.attachment);
    };
    assert_eq!(mime, "image/png");
    let payload = decode_qr(bytes);
    assert!(payload.starts_with("000201010211"), "{payload}");
    assert!(
        payload.contains("29370016A000000677010111011300669999999995802TH5303764"),
        "{payload}"
    );
    let (body, crc) = payload.split_at(payload.len() - 4);
    assert!(body.ends_with("6304"), "{payload}");
    assert_eq!(
        crc,
        format!(
            "{:04X}",
            khetbot::documents::promptpay::crc16_ccitt(body.as_bytes())
        )
    );
    // The report dialogue still follows.
    assert!(
        sent.iter().any(|s| s.text.contains("ขอบคุณที่ร่วมบริจาค")),
        "{sent:?}"
    );

    // Someone else (not in the report dialogue) asks the Q&A.
    let asker = Person::new(42, "ผู้ใหญ่ ใจดี", &[]);
    let answer = h
        .reply(&asker, Place::Private, "บริจาคเงินให้สำนักงานเขตได้อย่างไร")
        .await;
    assert!(
        answer.text.contains("เลขที่บัญชี: 123-4-56789-0"),
        "{}",
        answer.text
    );
}

/// Without an account configured nothing is shown and nothing is made up.
#[tokio::test]
async fn without_an_account_nothing_about_one_is_shown() {
    let h = Harness::new().await;
    let sent = h.send(&Person::public(), Place::Private, "บริจาค").await;
    assert!(sent.iter().all(|s| s.attachment.is_none()), "{sent:?}");
    assert!(sent.iter().all(|s| !s.text.contains("บัญชี")), "{sent:?}");
    let answer = h
        .reply(
            &Person::public(),
            Place::Private,
            "บริจาคเงินให้สำนักงานเขตได้อย่างไร",
        )
        .await;
    assert!(!answer.text.contains("บัญชี"), "{}", answer.text);
    assert!(
        !answer.text.contains("{donation_account}"),
        "{}",
        answer.text
    );
    assert!(!answer.text.contains("สอบถามสำนักงาน"), "{}", answer.text);
}
