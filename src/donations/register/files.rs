//! Files: the certificate image (ใบอนุโมทนาบัตร), the totals chart, the register's export
//! (`ส่งออกทะเบียน`, .xlsx or .csv) and import (a .csv/.xlsx sent with `นำเข้าทะเบียน`).

use chrono::NaiveDate;

use super::certificate::{CertificateData, render_certificate_png, render_certificates_pdf};
use super::draft::{Donor, check_printed_name};
use super::names::{self, List, Lookup};
use super::parse::{DonorKind, Purpose, PurposeText, parse_purpose};
use super::record::{self, donor_label, goods_label, purpose_label};
use super::store::imports::{EarlierImport, NewImport};
use super::store::{self, Gift, NewDonation, Source};
use super::totals;
use crate::core::{
    Attachment, Button, CoreError, CoreResult, Ctx, Input, OutMessage, Role, refuse,
};
use crate::documents::chart::{MAX_BARS, render_bar_chart_png};
use crate::documents::spreadsheet::{Cell, Sheet, read_table, write_csv, write_xlsx};
use crate::donations::{AREA, donor_reports, scholarship_fund};
use crate::i18n::Arg;
use crate::thai::{
    Period, PeriodError, amount_in_words, fiscal_year, format_amount, format_date_long,
    parse_amount, parse_past_date, parse_period, parse_year,
};

/// `cert:<id>:<c|o>`: the certificate of a donation, for staff or the donor who reported it;
/// `c` marks it as a copy. It comes twice: a PNG to look at and share in the chat, then the
/// same drawing as a print-ready A4 PDF whose text can be selected.
pub fn certificate_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    let (id, copy) = data.split_once(':').unwrap_or((data, "o"));
    let Some(donation) = id
        .parse()
        .ok()
        .map(|id| store::by_id(ctx.conn, id))
        .transpose()?
        .flatten()
    else {
        return Ok(());
    };
    if !ctx.acts_as(Role::Staff) && !donor_reports::is_reporting_donor(ctx, donation.id)? {
        ctx.answer_button_with("donations.certificate_not_yours", &[]);
        return Ok(());
    }
    let data = certificate_data(ctx, &donation, copy == "c");
    let file_stem = format!("anumodana-{}-{}", donation.number, donation.fiscal_year);
    let rendered = render_certificate_png(&data).and_then(|png| {
        let title = format!("{} {}", data.title, data.number_label);
        Ok((
            png,
            render_certificates_pdf(std::slice::from_ref(&data), &title)?,
        ))
    });
    let (png, pdf) = match rendered {
        Ok(files) => files,
        Err(error) => {
            log::error!(
                "certificate {} not rendered: {error}",
                donation.number_label()
            );
            return refuse("donations.file_failed", vec![]);
        }
    };
    let caption = ctx.t(
        "donations.certificate_caption",
        &[
            ("number", Arg::from(donation.number_label())),
            ("gift", Arg::from(data.gift_line.as_str())),
            ("amount", Arg::from(data.amount_line.as_str())),
        ],
    );
    ctx.reply(OutMessage::text(caption).with_attachment(Attachment::File {
        name: format!("{file_stem}.png"),
        mime: "image/png".into(),
        bytes: png,
    }));
    let pdf_caption = ctx.t(
        "donations.certificate_pdf_caption",
        &[("number", Arg::from(donation.number_label()))],
    );
    ctx.reply(
        OutMessage::text(pdf_caption)
            .with_attachment(pdf_attachment(format!("{file_stem}.pdf"), pdf)),
    );
    Ok(())
}

fn pdf_attachment(name: String, bytes: Vec<u8>) -> Attachment {
    Attachment::File {
        name,
        mime: "application/pdf".into(),
        bytes,
    }
}

