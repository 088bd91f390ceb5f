//! The donation certificate (ใบอนุโมทนาบัตร) as a PNG image, A5 landscape proportions, and
//! as the pages of a print-ready A4 PDF (the same drawing; landscape, the way the certificate
//! is drawn, so it fills the sheet).
//!
//! Every label arrives already worded by the caller (numbers, dates and amounts formatted the
//! Thai way); this module only lays them out. Long values shrink, then are cut short with "…",
//! so that nothing runs off the page.

use crate::documents::render::{
    A4_LANDSCAPE, Anchor, FittedText, RenderError, TextLine, Weight, fit_text, push_text,
    svg_to_png, svgs_to_pdf, text_width,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateData {
    pub office_name: String,
    /// "ใบอนุโมทนาบัตร".
    pub title: String,
    /// "เลขที่ 12/2569".
    pub number_label: String,
    /// "15 มิถุนายน 2569".
    pub date_label: String,
    pub donor_name: String,
    /// What was given, worded for the gift's kind: "ที่ได้ร่วมบริจาคเงินสนับสนุน", or for goods
    /// "ที่ได้ร่วมบริจาคสิ่งของ โต๊ะนักเรียน จำนวน 20 ตัว สนับสนุน".
    pub gift_line: String,
    pub purpose_label: String,
    /// "จำนวนเงิน 1,250.50 บาท", or for goods "มูลค่าตามที่แจ้ง 30,000.00 บาท".
    pub amount_line: String,
    /// "(หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์)".
    pub amount_words: String,
    /// Who signs: the director as configured, not the staff member who recorded the gift.
    /// Blank leaves a dotted space for a handwritten name.
    pub signer_name: String,
    /// Printed under the signer's name.
    pub signer_title: String,
    /// Shown as a large faint watermark and a corner badge, e.g. "สำเนา". Blank counts as none.
    pub copy_label: Option<String>,
    /// Shown verbatim in a red stamp across the page, e.g. "ยกเลิก: บันทึกซ้ำ". Blank counts
    /// as none.
    pub void_label: Option<String>,
}

/// 1600 × 1130 px: the 1.414 ratio of A5 landscape, sharp enough to print at A5.
pub const CERTIFICATE_WIDTH: u32 = 1600;
pub const CERTIFICATE_HEIGHT: u32 = 1130;

const CENTRE_X: f32 = CERTIFICATE_WIDTH as f32 / 2.0;
/// Widest a centred line may be while staying clear of the border ornaments.
const TEXT_WIDTH: f32 = 1300.0;

const PAPER: &str = "#fdfaf2";
const GOLD: &str = "#9a7b3f";
const NAVY: &str = "#1f3a5f";
const INK: &str = "#2b2b2b";
const SOFT_INK: &str = "#555555";
const STAMP_RED: &str = "#c0262d";

pub fn render_certificate_png(data: &CertificateData) -> Result<Vec<u8>, RenderError> {
    svg_to_png(
        &certificate_svg(data)?,
        CERTIFICATE_WIDTH,
        CERTIFICATE_HEIGHT,
    )
}

/// The certificates as one PDF titled `title`, one A4 page each, in order.
pub fn render_certificates_pdf(
    certificates: &[CertificateData],
    title: &str,
) -> Result<Vec<u8>, RenderError> {
    let pages = certificates
        .iter()
        .map(certificate_svg)
        .collect::<Result<Vec<_>, _>>()?;
    svgs_to_pdf(&pages, A4_LANDSCAPE, title)
}

/// The certificate as SVG, the one drawing behind every output format.
pub fn certificate_svg(data: &CertificateData) -> Result<String, RenderError> {
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{CERTIFICATE_WIDTH}" height="{CERTIFICATE_HEIGHT}" viewBox="0 0 {CERTIFICATE_WIDTH} {CERTIFICATE_HEIGHT}">"#
    );
    push_frame(&mut svg);
    if let Some(copy_label) = non_blank(data.copy_label.as_deref()) {
        // Drawn first so that the certificate text stays on top of the watermark.
        push_copy_watermark(&mut svg, copy_label)?;
    }
    push_body(&mut svg, data)?;
    if let Some(void_label) = non_blank(data.void_label.as_deref()) {
        push_void_stamp(&mut svg, void_label)?;
    }
    svg.push_str("</svg>\n");
    Ok(svg)
}

/// A blank label would draw an empty badge or stamp, so it counts as no label.
fn non_blank(label: Option<&str>) -> Option<&str> {
    label.filter(|text| !text.trim().is_empty())
}

