//! Importing into the register (issue 14 item 2): the same row twice in one file is held like
//! a row that matches a record already there, and the export shows the receipt numbers the
//! imported rows carried in a column of their own.

use crate::donation_documents::{donation_count, file_of};
use crate::support::harness::*;

/// The export as CSV rows, header first.
fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes)
        .unwrap()
        .trim_start_matches('\u{FEFF}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_same_row_twice_in_one_file_is_held_and_original_numbers_are_exported() {
    let h = Harness::new().await;
    let staff = Person::staff();
    h.reply(&staff, Place::Staff, "บริจาค 500 จาก นายพิมพ์ เอง เพื่อ สำนักงาน")
        .await;
    let file = "เลขที่,วันที่รับ,ผู้บริจาค,จำนวนเงิน (บาท),วัตถุประสงค์\r\n\
                ใบเสร็จ 7/2568,2026-05-02,นายสอง ซ้ำ,1000,สำนักงาน\r\n\
                ใบเสร็จ 7/2568,2026-05-02,นายสอง ซ้ำ,1000,สำนักงาน\r\n\
                ใบเสร็จ 8/2568,2026-05-03,นางสาม ไม่ซ้ำ,2000,ทุนการศึกษา\r\n";
    let sent = h
        .send_document(
            &staff,
            Place::Staff,
            "old-register.csv",
            file.as_bytes().to_vec(),
            "นำเข้าทะเบียน",
        )
        .await;
    let reply = sent.last().unwrap();
    assert!(
        reply.text.contains("นำเข้าทะเบียนแล้ว 2 รายการ"),
        "{}",
        reply.text
    );
    assert!(
        reply.text.contains("แถว 3: ซ้ำกับเลขที่ 2/2569"),
        "the second copy of row 2 is held: {}",
        reply.text
    );
    assert_eq!(donation_count(&h), 3, "typed one, imported two");

    let export = h
        .reply(&staff, Place::Staff, "ส่งออกทะเบียน ปีงบ 2569 csv")
        .await;
    let rows = csv_rows(&file_of(&export).1);
    let column = rows[0]
        .iter()
        .position(|header| header == "เลขที่เดิม (นำเข้า)")
        .unwrap_or_else(|| panic!("no column of original numbers: {:?}", rows[0]));
    let originals: Vec<(&str, &str)> = rows[1..]
        .iter()
        .map(|row| (row[0].as_str(), row[column].as_str()))
        .collect();
    assert_eq!(
        originals,
        [
            ("1/2569", ""),
            ("2/2569", "ใบเสร็จ 7/2568"),
            ("3/2569", "ใบเสร็จ 8/2568")
        ]
    );
}