/// What the certificate of `donation` prints; `copy` marks a certificate issued again.
fn certificate_data(ctx: &Ctx, donation: &store::Donation, copy: bool) -> CertificateData {
    CertificateData {
        office_name: ctx.env.config.office.name.clone(),
        title: ctx.t("donations.certificate_title", &[]),
        number_label: ctx.t(
            "donations.number_label",
            &[("number", Arg::from(donation.number_label()))],
        ),
        date_label: format_date_long(donation.received_on),
        donor_name: donor_label(ctx, donation),
        gift_line: certificate_gift_line(ctx, donation),
        purpose_label: purpose_label(ctx, donation),
        amount_line: certificate_amount_line(ctx, donation),
        amount_words: format!("({})", amount_in_words(donation.amount)),
        signer_name: ctx.env.config.office.signer_name.clone(),
        signer_title: ctx.env.config.office.signer_title.clone(),
        copy_label: copy.then(|| ctx.t("donations.copy_label", &[])),
        void_label: donation.void.as_ref().map(|void| {
            ctx.t(
                "donations.void_label",
                &[("reason", Arg::from(void.reason.as_str()))],
            )
        }),
    }
}

/// Most certificates in one PDF: drawing one takes the store thread a few milliseconds, and
/// a year's register at once would hold every other chat up and make a file too large to send.
const MAX_CERTIFICATES_PER_PDF: usize = 200;

/// `ใบอนุโมทนา ทั้งหมด <ช่วงเวลา>` (`ธ.ค.`, `ธันวาคม 2569`, `ปีงบ 2569`, `ไตรมาส 1`): the
/// certificates of every valid record received in the period, one A4 page each, in one PDF
/// to print in one go. Staff only, like issuing a single certificate again.
pub fn certificates_of_period(ctx: &mut Ctx, period_text: &str) -> CoreResult {
    let period = match parse_period(period_text, ctx.today()) {
        Ok(period) => period,
        Err(PeriodError::Empty) => return refuse("donations.certificates_usage", vec![]),
        Err(error) => {
            return ctx.refuse_explained("donations.period_problem", &error);
        }
    };
    let donations = store::received_in(ctx.conn, &period)?;
    if donations.is_empty() {
        return refuse(
            "donations.certificates_none",
            vec![("period", Arg::from(ctx.period(&period)))],
        );
    }
    if donations.len() > MAX_CERTIFICATES_PER_PDF {
        return refuse(
            "donations.certificates_too_many",
            vec![
                ("period", Arg::from(ctx.period(&period))),
                ("count", Arg::from(donations.len())),
                ("max", Arg::from(MAX_CERTIFICATES_PER_PDF)),
            ],
        );
    }
    let certificates: Vec<CertificateData> = donations
        .iter()
        // Printed to be signed and handed out: originals, like the first certificate.
        .map(|donation| certificate_data(ctx, donation, false))
        .collect();
    let title = ctx.t(
        "donations.certificates_title",
        &[("period", Arg::from(ctx.period(&period)))],
    );
    let pdf = match render_certificates_pdf(&certificates, &title) {
        Ok(pdf) => pdf,
        Err(error) => {
            log::error!("certificates of {} not rendered: {error}", period.label());
            return refuse("donations.file_failed", vec![]);
        }
    };
    ctx.audit(
        "donation.certificates",
        &period.label(),
        &donations.len().to_string(),
    )?;
    let total: i64 = donations.iter().map(|donation| donation.amount).sum();
    let caption = ctx.t(
        "donations.certificates_caption",
        &[
            ("period", Arg::from(ctx.period(&period))),
            ("count", Arg::from(donations.len())),
            ("amount", Arg::from(format_amount(total))),
        ],
    );
    let name = format!(
        "anumodana-{}-{}.pdf",
        period.start.format("%Y%m%d"),
        period.end.format("%Y%m%d")
    );
    ctx.reply(OutMessage::text(caption).with_attachment(pdf_attachment(name, pdf)));
    Ok(())
}

/// "ที่ได้ร่วมบริจาคเงินสนับสนุน", or for goods the goods and their quantity: a goods donation
/// is not a gift of money.
fn certificate_gift_line(ctx: &Ctx, donation: &store::Donation) -> String {
    match &donation.gift {
        Gift::Money => ctx.t("donations.certificate_gift_money", &[]),
        Gift::Goods { item, quantity } => ctx.t(
            "donations.certificate_gift_goods",
            &[("goods", Arg::from(goods_label(item, quantity.as_deref())))],
        ),
    }
}

