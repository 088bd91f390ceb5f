//! One-line donation records as people try them in the staff group: the amount glued to the
//! words (`บริจาค1000จากนายส้มเพื่อทุนการศึกษา`, `บริจาค 1,000บาทจากนายส้ม`) and the donor
//! named by a title or an organisation word with no จาก before it (`บริจาค 5,000 บาท นายสมชาย
//! ใจดี ทุนการศึกษา`, `บริจาค 5000 บริษัท ก้าวหน้า จำกัด เพื่อทุนการศึกษา`) were refused as an
//! amount that could not be read. They are read; what the reading had to settle (a donor
//! without จาก, a purpose without เพื่อ, where a name glued to the next word ends) is shown to
//! check before it is numbered, and a line that cannot be told is refused naming the form.

use crate::donation_documents::donation_count;
use crate::support::harness::*;
use rusqlite::Connection;

/// The record numbered `number` this fiscal year: donor, kind, amount in satang, purpose.
fn recorded(h: &Harness, number: i64) -> (String, String, i64, String) {
    Connection::open(h.db_path())
        .unwrap()
        .query_row(
            "SELECT donor_name, donor_kind, amount, purpose FROM donations
             WHERE fiscal_year = 2569 AND number = ?1",
            [number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap()
}

/// The last message of `sent` that says `words`.
fn the_one_saying(sent: &[Sent], words: &str) -> Sent {
    sent.iter()
        .rev()
        .find(|s| s.text.contains(words))
        .cloned()
        .unwrap_or_else(|| panic!("nothing says {words:?}: {sent:?}"))
}

/// `line` is shown whole to check, nothing numbered; the press records it: its proof.
async fn checked_then_recorded(h: &Harness, line: &str, shown: &[&str]) -> Sent {
    let staff = Person::staff();
    let before = donation_count(h);
    let check = h.reply(&staff, Place::Staff, line).await;
    assert!(
        check.text.contains("ตรวจสอบก่อนบันทึก"),
        "{line}: {}",
        check.text
    );
    for words in shown {
        assert!(
            check.text.contains(words),
            "{line}: no {words:?} in {}",
            check.text
        );
    }
    assert_eq!(
        donation_count(h),
        before,
        "{line}: shown to check, not recorded"
    );
    let done = h
        .press(&staff, Place::Staff, &check.button("บันทึกและออกหลักฐาน"))
        .await;
    assert_eq!(
        donation_count(h),
        before + 1,
        "{line}: recorded at the press"
    );
    the_one_saying(&done, "เลขที่")
}

#[tokio::test]
async fn an_amount_glued_to_the_words_is_read() {
    let h = Harness::new().await;
    let staff = Person::staff();
    // Cut where the amount ends: nothing to settle, so the purpose's buttons finish it.
    let asked = h
        .reply(&staff, Place::Staff, "บริจาค 1,000บาทจากนายส้ม")
        .await;
    assert!(asked.text.contains("วัตถุประสงค์"), "{}", asked.text);
    let done = h
        .press(&staff, Place::Staff, &asked.button("ทุนการศึกษา"))
        .await;
    let proof = the_one_saying(&done, "เลขที่ 1/2569");
    assert!(
        proof.text.contains("ได้รับจาก: นายส้ม") && proof.text.contains("1,000.00 บาท"),
        "{}",
        proof.text
    );
    assert_eq!(
        recorded(&h, 1),
        (
            "นายส้ม".into(),
            "person".into(),
            100_000,
            "scholarship".into()
        )
    );

    // Glued all through: where the name ends before เพื่อ is read, and shown to check.
    let proof = checked_then_recorded(
        &h,
        "บริจาค1000จากนายแดงเพื่อทุนการศึกษา",
        &["จำนวนเงิน: 1,000.00 บาท", "ได้รับจาก: นายแดง\n", "ทุนการศึกษา"],
    )
    .await;
    assert!(proof.text.contains("เลขที่ 2/2569"), "{}", proof.text);
    assert_eq!(
        recorded(&h, 2),
        (
            "นายแดง".into(),
            "person".into(),
            100_000,
            "scholarship".into()
        )
    );
    let proof = checked_then_recorded(
        &h,
        "บริจาค 2,500บาทจากร้านสมใจเพื่อสำนักงาน",
        &["2,500.00 บาท", "ได้รับจาก: ร้านสมใจ\n", "พัฒนาสำนักงาน"],
    )
    .await;
    assert!(proof.text.contains("เลขที่ 3/2569"), "{}", proof.text);
    assert_eq!(recorded(&h, 3).1, "company");
}

#[tokio::test]
async fn a_donor_named_by_a_title_or_an_organisation_without_จาก_is_read_and_checked() {
    let h = Harness::new().await;
    for (number, line, donor, kind, satang, purpose) in [
        (
            1,
            "บริจาค 5,000 บาท นายสมชาย ใจดี ทุนการศึกษา",
            "นายสมชาย ใจดี",
            "person",
            500_000,
            "scholarship",
        ),
        (
            2,
            "บริจาค 5000 บริษัท ก้าวหน้า จำกัด เพื่อทุนการศึกษา",
            "บริษัท ก้าวหน้า จำกัด",
            "company",
            500_000,
            "scholarship",
        ),
        (
            3,
            "บริจาค 3พัน น.ส.มาลี ดีงาม เพื่อ สำนักงาน",
            "น.ส.มาลี ดีงาม",
            "person",
            300_000,
            "office",
        ),
        (
            4,
            "บริจาค 1,500บาทด.ญ.ใจ ดีมาก เพื่อ ทุนการศึกษา",
            "ด.ญ.ใจ ดีมาก",
            "person",
            150_000,
            "scholarship",
        ),
        (
            5,
            "บริจาค 60,500 บุคลากรในสำนักงาน เพื่อ พัฒนาสำนักงาน",
            "บุคลากรในสำนักงาน",
            "staff",
            6_050_000,
            "office",
        ),
        // With its purpose said, a school at the start is the school that gave.
        (
            6,
            "บริจาค 12,000 โรงเรียนบ้านนา เพื่อ ทุนการศึกษา",
            "โรงเรียนบ้านนา",
            "school",
            1_200_000,
            "scholarship",
        ),
        (
            7,
            "บริจาค 800 คุณป้าสมร ทุนการศึกษาค่ะ",
            "คุณป้าสมร",
            "person",
            80_000,
            "scholarship",
        ),
        // How the money came, before the amount, is not part of it.
        (
            8,
            "บริจาค โอน 2,000 บาท จาก นางสมศรี มีสุข เพื่อทุนการศึกษา",
            "นางสมศรี มีสุข",
            "person",
            200_000,
            "scholarship",
        ),
    ] {
        let shown = format!("ได้รับจาก: {donor}\n");
        let proof = checked_then_recorded(&h, line, &[shown.as_str()]).await;
        assert!(
            proof.text.contains(&format!("เลขที่ {number}/2569")),
            "{line}: {}",
            proof.text
        );
        assert_eq!(
            recorded(&h, number),
            (donor.into(), kind.into(), satang, purpose.into()),
            "{line}"
        );
    }
    // No name at all is as plainly a donor; it was refused as words that could be either.
    let line = "บริจาค 1,000 บาท ไม่ประสงค์ออกนาม เพื่อทุนการศึกษา";
    let proof = checked_then_recorded(&h, line, &["ได้รับจาก: ผู้ไม่ประสงค์ออกนาม\n"]).await;
    assert!(proof.text.contains("เลขที่ 9/2569"), "{}", proof.text);
    let (_, _, satang, purpose) = recorded(&h, 9);
    assert_eq!((satang, purpose.as_str()), (100_000, "scholarship"));
}

/// Goods had the same gaps: the value glued to จาก, the donor after the value without it, the
/// donor glued to the goods.
#[tokio::test]
async fn goods_lines_read_the_same_way() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let proof = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาคสิ่งของ พัดลม 5 เครื่อง มูลค่า 7,500บาทจากนายก ใจดี เพื่อ สำนักงาน",
        )
        .await;
    assert!(
        proof.text.contains("เลขที่ 1/2569") && proof.text.contains("ได้รับจาก: นายก ใจดี\n"),
        "{}",
        proof.text
    );
    checked_then_recorded(
        &h,
        "บริจาคสิ่งของ โต๊ะนักเรียน 20 ตัว มูลค่า 30,000 บาท ร้านสมใจ เพื่อ สำนักงาน",
        &["โต๊ะนักเรียน 20 ตัว มูลค่า 30,000.00", "ได้รับจาก: ร้านสมใจ\n"],
    )
    .await;
    checked_then_recorded(
        &h,
        "บริจาคสิ่งของ เก้าอี้ 10 ตัวจากนางสาวมาลี ดีงาม มูลค่า 5,000 เพื่อ ทุนการศึกษา",
        &["เก้าอี้ 10 ตัว มูลค่า 5,000.00", "ได้รับจาก: นางสาวมาลี ดีงาม\n"],
    )
    .await;
    assert_eq!(recorded(&h, 3).0, "นางสาวมาลี ดีงาม");
}