/// Paper, a double gold border, corner diamonds and the rule under the title.
fn push_frame(svg: &mut String) {
    let (width, height) = (CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT);
    svg.push_str(&format!(
        r#"<rect width="{width}" height="{height}" fill="{PAPER}"/>
<rect x="28" y="28" width="{}" height="{}" fill="none" stroke="{GOLD}" stroke-width="7"/>
<rect x="46" y="46" width="{}" height="{}" fill="none" stroke="{GOLD}" stroke-width="2"/>"#,
        width - 56,
        height - 56,
        width - 92,
        height - 92,
    ));
    let corners = [
        (46.0, 46.0),
        (width as f32 - 46.0, 46.0),
        (46.0, height as f32 - 46.0),
        (width as f32 - 46.0, height as f32 - 46.0),
    ];
    for (x, y) in corners {
        push_diamond(svg, x, y, 14.0);
    }
    let rule_y = 312.0;
    svg.push_str(&format!(
        r#"<line x1="{:.1}" y1="{rule_y}" x2="{:.1}" y2="{rule_y}" stroke="{GOLD}" stroke-width="2"/>
<line x1="{:.1}" y1="{rule_y}" x2="{:.1}" y2="{rule_y}" stroke="{GOLD}" stroke-width="2"/>"#,
        CENTRE_X - 260.0,
        CENTRE_X - 24.0,
        CENTRE_X + 24.0,
        CENTRE_X + 260.0,
    ));
    push_diamond(svg, CENTRE_X, rule_y, 10.0);
}

fn push_diamond(svg: &mut String, x: f32, y: f32, radius: f32) {
    svg.push_str(&format!(
        r#"<path d="M{:.1} {y:.1} L{x:.1} {:.1} L{:.1} {y:.1} L{x:.1} {:.1} Z" fill="{GOLD}"/>"#,
        x - radius,
        y - radius,
        x + radius,
        y + radius,
    ));
}

fn push_body(svg: &mut String, data: &CertificateData) -> Result<(), RenderError> {
    let number = fit_text(&data.number_label, 28.0, 20.0, 520.0, Weight::Regular)?;
    push_fitted(
        svg,
        &number,
        CERTIFICATE_WIDTH as f32 - 90.0,
        98.0,
        Weight::Regular,
        Anchor::End,
        SOFT_INK,
    );
    let date_line = format!("ให้ไว้ ณ วันที่ {}", data.date_label);
    // Top to bottom: text, baseline, preferred size, smallest size, weight, colour.
    let centred_lines: [(&str, f32, f32, f32, Weight, &str); 10] = [
        (&data.office_name, 150.0, 44.0, 28.0, Weight::Bold, NAVY),
        (&data.title, 252.0, 92.0, 56.0, Weight::Bold, GOLD),
        ("ขอขอบคุณ", 382.0, 38.0, 38.0, Weight::Regular, INK),
        (&data.donor_name, 468.0, 66.0, 36.0, Weight::Bold, NAVY),
        (&data.gift_line, 535.0, 34.0, 24.0, Weight::Regular, INK),
        (&data.purpose_label, 600.0, 42.0, 28.0, Weight::Bold, INK),
        (&data.amount_line, 690.0, 50.0, 32.0, Weight::Bold, NAVY),
        (&data.amount_words, 750.0, 34.0, 24.0, Weight::Regular, INK),
        (
            "ขอให้ท่านและครอบครัวประสบแต่ความสุขความเจริญตลอดไป",
            830.0,
            32.0,
            32.0,
            Weight::Regular,
            SOFT_INK,
        ),
        (&date_line, 895.0, 32.0, 24.0, Weight::Regular, INK),
    ];
    for (text, baseline, preferred_size, smallest_size, weight, fill) in centred_lines {
        let fitted = fit_text(text, preferred_size, smallest_size, TEXT_WIDTH, weight)?;
        push_fitted(
            svg,
            &fitted,
            CENTRE_X,
            baseline,
            weight,
            Anchor::Middle,
            fill,
        );
    }
    push_signature(svg, &data.signer_name, &data.signer_title)
}

/// Room for a handwritten name when none is configured.
const BLANK_SIGNER: &str = "..............................................";

