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

pub(crate) fn donation_count(h: &Harness) -> i64 {
    rusqlite::Connection::open(h.db_path())
        .unwrap()
        .query_row("SELECT count(*) FROM donations", [], |r| r.get(0))
        .unwrap()
}

#[tokio::test]
async fn an_overlong_donor_name_is_refused_with_the_limit_stated() {
    let h = Harness::new().await;
    let long_name = "ก".repeat(5000);
    let reply = h
        .reply(
            &Person::staff(),
            Place::Staff,
            &format!("บริจาค 500 จาก {long_name} เพื่อ สำนักงาน"),
        )
        .await;
    assert!(reply.text.contains("ชื่อผู้บริจาคยาวเกินไป"), "{}", reply.text);
    assert!(reply.text.contains("5000 ตัวอักษร"), "{}", reply.text);
    assert!(reply.text.contains("ไม่เกิน 150 ตัวอักษร"), "{}", reply.text);
    assert_eq!(donation_count(&h), 0);
}

#[tokio::test]
async fn emoji_the_certificate_font_cannot_draw_are_refused_and_the_question_stays_open() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let refused = h
        .reply(&staff, Place::Staff, "บริจาค 500 จาก ร้าน😀ดี เพื่อ สำนักงาน")
        .await;
    assert!(
        refused.text.contains("พิมพ์ลงใบอนุโมทนาบัตรไม่ได้"),
        "{}",
        refused.text
    );
    assert!(refused.text.contains('😀'), "{}", refused.text);
    assert_eq!(donation_count(&h), 0);

    // The same rule holds for an answer in the guided dialogue.
    let asked = h.reply(&staff, Place::Staff, "บริจาค 500 เพื่อ สำนักงาน").await;
    assert!(asked.text.contains("ชื่อ"), "{}", asked.text);
    let refused = h.reply(&staff, Place::Staff, "🙏🙏🙏").await;
    assert!(
        refused.text.contains("พิมพ์ลงใบอนุโมทนาบัตรไม่ได้"),
        "{}",
        refused.text
    );
    let check = h.reply(&staff, Place::Staff, "ร้านดี").await;
    assert!(
        check.text.contains("ร้านดี"),
        "the shorter answer is taken: {}",
        check.text
    );
    h.press(&staff, Place::Staff, &check.button("บันทึกและออกหลักฐาน"))
        .await;
    assert_eq!(donation_count(&h), 1);
    let void = h
        .reply(&staff, Place::Staff, "ยกเลิกบริจาค 1/2569 ซ้ำ🙈")
        .await;
    assert!(void.text.contains("พิมพ์ลงใบอนุโมทนาบัตรไม่ได้"), "{}", void.text);
}

#[tokio::test]
async fn names_added_to_the_lists_and_scholarship_recipients_meet_the_same_limits() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let school = h
        .reply(
            &staff,
            Place::Staff,
            &format!("โรงเรียน เพิ่ม {}", "ข".repeat(400)),
        )
        .await;
    assert!(school.text.contains("ชื่อโรงเรียนยาวเกินไป"), "{}", school.text);
    let network = h.reply(&staff, Place::Staff, "เครือข่าย เพิ่ม ดาว⭐️").await;
    assert!(
        network.text.contains("พิมพ์ลงใบอนุโมทนาบัตรไม่ได้"),
        "{}",
        network.text
    );
    h.reply(&staff, Place::Staff, "บริจาค 5,000 จาก นายเอ เพื่อ ทุนการศึกษา")
        .await;
    let allocation = h
        .reply(&staff, Place::Staff, "จัดสรรทุน 1,000 ให้ ด.ญ.🌸 ")
        .await;
    assert!(allocation.text.contains("ชื่อผู้รับทุน"), "{}", allocation.text);
}

pub(crate) fn file_of(sent: &Sent) -> (String, Vec<u8>) {
    match &sent.attachment {
        Some(khetbot::core::Attachment::File { name, bytes, .. }) => (name.clone(), bytes.clone()),
        other => panic!("no file attached: {other:?}"),
    }
}