/// Words after the amount that are neither a title nor an organisation's word: a name, or the
/// purpose? A school with no purpose said: the one that gave, or the one supported? Refused,
/// naming the form, and nothing recorded.
#[tokio::test]
async fn a_line_that_cannot_be_told_is_refused_naming_the_form() {
    let h = Harness::new().await;
    let staff = Person::staff();
    for line in [
        "บริจาค 5000 สมชาย ใจดี ทุนการศึกษา",
        "บริจาค 1000 โรงเรียนบ้านนา",
        "บริจาค 1000 ทุนการศึกษา นายส้ม",
        "บริจาคสิ่งของ โต๊ะ 2 ตัว มูลค่า 3,000 สมชาย ใจดี",
    ] {
        let refused = h.reply(&staff, Place::Staff, line).await;
        assert!(
            refused.text.contains("จาก หน้าชื่อผู้บริจาค")
                && refused.text.contains("เพื่อ หน้าวัตถุประสงค์")
                && refused.text.contains("ตัวอย่าง: บริจาค"),
            "{line}: {}",
            refused.text
        );
        assert!(refused.buttons.is_empty(), "{line}: {:?}", refused.buttons);
    }
    assert_eq!(donation_count(&h), 0);
    // The purpose alone after the amount is the purpose; the donor is asked.
    let asked = h.reply(&staff, Place::Staff, "บริจาค 1000 ทุนการศึกษา").await;
    assert!(asked.text.contains("ผู้บริจาคคือใคร"), "{}", asked.text);
    let check = h.reply(&staff, Place::Staff, "นายเขียว").await;
    assert!(
        check.text.contains("ตรวจสอบก่อนบันทึก") && check.text.contains("ทุนการศึกษา"),
        "{}",
        check.text
    );
}

