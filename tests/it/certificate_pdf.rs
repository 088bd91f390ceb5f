//! The certificate as a print-ready A4 PDF (issue 14 item 7): beside the PNG for one record,
//! and for every record of a period in one PDF, with text a reader can select.

use crate::support::harness::*;

/// The PDF attached to one of the messages, with its file name.
fn pdf_of(sent: &[Sent]) -> (String, Vec<u8>) {
    sent.iter()
        .find_map(|s| match &s.attachment {
            Some(khetbot::core::Attachment::File { name, mime, bytes })
                if mime == "application/pdf" =>
            {
                Some((name.clone(), bytes.clone()))
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no PDF in {sent:?}"))
}

/// Each page of a PDF: its MediaBox and the text a reader would select on it, without spaces
/// so that a break the reader puts between glyph runs does not matter.
fn pdf_pages(pdf: &[u8]) -> Vec<([f32; 4], String)> {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let document = lopdf::Document::load_mem(pdf).expect("a readable PDF");
    document
        .get_pages()
        .into_values()
        .map(|page_id| {
            let page = document.get_dictionary(page_id).unwrap();
            let media_box: Vec<f32> = page
                .get(b"MediaBox")
                .and_then(|b| b.as_array())
                .expect("a MediaBox on the page")
                .iter()
                .map(|n| n.as_float().unwrap())
                .collect();
            let text: String = selectable_text(&document, page_id)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (media_box.try_into().unwrap(), text)
        })
        .collect()
}

/// The text of a page as a reader copies it: each glyph through its font's ToUnicode map,
/// except where a marked-content span gives the `ActualText` of its glyphs (shaped Thai: a
/// vowel drawn as two glyphs, a glyph shared by two characters), which a reader copies
/// instead, as Acrobat and Chrome do. A glyph that is not the first of its cluster maps to no
/// character (the first carries the cluster's text), so it copies as nothing.
fn selectable_text(document: &lopdf::Document, page_id: lopdf::ObjectId) -> String {
    use lopdf::Object;
    let encodings: std::collections::HashMap<Vec<u8>, lopdf::Encoding> = document
        .get_page_fonts(page_id)
        .unwrap()
        .into_iter()
        .map(|(name, font)| (name, font.get_font_encoding(document).unwrap()))
        .collect();
    let content = lopdf::content::Content::decode(&document.get_page_content(page_id)).unwrap();
    let mut text = String::new();
    let mut encoding = None;
    // Per open marked-content sequence: whether its ActualText stands for its glyphs.
    let mut spans: Vec<bool> = Vec::new();
    for operation in &content.operations {
        match operation.operator.as_str() {
            "Tf" => {
                encoding = operation.operands[0]
                    .as_name()
                    .ok()
                    .and_then(|name| encodings.get(name));
            }
            "BDC" => {
                let actual = operation
                    .operands
                    .get(1)
                    .and_then(|properties| properties.as_dict().ok())
                    .and_then(|properties| properties.get(b"ActualText").ok())
                    .map(|actual| lopdf::decode_text_string(actual).unwrap());
                text.extend(actual.as_deref());
                spans.push(actual.is_some());
            }
            "BMC" => spans.push(false),
            "EMC" => {
                spans.pop();
            }
            "Tj" | "TJ" if !spans.contains(&true) => {
                let encoding = encoding.expect("a font is set before text");
                let strings = operation.operands.iter().flat_map(|operand| match operand {
                    Object::Array(parts) => parts.clone(),
                    other => vec![other.clone()],
                });
                for string in strings {
                    if let Object::String(bytes, _) = string {
                        let decoded = lopdf::Document::decode_text(encoding, &bytes).unwrap();
                        text.extend(
                            decoded
                                .chars()
                                .filter(|c| *c != char::REPLACEMENT_CHARACTER),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    text
}

/// ISO A4 in points, either way round, as PDF readers and printers take it.
fn assert_a4(media_box: [f32; 4]) {
    let [x0, y0, x1, y1] = media_box;
    let (short, long) = ((x1 - x0).min(y1 - y0), (x1 - x0).max(y1 - y0));
    assert!(
        x0 == 0.0 && y0 == 0.0 && (short - 595.28).abs() < 0.5 && (long - 841.89).abs() < 0.5,
        "not A4: {media_box:?}"
    );
}

#[tokio::test]
async fn the_certificate_comes_as_an_a4_pdf_with_selectable_thai_text_beside_the_png() {
    let h = Harness::new().await;
    let staff = Person::staff();
    let proof = h
        .reply(
            &staff,
            Place::Staff,
            "บริจาค 1,250.50 จาก นางน้ำทิพย์ ป่าไม้ เพื่อ ทุนการศึกษา",
        )
        .await;
    let sent = h
        .press(&staff, Place::Staff, &proof.button("ใบอนุโมทนาบัตร"))
        .await;
    assert!(
        sent.iter().any(|s| matches!(
            &s.attachment,
            Some(khetbot::core::Attachment::File { mime, .. }) if mime == "image/png"
        )),
        "the PNG is still sent: {sent:?}"
    );
    let (name, pdf) = pdf_of(&sent);
    assert_eq!(name, "anumodana-1-2569.pdf");
    let pages = pdf_pages(&pdf);
    assert_eq!(pages.len(), 1);
    let (media_box, text) = &pages[0];
    assert_a4(*media_box);
    // The text is selected as it is drawn: ำ as its two marks (`drawn_thai`).
    for expected in [
        "นางน้ำทิพย์ป่าไม้",
        "หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์",
        "ใบอนุโมทนาบัตร",
        "เลขที่1/2569",
        "สำนักงานเขตพื้นที่การศึกษา",
    ] {
        let drawn = khetbot::documents::render::drawn_thai(expected);
        assert!(text.contains(&drawn), "{drawn:?} not in {text:?}");
    }
}

#[tokio::test]
async fn a_period_s_certificates_come_in_one_pdf_one_page_each_for_staff_only() {
    let h = Harness::new().await;
    let staff = Person::staff();
    for line in [
        "บริจาค 500 จาก นายเอก ใจดี เพื่อ สำนักงาน",
        "บริจาค 2,000 จาก ร้านสมใจ เพื่อ ทุนการศึกษา",
        "บริจาค 300 จาก นายซ้ำ ซ้อน เพื่อ สำนักงาน",
    ] {
        h.reply(&staff, Place::Staff, line).await;
    }
    h.reply(&staff, Place::Staff, "ยกเลิกบริจาค 3/2569 บันทึกซ้ำ")
        .await;
    h.clock.set(bangkok(2026, 7, 2, 10, 0));
    h.reply(
        &staff,
        Place::Staff,
        "บริจาค 700 จาก นางกรกฎ ฝนตก เพื่อ สำนักงาน",
    )
    .await;

    for asked in [
        "ใบอนุโมทนา ทั้งหมด มิ.ย.",
        "ใบอนุโมทนา ทั้งหมด มิถุนายน 2569",
        "/receipt ทั้งหมด มิ.ย. 2569",
    ] {
        let reply = h.reply(&staff, Place::Staff, asked).await;
        assert!(reply.text.contains("2 ใบ"), "{asked}: {}", reply.text);
        let (_, pdf) = pdf_of(std::slice::from_ref(&reply));
        let pages = pdf_pages(&pdf);
        assert_eq!(pages.len(), 2, "{asked}: one page per valid record");
        for (media_box, _) in &pages {
            assert_a4(*media_box);
        }
        assert!(pages[0].1.contains("นายเอกใจดี"), "{:?}", pages[0].1);
        assert!(pages[0].1.contains("ห้าร้อยบาทถ้วน"), "{:?}", pages[0].1);
        assert!(pages[1].1.contains("ร้านสมใจ"), "{:?}", pages[1].1);
        assert!(
            pages
                .iter()
                .all(|(_, text)| !text.contains(&khetbot::documents::render::drawn_thai("นายซ้ำ"))),
            "a voided record has no certificate to hand out"
        );
    }

    let year = h
        .reply(&staff, Place::Staff, "ใบอนุโมทนา ทั้งหมด ปีงบ 2569")
        .await;
    let (_, pdf) = pdf_of(std::slice::from_ref(&year));
    assert_eq!(pdf_pages(&pdf).len(), 3);

    let empty = h
        .reply(&staff, Place::Staff, "ใบอนุโมทนา ทั้งหมด มี.ค. 2569")
        .await;
    assert!(empty.attachment.is_none());
    assert!(
        empty.text.contains("ไม่มีรายการบริจาคที่ใช้ได้ในมีนาคม 2569"),
        "{}",
        empty.text
    );

    let unsaid = h.reply(&staff, Place::Staff, "ใบอนุโมทนา ทั้งหมด").await;
    assert!(
        unsaid.text.contains("ใบอนุโมทนา ทั้งหมด ธ.ค."),
        "{}",
        unsaid.text
    );

    for (who, place) in [
        (Person::public(), Place::Private),
        (Person::principal(), Place::Private),
    ] {
        let sent = h.send(&who, place, "ใบอนุโมทนา ทั้งหมด มิ.ย.").await;
        assert!(!sent.is_empty(), "every input gets an answer");
        assert!(sent.iter().all(|s| s.attachment.is_none()), "{sent:?}");
    }
}

#[tokio::test]
async fn a_period_with_more_certificates_than_one_file_holds_asks_for_a_shorter_one() {
    let h = Harness::new().await;
    let staff = Person::staff();
    for n in 1..=201 {
        h.reply(
            &staff,
            Place::Staff,
            &format!("บริจาค {n} จาก นาย{n} เพื่อ สำนักงาน"),
        )
        .await;
    }
    let reply = h.reply(&staff, Place::Staff, "ใบอนุโมทนา ทั้งหมด มิ.ย.").await;
    assert!(reply.attachment.is_none());
    assert!(reply.text.contains("201 ใบ"), "{}", reply.text);
    assert!(reply.text.contains("(200 ใบ)"), "{}", reply.text);
    assert!(reply.text.contains("ไตรมาส 1"), "{}", reply.text);
}
