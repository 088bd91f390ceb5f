//! Drawing support shared by the certificate and the chart: the embedded Thai font, text
//! measurement and fitting, rasterising an SVG document to PNG, and laying SVG documents out
//! as the pages of a PDF.
//!
//! Images are built as SVG text and laid out by usvg because its text layer shapes with
//! rustybuzz (a HarfBuzz port): Thai vowels and tone marks only stack correctly through the
//! font's `mark`/`mkmk`/`ccmp` tables, which plain glyph rasterisers ignore. The same shaped
//! tree is rasterised by resvg for a PNG and drawn by krilla for a PDF, where the glyphs stay
//! text (embedded subset font with a ToUnicode map), so a reader can select and search it.

use std::fmt;
use std::sync::{Arc, LazyLock};

use resvg::tiny_skia;
use resvg::usvg;
use resvg::usvg::fontdb;

/// Family name of the embedded fonts (Sarabun, SIL Open Font License, see
/// `assets/fonts/OFL.txt`), the typeface of Thai official documents.
pub const FONT_FAMILY: &str = "Sarabun";

static REGULAR_FONT: &[u8] = include_bytes!("../../assets/fonts/Sarabun-Regular.ttf");
static BOLD_FONT: &[u8] = include_bytes!("../../assets/fonts/Sarabun-Bold.ttf");

/// Only the embedded faces: the output must not depend on what the server has installed.
static FONT_DATABASE: LazyLock<Arc<fontdb::Database>> = LazyLock::new(|| {
    let mut database = fontdb::Database::new();
    for font in [REGULAR_FONT, BOLD_FONT] {
        database.load_font_source(fontdb::Source::Binary(Arc::new(font)));
    }
    // Generic families ("sans-serif") and the default family resolve to the embedded face too.
    database.set_sans_serif_family(FONT_FAMILY);
    database.set_serif_family(FONT_FAMILY);
    Arc::new(database)
});

/// Why an image could not be produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenderError {
    /// The generated SVG did not parse; a defect in this module, never caused by user text,
    /// which is always escaped.
    InvalidSvg(String),
    /// The pixel buffer could not be allocated.
    Canvas { width: u32, height: u32 },
    /// PNG encoding failed.
    Png(String),
    /// A chart needs at least one bar.
    NoBars,
    /// More bars than fit legibly on one chart; the caller should group the data.
    TooManyBars { count: usize, max: usize },
    /// The text does not fit in a QR code.
    QrCode(String),
    /// The PDF could not be written.
    Pdf(String),
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::InvalidSvg(reason) => write!(f, "generated SVG is invalid: {reason}"),
            RenderError::Canvas { width, height } => {
                write!(f, "cannot allocate a {width}×{height} canvas")
            }
            RenderError::Png(reason) => write!(f, "PNG encoding failed: {reason}"),
            RenderError::NoBars => write!(f, "a chart needs at least one bar"),
            RenderError::TooManyBars { count, max } => {
                write!(f, "{count} bars given, a chart shows at most {max}")
            }
            RenderError::QrCode(problem) => write!(f, "QR code: {problem}"),
            RenderError::Pdf(reason) => write!(f, "PDF writing failed: {reason}"),
        }
    }
}

impl std::error::Error for RenderError {}

fn svg_options() -> usvg::Options<'static> {
    usvg::Options {
        fontdb: Arc::clone(&FONT_DATABASE),
        font_family: FONT_FAMILY.to_owned(),
        languages: vec!["th".to_owned()],
        ..usvg::Options::default()
    }
}

/// Rasterises an SVG document of the given pixel size to PNG bytes.
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, RenderError> {
    let tree = usvg::Tree::from_str(svg, &svg_options())
        .map_err(|error| RenderError::InvalidSvg(error.to_string()))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(width, height).ok_or(RenderError::Canvas { width, height })?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|error| RenderError::Png(error.to_string()))
}

/// A PDF page size in points (1/72 inch).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

/// ISO A4 turned on its side, 297 × 210 mm: the paper a landscape document is printed on.
pub const A4_LANDSCAPE: PageSize = PageSize {
    width: 841.89,
    height: 595.28,
};

