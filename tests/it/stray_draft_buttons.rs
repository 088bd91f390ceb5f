//! A button of a draft that is not the one open (an older message's, or another
//! capability's) pressed while a dialogue waits: it is refused, and the open dialogue stays
//! as it was and takes the next answer.

use crate::complaints_support::*;
use crate::support::harness::*;

const COMPLAINT_DRAFT_GONE: &str = "ไม่พบเรื่องที่กำลังกรอก";

#[tokio::test]
async fn a_complaint_draft_button_leaves_an_open_donation_draft_in_place() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let asked = h.send(&staff, Place::Private, "บริจาค").await;
    let asked = texts_to(&asked, staff.id).join("\n");
    assert!(asked.contains("จำนวนเงินเท่าไร"), "{asked}");

    let stray = h
        .press(&staff, Place::Private, "complaints:cat:information")
        .await;
    let stray = texts_to(&stray, staff.id).join("\n");
    assert!(stray.contains(COMPLAINT_DRAFT_GONE), "{stray}");

    let next = h.send(&staff, Place::Private, "500").await;
    let next = texts_to(&next, staff.id).join("\n");
    assert!(next.contains("วัตถุประสงค์"), "the donation goes on: {next}");
}

#[tokio::test]
async fn a_donation_draft_button_leaves_an_open_complaint_draft_in_place() {
    let h = Harness::new().await;
    let filer = filer(7_470_001);
    h.send(&filer, Place::Private, "/request").await;

    let stray = h.press(&filer, Place::Private, "donations:d:cancel").await;
    assert!(texts_to(&stray, filer.id).is_empty(), "{stray:?}");

    let next = h
        .press(&filer, Place::Private, "complaints:cat:information")
        .await;
    let next = texts_to(&next, filer.id).join("\n");
    assert!(
        !next.is_empty() && !next.contains(COMPLAINT_DRAFT_GONE),
        "the complaint goes on: {next}"
    );
}