/// The amount of money, or the value the donor stated for the goods.
fn certificate_amount_line(ctx: &Ctx, donation: &store::Donation) -> String {
    let key = match donation.gift {
        Gift::Money => "donations.certificate_amount_money",
        Gift::Goods { .. } => "donations.certificate_amount_goods",
    };
    ctx.t(
        key,
        &[("amount", Arg::from(format_amount(donation.amount)))],
    )
}

/// The totals by network as a bar chart; `None` when there is nothing to draw or drawing
/// failed (the report goes out without it).
pub fn network_chart(
    ctx: &Ctx,
    period: &Period,
    by_network: &[(String, i64)],
) -> Option<Attachment> {
    if by_network.is_empty() {
        return None;
    }
    let mut bars: Vec<(String, i64)> = by_network.iter().take(MAX_BARS - 1).cloned().collect();
    let rest: i64 = by_network.iter().skip(MAX_BARS - 1).map(|(_, t)| t).sum();
    if by_network.len() >= MAX_BARS {
        bars.push((ctx.t("donations.chart_others", &[]), rest));
    }
    let title = ctx.t(
        "donations.chart_title",
        &[("period", Arg::from(ctx.period(period)))],
    );
    match render_bar_chart_png(&title, &bars) {
        Ok(png) => Some(Attachment::File {
            name: "donations-by-network.png".into(),
            mime: "image/png".into(),
            bytes: png,
        }),
        Err(error) => {
            log::error!("chart not rendered: {error}");
            None
        }
    }
}

const HEADERS: [&str; 16] = [
    "เลขที่",
    "วันที่รับ",
    "ผู้บริจาค",
    "ประเภทผู้บริจาค",
    "ชนิด",
    "รายการสิ่งของ",
    "จำนวน",
    "จำนวนเงิน (บาท)",
    "วัตถุประสงค์",
    "โรงเรียน",
    "เครือข่าย",
    "หมายเหตุ",
    "ผู้บันทึก",
    "สถานะ",
    "เหตุผลที่ยกเลิก",
    // Last, so that the columns of earlier exports keep their places.
    "เลขที่เดิม (นำเข้า)",
];