/// One PDF with each SVG document drawn to fill a page of `page` size, in order. Text stays
/// text: the embedded font is subset into the file with a map back to the characters.
pub fn svgs_to_pdf(svgs: &[String], page: PageSize, title: &str) -> Result<Vec<u8>, RenderError> {
    use krilla_svg::SurfaceExt;
    let page_settings = krilla::page::PageSettings::from_wh(page.width, page.height)
        .ok_or_else(|| RenderError::Pdf(format!("page size {page:?}")))?;
    let page_area = krilla::geom::Size::from_wh(page.width, page.height)
        .ok_or_else(|| RenderError::Pdf(format!("page size {page:?}")))?;
    let mut document = krilla::Document::new();
    document.set_metadata(
        krilla::metadata::Metadata::new()
            .title(title.to_owned())
            .language("th".to_owned()),
    );
    for svg in svgs {
        let tree = usvg::Tree::from_str(svg, &svg_options())
            .map_err(|error| RenderError::InvalidSvg(error.to_string()))?;
        let mut pdf_page = document.start_page_with(page_settings.clone());
        let mut surface = pdf_page.surface();
        surface
            .draw_svg(&tree, page_area, krilla_svg::SvgSettings::default())
            .ok_or_else(|| RenderError::Pdf("the drawing did not fit its page".into()))?;
        surface.finish();
        pdf_page.finish();
    }
    document
        .finish()
        .map_err(|error| RenderError::Pdf(format!("{error:?}")))
}

/// Text that may come from users, made safe for SVG character data and attribute values:
/// markup characters are escaped, and control characters (which XML forbids, and which a
/// pasted name may carry) become spaces.
pub fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\u{FFFE}' | '\u{FFFF}' => escaped.push(' '),
            control if control.is_control() => escaped.push(' '),
            other => escaped.push(other),
        }
    }
    escaped
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