fn push_signature(
    svg: &mut String,
    signer_name: &str,
    signer_title: &str,
) -> Result<(), RenderError> {
    let centre_x = 1180.0;
    let signature_width = 560.0;
    svg.push_str(&format!(
        r#"<line x1="{:.1}" y1="975" x2="{:.1}" y2="975" stroke="{SOFT_INK}" stroke-width="1.5" stroke-dasharray="3 5"/>"#,
        centre_x - 190.0,
        centre_x + 230.0,
    ));
    push_text(
        svg,
        &TextLine {
            text: "ลงชื่อ",
            x: centre_x - 200.0,
            y: 972.0,
            size: 28.0,
            weight: Weight::Regular,
            anchor: Anchor::End,
            fill: INK,
        },
    );
    let signer_name = match signer_name.trim() {
        "" => BLANK_SIGNER,
        name => name,
    };
    let name = fit_text(
        &format!("({signer_name})"),
        30.0,
        22.0,
        signature_width,
        Weight::Regular,
    )?;
    push_fitted(
        svg,
        &name,
        centre_x + 20.0,
        1016.0,
        Weight::Regular,
        Anchor::Middle,
        INK,
    );
    let title = fit_text(signer_title, 28.0, 18.0, signature_width, Weight::Regular)?;
    push_fitted(
        svg,
        &title,
        centre_x + 20.0,
        1054.0,
        Weight::Regular,
        Anchor::Middle,
        SOFT_INK,
    );
    Ok(())
}

fn push_fitted(
    svg: &mut String,
    fitted: &FittedText,
    x: f32,
    y: f32,
    weight: Weight,
    anchor: Anchor,
    fill: &str,
) {
    push_text(
        svg,
        &TextLine {
            text: &fitted.text,
            x,
            y,
            size: fitted.size,
            weight,
            anchor,
            fill,
        },
    );
}

/// A large faint diagonal word across the page plus a boxed badge in the top-left corner, so
/// a copy is recognisable both at a glance and when cropped.
fn push_copy_watermark(svg: &mut String, copy_label: &str) -> Result<(), RenderError> {
    let centre_y = CERTIFICATE_HEIGHT as f32 / 2.0 + 40.0;
    let watermark = fit_text(copy_label, 300.0, 60.0, 1250.0, Weight::Bold)?;
    svg.push_str(&format!(
        r#"<g transform="rotate(-22 {CENTRE_X} {centre_y})" opacity="0.11">"#
    ));
    push_fitted(
        svg,
        &watermark,
        CENTRE_X,
        centre_y + watermark.size * 0.35,
        Weight::Bold,
        Anchor::Middle,
        NAVY,
    );
    svg.push_str("</g>\n");

    let badge = fit_text(copy_label, 30.0, 18.0, 260.0, Weight::Bold)?;
    let badge_width = text_width(&badge.text, badge.size, Weight::Bold)? + 36.0;
    svg.push_str(&format!(
        r#"<rect x="80" y="74" width="{badge_width:.1}" height="48" rx="6" fill="none" stroke="{NAVY}" stroke-width="2.5"/>"#
    ));
    push_fitted(
        svg,
        &badge,
        80.0 + badge_width / 2.0,
        108.0,
        Weight::Bold,
        Anchor::Middle,
        NAVY,
    );
    Ok(())
}