/// Other commands stay themselves, and a line read without its words is not numbered among
/// pasted lines.
#[tokio::test]
async fn other_commands_and_pasted_lines_are_not_read_as_such_records() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let goods = h.send(&staff, Place::Staff, "บริจาคสิ่งของ").await;
    the_one_saying(&goods, "สิ่งของที่บริจาคคืออะไร");
    h.reply(&staff, Place::Staff, "ยกเลิก").await;
    let totals = h.reply(&staff, Place::Staff, "ยอดบริจาค มิ.ย.").await;
    assert!(!totals.text.contains("ตรวจสอบก่อนบันทึก"), "{}", totals.text);
    let pasted = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาค 100 บาท จาก นายก เพื่อ สำนักงาน\nบริจาค 200 บาท นายข ใจดี เพื่อ สำนักงาน",
        )
        .await;
    assert!(
        pasted.text.contains("บรรทัดที่ 2") && pasted.text.contains("จาก …"),
        "{}",
        pasted.text
    );
    let pasted = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาค 100 บาท จาก นายก เพื่อ สำนักงาน\nบริจาค 300 บาทจากนายค เพื่อ สำนักงาน",
        )
        .await;
    assert!(pasted.text.contains("บันทึก 2 รายการ"), "{}", pasted.text);
    assert_eq!(donation_count(&h), 2);
    // A line of another command under a record is no part of it (it went into the purpose,
    // "ทุนการศึกษา ยอดบริจาค มิ.ย.", and the record was numbered); a wrapped part still is.
    for (message, line) in [
        (
            "บริจาค 400 บาท จาก นายจ เพื่อ ทุนการศึกษา
ยอดบริจาค มิ.ย.",
            2,
        ),
        (
            "บริจาค 400 บาท นายฉ เพื่อ ทุนการศึกษา
รอยืนยัน",
            2,
        ),
        (
            "บริจาค 400 บาท จาก นายช เพื่อ ทุนการศึกษา
บริจาค 500 บาท จาก นายซ
เพื่อ สำนักงาน
ใบอนุโมทนา 1/2569",
            4,
        ),
    ] {
        let refused = h.reply(&staff, Place::Staff, message).await;
        assert!(
            refused.text.contains(&format!("บรรทัดที่ {line} เป็นคำสั่ง")),
            "{message}: {}",
            refused.text
        );
        assert_eq!(donation_count(&h), 2, "{message}");
    }
    let wrapped = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาค 400 บาท จาก นายฌ เพื่อ
