//! The register's files through the real core: certificate image, chart with the totals,
//! export (.xlsx and .csv) and import (atomic, refused twice, zip bombs refused).

use std::io::{Cursor, Write};

use crate::donation_documents::{donation_count, file_of};
use crate::support::harness::*;
use khetbot::documents::spreadsheet::read_table;

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

#[tokio::test]
async fn the_proof_offers_the_certificate_image_to_staff_only() {
    let h = Harness::new().await;
    let proof = h
        .reply(
            &Person::staff(),
            Place::Staff,
            "บริจาค 1,250.50 จาก นางน้ำทิพย์ ป่าไม้ เพื่อ ทุนการศึกษา",
        )
        .await;
    let data = proof.button("ใบอนุโมทนาบัตร");
    let sent = h.press(&Person::staff(), Place::Staff, &data).await;
    let image = sent.iter().find(|s| s.attachment.is_some()).unwrap();
    assert!(
        image.text.contains("ใบอนุโมทนาบัตร เลขที่ 1/2569"),
        "{}",
        image.text
    );
    let (name, bytes) = file_of(image);
    assert_eq!(name, "anumodana-1-2569.png");
    assert_eq!(bytes[..8], PNG_SIGNATURE);
    let stranger = h.press(&Person::public(), Place::Private, &data).await;
    assert!(stranger.iter().all(|s| s.attachment.is_none()));
}

#[tokio::test]
async fn the_totals_come_with_a_chart_by_network() {
    let h = Harness::new().await;
    h.reply(
        &Person::staff(),
        Place::Staff,
        "บริจาค 150,000 จาก เครือข่ายตะโหมด เพื่อ สำนักงาน",
    )
    .await;
    h.reply(
        &Person::staff(),
        Place::Staff,
        "บริจาค 31,500 จาก เครือข่ายทุ่งธงทอง เพื่อ สำนักงาน",
    )
    .await;
    let report = h.reply(&Person::staff(), Place::Staff, "ยอดบริจาค").await;
    assert!(
        report.text.contains("รวมทั้งสิ้น 181,500.00 บาท"),
        "{}",
        report.text
    );
    let (name, bytes) = file_of(&report);
    assert!(name.ends_with(".png"));
    assert_eq!(bytes[..8], PNG_SIGNATURE);
}

#[tokio::test]
async fn the_register_exports_as_xlsx_and_csv_with_void_records_marked() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.reply(
        &staff,
        Place::Staff,
        "บริจาค 1,250.50 จาก นายก เพื่อ ทุนการศึกษา เครือข่าย ตะโหมด",
    )
    .await;
    h.reply(
        &staff,
        Place::Staff,
        "บริจาคสิ่งของ โต๊ะ จำนวน 2 ตัว มูลค่า 3,000 จาก ร้านข เพื่อ สำนักงาน",
    )
    .await;
    h.reply(&staff, Place::Staff, "ยกเลิกบริจาค 1/2569 บันทึกผิด")
        .await;
    let export = h.reply(&staff, Place::Staff, "ส่งออกทะเบียน ปีงบ 2569").await;
    let (name, bytes) = file_of(&export);
    assert_eq!(name, "donations-2569.xlsx");
    let table = read_table(&name, &bytes).unwrap();
    assert_eq!(table[0][0], "เลขที่");
    assert_eq!(table[0][1], "วันที่รับ");
    assert_eq!(table.len(), 3);
    assert_eq!(table[1][0], "1/2569");
    assert_eq!(table[1][1], "2026-06-15");
    assert_eq!(table[1][7], "1250.5");
    assert_eq!(table[1][10], "ตะโหมด");
    assert_eq!(table[1][13], "ยกเลิก");
    assert_eq!(table[1][14], "บันทึกผิด");
    assert_eq!(table[2][4], "สิ่งของ");
    assert_eq!(table[2][5], "โต๊ะ");
    assert_eq!(table[2][13], "ใช้ได้");

    let csv = h.reply(&staff, Place::Staff, "/export csv").await;
    let (name, bytes) = file_of(&csv);
    assert_eq!(name, "donations-2569.csv");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'), "UTF-8 with BOM for Excel");
    assert!(text.contains("1/2569,15/06/2569,นายก"), "{text}");
    assert!(text.contains("1250.50"), "{text}");
    let empty = h.reply(&staff, Place::Staff, "ส่งออกทะเบียน ปีงบ 2560").await;
    assert!(empty.text.contains("ยังไม่มีรายการ"), "{}", empty.text);
}

