//! A command word on two capabilities' cards (`ขอข้อมูลเพิ่ม`) typed by someone allowed both
//! (staff and a complaints officer) goes to the one whose record the code after it names: a
//! case code `ร-…` to the complaints, a donor report `R…` to the donations.

use crate::support::harness::*;
use khetbot::core::Role;

fn staff_and_officer() -> Person {
    Person::new(4_242, "สมหญิง สองหน้าที่", &[Role::Staff, Role::Officers])
}

#[tokio::test]
async fn a_case_code_reaches_the_complaints_and_a_report_code_the_donations() {
    let h = Harness::new().await;
    let who = staff_and_officer();
    let case = h
        .reply(&who, Place::Private, "ขอข้อมูลเพิ่ม ร-2569-0001 ขอรูปถ่ายเพิ่ม")
        .await;
    let officer = h
        .reply(
            &Person::officer(),
            Place::Private,
            "ขอข้อมูลเพิ่ม ร-2569-0001 ขอรูปถ่ายเพิ่ม",
        )
        .await;
    assert_eq!(case.text, officer.text, "as an officer alone is answered");
    let report = h
        .reply(&who, Place::Private, "ขอข้อมูลเพิ่ม R7 ขอสลิปที่ชัดกว่านี้")
        .await;
    let staff = h
        .reply(
            &Person::staff(),
            Place::Private,
            "ขอข้อมูลเพิ่ม R7 ขอสลิปที่ชัดกว่านี้",
        )
        .await;
    assert_eq!(
        report.text, staff.text,
        "as a staff member alone is answered"
    );
}
