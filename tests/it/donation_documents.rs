//! Documents an office would sign (issue 14): the certificate names what was given, free text
//! is limited and drawable, imports do not count a donation twice.

use crate::support::harness::*;

fn certificate_of(h_sent: &[Sent]) -> &Sent {
    h_sent
        .iter()
        .find(|s| s.attachment.is_some())
        .expect("a certificate file")
}

#[tokio::test]
async fn a_goods_certificate_names_the_goods_quantity_and_stated_value() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let proof = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาคสิ่งของ โต๊ะนักเรียน จำนวน 20 ตัว มูลค่า 30,000 จาก ร้านสมใจ เพื่อ สำนักงาน",
        )
        .await;
    let sent = h
        .press(&staff, Place::Staff, &proof.button("ใบอนุโมทนาบัตร"))
        .await;
    let caption = &certificate_of(&sent).text;
    assert!(
        caption.contains("ที่ได้ร่วมบริจาคสิ่งของ โต๊ะนักเรียน จำนวน 20 ตัว"),
        "{caption}"
    );
    assert!(caption.contains("มูลค่าตามที่แจ้ง 30,000.00 บาท"), "{caption}");
    assert!(!caption.contains("จำนวนเงิน"), "{caption}");
    assert!(!caption.contains("บริจาคเงิน"), "{caption}");

    let money = h
        .reply(&staff, Place::Staff, "บริจาค 500 จาก นายเอ เพื่อ สำนักงาน")
        .await;
    let sent = h
        .press(&staff, Place::Staff, &money.button("ใบอนุโมทนาบัตร"))
        .await;
    let caption = &certificate_of(&sent).text;
    assert!(caption.contains("ที่ได้ร่วมบริจาคเงินสนับสนุน"), "{caption}");
    assert!(caption.contains("จำนวนเงิน 500.00 บาท"), "{caption}");
}
