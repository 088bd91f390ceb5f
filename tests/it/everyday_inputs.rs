//! Natural inputs found misbehaving while using the bot as each role, each answered as a
//! person would expect.

use crate::support::harness::*;

#[tokio::test]
async fn a_purpose_typed_as_its_own_button_reads_is_understood() {
    let h = Harness::new().await;
    // The school's purpose: which school is asked next, not which purpose.
    for line in [
        "บริจาค 2,000 บาท จาก บริษัท ก ไก่ จำกัด เพื่อ สนับสนุนโรงเรียน",
        "บริจาค 2,000 บาท จาก บริษัท ก ไก่ จำกัด เพื่อสนับสนุนโรงเรียน",
        "บริจาค 500 จาก นายเอ เพื่อ สนับสนุนสถานศึกษา",
    ] {
        let asked = h.reply(&Person::staff(), Place::Staff, line).await;
        assert!(asked.text.contains("โรงเรียนใด"), "{line}: {}", asked.text);
        h.send(&Person::staff(), Place::Staff, "ยกเลิก").await;
    }
    // With the school named, the school is looked up (this test's list has none).
    let looked_up = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "บริจาค 300 จาก นายบี เพื่อ สนับสนุน โรงเรียนบ้านนา",
        )
        .await;
    assert!(
        looked_up.text.contains("โรงเรียนบ้านนา") && !looked_up.text.contains("วัตถุประสงค์"),
        "{}",
        looked_up.text
    );
}

#[tokio::test]
async fn thanks_in_a_private_chat_get_a_welcome_not_a_faq_entry() {
    let h = Harness::new().await;
    for thanks in [
        "ขอบคุณค่ะ",
        "ขอบคุณมากครับ",
        "ขอบคุณนะคะ",
        "thank you",
        "Thanks!",
    ] {
        let answer = h.reply(&Person::public(), Place::Private, thanks).await;
        assert!(answer.text.contains("ยินดี"), "{thanks}: {}", answer.text);
        assert!(!answer.text.contains("หมวด:"), "{thanks}: {}", answer.text);
    }
    // In a group, thanks are chatter.
    assert!(
        h.send(&Person::staff(), Place::Staff, "ขอบคุณค่ะ")
            .await
            .is_empty()
    );
}
