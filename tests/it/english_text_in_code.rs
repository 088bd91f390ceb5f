//! Text a person reads comes from the locales in their language, not from Thai written in
//! the code: an English-speaking staff member's import problems.

use crate::support::harness::*;

#[tokio::test]
async fn import_problems_are_told_in_the_language_chosen() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.reply(&staff, Place::Private, "/lang en").await;
    let file = "เลขที่,วันที่รับ,ผู้บริจาค,จำนวนเงิน (บาท),วัตถุประสงค์\r\n\
                1/2568,2099-05-02,นายหนึ่ง,1000,สำนักงาน\r\n\
                2/2568,เมื่อวาน,,abc,ซื้อขนม\r\n\
                3/2568,2026-05-03,นางสาม,2000,โรงเรียนที่ไม่มีจริง\r\n";
    let sent = h
        .send_document(
            &staff,
            Place::Private,
            "old-register.csv",
            file.as_bytes().to_vec(),
            "นำเข้าทะเบียน",
        )
        .await;
    let reply = sent.last().unwrap();
    for expected in [
        "Row 2:",
        "Row 3:",
        "Row 4:",
        "in the future",
        "no donor",
        "purpose",
    ] {
        assert!(
            reply.text.contains(expected),
            "missing {expected:?}: {}",
            reply.text
        );
    }
    for thai in ["แถว", "อยู่ในอนาคต", "ไม่มีชื่อผู้บริจาค", "วัตถุประสงค์ \"", "ไม่พบ"]
    {
        assert!(
            !reply.text.contains(thai),
            "Thai {thai:?} in: {}",
            reply.text
        );
    }
}