โรงเรียน บ้านนา
เครือข่าย ตะโหมด",
        )
        .await;
    assert!(!wrapped.text.contains("เป็นคำสั่ง"), "{}", wrapped.text);
}

/// A donor's `บริจาค …` / `แจ้งบริจาค …` in a private chat is read by the same reader: what it
/// says is not asked again, and the donor checks it all before it is sent.
#[tokio::test]
async fn a_donor_s_line_in_a_private_chat_is_read_the_same_way() {
    let h = Harness::new().await;
    let donor = Person::public();
    let first = h
        .send(
            &donor,
            Place::Private,
            "แจ้งบริจาค 1,000บาท นางสาวมาลี ดีงาม เพื่อทุนการศึกษาค่ะ",
        )
        .await;
    let asked: Vec<&str> = first.iter().map(|s| s.text.as_str()).collect();
    assert!(
        !asked.iter().any(|t| t.contains("จำนวนเงินเท่าไร")
            || t.contains("แสดงชื่อผู้บริจาค")
            || t.contains("วัตถุประสงค์")),
        "{asked:?}"
    );
    let network = the_one_saying(&first, "เครือข่าย");
    let method = h
        .press(&donor, Place::Private, &network.button("ไม่ระบุ"))
        .await;
    let method = the_one_saying(&method, "วิธีใด");
    h.press(&donor, Place::Private, &method.button("โอนเงิน"))
        .await;
    let confirm = the_one_saying(
        &h.send_photo(&donor, Place::Private, "slip-glued", None)
            .await,
        "ตรวจสอบข้อมูล",
    );
    assert!(
        confirm.text.contains("จำนวนเงิน: 1,000.00 บาท")
            && confirm.text.contains("ได้รับจาก: นางสาวมาลี ดีงาม\n")
            && confirm.text.contains("ทุนการศึกษา"),
        "{}",
        confirm.text
    );

    let other = Person::new(46, "ผู้บริจาคพิมพ์ติดกัน", &[]);
    let first = h
        .send(&other, Place::Private, "บริจาค500จากนายส้มเพื่อทุนการศึกษา")
        .await;
    let asked: Vec<&str> = first.iter().map(|s| s.text.as_str()).collect();
    assert!(
        !asked.iter().any(|t| t.contains("จำนวนเงินเท่าไร")
            || t.contains("แสดงชื่อผู้บริจาค")
            || t.contains("เงินหรือสิ่งของ")),
        "{asked:?}"
    );
}