/// `ส่งออกทะเบียน [ปีงบ 2569] [csv]`: one row per record (void ones marked), Thai headers,
/// BE dates, and a totals sheet in the .xlsx.
pub fn export(ctx: &mut Ctx, args: &str) -> CoreResult {
    let mut words: Vec<&str> = args.split_whitespace().collect();
    let csv = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("csv"))
        .map(|i| words.remove(i))
        .is_some();
    let rest = words.join(" ");
    let year_text = rest
        .trim()
        .trim_start_matches("ปีงบประมาณ")
        .trim_start_matches("ปีงบ")
        .trim();
    let fy = if year_text.is_empty() {
        fiscal_year(ctx.today())
    } else {
        match parse_year(year_text) {
            Ok(fy) => fy,
            Err(_) => return refuse("donations.export_usage", vec![]),
        }
    };
    let donations = store::of_fiscal_year(ctx.conn, fy)?;
    if donations.is_empty() {
        let other = super::totals::another_fiscal_year(ctx.today(), Some(fy));
        return refuse(
            "donations.export_empty",
            vec![("year", Arg::from(fy)), ("other_year", Arg::from(other))],
        );
    }
    let rows = donations
        .iter()
        .map(|d| {
            let (kind, item, quantity) = match &d.gift {
                Gift::Money => ("เงิน", String::new(), String::new()),
                Gift::Goods { item, quantity } => {
                    ("สิ่งของ", item.clone(), quantity.clone().unwrap_or_default())
                }
            };
            vec![
                Cell::Text(d.number_label()),
                Cell::Date(d.received_on),
                Cell::Text(d.donor_name.clone()),
                Cell::Text(ctx.t(d.donor_kind.label_key(), &[])),
                Cell::Text(kind.into()),
                Cell::Text(item),
                Cell::Text(quantity),
                Cell::Money(d.amount),
                Cell::Text(ctx.t(d.purpose.label_key(), &[])),
                Cell::Text(
                    d.school
                        .clone()
                        .or(d.school_text.clone())
                        .unwrap_or_default(),
                ),
                Cell::Text(d.network.clone().unwrap_or_default()),
                Cell::Text(d.note.clone().unwrap_or_default()),
                Cell::Text(d.recorded_by_name.clone()),
                Cell::Text(
                    if d.void.is_some() {
                        "ยกเลิก"
                    } else {
                        "ใช้ได้"
                    }
                    .into(),
                ),
                Cell::Text(
                    d.void
                        .as_ref()
                        .map(|v| v.reason.clone())
                        .unwrap_or_default(),
                ),
                Cell::Text(d.original_number.clone().unwrap_or_default()),
            ]
        })
        .collect();
    let register = Sheet {
        name: format!("ทะเบียน {fy}"),
        headers: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows,
    };
    let (bytes, name, mime) = if csv {
        (
            write_csv(&register),
            format!("donations-{fy}.csv"),
            "text/csv",
        )
    } else {
        let mut sheets = vec![register, summary_sheet(ctx, fy)?];
        // Students are minors: their list goes only to the staff group.
        if ctx.chat_role == Some(Role::Staff) {
            sheets.push(scholarship_fund::allocations_sheet(ctx, fy)?);
        }
        match write_xlsx(&sheets) {
            Ok(bytes) => (
                bytes,
                format!("donations-{fy}.xlsx"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            Err(error) => {
                log::error!("export of {fy} failed: {error}");
                return refuse(error.locale_key(), vec![]);
            }
        }
    };
    ctx.audit(
        "donation.export",
        &fy.to_string(),
        &donations.len().to_string(),
    )?;
    let caption = ctx.t(
        "donations.export_caption",
        &[
            ("year", Arg::from(fy)),
            ("count", Arg::from(donations.len())),
        ],
    );
    ctx.reply(OutMessage::text(caption).with_attachment(Attachment::File {
        name,
        mime: mime.into(),
        bytes,
    }));
    Ok(())
}

fn summary_sheet(ctx: &Ctx, fy: i32) -> CoreResult<Sheet> {
    let found = totals::totals(ctx.conn, &Period::fiscal_year(fy), None)?;
    let mut rows = Vec::new();
    let mut line = |label: String, total: i64, count: i64| {
        rows.push(vec![
            Cell::Text(label),
            Cell::Integer(count),
            Cell::Money(total),
        ]);
    };
    for (purpose, total, count) in &found.by_purpose {
        line(ctx.t(purpose.label_key(), &[]), *total, *count);
    }
    line("เงิน".into(), found.money.0, found.money.1);
    line("สิ่งของ (ตามมูลค่า)".into(), found.goods.0, found.goods.1);
    line(
        "รวมทั้งสิ้น (ไม่รวมรายการที่ยกเลิก)".into(),
        found.total,
        found.count,
    );
    Ok(Sheet {
        name: "สรุปยอด".into(),
        headers: vec![
            "รายการ".into(),
            "จำนวนรายการ".into(),
            "จำนวนเงิน (บาท)".into(),
        ],
        rows,
    })
}

/// A valid row of an imported file.
struct ImportRow {
    /// 1-based, counting the header, as a spreadsheet shows it.
    row_number: usize,
    /// The row's own receipt number ("เลขที่" column), if the file has one.
    original_number: Option<String>,
    /// The row's cells as in the file, kept if the row is held as a duplicate.
    cells: Vec<String>,
    date: NaiveDate,
    gift: Gift,
    amount: i64,
    donor: Donor,
    purpose: Purpose,
    school_id: Option<i64>,
    network_id: Option<i64>,
    note: Option<String>,
}

/// Most problems listed in one reply.
const MAX_LISTED_PROBLEMS: usize = 20;

/// A .csv/.xlsx sent with the caption `นำเข้าทะเบียน`: every row is checked first; one bad
/// row and nothing is imported. The same file (by SHA-256) is refused the second time.
pub fn import(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let Input::Document(document) = &ctx.event.input else {
        return refuse("donations.import_usage", vec![]);
    };
    let file_name = document.file_name.clone().unwrap_or_default();
    let Some(bytes) = document.bytes.clone() else {
        return refuse("donations_files.too_large", vec![]);
    };
    let digest = sha256_hex(&bytes);
    if let Some(EarlierImport {
        file_name: earlier_name,
        imported_at: at,
    }) = store::imports::by_digest(ctx.conn, &digest)?
    {
        let date = chrono::DateTime::parse_from_rfc3339(&at)
            .map(|at| ctx.date(at.with_timezone(&ctx.env.config.tz).date_naive()))
            .unwrap_or(at);
        return refuse(
            "donations.import_duplicate",
            vec![("name", Arg::from(earlier_name)), ("date", Arg::from(date))],
        );
    }
    let table = match read_table(&file_name, &bytes) {
        Ok(table) => table,
        Err(error) => return refuse(error.locale_key(), vec![]),
    };
    let (rows, problems) = validate(ctx, &table)?;
    if !problems.is_empty() {
        let mut lines: Vec<String> = problems
            .iter()
            .take(MAX_LISTED_PROBLEMS)
            .map(|(row, problem)| {
                ctx.t(
                    "donations.import_row_problem",
                    &[
                        ("row", Arg::from(*row)),
                        ("problem", Arg::from(problem.as_str())),
                    ],
                )
            })
            .collect();
        if problems.len() > MAX_LISTED_PROBLEMS {
            lines.push(ctx.t(
                "donations.import_more_problems",
                &[("count", Arg::from(problems.len() - MAX_LISTED_PROBLEMS))],
            ));
        }
        return refuse(
            "donations.import_rejected",
            vec![
                ("count", Arg::from(problems.len())),
                ("problems", Arg::Html(lines.join("\n"))),
            ],
        );
    }
    if rows.is_empty() {
        return refuse("donations.import_no_rows", vec![]);
    }
    let total: i64 = rows.iter().map(|r| r.amount).sum();
    let import = NewImport {
        sha256: &digest,
        file_name: &file_name,
        row_count: rows.len(),
        total,
        imported_by: ctx.event.actor.user_id,
        imported_at: ctx.now,
    };
    let import_id = store::imports::insert(ctx.conn, &import)?;
    let header = table.first().cloned().unwrap_or_default();
    let mut recorded = 0;
    let mut recorded_total = 0;
    let mut duplicates = Vec::new();
    for row in &rows {
        let new = imported_donation(ctx, row, import_id);
        if let Some(existing) = store::same_donation(ctx.conn, &new)? {
            // Lists of strings always serialise.
            let table_json = serde_json::to_string(&[&header, &row.cells]).unwrap_or_default();
            let held_id =
                store::imports::hold(ctx.conn, import_id, row.row_number as i64, &table_json)?;
            duplicates.push((row.row_number, existing, held_id));
            continue;
        }
        record::record(ctx, &new)?;
        recorded += 1;
        recorded_total += row.amount;
    }
    ctx.audit(
        "donation.import",
        &file_name,
        &format!(
            "{recorded} {recorded_total} {digest} held {}",
            duplicates.len()
        ),
    )?;
    let text = ctx.t(
        "donations.import_done",
        &[
            ("count", Arg::from(recorded)),
            ("amount", Arg::from(format_amount(recorded_total))),
            ("words", Arg::from(amount_in_words(recorded_total))),
        ],
    );
    if duplicates.is_empty() {
        ctx.reply_text(text);
        return Ok(());
    }
    ctx.reply(duplicates_message(ctx, text, &duplicates));
    Ok(())
}

/// The import's answer when rows matched records already in the register: each listed with
/// the record it matches and a button to record it anyway.
fn duplicates_message(ctx: &Ctx, done: String, duplicates: &[(usize, String, i64)]) -> OutMessage {
    let mut lines = vec![
        done,
        ctx.t(
            "donations.import_duplicates",
            &[("count", Arg::from(duplicates.len()))],
        ),
    ];
    let mut buttons = Vec::new();
    for (row_number, existing, held_id) in duplicates.iter().take(MAX_LISTED_PROBLEMS) {
        lines.push(ctx.t(
            "donations.import_duplicate_row",
            &[
                ("row", Arg::from(*row_number)),
                ("number", Arg::from(existing.as_str())),
            ],
        ));
        buttons.push(vec![Button::Callback {
            label: ctx.t(
                "donations.import_record_anyway",
                &[("row", Arg::from(*row_number))],
            ),
            data: format!("{AREA}:imp:{held_id}"),
        }]);
    }
    if duplicates.len() > MAX_LISTED_PROBLEMS {
        lines.push(ctx.t(
            "donations.import_more_problems",
            &[("count", Arg::from(duplicates.len() - MAX_LISTED_PROBLEMS))],
        ));
    }
    OutMessage::text(lines.join("\n")).with_buttons(buttons)
}

fn imported_donation(ctx: &Ctx, row: &ImportRow, import_id: i64) -> NewDonation {
    NewDonation {
        received_on: row.date,
        gift: row.gift.clone(),
        amount: row.amount,
        donor_name: row.donor.name.clone(),
        donor_kind: row.donor.kind,
        anonymous: row.donor.anonymous,
        purpose: row.purpose,
        school_id: row.school_id,
        school_text: None,
        network_id: row.network_id,
        note: row.note.clone(),
        source: Source::Import(import_id),
        recorded_by_id: ctx.event.actor.user_id,
        recorded_by_name: ctx.event.actor.name.clone(),
        recorded_at: ctx.now.to_rfc3339(),
        original_number: row.original_number.clone(),
    }
}

/// `imp:<held id>`: staff confirm that a held duplicate row is a donation of its own. The row
/// is checked again as it was in the file and recorded once, however often the button is
/// pressed.
pub fn record_held_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    if !ctx.acts_as(Role::Staff) {
        ctx.answer_button_with("donations.import_staff_only", &[]);
        return Ok(());
    }
    let Some(held_id) = data.parse::<i64>().ok() else {
        ctx.answer_button_with("core.button_expired", &[]);
        return Ok(());
    };
    let Some(held) = store::imports::held(ctx.conn, held_id)? else {
        ctx.answer_button_with("core.button_expired", &[]);
        return Ok(());
    };
    if let Some(donation_id) = held.recorded_donation_id {
        let number = number_label(ctx, donation_id)?;
        let text = ctx.t(
            "donations.import_held_already",
            &[
                ("row", Arg::from(held.row_number)),
                ("number", Arg::from(number)),
            ],
        );
        ctx.reply_text(text);
        return Ok(());
    }
    let Ok(table) = serde_json::from_str::<Vec<Vec<String>>>(&held.table_json) else {
        log::error!("held import row {held_id} is not readable");
        return refuse("donations.file_failed", vec![]);
    };
    let (rows, problems) = validate(ctx, &table)?;
    let Some(row) = rows.first().filter(|_| problems.is_empty()) else {
        let problem = problems
            .first()
            .map(|(_, problem)| problem.clone())
            .unwrap_or_default();
        return refuse(
            "donations.import_held_invalid",
            vec![
                ("row", Arg::from(held.row_number)),
                ("problem", Arg::from(problem)),
            ],
        );
    };
    let new = imported_donation(ctx, row, held.import_id);
    let donation_id = record::record(ctx, &new)?;
    store::imports::mark_recorded(ctx.conn, held_id, donation_id)?;
    let number = number_label(ctx, donation_id)?;
    let text = ctx.t(
        "donations.import_held_recorded",
        &[
            ("row", Arg::from(held.row_number)),
            ("number", Arg::from(number)),
            ("amount", Arg::from(format_amount(new.amount))),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

fn number_label(ctx: &Ctx, donation_id: i64) -> CoreResult<String> {
    Ok(store::by_id(ctx.conn, donation_id)?
        .map(|donation| donation.number_label())
        .unwrap_or_default())
}

/// Column positions found in the header row.
struct Columns {
    number: Option<usize>,
    date: usize,
    donor: usize,
    amount: usize,
    purpose: usize,
    kind: Option<usize>,
    item: Option<usize>,
    quantity: Option<usize>,
    school: Option<usize>,
    network: Option<usize>,
    note: Option<usize>,
    donor_kind: Option<usize>,
    status: Option<usize>,
}

fn find_column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.trim();
        names.iter().any(|n| h == *n || h.starts_with(n))
    })
}

