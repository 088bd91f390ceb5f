//! Horizontal bar chart of baht totals (per network, per month, …) as a PNG image.
//!
//! Horizontal bars leave a wide column for Thai labels, which run long and cannot be turned
//! on their side. The value axis always starts at zero so bar lengths compare honestly;
//! negative totals (corrections) are labelled with their value but drawn with no bar.

use super::render::{Anchor, RenderError, TextLine, Weight, fit_text, push_text, svg_to_png};
use crate::thai::{format_amount, format_number};

pub const CHART_WIDTH: u32 = 1600;
/// More bars than this stop being readable at any row height that fits one phone screen.
pub const MAX_BARS: usize = 30;

const SIDE_MARGIN: f32 = 40.0;
const TITLE_BASELINE: f32 = 78.0;
const PLOT_TOP: f32 = 130.0;
/// Right edge of the label column; labels are right-aligned against the bars.
const LABEL_RIGHT: f32 = 470.0;
const BAR_LEFT: f32 = 490.0;
/// Leaves room after the longest bar for its value, e.g. "999,999,999.99 บาท"; values that
/// still do not fit are shrunk.
const BAR_MAX_WIDTH: f32 = 820.0;
/// Space between the end of a bar and its value.
const VALUE_GAP: f32 = 14.0;
const AXIS_LABEL_SPACE: f32 = 70.0;

const BACKGROUND: &str = "#ffffff";
const BAND: &str = "#f3f6fa";
const GRID: &str = "#d5dce6";
const BAR: &str = "#2f6690";
const TITLE: &str = "#1f3a5f";
const INK: &str = "#222222";
const SOFT_INK: &str = "#666666";

/// Renders `bars` (label, total in satang) top to bottom in the order given.
pub fn render_bar_chart_png(title: &str, bars: &[(String, i64)]) -> Result<Vec<u8>, RenderError> {
    if bars.is_empty() {
        return Err(RenderError::NoBars);
    }
    if bars.len() > MAX_BARS {
        return Err(RenderError::TooManyBars {
            count: bars.len(),
            max: MAX_BARS,
        });
    }
    let layout = RowLayout::for_bar_count(bars.len());
    let plot_height = layout.row_height * bars.len() as f32;
    let height = (PLOT_TOP + plot_height + AXIS_LABEL_SPACE).ceil() as u32;
    let axis = ValueAxis::for_largest(bars.iter().map(|(_, satang)| *satang).max().unwrap_or(0));

    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{CHART_WIDTH}" height="{height}" viewBox="0 0 {CHART_WIDTH} {height}">
<rect width="{CHART_WIDTH}" height="{height}" fill="{BACKGROUND}"/>
"#
    );
    let title = fit_text(
        title,
        44.0,
        28.0,
        CHART_WIDTH as f32 - 2.0 * SIDE_MARGIN,
        Weight::Bold,
    )?;
    push_text(
        &mut svg,
        &TextLine {
            text: &title.text,
            x: CHART_WIDTH as f32 / 2.0,
            y: TITLE_BASELINE,
            size: title.size,
            weight: Weight::Bold,
            anchor: Anchor::Middle,
            fill: TITLE,
        },
    );
    for row in (1..bars.len()).step_by(2) {
        svg.push_str(&format!(
            r#"<rect x="{SIDE_MARGIN}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{BAND}"/>"#,
            PLOT_TOP + layout.row_height * row as f32,
            CHART_WIDTH as f32 - 2.0 * SIDE_MARGIN,
            layout.row_height,
        ));
    }
    push_grid(&mut svg, &axis, plot_height);
    for (row, (label, satang)) in bars.iter().enumerate() {
        push_bar(&mut svg, &layout, &axis, row, label, *satang)?;
    }
    svg.push_str("</svg>\n");
    svg_to_png(&svg, CHART_WIDTH, height)
}

/// Row height and text size: roomy for a few bars, compact for many.
struct RowLayout {
    row_height: f32,
    bar_thickness: f32,
    text_size: f32,
}

impl RowLayout {
    fn for_bar_count(count: usize) -> RowLayout {
        let row_height = match count {
            0..=8 => 70.0,
            9..=16 => 52.0,
            _ => 40.0,
        };
        RowLayout {
            row_height,
            bar_thickness: row_height * 0.62,
            text_size: (row_height * 0.5).min(28.0),
        }
    }
}

/// The value axis: zero to a round number at or above the largest total, with gridlines at
/// round steps (1, 2 or 5 × a power of ten baht or satang).
struct ValueAxis {
    /// Satang at the right end of the axis; zero when no total is positive.
    end: i64,
    step: i64,
}