/// `csv` sent by `staff` to the staff group as old.csv, captioned นำเข้าทะเบียน.
async fn import_csv(h: &Harness, staff: &Person, csv: String) -> Vec<Sent> {
    h.send_document(
        staff,
        Place::Staff,
        "old.csv",
        csv.into_bytes(),
        "นำเข้าทะเบียน",
    )
    .await
}

const HEADER: &str = "วันที่รับ,ผู้บริจาค,จำนวนเงิน (บาท),วัตถุประสงค์,เครือข่าย,หมายเหตุ\n";

#[tokio::test]
async fn an_import_with_one_bad_row_imports_nothing_and_lists_the_problems() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let csv = format!(
        "{HEADER}15/05/2569,นายก,1000,ทุนการศึกษา,ตะโหมด,\n\
         16/05/2569,นายข,สองพันกว่า,สำนักงาน,,\n\
         17/05/2569,,500,ทำบุญ,ไพรวัลย์,\n\
         2026-05-18,นายง,700,สำนักงาน,,ยอดเดิม\n"
    );
    let sent = import_csv(&h, &staff, csv).await;
    let reply = &sent[0].text;
    assert!(reply.contains("ยังไม่ได้นำเข้ารายการใดเลย"), "{reply}");
    assert!(reply.contains("พบปัญหา 2 แถว"), "{reply}");
    assert!(reply.contains("แถว 3: จำนวนเงิน \"สองพันกว่า\""), "{reply}");
    assert!(reply.contains("แถว 4: "), "{reply}");
    assert!(reply.contains("ไม่มีชื่อผู้บริจาค"), "{reply}");
    assert!(reply.contains("วัตถุประสงค์ \"ทำบุญ\""), "{reply}");
    assert!(
        reply.contains("ไม่พบ เครือข่ายไพรวัลย์ ในรายชื่อ (ใกล้เคียง: เครือข่ายไพรวัลย์/คีรีรัตน์)"),
        "{reply}"
    );
    assert_eq!(donation_count(&h), 0, "nothing imported");
}

#[tokio::test]
async fn a_good_import_reports_count_and_total_and_the_same_file_is_refused_twice() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.reply(&staff, Place::Staff, "บริจาค 100 จาก นายปัจจุบัน เพื่อ สำนักงาน")
        .await;
    let csv = format!(
        "{HEADER}15/05/2569,นายก,1000,ทุนการศึกษา,ตะโหมด,\n\
         2026-05-18,ไม่ประสงค์ออกนาม,700.50,สำนักงาน,,ยอดเดิม\n"
    )
    .into_bytes();
    let sent = h
        .send_document(&staff, Place::Staff, "old.csv", csv.clone(), "นำเข้าทะเบียน")
        .await;
    assert!(
        sent[0]
            .text
            .contains("นำเข้าทะเบียนแล้ว 2 รายการ รวม 1,700.50 บาท"),
        "{}",
        sent[0].text
    );
    let again = h
        .send_document(&staff, Place::Staff, "renamed.csv", csv, "นำเข้าทะเบียน")
        .await;
    assert!(
        again[0].text.contains("ไฟล์นี้เคยนำเข้าแล้ว"),
        "{}",
        again[0].text
    );
    assert_eq!(donation_count(&h), 3);
    let report = h.reply(&staff, Place::Staff, "ยอดบริจาค พ.ค. 2569").await;
    assert!(
        report.text.contains("รวมทั้งสิ้น 1,700.50 บาท"),
        "{}",
        report.text
    );
    let next = h
        .reply(&staff, Place::Staff, "บริจาค 100 จาก นายถัดไป เพื่อ สำนักงาน")
        .await;
    assert!(next.text.contains("เลขที่ 4/2569"), "{}", next.text);
    let refused = h
        .send_document(
            &Person::principal(),
            Place::Principals,
            "x.csv",
            b"a".to_vec(),
            "นำเข้าทะเบียน",
        )
        .await;
    assert!(refused[0].text.contains("กลุ่มบุคลากร"), "{}", refused[0].text);
}

#[tokio::test]
async fn an_exported_register_imports_back_into_another_office() {
    let source = Harness::new().await;
    let staff = Person::staff();
    source
        .reply(
            &staff,
            Place::Staff,
            "บริจาค 2,000 จาก บริษัท ก จำกัด เพื่อ สำนักงาน",
        )
        .await;
    source
        .reply(&staff, Place::Staff, "บริจาค 9 จาก นายผิด เพื่อ สำนักงาน")
        .await;
    source.reply(&staff, Place::Staff, "ยกเลิกบริจาค 2 ผิด").await;
    let export = source.reply(&staff, Place::Staff, "ส่งออกทะเบียน").await;
    let (name, bytes) = file_of(&export);
    let target = Harness::new().await;
    let sent = target
        .send_document(&staff, Place::Staff, &name, bytes, "นำเข้าทะเบียน")
        .await;
    assert!(
        sent[0]
            .text
            .contains("นำเข้าทะเบียนแล้ว 1 รายการ รวม 2,000.00 บาท"),
        "{}",
        sent[0].text
    );
}