type Problems = Vec<(usize, String)>;

fn validate(ctx: &Ctx, table: &[Vec<String>]) -> CoreResult<(Vec<ImportRow>, Problems)> {
    let Some(header) = table.first() else {
        return Ok((Vec::new(), Vec::new()));
    };
    let required = [
        ("วันที่", find_column(header, &["วันที่รับ", "วันที่"])),
        ("ผู้บริจาค", find_column(header, &["ผู้บริจาค"])),
        ("จำนวนเงิน", find_column(header, &["จำนวนเงิน", "มูลค่า"])),
        ("วัตถุประสงค์", find_column(header, &["วัตถุประสงค์"])),
    ];
    let missing: Vec<&str> = required
        .iter()
        .filter(|(_, found)| found.is_none())
        .map(|(name, _)| *name)
        .collect();
    if !missing.is_empty() {
        return refuse(
            "donations.import_missing_columns",
            vec![("columns", Arg::from(missing.join(", ")))],
        );
    }
    let columns = Columns {
        number: header.iter().position(|h| h.trim() == "เลขที่"),
        date: required[0].1.unwrap_or_default(),
        donor: required[1].1.unwrap_or_default(),
        amount: required[2].1.unwrap_or_default(),
        purpose: required[3].1.unwrap_or_default(),
        kind: find_column(header, &["ชนิด"]),
        item: find_column(header, &["รายการสิ่งของ"]),
        quantity: header.iter().position(|h| h.trim() == "จำนวน"),
        school: find_column(header, &["โรงเรียน"]),
        network: find_column(header, &["เครือข่าย"]),
        note: find_column(header, &["หมายเหตุ"]),
        donor_kind: find_column(header, &["ประเภทผู้บริจาค"]),
        status: find_column(header, &["สถานะ"]),
    };
    let today = ctx.today();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (index, cells) in table.iter().enumerate().skip(1) {
        let row_number = index + 1;
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|c| c.trim().to_string())
                .unwrap_or_default()
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // Voided records of an exported register are not brought back.
        if cell(columns.status) == "ยกเลิก" {
            continue;
        }
        match validate_row(ctx, &columns, &cell, today)? {
            Ok(row) => rows.push(ImportRow {
                row_number,
                cells: cells.clone(),
                ..row
            }),
            Err(problem) => problems.push((row_number, problem)),
        }
    }
    Ok((rows, problems))
}