impl Weight {
    fn svg_value(self) -> &'static str {
        match self {
            Weight::Regular => "normal",
            Weight::Bold => "bold",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn svg_value(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One line of text placed on the image.
#[derive(Debug, Clone, Copy)]
pub struct TextLine<'a> {
    pub text: &'a str,
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
    pub weight: Weight,
    pub anchor: Anchor,
    pub fill: &'a str,
}

/// Text as it is drawn: every SARA AM (ำ) written as the NIKHAHIT and SARA AA it is drawn
/// with, the nikhahit before the tone mark it stands under (`น้ำ` as น + ํ + ้ + า), as
/// HarfBuzz's Thai shaper does. Given ำ, the shaper merges those two glyphs into the cluster of
/// the letter before, and usvg advances a cluster by its widest glyph only: the า was drawn
/// over the next letter ("สำนักงาน" read "สํนักงาน" on the certificate). Typed as two
/// characters, each keeps its own room. A PDF's selectable text is this form too (the same as
/// Unicode's compatibility form, NFKC, where no tone mark stands before the ำ).
pub fn drawn_thai(text: &str) -> String {
    const SARA_AM: char = '\u{0E33}';
    const NIKHAHIT: char = '\u{0E4D}';
    const SARA_AA: char = '\u{0E32}';
    let is_tone_mark = |c: char| ('\u{0E48}'..='\u{0E4B}').contains(&c);
    let mut drawn: Vec<char> = Vec::with_capacity(text.len());
    for character in text.chars() {
        if character == SARA_AM {
            let tone_marks = drawn.iter().rev().take_while(|c| is_tone_mark(**c)).count();
            drawn.insert(drawn.len() - tone_marks, NIKHAHIT);
            drawn.push(SARA_AA);
        } else {
            drawn.push(character);
        }
    }
    drawn.into_iter().collect()
}

/// Text as an SVG `<text>` element's content: as it is drawn ([`drawn_thai`]), escaped.
pub fn svg_text(text: &str) -> String {
    escape_xml(&drawn_thai(text))
}

/// Appends a `<text>` element; the text is escaped here, so callers pass it raw.
pub fn push_text(svg: &mut String, line: &TextLine) {
    svg.push_str(&format!(
        r#"<text x="{:.1}" y="{:.1}" font-family="{FONT_FAMILY}" font-size="{:.1}" font-weight="{}" text-anchor="{}" fill="{}">{}</text>"#,
        line.x,
        line.y,
        line.size,
        line.weight.svg_value(),
        line.anchor.svg_value(),
        line.fill,
        svg_text(line.text),
    ));
}

/// The distinct characters of `text` the embedded font has no glyph for (emoji, letters of
/// other scripts): they would print as empty boxes. Spaces and control characters are not
/// drawn, so they never count.
pub fn undrawable_characters(text: &str) -> Vec<char> {
    use skrifa::MetadataProvider;
    let Ok(font) = skrifa::FontRef::new(REGULAR_FONT) else {
        log::error!("the embedded font cannot be read");
        return Vec::new();
    };
    let charmap = font.charmap();
    let mut missing: Vec<char> = Vec::new();
    for character in text.chars() {
        if !character.is_whitespace()
            && !character.is_control()
            && charmap.map(character).is_none()
            && !missing.contains(&character)
        {
            missing.push(character);
        }
    }
    missing
}

/// Size at which widths are measured; widths scale linearly with the size because outlines
/// are not hinted.
const MEASURE_SIZE: f32 = 100.0;

/// Inked width of `text` in pixels at `size`, measured with the same shaping as the render.
pub fn text_width(text: &str, size: f32, weight: Weight) -> Result<f32, RenderError> {
    let mut svg = String::from(r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1">"#);
    push_text(
        &mut svg,
        &TextLine {
            text,
            x: 0.0,
            y: MEASURE_SIZE,
            size: MEASURE_SIZE,
            weight,
            anchor: Anchor::Start,
            fill: "black",
        },
    );
    svg.push_str("</svg>");
    let tree = usvg::Tree::from_str(&svg, &svg_options())
        .map_err(|error| RenderError::InvalidSvg(error.to_string()))?;
    Ok(tree.root().abs_bounding_box().width() * size / MEASURE_SIZE)
}

/// Text fitted into a width: shrunk from the preferred size down to a floor, then cut short
/// with "…" if it still does not fit.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedText {
    pub text: String,
    pub size: f32,
}

pub fn fit_text(
    text: &str,
    preferred_size: f32,
    smallest_size: f32,
    max_width: f32,
    weight: Weight,
) -> Result<FittedText, RenderError> {
    let width = text_width(text, preferred_size, weight)?;
    if width <= max_width {
        return Ok(FittedText {
            text: text.to_owned(),
            size: preferred_size,
        });
    }
    let shrunk_size = preferred_size * max_width / width;
    if shrunk_size >= smallest_size {
        return Ok(FittedText {
            text: text.to_owned(),
            size: shrunk_size,
        });
    }
    Ok(FittedText {
        text: truncate_to_width(text, smallest_size, max_width, weight)?,
        size: smallest_size,
    })
}

const ELLIPSIS: char = '…';

/// The longest prefix of `text` that fits with "…" appended, cut only between whole
/// characters as a reader sees them (never between a Thai consonant and its marks).
pub fn truncate_to_width(
    text: &str,
    size: f32,
    max_width: f32,
    weight: Weight,
) -> Result<String, RenderError> {
    let cut_points = cluster_boundaries(text);
    let shortened = |end: usize| format!("{}{ELLIPSIS}", text[..end].trim_end());
    // Binary search for the last cut point that fits; widths grow with the prefix length.
    let (mut fitting, mut too_long) = (0usize, cut_points.len());
    while fitting + 1 < too_long {
        let middle = (fitting + too_long) / 2;
        if text_width(&shortened(cut_points[middle]), size, weight)? <= max_width {
            fitting = middle;
        } else {
            too_long = middle;
        }
    }
    Ok(match cut_points.get(fitting) {
        Some(&end) if end > 0 => shortened(end),
        _ => ELLIPSIS.to_string(),
    })
}

/// Byte offsets where text may be cut, starting with 0 and ending before the last
/// character (cutting at the very end would not shorten anything).
fn cluster_boundaries(text: &str) -> Vec<usize> {
    let mut boundaries = vec![0];
    let mut previous: Option<char> = None;
    for (offset, character) in text.char_indices() {
        let Some(before) = previous else {
            previous = Some(character);
            continue;
        };
        if !is_attached_mark(character) && !is_thai_leading_vowel(before) {
            boundaries.push(offset);
        }
        previous = Some(character);
    }
    boundaries
}

/// Marks drawn on, above or below the preceding letter, including Thai SARA AM, whose ring
/// sits over the consonant before it. They take no room of their own on a line.
pub fn is_attached_mark(character: char) -> bool {
    matches!(
        character,
        '\u{0E31}'
            | '\u{0E33}'..='\u{0E3A}'
            | '\u{0E47}'..='\u{0E4E}'
            | '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{200C}'..='\u{200D}'
            | '\u{FE00}'..='\u{FE0F}'
    )
}

/// เ แ โ ใ ไ are written before the consonant they belong to, so a cut right after one
/// would strand it.
fn is_thai_leading_vowel(character: char) -> bool {
    matches!(character, '\u{0E40}'..='\u{0E44}')
}

/// Checks shared by the image tests.
#[cfg(test)]
pub(crate) mod test_support {
    /// Width and height from the IHDR chunk, after checking the PNG signature.
    pub fn png_dimensions(png: &[u8]) -> (u32, u32) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
        assert_eq!(&png[12..16], b"IHDR");
        let read = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
        (read(16), read(20))
    }

    /// Writes an output file under `out/` for looking at, when the directory exists.
    pub fn keep_for_review(name: &str, png: &[u8]) {
        let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("out");
        if directory.is_dir() {
            std::fs::write(directory.join(name), png).expect("write review file");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sara_am_is_drawn_as_its_two_glyphs_with_the_tone_mark_above_the_nikhahit() {
        assert_eq!(svg_text("สำนัก"), "ส\u{e4d}\u{e32}นัก");
        assert_eq!(svg_text("น้ำ"), "น\u{e4d}\u{e49}\u{e32}");
        assert_eq!(
            svg_text("ต่ำ & ซ้ำ"),
            "ต\u{e4d}\u{e48}\u{e32} &amp; ซ\u{e4d}\u{e49}\u{e32}"
        );
    }

    /// "สำนักงาน" drew its า over the น: it was narrower than "สานักงาน", whose letters are the
    /// same but for the nikhahit, which takes no room.
    #[test]
    fn sara_am_takes_the_room_of_its_sara_aa() {
        for weight in [Weight::Regular, Weight::Bold] {
            let with_am = text_width("สำนักงาน จำนวน", 40.0, weight).unwrap();
            let with_aa = text_width("สานักงาน จานวน", 40.0, weight).unwrap();
            assert!(
                (with_am - with_aa).abs() < 1.0,
                "{with_am} against {with_aa}"
            );
        }
    }

    #[test]
    fn thai_and_latin_are_drawable_emoji_are_not() {
        assert!(undrawable_characters("นายใจดี มีน้ำใจ (Jaidee) ๑๒๓ 1,250.50").is_empty());
        assert_eq!(undrawable_characters("ร้าน😀ดี😀🙏"), vec!['😀', '🙏']);
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape_xml("<b>\"A&B\"</b>'\u{0}\u{1b}x"),
            "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;&apos;  x"
        );
    }

    #[test]
    fn cuts_never_separate_thai_marks_from_their_letter() {
        let text = "ผู้ใหญ่ใจดีน้ำ";
        let cut_texts: Vec<&str> = cluster_boundaries(text)
            .into_iter()
            .map(|offset| &text[offset..])
            .collect();
        assert_eq!(
            cut_texts,
            ["ผู้ใหญ่ใจดีน้ำ", "ใหญ่ใจดีน้ำ", "ญ่ใจดีน้ำ", "ใจดีน้ำ", "ดีน้ำ", "น้ำ"]
        );
    }

    #[test]
    fn fitting_shrinks_then_truncates() {
        let short = fit_text("ป่า", 40.0, 20.0, 1000.0, Weight::Regular).expect("fits");
        assert_eq!(short.size, 40.0);

        let long = "ก".repeat(60);
        let shrunk = fit_text(&long, 40.0, 1.0, 300.0, Weight::Regular).expect("shrinks");
        assert_eq!(shrunk.text, long);
        assert!(shrunk.size < 40.0);

        let truncated = fit_text(&long, 40.0, 30.0, 300.0, Weight::Bold).expect("truncates");
        assert!(truncated.text.ends_with(ELLIPSIS));
        assert!(truncated.text.chars().count() < 60);
        assert!(text_width(&truncated.text, 30.0, Weight::Bold).expect("measures") <= 300.0);
    }

    #[test]
    fn truncation_to_nothing_leaves_the_ellipsis() {
        let cut = truncate_to_width("ขอขอบคุณ", 40.0, 1.0, Weight::Regular).expect("cuts");
        assert_eq!(cut, ELLIPSIS.to_string());
    }
}