impl ValueAxis {
    /// About this many gridlines after zero.
    const TARGET_STEPS: i64 = 5;

    fn for_largest(largest: i64) -> ValueAxis {
        if largest <= 0 {
            return ValueAxis { end: 0, step: 0 };
        }
        let rough_step = ceiling_division(largest, Self::TARGET_STEPS);
        let mut magnitude: i64 = 1;
        while magnitude <= rough_step / 10 {
            magnitude *= 10;
        }
        let step = [1, 2, 5, 10]
            .into_iter()
            .map(|factor| magnitude.saturating_mul(factor))
            .find(|candidate| *candidate >= rough_step)
            .unwrap_or(rough_step);
        ValueAxis {
            end: ceiling_division(largest, step).saturating_mul(step),
            step,
        }
    }

    fn bar_width(&self, satang: i64) -> f32 {
        if self.end == 0 || satang <= 0 {
            return 0.0;
        }
        (satang as f64 / self.end as f64 * f64::from(BAR_MAX_WIDTH)) as f32
    }

    fn ticks(&self) -> Vec<i64> {
        if self.step == 0 {
            return vec![0];
        }
        (0..=self.end / self.step)
            .map(|index| index * self.step)
            .collect()
    }
}

/// `dividend / divisor` rounded up, for positive operands (`i64::div_ceil` is not stable).
fn ceiling_division(dividend: i64, divisor: i64) -> i64 {
    dividend / divisor + i64::from(dividend % divisor != 0)
}

fn push_grid(svg: &mut String, axis: &ValueAxis, plot_height: f32) {
    let axis_label_y = PLOT_TOP + plot_height + 34.0;
    for tick in axis.ticks() {
        let x = BAR_LEFT + axis.bar_width(tick);
        svg.push_str(&format!(
        r#"<line x1="{x:.1}" y1="{PLOT_TOP}" x2="{x:.1}" y2="{:.1}" stroke="{GRID}" stroke-width="1.5"/>"#,
            PLOT_TOP + plot_height,
        ));
        push_text(
            svg,
            &TextLine {
                text: &tick_label(tick, axis.step),
                x,
                y: axis_label_y,
                size: 22.0,
                weight: Weight::Regular,
                anchor: Anchor::Middle,
                fill: SOFT_INK,
            },
        );
    }
    push_text(
        svg,
        &TextLine {
            text: "หน่วย: บาท",
            x: CHART_WIDTH as f32 - SIDE_MARGIN,
            y: axis_label_y,
            size: 22.0,
            weight: Weight::Regular,
            anchor: Anchor::End,
            fill: SOFT_INK,
        },
    );
    svg.push_str(&format!(
        r#"<line x1="{BAR_LEFT}" y1="{PLOT_TOP}" x2="{BAR_LEFT}" y2="{:.1}" stroke="{SOFT_INK}" stroke-width="2"/>"#,
        PLOT_TOP + plot_height,
    ));
}

/// Whole baht when the step is whole baht ("20,000"), otherwise with satang ("0.50").
fn tick_label(satang: i64, step: i64) -> String {
    let with_satang = format_number(satang);
    if step % 100 == 0 {
        with_satang.trim_end_matches(".00").to_owned()
    } else {
        with_satang
    }
}