fn validate_row(
    ctx: &Ctx,
    columns: &Columns,
    cell: &dyn Fn(Option<usize>) -> String,
    today: NaiveDate,
) -> CoreResult<Result<ImportRow, String>> {
    let mut problems = Vec::new();
    let date_text = cell(Some(columns.date));
    let date = NaiveDate::parse_from_str(&date_text, "%Y-%m-%d")
        .ok()
        .or_else(|| parse_past_date(&date_text, today).ok());
    match date {
        Some(date) if date > today => problems.push(plain(
            ctx,
            "donations.import_date_future",
            &[("date", Arg::from(date_text.as_str()))],
        )),
        Some(_) => {}
        None => problems.push(plain(
            ctx,
            "donations.import_date_unreadable",
            &[("date", Arg::from(date_text.as_str()))],
        )),
    }
    let amount_text = cell(Some(columns.amount));
    let amount = parse_amount(&amount_text)
        .map_err(|e| {
            problems.push(plain(
                ctx,
                "donations.import_amount_problem",
                &[
                    ("amount", Arg::from(amount_text.as_str())),
                    ("problem", Arg::Html(ctx.explain(&e))),
                ],
            ))
        })
        .ok();
    let donor_text = cell(Some(columns.donor));
    if donor_text.is_empty() {
        problems.push(plain(ctx, "donations.import_no_donor", &[]));
    }
    let donor_kind = match cell(columns.donor_kind).as_str() {
        "" => None,
        text => DonorKind::ALL
            .into_iter()
            .find(|k| ctx.t(k.label_key(), &[]) == text)
            .or_else(|| DonorKind::parse(text)),
    };
    let goods = cell(columns.kind) == "สิ่งของ";
    let item = cell(columns.item);
    if goods && item.is_empty() {
        problems.push(plain(ctx, "donations.import_no_item", &[]));
    }
    // Imported names meet the same limits as typed ones.
    for (field_key, text) in [
        ("donations.field_donor", &donor_text),
        ("donations.field_item", &item),
    ] {
        if let Err(CoreError::Refusal { key, args }) = check_printed_name(ctx, field_key, text) {
            problems.push(crate::i18n::html_to_plain(&ctx.t(key, &args)));
        }
    }
    let purpose_text = cell(Some(columns.purpose));
    let school_text = cell(columns.school);
    let purpose = Purpose::ALL
        .into_iter()
        .find(|p| ctx.t(p.label_key(), &[]) == purpose_text);
    let purpose = match purpose.map_or_else(
        || parse_purpose(&purpose_text),
        |p| match p {
            Purpose::Scholarship => PurposeText::Scholarship,
            Purpose::Office => PurposeText::Office,
            Purpose::School => PurposeText::School(None),
        },
    ) {
        PurposeText::Scholarship => Some(Purpose::Scholarship),
        PurposeText::Office => Some(Purpose::Office),
        PurposeText::School(_) => Some(Purpose::School),
        PurposeText::Unknown(_) => {
            problems.push(plain(
                ctx,
                "donations.import_purpose_unknown",
                &[("purpose", Arg::from(purpose_text.as_str()))],
            ));
            None
        }
    };
    let school_name = match parse_purpose(&purpose_text) {
        PurposeText::School(Some(name)) if school_text.is_empty() => name,
        _ => school_text,
    };
    let school_id = resolve(ctx, List::Schools, &school_name, &mut problems)?;
    let network_id = resolve(ctx, List::Networks, &cell(columns.network), &mut problems)?;
    let (Some(date), Some(amount), Some(purpose), true) =
        (date, amount, purpose, problems.is_empty())
    else {
        return Ok(Err(problems.join("; ")));
    };
    let quantity = cell(columns.quantity);
    Ok(Ok(ImportRow {
        row_number: 0,
        original_number: Some(cell(columns.number)).filter(|n| !n.is_empty()),
        cells: Vec::new(),
        date,
        gift: if goods {
            Gift::Goods {
                item,
                quantity: (!quantity.is_empty()).then_some(quantity),
            }
        } else {
            Gift::Money
        },
        amount,
        donor: Donor::from_typed(&donor_text, donor_kind),
        purpose,
        school_id,
        network_id,
        note: Some(cell(columns.note)).filter(|n| !n.is_empty()),
    }))
}