/// A red rubber-stamp box, slightly rotated, with the void label inside; the translucent
/// white fill keeps it readable over the certificate text it covers.
fn push_void_stamp(svg: &mut String, void_label: &str) -> Result<(), RenderError> {
    let centre_y = 640.0;
    let label = fit_text(void_label, 56.0, 28.0, 1000.0, Weight::Bold)?;
    let label_width = text_width(&label.text, label.size, Weight::Bold)?;
    let box_width = label_width + 80.0;
    let box_height = label.size * 1.5 + 40.0;
    let (left, top) = (CENTRE_X - box_width / 2.0, centre_y - box_height / 2.0);
    svg.push_str(&format!(
        r#"<g transform="rotate(-8 {CENTRE_X} {centre_y})" opacity="0.92">
<rect x="{left:.1}" y="{top:.1}" width="{box_width:.1}" height="{box_height:.1}" rx="14" fill="white" fill-opacity="0.8" stroke="{STAMP_RED}" stroke-width="8"/>
<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="8" fill="none" stroke="{STAMP_RED}" stroke-width="2.5"/>"#,
        left + 12.0,
        top + 12.0,
        box_width - 24.0,
        box_height - 24.0,
    ));
    push_fitted(
        svg,
        &label,
        CENTRE_X,
        centre_y + label.size * 0.35,
        Weight::Bold,
        Anchor::Middle,
        STAMP_RED,
    );
    svg.push_str("</g>\n");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::render::drawn_thai;
    use crate::documents::render::test_support::{keep_for_review, png_dimensions};

    fn sample() -> CertificateData {
        CertificateData {
            office_name: "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต 1".to_owned(),
            title: "ใบอนุโมทนาบัตร".to_owned(),
            number_label: "เลขที่ 12/2569".to_owned(),
            date_label: "15 มิถุนายน 2569".to_owned(),
            donor_name: "นายใจดี มีน้ำใจ (ผู้ใหญ่ใจดี)".to_owned(),
            gift_line: "ที่ได้ร่วมบริจาคเงินสนับสนุน".to_owned(),
            purpose_label: "กองทุนอาหารกลางวัน โรงเรียนบ้านป่าฟ้าน้ำ".to_owned(),
            amount_line: "จำนวนเงิน 1,250.50 บาท".to_owned(),
            amount_words: "(หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์)".to_owned(),
            signer_name: "นายสมชาย ใจดี".to_owned(),
            signer_title: "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต 1".to_owned(),
            copy_label: None,
            void_label: None,
        }
    }

    #[test]
    fn renders_a_png_of_the_certificate_size() {
        let png = render_certificate_png(&sample()).expect("renders");
        assert_eq!(
            png_dimensions(&png),
            (CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT)
        );
        keep_for_review("certificate.png", &png);
    }

    #[test]
    fn renders_the_copy_mark() {
        let data = CertificateData {
            copy_label: Some("สำเนา".to_owned()),
            ..sample()
        };
        let png = render_certificate_png(&data).expect("renders");
        assert_eq!(
            png_dimensions(&png),
            (CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT)
        );
        keep_for_review("certificate_copy.png", &png);
    }

    #[test]
    fn renders_the_void_stamp() {
        let data = CertificateData {
            void_label: Some("ยกเลิก: บันทึกซ้ำกับเลขที่ 11/2569".to_owned()),
            ..sample()
        };
        let png = render_certificate_png(&data).expect("renders");
        assert_eq!(
            png_dimensions(&png),
            (CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT)
        );
        keep_for_review("certificate_void.png", &png);
    }

    #[test]
    fn draws_the_gift_and_amount_lines_as_worded() {
        let data = CertificateData {
            gift_line: "ที่ได้ร่วมบริจาคสิ่งของ โต๊ะ จำนวน 2 ตัว สนับสนุน".to_owned(),
            amount_line: "มูลค่าตามที่แจ้ง 3,000.00 บาท".to_owned(),
            ..sample()
        };
        let svg = certificate_svg(&data).expect("draws");
        // The SVG holds the text as it is drawn: ำ as its two marks.
        assert!(svg.contains(&drawn_thai("โต๊ะ จำนวน 2 ตัว")), "{svg}");
        assert!(svg.contains("มูลค่าตามที่แจ้ง 3,000.00 บาท"), "{svg}");
        assert!(!svg.contains("บริจาคเงิน"), "{svg}");
    }

    #[test]
    fn is_signed_by_the_configured_signer_with_a_dotted_space_when_unnamed() {
        let svg = certificate_svg(&sample()).expect("draws");
        assert!(svg.contains("(นายสมชาย ใจดี)"), "{svg}");
        assert!(svg.contains(&drawn_thai("ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง")));
        assert!(!svg.contains("ผู้บันทึกรายการ"));
        let unnamed = CertificateData {
            signer_name: " ".to_owned(),
            ..sample()
        };
        let svg = certificate_svg(&unnamed).expect("draws");
        assert!(svg.contains(&format!("({BLANK_SIGNER})")), "{svg}");
    }

    #[test]
    fn blank_marks_draw_nothing() {
        let blank_marks = CertificateData {
            copy_label: Some(" ".to_owned()),
            void_label: Some(String::new()),
            ..sample()
        };
        assert_eq!(
            render_certificate_png(&blank_marks).expect("renders"),
            render_certificate_png(&sample()).expect("renders")
        );
    }

    #[test]
    fn survives_markup_control_characters_and_very_long_values() {
        let long_name = "บริษัท ผู้ใหญ่ใจดี น้ำป่าฟ้าปั้น จำกัด (มหาชน) ".repeat(12);
        let data = CertificateData {
            office_name: "<script>&amp;\"'</script>".to_owned(),
            number_label: format!("เลขที่ {long_name}"),
            donor_name: long_name.clone(),
            purpose_label: format!("\u{0}\u{1b}]8;;{long_name}"),
            amount_words: long_name.clone(),
            signer_name: long_name.clone(),
            signer_title: long_name,
            copy_label: Some("สำเนา</text>".to_owned()),
            void_label: Some("ยกเลิก: </text><image href=\"/etc/passwd\"/>".to_owned()),
            ..sample()
        };
        let png = render_certificate_png(&data).expect("renders");
        assert_eq!(
            png_dimensions(&png),
            (CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT)
        );
        keep_for_review("certificate_hostile.png", &png);
    }
}