#[tokio::test]
async fn a_zip_bomb_and_other_files_are_refused_without_importing() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    writer.start_file("xl/workbook.xml", options).unwrap();
    writer.write_all(b"<workbook/>").unwrap();
    writer
        .start_file("xl/worksheets/sheet1.xml", options)
        .unwrap();
    writer.write_all(&vec![0u8; 60 * 1024 * 1024]).unwrap();
    let bomb = writer.finish().unwrap().into_inner();
    let sent = h
        .send_document(&staff, Place::Staff, "bomb.xlsx", bomb, "นำเข้าทะเบียน")
        .await;
    assert!(sent[0].text.contains("อาจไม่ปลอดภัย"), "{}", sent[0].text);
    let sent = h
        .send_document(
            &staff,
            Place::Staff,
            "photo.png",
            vec![0x89, b'P', b'N', b'G'],
            "นำเข้าทะเบียน",
        )
        .await;
    assert!(
        sent[0].text.contains(".xlsx หรือไฟล์ .csv"),
        "{}",
        sent[0].text
    );
    let sent = h.send(&staff, Place::Staff, "นำเข้าทะเบียน").await;
    assert!(
        sent[0].text.contains("ส่งไฟล์ .xlsx หรือ .csv"),
        "{}",
        sent[0].text
    );
    assert_eq!(donation_count(&h), 0);
}

/// A phone number where the amount goes ("0812345678") was recorded as 812,345,678 baht: in a
/// one-line record, at the dialogue's amount step, and in an imported register's amount column.
/// It is refused, saying it starts with 0, and nothing is recorded. A file captioned with a
/// command while a step waits is not taken as the step's answer.
#[tokio::test]
async fn a_phone_number_is_never_taken_for_an_amount() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let line = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาค 0812345678 จาก นายทดสอบ เพื่อ ทุนการศึกษา",
        )
        .await;
    assert!(line.text.contains("ขึ้นต้นด้วยเลข 0"), "{}", line.text);
    h.send(&staff, Place::Staff, "บริจาค").await;
    let step = h.reply(&staff, Place::Staff, "0812345678").await;
    assert!(step.text.contains("ขึ้นต้นด้วยเลข 0"), "{}", step.text);
    let csv = format!("{HEADER}15/05/2569,นายก,0812345678,ทุนการศึกษา,,\n");
    // Sent while the amount is still asked, the file's command caption was taken as the
    // amount ("not a number"): now it is neither the answer nor run, and the person is told.
    let sent = import_csv(&h, &staff, csv.clone()).await;
    assert!(
        sent[0].text.contains("ค้างอยู่") && sent[0].text.contains("«นำเข้าทะเบียน»"),
        "{}",
        sent[0].text
    );
    let cancelled = h.reply(&staff, Place::Staff, "ยกเลิก").await;
    assert!(cancelled.text.contains("ยกเลิกขั้นตอน"), "{}", cancelled.text);
    let sent = import_csv(&h, &staff, csv).await;
    assert!(
        sent[0].text.contains("ยังไม่ได้นำเข้ารายการใดเลย") && sent[0].text.contains("ขึ้นต้นด้วยเลข 0"),
        "{}",
        sent[0].text
    );
    assert_eq!(donation_count(&h), 0);
}

/// Voiding is open to a record made this fiscal year whatever year its date falls in, but a
/// row imported from an old register's file is that closed year's account as it was kept:
/// it is not voided (it would change a closed year's totals).
#[tokio::test]
async fn an_imported_row_of_a_closed_year_is_not_voided() {
    use chrono::TimeZone;
    let h = Harness::new().await;
    let staff = Person::staff();
    h.clock
        .set(chrono::Utc.with_ymd_and_hms(2026, 12, 6, 3, 0, 0).unwrap());
    let csv = format!("{HEADER}15/05/2568,นายเก่า,1000,ทุนการศึกษา,,\n");
    let sent = import_csv(&h, &staff, csv).await;
    assert!(
        sent[0].text.contains("นำเข้าทะเบียนแล้ว 1 รายการ"),
        "{}",
        sent[0].text
    );
    let refused = h
        .reply(&staff, Place::Staff, "ยกเลิกบริจาค 1/2568 ทดสอบ")
        .await;
    assert!(refused.text.contains("ซึ่งปิดแล้ว"), "{}", refused.text);
}