fn push_bar(
    svg: &mut String,
    layout: &RowLayout,
    axis: &ValueAxis,
    row: usize,
    label: &str,
    satang: i64,
) -> Result<(), RenderError> {
    let row_top = PLOT_TOP + layout.row_height * row as f32;
    let centre_y = row_top + layout.row_height / 2.0;
    let baseline = centre_y + layout.text_size * 0.35;
    // Labels keep one size so the column reads evenly; long ones are cut short instead.
    let label = fit_text(
        label,
        layout.text_size,
        layout.text_size,
        LABEL_RIGHT - SIDE_MARGIN - 10.0,
        Weight::Regular,
    )?;
    push_text(
        svg,
        &TextLine {
            text: &label.text,
            x: LABEL_RIGHT,
            y: baseline,
            size: layout.text_size,
            weight: Weight::Regular,
            anchor: Anchor::End,
            fill: INK,
        },
    );
    let bar_width = axis.bar_width(satang);
    if bar_width > 0.0 {
        svg.push_str(&format!(
        r#"<rect x="{BAR_LEFT}" y="{:.1}" width="{bar_width:.1}" height="{:.1}" rx="3" fill="{BAR}"/>"#,
            centre_y - layout.bar_thickness / 2.0,
            layout.bar_thickness,
        ));
    }
    let value_left = BAR_LEFT + bar_width + VALUE_GAP;
    let value = fit_text(
        &format_amount(satang),
        layout.text_size,
        layout.text_size * 0.6,
        CHART_WIDTH as f32 - SIDE_MARGIN - value_left,
        Weight::Bold,
    )?;
    push_text(
        svg,
        &TextLine {
            text: &value.text,
            x: value_left,
            y: baseline,
            size: value.size,
            weight: Weight::Bold,
            anchor: Anchor::Start,
            fill: INK,
        },
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::documents::render::test_support::{keep_for_review, png_dimensions};

    fn bars(entries: &[(&str, i64)]) -> Vec<(String, i64)> {
        entries
            .iter()
            .map(|(label, satang)| ((*label).to_owned(), *satang))
            .collect()
    }

    #[test]
    fn renders_network_totals() {
        let data = bars(&[
            ("เครือข่ายน้ำพอง", 1_250_050),
            ("เครือข่ายป่าไม้ที่ดีฟ้าใส", 4_830_000),
            ("เครือข่ายผู้ใหญ่ใจดี", 0),
            ("เครือข่ายญูปั้น", 15_000),
            (
                "เครือข่ายโรงเรียนขนาดเล็กริมฝั่งแม่น้ำโขงที่มีชื่อยาวมากเป็นพิเศษจนล้นคอลัมน์",
                1_234_567_899,
            ),
        ]);
        let png =
            render_bar_chart_png("ยอดบริจาคแยกตามเครือข่าย ปีงบประมาณ 2569", &data).expect("renders");
        let (width, height) = png_dimensions(&png);
        assert_eq!(width, CHART_WIDTH);
        assert!(height > 400);
        keep_for_review("chart_networks.png", &png);
    }

    #[test]
    fn renders_thirty_months_and_refuses_more() {
        let data: Vec<(String, i64)> = (0..MAX_BARS)
            .map(|index| {
                // Fiscal months from October: ต.ค. 2567, พ.ย. 2567, …
                let month = crate::thai::month_abbr((index as u32 + 9) % 12 + 1);
                let label = format!("{month} {}", 2567 + index / 12);
                (label, (index as i64 * 7_919 % 13) * 100_000 + 50)
            })
            .collect();
        let png = render_bar_chart_png("ยอดบริจาครายเดือน", &data).expect("renders");
        assert_eq!(png_dimensions(&png).0, CHART_WIDTH);
        keep_for_review("chart_months.png", &png);

        let too_many = bars(&[("x", 1); MAX_BARS + 1]);
        assert_eq!(
            render_bar_chart_png("", &too_many),
            Err(RenderError::TooManyBars {
                count: MAX_BARS + 1,
                max: MAX_BARS
            })
        );
        assert_eq!(render_bar_chart_png("", &[]), Err(RenderError::NoBars));
    }

    #[test]
    fn renders_all_zero_single_and_extreme_values() {
        let all_zero = bars(&[("มกราคม", 0), ("กุมภาพันธ์", 0)]);
        let png = render_bar_chart_png("ยังไม่มียอดบริจาค", &all_zero).expect("renders");
        assert_eq!(png_dimensions(&png).0, CHART_WIDTH);
        keep_for_review("chart_all_zero.png", &png);

        let single = bars(&[("<b>&amp;</b>", 75)]);
        let png = render_bar_chart_png("<title>", &single).expect("renders");
        keep_for_review("chart_single.png", &png);

        let extremes = bars(&[("สูงสุด", i64::MAX), ("ติดลบ", i64::MIN), ("", 1)]);
        render_bar_chart_png("", &extremes).expect("renders");
    }

    #[test]
    fn axis_steps_are_round_numbers() {
        let axis = ValueAxis::for_largest(4_830_000);
        assert_eq!((axis.step, axis.end), (1_000_000, 5_000_000));
        let axis = ValueAxis::for_largest(75);
        assert_eq!((axis.step, axis.end), (20, 80));
        let axis = ValueAxis::for_largest(0);
        assert_eq!(axis.ticks(), [0]);
        let axis = ValueAxis::for_largest(i64::MAX);
        assert!(axis.end >= axis.step && axis.step > 0);
        assert_eq!(tick_label(2_000_000, 1_000_000), "20,000");
        assert_eq!(tick_label(40, 20), "0.40");
    }
}