/// A purpose the register does not know, glued to its เพื่อ ("เพื่อพัฒนาเขต") or said another way
/// ("ให้ทุนเด็กยากจน"), stayed in the donor's name, and once the purpose was pressed the record
/// was numbered at once as "ได้รับจาก: นายบี เพื่อพัฒนาเขต". The purpose is asked with what was
/// typed, the name is the name, and the whole record is shown to check before it is numbered.
#[tokio::test]
async fn a_purpose_the_register_does_not_know_is_asked_and_the_record_checked() {
    let staff = Person::staff();
    for (line, name_shown) in [
        ("บริจาค 1000 จาก นายบี เพื่อพัฒนาเขต", "ได้รับจาก: นายบี\n"),
        (
            "บริจาค 1000 จาก นายซี ให้ค่าอาหารเด็ก",
            "ได้รับจาก: นายซี ให้ค่าอาหารเด็ก\n",
        ),
    ] {
        let h = Harness::new().await;
        let before = donation_count(&h);
        let asked = h.reply(&staff, Place::Staff, line).await;
        let check = h
            .press(&staff, Place::Staff, &asked.button("พัฒนาสำนักงานเขตฯ"))
            .await;
        let check = check.last().expect("a check");
        assert!(
            check.text.contains("ตรวจสอบก่อนบันทึก") && check.text.contains(name_shown),
            "{line}: {}",
            check.text
        );
        assert_eq!(
            donation_count(&h),
            before,
            "{line}: not recorded before the check"
        );
    }
    let h = Harness::new().await;
    let asked = h
        .reply(&staff, Place::Staff, "บริจาค 500 จาก นายดี เพื่อพัฒนาเขต")
        .await;
    assert!(asked.text.contains("\"พัฒนาเขต\""), "{}", asked.text);
    // A purpose the register knows, said with ให้ in place of เพื่อ, is read off the name and
    // the line shown whole to check.
    let h = Harness::new().await;
    let check = h
        .reply(&staff, Place::Staff, "บริจาค 1000 จาก นายซี ให้ทุนเด็กยากจน")
        .await;
    assert!(
        check.text.contains("ตรวจสอบก่อนบันทึก")
            && check.text.contains("ได้รับจาก: นายซี\n")
            && check.text.contains("ทุนการศึกษา"),
        "{}",
        check.text
    );
    assert_eq!(donation_count(&h), 0, "not recorded before the check");
    // The school the goods are for, said with ให้, is the school, not the end of the donor.
    let h = Harness::new().await;
    h.reply(
        &staff,
        Place::Staff,
        "บริจาคสิ่งของ โปรเจคเตอร์ 2 เครื่อง จาก บริษัท เอ จำกัด ให้โรงเรียนบ้านนา",
    )
    .await;
    let school = h.reply(&staff, Place::Staff, "30000").await;
    assert!(
        school.text.contains("โรงเรียนบ้านนา ในรายชื่อโรงเรียน"),
        "the school is looked up: {}",
        school.text
    );
}

/// A figure inside the donor's name ("จาก นายเอ 3000 นายบี", "จาก นายเอ และ นายบี คนละ 1000"):
/// likely two gifts or an amount in the wrong place. The record is shown whole to check before
/// it is numbered; it was numbered at once with that name on its proof.
#[tokio::test]
async fn a_figure_inside_the_donors_name_is_shown_to_check() {
    let staff = Person::staff();
    for line in [
        "บริจาค 2000 จาก นายเอ 3000 นายบี เพื่อทุนการศึกษา",
        "บริจาค 2000 จาก นายเอ และ นายบี คนละ 1000 เพื่อทุนการศึกษา",
    ] {
        let h = Harness::new().await;
        let check = h.reply(&staff, Place::Staff, line).await;
        assert!(
            check.text.contains("ตรวจสอบก่อนบันทึก"),
            "{line}: {}",
            check.text
        );
        assert_eq!(
            donation_count(&h),
            0,
            "{line}: not recorded before the check"
        );
    }
    // A name with no figure is recorded at once, as before.
    let h = Harness::new().await;
    h.reply(
        &staff,
        Place::Staff,
        "บริจาค 2000 จาก นายเอ ใจดี เพื่อทุนการศึกษา",
    )
    .await;
    assert_eq!(donation_count(&h), 1);
}