#[tokio::test]
async fn importing_the_xlsx_and_csv_exports_of_the_same_register_counts_nothing_twice() {
    let h = Harness::new().await;
    let staff = Person::staff();
    for line in [
        "บริจาค 1,000 จาก นายเอ เพื่อ ทุนการศึกษา",
        "บริจาค 2,500 จาก นางบี เพื่อ สำนักงาน",
        "บริจาคสิ่งของ โต๊ะ จำนวน 2 ตัว มูลค่า 3,000 จาก ร้านซี เพื่อ สำนักงาน",
    ] {
        h.reply(&staff, Place::Staff, line).await;
    }
    let (xlsx_name, xlsx) = file_of(&h.reply(&staff, Place::Staff, "ส่งออกทะเบียน ปีงบ 2569").await);
    let (csv_name, csv) = file_of(&h.reply(&staff, Place::Staff, "/export csv").await);

    let first = h
        .send_document(&staff, Place::Staff, &xlsx_name, xlsx, "นำเข้าทะเบียน")
        .await;
    let reply = first.last().unwrap();
    assert!(
        reply.text.contains("นำเข้าทะเบียนแล้ว 0 รายการ"),
        "{}",
        reply.text
    );
    assert!(
        reply.text.contains("แถว 2: ซ้ำกับเลขที่ 1/2569"),
        "{}",
        reply.text
    );
    assert_eq!(donation_count(&h), 3);
    let second = h
        .send_document(&staff, Place::Staff, &csv_name, csv, "นำเข้าทะเบียน")
        .await;
    let reply = second.last().unwrap();
    assert!(reply.text.contains("ไม่ได้บันทึก 3 แถว"), "{}", reply.text);
    assert_eq!(donation_count(&h), 3, "nothing counted twice");

    // Staff may still say that one row is a donation of its own; pressing twice records once.
    let button = reply.button("บันทึกแถว 3");
    let stranger = h.press(&Person::public(), Place::Private, &button).await;
    assert!(stranger.iter().all(|s| !s.text.contains("เลขที่ 4/2569")));
    let recorded = h.press(&staff, Place::Staff, &button).await;
    assert!(
        recorded
            .iter()
            .any(|s| s.text.contains("บันทึกแถว 3 แล้วเป็นเลขที่ 4/2569")),
        "{recorded:?}"
    );
    h.press(&staff, Place::Staff, &button).await;
    assert_eq!(donation_count(&h), 4);
    let original: Option<String> = rusqlite::Connection::open(h.db_path())
        .unwrap()
        .query_row(
            "SELECT original_number FROM donations WHERE number = 4",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        original.as_deref(),
        Some("2/2569"),
        "the original number is kept"
    );
}

#[tokio::test]
async fn the_list_of_scholarship_students_is_its_own_sheet_and_an_allocation_is_voided_with_a_reason()
 {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.reply(&staff, Place::Staff, "บริจาค 10,000 จาก นายเอ เพื่อ ทุนการศึกษา")
        .await;
    h.reply(&staff, Place::Staff, "โรงเรียน เพิ่ม บ้านนา").await;
    let allocated = h
        .reply(
            &staff,
            Place::Staff,
            "จัดสรรทุน 2,000 ให้ ด.ญ.มะลิ ใจงาม โรงเรียน บ้านนา หมายเหตุ มติกรรมการ 1/2569",
        )
        .await;
    assert!(allocated.text.contains("รายการที่ 1"), "{}", allocated.text);
    h.reply(&staff, Place::Staff, "จัดสรรทุน 1,500 ให้ ด.ช.มานะ")
        .await;

    let no_reason = h.reply(&staff, Place::Staff, "ยกเลิกทุน 2").await;
    assert!(no_reason.text.contains("เหตุผล"), "{}", no_reason.text);
    let voided = h.reply(&staff, Place::Staff, "ยกเลิกทุน 2 บันทึกซ้ำ").await;
    assert!(
        voided.text.contains("ยกเลิกการจัดสรรทุนรายการที่ 2"),
        "{}",
        voided.text
    );
    assert!(
        voided.text.contains("8,000.00 บาท"),
        "balance restored: {}",
        voided.text
    );
    let again = h.reply(&staff, Place::Staff, "ยกเลิกทุน 2 อีกครั้ง").await;
    assert!(again.text.contains("ยกเลิกไปแล้ว"), "{}", again.text);
    let balance = h.reply(&staff, Place::Staff, "ยอดทุนคงเหลือ").await;
    assert!(balance.text.contains("8,000.00"), "{}", balance.text);
    let elsewhere = h
        .reply(&Person::principal(), Place::Principals, "ยกเลิกทุน 1 ผิด")
        .await;
    assert!(
        !elsewhere.text.contains("ยกเลิกการจัดสรรทุน"),
        "{}",
        elsewhere.text
    );

    let export = h.reply(&staff, Place::Staff, "ส่งออกทะเบียน ปีงบ 2569").await;
    let (name, bytes) = file_of(&export);
    assert!(name.ends_with(".xlsx"));
    let table = sheet_of(&bytes, "ผู้รับทุน 2569");
    assert_eq!(table[0][1], "ผู้รับทุน");
    assert_eq!(table[1][1], "ด.ญ.มะลิ ใจงาม");
    assert!(table[1][2].contains("บ้านนา"), "{:?}", table[1]);
    assert_eq!(table[1][3], "2000");
    assert_eq!(table[1][5], "มติกรรมการ 1/2569");
    assert_eq!(table[2][6], "ยกเลิก");
    assert_eq!(table[2][7], "บันทึกซ้ำ");
    // Through the voided record too, the database keeps both allocations.
    let rows: i64 = rusqlite::Connection::open(h.db_path())
        .unwrap()
        .query_row("SELECT count(*) FROM scholarship_allocations", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rows, 2);
}

/// One sheet of a workbook as cell texts.
fn sheet_of(xlsx: &[u8], sheet: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut workbook = calamine::Xlsx::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let names = workbook.sheet_names();
    assert!(names.iter().any(|n| n == sheet), "{names:?}");
    let range = workbook.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|row| row.iter().map(|cell| cell.to_string()).collect())
        .collect()
}