/// A row's problem as plain text: the problems of a row are joined, then escaped once when
/// listed.
fn plain(ctx: &Ctx, key: &str, args: &[(&str, Arg)]) -> String {
    crate::i18n::html_to_plain(&ctx.t(key, args))
}

/// A school or network named in a row must be in the list (no silent duplicates).
fn resolve(
    ctx: &Ctx,
    list: List,
    typed: &str,
    problems: &mut Vec<String>,
) -> CoreResult<Option<i64>> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    match names::lookup(ctx.conn, list, typed)? {
        Lookup::Found(entry) => Ok(Some(entry.id)),
        Lookup::NotFound { typed, suggestions } => {
            let close: Vec<String> = suggestions.iter().map(|e| list.display(&e.name)).collect();
            let name = Arg::from(list.display(&typed));
            problems.push(if close.is_empty() {
                plain(ctx, "donations.import_not_listed", &[("name", name)])
            } else {
                let close = Arg::from(close.join(", "));
                plain(
                    ctx,
                    "donations.import_not_listed_close",
                    &[("name", name), ("close", close)],
                )
            });
            Ok(None)
        }
    }
}
/// The SHA-256 digest of an imported file as 64 lowercase hex digits: the same file twice is
/// recognised and refused.
fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::sha256_hex;

    #[test]
    fn the_import_digest_is_sha256_in_lowercase_hex() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
