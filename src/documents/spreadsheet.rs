//! Spreadsheet export (.xlsx, .csv) of the donation register, and reading back a table that
//! staff edited or typed up themselves.
//!
//! Export decisions:
//! - Money is kept in satang everywhere else and becomes baht only here, at the cell: a
//!   number formatted `#,##0.00` in .xlsx, "1250.50" in .csv.
//! - Dates are real Excel dates, so sorting and date filters work, shown in the Buddhist Era
//!   by the number format `[$-1070000]dd/mm/yyyy` (calendar 07 = Thai Buddhist, which Excel
//!   and LibreOffice understand; a program that does not shows the same date in the Common
//!   Era). Dates Excel cannot hold faithfully (before March 1900) are written as text "dd/mm/yyyy" in BE.
//!   In .csv, dates are the text "15/06/2569".
//! - .csv starts with a UTF-8 byte order mark so that Excel reads Thai correctly, and text
//!   that Excel would run as a formula (starting with = + - @) gets a leading apostrophe.
//!
//! Uploaded files are untrusted: size, type, zip-bomb and row limits are checked before any
//! parser sees the bytes, and nothing in here panics on malformed input.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, Workbook, Worksheet};
use zip::ZipArchive;

use super::render::is_attached_mark;
use crate::thai::{be_year, format_number};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Text(String),
    /// Satang.
    Money(i64),
    Integer(i64),
    Date(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Made valid for Excel when written: forbidden characters become "-", cut to 31
    /// characters, and made unique.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpreadsheetError {
    /// The upload is over [`MAX_UPLOAD_BYTES`].
    TooLarge,
    /// Not a .csv or .xlsx file, whatever its name says.
    WrongType,
    /// Looks like the right type but cannot be read; the reason is for logs, in English.
    Malformed(String),
    /// More than [`MAX_ROWS`] rows (or more cells than such a table would have).
    TooManyRows,
    /// An .xlsx that would inflate to far more than its size suggests.
    ZipBomb,
    /// Building the .xlsx failed.
    Write(String),
}

impl SpreadsheetError {
    /// Key of the user-facing message in `locales/*/donations_files.toml`.
    pub fn locale_key(&self) -> &'static str {
        match self {
            SpreadsheetError::TooLarge => "donations_files.too_large",
            SpreadsheetError::WrongType => "donations_files.wrong_type",
            SpreadsheetError::Malformed(_) => "donations_files.malformed",
            SpreadsheetError::TooManyRows => "donations_files.too_many_rows",
            SpreadsheetError::ZipBomb => "donations_files.zip_bomb",
            SpreadsheetError::Write(_) => "donations_files.write_failed",
        }
    }
}

impl fmt::Display for SpreadsheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpreadsheetError::TooLarge => {
                write!(f, "file is larger than {MAX_UPLOAD_BYTES} bytes")
            }
            SpreadsheetError::WrongType => write!(f, "file is not a .csv or .xlsx spreadsheet"),
            SpreadsheetError::Malformed(reason) => write!(f, "spreadsheet is malformed: {reason}"),
            SpreadsheetError::TooManyRows => write!(f, "table has more than {MAX_ROWS} rows"),
            SpreadsheetError::ZipBomb => write!(f, ".xlsx inflates beyond the allowed limits"),
            SpreadsheetError::Write(reason) => write!(f, "cannot write the .xlsx: {reason}"),
        }
    }
}

impl std::error::Error for SpreadsheetError {}

pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_ROWS: usize = 50_000;
/// A donation table has about ten columns; anything far wider is not one.
pub const MAX_COLUMNS: usize = 256;
/// Bounds memory for tables that are both long and wide (rows are padded to equal width).
const MAX_CELLS: usize = MAX_ROWS * 40;
/// Claimed total size of all entries of an .xlsx, inflated.
const MAX_INFLATED_BYTES: u64 = 50 * 1024 * 1024;
/// Inflated size over deflated size of any one entry. Real workbooks stay near 10 even for
/// 50,000 similar rows; deflate itself cannot exceed about 1,000.
const MAX_COMPRESSION_RATIO: u64 = 100;

/// Excel shows the year in the Buddhist Era with this format (see the module notes).
const BE_DATE_FORMAT: &str = "[$-1070000]dd/mm/yyyy;@";
const MONEY_FORMAT: &str = "#,##0.00";
/// Points, for Excel's default 11 pt font.
const DEFAULT_ROW_HEIGHT: f64 = 15.0;
/// Excel's limit, in points.
const MAX_ROW_HEIGHT: f64 = 409.0;
const MIN_COLUMN_WIDTH: usize = 8;
const MAX_COLUMN_WIDTH: usize = 60;

/// Builds an .xlsx workbook with one worksheet per sheet: a bold header row that stays in
/// view when scrolling, a filter on the header, and columns sized to their contents.
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, SpreadsheetError> {
    let mut workbook = Workbook::new();
    let formats = CellFormats::new();
    let mut used_names: Vec<String> = Vec::new();
    for (index, sheet) in sheets.iter().enumerate() {
        let name = unique_sheet_name(&sheet.name, index, &used_names);
        used_names.push(name.clone());
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(name).map_err(write_error)?;
        write_worksheet(worksheet, sheet, &formats)?;
    }
    workbook.save_to_buffer().map_err(write_error)
}

fn write_error(error: rust_xlsxwriter::XlsxError) -> SpreadsheetError {
    SpreadsheetError::Write(error.to_string())
}

struct CellFormats {
    header: Format,
    /// Text with line breaks, which Excel only shows as lines when wrapping is on.
    multiline_text: Format,
    money: Format,
    date: Format,
}

impl CellFormats {
    fn new() -> CellFormats {
        CellFormats {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDE7F2))
                .set_border_bottom(FormatBorder::Thin),
            multiline_text: Format::new().set_text_wrap(),
            money: Format::new().set_num_format(MONEY_FORMAT),
            date: Format::new().set_num_format(BE_DATE_FORMAT),
        }
    }
}

fn write_worksheet(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    formats: &CellFormats,
) -> Result<(), SpreadsheetError> {
    let mut column_widths: Vec<usize> = Vec::new();
    for (column, header) in sheet.headers.iter().enumerate() {
        let column_number = column_number(column)?;
        worksheet
            .write_string_with_format(0, column_number, header, &formats.header)
            .map_err(write_error)?;
        // Bold text is about a tenth wider, and the filter button takes about three characters.
        widen(
            &mut column_widths,
            column,
            display_width(header) * 11 / 10 + 3,
        );
    }
    for (row, cells) in sheet.rows.iter().enumerate() {
        let row_number = u32::try_from(row + 1)
            .map_err(|_| SpreadsheetError::Write(format!("row {row} is beyond Excel's limit")))?;
        for (column, cell) in cells.iter().enumerate() {
            let column_number = column_number(column)?;
            let shown = write_cell(worksheet, row_number, column_number, cell, formats)?;
            widen(&mut column_widths, column, shown);
        }
        let most_lines = cells.iter().map(line_count).max().unwrap_or(1);
        if most_lines > 1 {
            // Spreadsheet programs do not all grow a row for wrapped text when opening a file.
            let height = (DEFAULT_ROW_HEIGHT * most_lines as f64).min(MAX_ROW_HEIGHT);
            worksheet
                .set_row_height(row_number, height)
                .map_err(write_error)?;
        }
    }
    for (column, width) in column_widths.iter().enumerate() {
        let width = (width + 2).clamp(MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
        worksheet
            .set_column_width(column_number(column)?, width as f64)
            .map_err(write_error)?;
    }
    if !sheet.headers.is_empty() {
        let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
        let last_column = column_number(sheet.headers.len() - 1)?;
        worksheet.set_freeze_panes(1, 0).map_err(write_error)?;
        worksheet
            .autofilter(0, 0, last_row, last_column)
            .map_err(write_error)?;
    }
    Ok(())
}

fn line_count(cell: &Cell) -> usize {
    match cell {
        Cell::Text(text) => text.lines().count().max(1),
        _ => 1,
    }
}

fn column_number(column: usize) -> Result<u16, SpreadsheetError> {
    u16::try_from(column)
        .map_err(|_| SpreadsheetError::Write(format!("column {column} is beyond Excel's limit")))
}

fn widen(widths: &mut Vec<usize>, column: usize, width: usize) {
    if widths.len() <= column {
        widths.resize(column + 1, 0);
    }
    widths[column] = widths[column].max(width);
}

/// Writes one cell and returns how many characters wide it shows.
fn write_cell(
    worksheet: &mut Worksheet,
    row: u32,
    column: u16,
    cell: &Cell,
    formats: &CellFormats,
) -> Result<usize, SpreadsheetError> {
    match cell {
        Cell::Text(text) if text.contains('\n') => {
            worksheet
                .write_string_with_format(row, column, text, &formats.multiline_text)
                .map_err(write_error)?;
            Ok(display_width(text))
        }
        Cell::Text(text) => {
            worksheet
                .write_string(row, column, text)
                .map_err(write_error)?;
            Ok(display_width(text))
        }
        Cell::Money(satang) => {
            worksheet
                .write_number_with_format(row, column, baht(*satang), &formats.money)
                .map_err(write_error)?;
            Ok(format_number(*satang).len())
        }
        Cell::Integer(value) => {
            // Beyond 2^53 an f64 rounds; no count in the register comes near it.
            worksheet
                .write_number(row, column, *value as f64)
                .map_err(write_error)?;
            Ok(value.to_string().len())
        }
        Cell::Date(date) => {
            match excel_date(*date) {
                Some(excel_date) => worksheet
                    .write_datetime_with_format(row, column, &excel_date, &formats.date)
                    .map_err(write_error)?,
                None => worksheet
                    .write_string(row, column, be_date_text(*date))
                    .map_err(write_error)?,
            };
            Ok(be_date_text(*date).len())
        }
    }
}

/// Satang to baht, only ever at a cell: `i64` → `f64` is exact up to 2^53 satang, and the
/// division then gives the double nearest to the true baht value.
fn baht(satang: i64) -> f64 {
    satang as f64 / 100.0
}

/// `None` for dates Excel cannot store faithfully: after 9999, and before March 1900, where
/// Excel's fictitious 29 February 1900 shifts the day numbers that other readers use.
fn excel_date(date: NaiveDate) -> Option<ExcelDateTime> {
    if date < NaiveDate::from_ymd_opt(1900, 3, 1)? {
        return None;
    }
    let year = u16::try_from(date.year()).ok()?;
    let month = u8::try_from(date.month()).ok()?;
    let day = u8::try_from(date.day()).ok()?;
    ExcelDateTime::from_ymd(year, month, day).ok()
}

/// "15/06/2569".
fn be_date_text(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), be_year(date))
}

/// Characters across the longest line as they take up room on screen: Thai vowel and tone
/// marks sit on their letter.
fn display_width(text: &str) -> usize {
    text.lines()
        .map(|line| {
            line.chars()
                .filter(|character| !is_attached_mark(*character))
                .count()
        })
        .max()
        .unwrap_or(0)
}

/// A name Excel accepts and no earlier sheet has (Excel compares names case-insensitively).
fn unique_sheet_name(wanted: &str, index: usize, used: &[String]) -> String {
    const MAX_LENGTH: usize = 31;
    let cleaned: String = wanted
        .chars()
        .map(|character| match character {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '-',
            control if control.is_control() => ' ',
            other => other,
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('\'').trim();
    let base = if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("history") {
        format!("Sheet{}", index + 1)
    } else {
        cleaned.to_owned()
    };
    let is_taken = |name: &str| {
        used.iter()
            .any(|taken| taken.to_lowercase() == name.to_lowercase())
    };
    let mut candidate: String = base.chars().take(MAX_LENGTH).collect();
    let mut copy_number = 2;
    while is_taken(&candidate) {
        let suffix = format!(" ({copy_number})");
        let kept = MAX_LENGTH - suffix.chars().count();
        candidate = base.chars().take(kept).collect::<String>() + &suffix;
        copy_number += 1;
    }
    candidate
}

/// The sheet as CSV: UTF-8 with a byte order mark, CRLF line ends, fields quoted only when
/// they need it. Money is "1250.50", dates are "15/06/2569" (BE).
pub fn write_csv(sheet: &Sheet) -> Vec<u8> {
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .flexible(true)
        .from_writer(&mut bytes);
    let rows = std::iter::once(
        sheet
            .headers
            .iter()
            .map(|h| csv_text(h))
            .collect::<Vec<_>>(),
    )
    .chain(
        sheet
            .rows
            .iter()
            .map(|row| row.iter().map(csv_cell).collect()),
    );
    for record in rows {
        // Writing into a Vec cannot fail.
        writer
            .write_record(record.iter().map(|field| field.as_bytes()))
            .expect("writing CSV into memory");
    }
    writer.flush().expect("writing CSV into memory");
    drop(writer);
    bytes
}

fn csv_cell(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Text(text) => csv_text(text),
        Cell::Money(satang) => Cow::Owned(format_number(*satang).replace(',', "")),
        Cell::Integer(value) => Cow::Owned(value.to_string()),
        Cell::Date(date) => Cow::Owned(be_date_text(*date)),
    }
}

/// Excel runs a CSV field that starts with = + - @ (or a tab or CR before them) as a
/// formula, which a donor's name must never become; a leading apostrophe keeps it text.
fn csv_text(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Reads the first sheet of an uploaded .xlsx or .csv into rows of cell texts, header row
/// included. Every row has the same number of cells; trailing empty rows are dropped.
///
/// In .xlsx, row and column positions are kept (row 0 is Excel's row 1, column 0 is A), so
/// blank leading rows and columns show up as empty cells. Numbers come back without binary
/// noise, rounded to Excel's 15 significant digits ("1250.5", "3"), dates as ISO
/// ("2026-06-15", or "2026-06-15 09:30:00" with a time), booleans as TRUE/FALSE.
/// In .csv, every field is kept as written and blank lines are skipped.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Vec<Vec<String>>, SpreadsheetError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(SpreadsheetError::TooLarge);
    }
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, extension)| extension.to_ascii_lowercase());
    match extension.as_deref() {
        Some("csv") => read_csv(bytes),
        Some("xlsx") => read_xlsx(bytes),
        _ => Err(SpreadsheetError::WrongType),
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Signatures of formats that staff might upload by mistake under a .csv name.
const BINARY_MAGICS: &[&[u8]] = &[
    ZIP_MAGIC,
    b"\x89PNG",
    b"\xFF\xD8\xFF",
    b"GIF8",
    b"%PDF",
    b"\xD0\xCF\x11\xE0",
];

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, SpreadsheetError> {
    let text = decode_csv_text(bytes)?;
    // Every quote in well-formed CSV is paired (enclosing quotes, and "" inside them); an odd
    // count means a field never closes, and the parser would silently swallow the rest of
    // the file into it.
    if text.matches('"').count() % 2 == 1 {
        return Err(SpreadsheetError::Malformed(
            "a quoted field is never closed".to_owned(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut table = TableBuilder::default();
    for record in reader.records() {
        let record =
            record.map_err(|error| SpreadsheetError::Malformed(format!("CSV: {error}")))?;
        let row = table.rows.len();
        for (column, field) in record.iter().enumerate() {
            table.set(row, column, field.to_owned())?;
        }
    }
    table.finish()
}

/// The text of a CSV file: UTF-8 or UTF-16 with a byte order mark, else UTF-8, else
/// Windows-874 (TIS-620), which Thai Excel uses for "CSV (Comma delimited)".
fn decode_csv_text(bytes: &[u8]) -> Result<String, SpreadsheetError> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        if had_errors {
            return Err(SpreadsheetError::Malformed(format!(
                "text is not valid {}",
                encoding.name()
            )));
        }
        return Ok(text.into_owned());
    }
    if BINARY_MAGICS.iter().any(|magic| bytes.starts_with(magic)) || bytes.contains(&0) {
        return Err(SpreadsheetError::WrongType);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    let (text, had_errors) = encoding_rs::WINDOWS_874.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(SpreadsheetError::Malformed(
            "text is neither UTF-8 nor Thai Windows-874".to_owned(),
        ));
    }
    Ok(text.into_owned())
}

/// Comma, unless the header line has more semicolons (Excel in European locales) or tabs.
fn guess_delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or("");
    let count = |delimiter: char| first_line.matches(delimiter).count();
    let commas = count(',');
    [(b';', count(';')), (b'\t', count('\t'))]
        .into_iter()
        .filter(|(_, found)| *found > commas)
        .max_by_key(|(_, found)| *found)
        .map_or(b',', |(delimiter, _)| delimiter)
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, SpreadsheetError> {
    if !bytes.starts_with(ZIP_MAGIC) {
        return Err(SpreadsheetError::WrongType);
    }
    check_xlsx_package(bytes)?;
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let first_sheet = workbook
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| SpreadsheetError::Malformed("the workbook has no sheet".to_owned()))?;
    // The streaming reader, not `worksheet_range`: a range is allocated densely from the
    // corners of the used area, so one stray cell at XFD1048576 would ask for gigabytes.
    let mut cells = workbook
        .worksheet_cells_reader(&first_sheet)
        .map_err(xlsx_error)?;
    let mut table = TableBuilder::default();
    while let Some(cell) = cells.next_cell().map_err(xlsx_error)? {
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let (row, column) = cell.get_position();
        let row = usize::try_from(row).map_err(|_| SpreadsheetError::TooManyRows)?;
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        table.set(row, column, text)?;
    }
    table.finish()
}

fn xlsx_error(error: calamine::XlsxError) -> SpreadsheetError {
    SpreadsheetError::Malformed(format!("xlsx: {error}"))
}

/// Checks an .xlsx package before calamine reads it: it must be a spreadsheet (not, say, a
/// .docx), and it must not inflate beyond the limits.
fn check_xlsx_package(bytes: &[u8]) -> Result<(), SpreadsheetError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes))
        .map_err(|error| SpreadsheetError::Malformed(format!("zip: {error}")))?;
    // First the sizes the central directory claims, read without inflating anything.
    let mut claimed_total: u64 = 0;
    let mut has_workbook = false;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|error| SpreadsheetError::Malformed(format!("zip entry: {error}")))?;
        let (inflated, deflated) = (entry.size(), entry.compressed_size());
        claimed_total = claimed_total.saturating_add(inflated);
        let ratio_too_high = inflated > deflated.saturating_mul(MAX_COMPRESSION_RATIO);
        if claimed_total > MAX_INFLATED_BYTES || ratio_too_high {
            return Err(SpreadsheetError::ZipBomb);
        }
        has_workbook |= entry.name().eq_ignore_ascii_case("xl/workbook.xml");
    }
    if !has_workbook {
        return Err(SpreadsheetError::WrongType);
    }
    // The claims can lie, and the deflate reader does not stop at the claimed size. Inflate
    // each entry once, giving up one byte past its claim, so calamine only ever reads a
    // package whose real size is within the limits.
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|error| SpreadsheetError::Malformed(format!("zip entry: {error}")))?;
        let claimed = entry.size();
        let inflated = io::copy(&mut (&mut entry).take(claimed + 1), &mut io::sink())
            .map_err(|error| SpreadsheetError::Malformed(format!("zip data: {error}")))?;
        if inflated > claimed {
            return Err(SpreadsheetError::ZipBomb);
        }
    }
    Ok(())
}

fn cell_text(value: &DataRef) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(text) => text.clone(),
        DataRef::SharedString(text) => (*text).to_owned(),
        DataRef::Int(number) => number.to_string(),
        DataRef::Float(number) => number_text(*number),
        DataRef::Bool(true) => "TRUE".to_owned(),
        DataRef::Bool(false) => "FALSE".to_owned(),
        DataRef::DateTime(date_time) => match date_time.as_datetime() {
            Some(moment) if moment.time() == chrono::NaiveTime::MIN => {
                moment.date().format("%Y-%m-%d").to_string()
            }
            Some(moment) => moment.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => number_text(date_time.as_f64()),
        },
        DataRef::DateTimeIso(text) | DataRef::DurationIso(text) => text.clone(),
        DataRef::Error(error) => error.to_string(),
    }
}

/// A cell number as Excel shows it in General format: at most 15 significant digits, which
/// drops binary noise such as 0.30000000000000004, and never an exponent.
fn number_text(number: f64) -> String {
    if !number.is_finite() {
        return number.to_string();
    }
    let rounded: f64 = format!("{number:.14e}").parse().unwrap_or(number);
    if rounded == 0.0 {
        // Avoids "-0".
        return "0".to_owned();
    }
    rounded.to_string()
}

/// Collects cells by position into a padded table, enforcing the size limits as it goes.
#[derive(Default)]
struct TableBuilder {
    rows: Vec<Vec<String>>,
    width: usize,
    cells: usize,
}

impl TableBuilder {
    fn ensure_row(&mut self, row: usize) -> Result<(), SpreadsheetError> {
        if row >= MAX_ROWS {
            return Err(SpreadsheetError::TooManyRows);
        }
        if self.rows.len() <= row {
            self.rows.resize_with(row + 1, Vec::new);
        }
        Ok(())
    }

    fn set(&mut self, row: usize, column: usize, text: String) -> Result<(), SpreadsheetError> {
        if column >= MAX_COLUMNS {
            return Err(SpreadsheetError::Malformed(format!(
                "the table is wider than {MAX_COLUMNS} columns"
            )));
        }
        self.ensure_row(row)?;
        let cells = &mut self.rows[row];
        if cells.len() <= column {
            self.cells += column + 1 - cells.len();
            if self.cells > MAX_CELLS {
                return Err(SpreadsheetError::TooManyRows);
            }
            cells.resize_with(column + 1, String::new);
        }
        cells[column] = text;
        self.width = self.width.max(column + 1);
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<Vec<String>>, SpreadsheetError> {
        while self
            .rows
            .last()
            .is_some_and(|cells| cells.iter().all(String::is_empty))
        {
            self.rows.pop();
        }
        if self.rows.len().saturating_mul(self.width) > MAX_CELLS {
            return Err(SpreadsheetError::TooManyRows);
        }
        for cells in &mut self.rows {
            cells.resize_with(self.width, String::new);
        }
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    use super::*;
    use crate::documents::render::test_support::keep_for_review;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
    }

    fn text(value: &str) -> Cell {
        Cell::Text(value.to_owned())
    }

    fn strings(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|row| row.iter().map(|cell| (*cell).to_owned()).collect())
            .collect()
    }

    fn register_sheet() -> Sheet {
        Sheet {
            name: "ทะเบียนรับบริจาค มิ.ย./2569".to_owned(),
            headers: ["วันที่", "ผู้บริจาค", "จำนวนเงิน (บาท)", "จำนวนครั้ง"]
                .map(str::to_owned)
                .to_vec(),
            rows: vec![
                vec![
                    Cell::Date(date(2026, 6, 15)),
                    text("นายใจดี มีน้ำใจ"),
                    Cell::Money(125_050),
                    Cell::Integer(3),
                ],
                vec![
                    Cell::Date(date(2026, 6, 5)),
                    text("=HYPERLINK(\"http://x\"), \"ผู้ใหญ่\"\nบรรทัดสอง"),
                    Cell::Money(-500),
                    Cell::Integer(0),
                ],
                vec![
                    Cell::Date(date(1800, 1, 1)),
                    text(""),
                    Cell::Money(99_999_999_999_999),
                ],
            ],
        }
    }

    /// A zip holding the given entries, deflated.
    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        for (name, content) in entries {
            writer.start_file(*name, options).expect("start entry");
            writer.write_all(content).expect("write entry");
        }
        writer.finish().expect("finish zip").into_inner()
    }

    #[test]
    fn xlsx_round_trip_keeps_thai_text_money_and_dates() {
        let second = Sheet {
            name: "ทะเบียนรับบริจาค มิ.ย.-2569".to_owned(),
            headers: vec!["ไม่ถูกอ่าน".to_owned()],
            rows: Vec::new(),
        };
        let xlsx = write_xlsx(&[register_sheet(), second]).expect("writes");
        keep_for_review("register.xlsx", &xlsx);
        let table = read_table("ทะเบียน.XLSX", &xlsx).expect("reads");
        assert_eq!(
            table,
            strings(&[
                &["วันที่", "ผู้บริจาค", "จำนวนเงิน (บาท)", "จำนวนครั้ง"],
                &["2026-06-15", "นายใจดี มีน้ำใจ", "1250.5", "3"],
                &[
                    "2026-06-05",
                    "=HYPERLINK(\"http://x\"), \"ผู้ใหญ่\"\nบรรทัดสอง",
                    "-5",
                    "0"
                ],
                &["01/01/2343", "", "999999999999.99", ""],
            ])
        );
    }

    #[test]
    fn xlsx_sheet_names_are_made_valid_and_unique() {
        let used = vec!["ทะเบียน".to_owned()];
        assert_eq!(unique_sheet_name("มิ.ย./2569", 0, &[]), "มิ.ย.-2569");
        assert_eq!(unique_sheet_name("ทะเบียน", 1, &used), "ทะเบียน (2)");
        assert_eq!(unique_sheet_name("  'History' ", 2, &[]), "Sheet3");
        assert_eq!(unique_sheet_name("", 0, &[]), "Sheet1");
        let long = "ก".repeat(40);
        assert_eq!(unique_sheet_name(&long, 0, &[]).chars().count(), 31);
        let taken = vec![unique_sheet_name(&long, 0, &[])];
        let second = unique_sheet_name(&long, 1, &taken);
        assert!(second.ends_with(" (2)") && second.chars().count() == 31);
    }

    #[test]
    fn an_empty_workbook_reads_as_an_empty_table() {
        let xlsx = write_xlsx(&[]).expect("writes");
        assert_eq!(read_table("empty.xlsx", &xlsx), Ok(Vec::new()));
    }

    #[test]
    fn csv_has_bom_crlf_plain_money_be_dates_and_defused_formulas() {
        let csv = write_csv(&register_sheet());
        let expected = "\u{FEFF}วันที่,ผู้บริจาค,จำนวนเงิน (บาท),จำนวนครั้ง\r\n\
            15/06/2569,นายใจดี มีน้ำใจ,1250.50,3\r\n\
            05/06/2569,\"'=HYPERLINK(\"\"http://x\"\"), \"\"ผู้ใหญ่\"\"\nบรรทัดสอง\",-5.00,0\r\n\
            01/01/2343,,999999999999.99\r\n";
        assert_eq!(String::from_utf8(csv).expect("UTF-8"), expected);
    }

    #[test]
    fn csv_round_trip_handles_bom_quotes_commas_newlines_and_crlf() {
        let table = read_table("export.csv", &write_csv(&register_sheet())).expect("reads");
        assert_eq!(
            table,
            strings(&[
                &["วันที่", "ผู้บริจาค", "จำนวนเงิน (บาท)", "จำนวนครั้ง"],
                &["15/06/2569", "นายใจดี มีน้ำใจ", "1250.50", "3"],
                &[
                    "05/06/2569",
                    "'=HYPERLINK(\"http://x\"), \"ผู้ใหญ่\"\nบรรทัดสอง",
                    "-5.00",
                    "0"
                ],
                &["01/01/2343", "", "999999999999.99", ""],
            ])
        );
    }

    #[test]
    fn csv_from_thai_excel_windows_874_and_semicolon_files() {
        let (windows_874, _, _) =
            encoding_rs::WINDOWS_874.encode("ชื่อ,จำนวน\r\nนายใจดี,\"1,250.50\"\r\n\r\n");
        assert_eq!(
            read_table("ansi.csv", &windows_874),
            Ok(strings(&[&["ชื่อ", "จำนวน"], &["นายใจดี", "1,250.50"]]))
        );
        let semicolons = "ชื่อ;จำนวน;หมายเหตุ\nก;1,5\n".as_bytes();
        assert_eq!(
            read_table("eu.csv", semicolons),
            Ok(strings(&[&["ชื่อ", "จำนวน", "หมายเหตุ"], &["ก", "1,5", ""]]))
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("ก,ข\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(read_table("u16.csv", &utf16), Ok(strings(&[&["ก", "ข"]])));
    }

    #[test]
    fn refuses_files_over_the_size_limit() {
        let big = vec![b'a'; MAX_UPLOAD_BYTES + 1];
        assert_eq!(read_table("big.csv", &big), Err(SpreadsheetError::TooLarge));
        assert_eq!(
            read_table("big.xlsx", &big),
            Err(SpreadsheetError::TooLarge)
        );
    }

    #[test]
    fn refuses_other_file_types_whatever_their_name() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice();
        let docx = zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", b"<w:document/>"),
        ]);
        let xlsx = write_xlsx(&[register_sheet()]).expect("writes");
        for (name, bytes) in [
            ("photo.xlsx", png),
            ("photo.csv", png),
            ("letter.xlsx", docx.as_slice()),
            ("workbook.csv", xlsx.as_slice()),
            ("register.xls", xlsx.as_slice()),
            ("register.pdf", b"%PDF-1.7".as_slice()),
            ("no_extension", b"a,b".as_slice()),
        ] {
            assert_eq!(
                read_table(name, bytes),
                Err(SpreadsheetError::WrongType),
                "{name}"
            );
        }
    }

    #[test]
    fn refuses_zip_bombs_before_inflating_them() {
        let zeros = vec![0u8; 60 * 1024 * 1024];
        let over_total = zip_of(&[("xl/workbook.xml", b"<workbook/>"), ("xl/big.xml", &zeros)]);
        assert!(over_total.len() < MAX_UPLOAD_BYTES);
        assert_eq!(
            read_table("bomb.xlsx", &over_total),
            Err(SpreadsheetError::ZipBomb)
        );

        let over_ratio = zip_of(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/big.xml", &zeros[..8 * 1024 * 1024]),
        ]);
        assert_eq!(
            read_table("ratio.xlsx", &over_ratio),
            Err(SpreadsheetError::ZipBomb)
        );
    }

    #[test]
    fn refuses_an_xlsx_whose_entry_inflates_past_its_claimed_size() {
        let mut xlsx = write_xlsx(&[register_sheet()]).expect("writes");
        // Understate the inflated size of every entry, in the central directory (which the
        // reader trusts) and in the local headers, as a crafted bomb would.
        let mut offset = 0;
        while let Some(found) = find(&xlsx[offset..], b"PK\x01\x02") {
            let at = offset + found;
            xlsx[at + 24..at + 28].copy_from_slice(&1u32.to_le_bytes());
            offset = at + 4;
        }
        offset = 0;
        while let Some(found) = find(&xlsx[offset..], b"PK\x03\x04") {
            let at = offset + found;
            xlsx[at + 22..at + 26].copy_from_slice(&1u32.to_le_bytes());
            offset = at + 4;
        }
        assert_eq!(
            read_table("lying.xlsx", &xlsx),
            Err(SpreadsheetError::ZipBomb)
        );
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack
            .windows(needle.len())
            .position(|window| window == needle)
    }

    #[test]
    fn reads_the_row_limit_and_refuses_one_more() {
        let sheet_with = |data_rows: usize| Sheet {
            name: "ทะเบียน".to_owned(),
            headers: vec!["ผู้บริจาค".to_owned(), "จำนวนเงิน".to_owned()],
            rows: (0..data_rows)
                .map(|index| vec![text("นายใจดี มีน้ำใจ"), Cell::Money(index as i64)])
                .collect(),
        };
        let at_limit = write_xlsx(&[sheet_with(MAX_ROWS - 1)]).expect("writes");
        assert!(at_limit.len() < MAX_UPLOAD_BYTES);
        let table = read_table("full.xlsx", &at_limit).expect("reads the limit");
        assert_eq!(table.len(), MAX_ROWS);
        assert_eq!(table[MAX_ROWS - 1], ["นายใจดี มีน้ำใจ", "499.98"]);

        let over = write_xlsx(&[sheet_with(MAX_ROWS)]).expect("writes");
        assert_eq!(
            read_table("over.xlsx", &over),
            Err(SpreadsheetError::TooManyRows)
        );
        let csv = write_csv(&sheet_with(MAX_ROWS));
        assert_eq!(
            read_table("over.csv", &csv),
            Err(SpreadsheetError::TooManyRows)
        );
        assert_eq!(
            read_table("full.csv", &write_csv(&sheet_with(MAX_ROWS - 1))).map(|rows| rows.len()),
            Ok(MAX_ROWS)
        );
    }

    #[test]
    fn a_stray_far_away_cell_is_refused_without_allocating_the_gap() {
        let far_cell = |row: u32, column: u16| {
            let mut workbook = Workbook::new();
            let worksheet = workbook.add_worksheet();
            worksheet.write_string(0, 0, "ผู้บริจาค").expect("write");
            worksheet.write_string(row, column, "x").expect("write");
            workbook.save_to_buffer().expect("save")
        };
        assert_eq!(
            read_table("deep.xlsx", &far_cell(1_048_575, 0)),
            Err(SpreadsheetError::TooManyRows)
        );
        assert!(matches!(
            read_table("wide.xlsx", &far_cell(0, 16_383)),
            Err(SpreadsheetError::Malformed(_))
        ));
    }

    #[test]
    fn refuses_malformed_files_with_a_reason() {
        let xlsx = write_xlsx(&[register_sheet()]).expect("writes");
        let garbage_workbook = zip_of(&[("xl/workbook.xml", b"<<<not xml")]);
        let too_wide = ",".repeat(MAX_COLUMNS);
        let bad_cases: [(&str, &[u8]); 5] = [
            ("cut.xlsx", &xlsx[..xlsx.len() / 2]),
            ("garbage.xlsx", &garbage_workbook),
            ("quote.csv", b"name,amount\r\n\"unclosed,5\r\nnext,6\r\n"),
            ("bad_utf8_bom.csv", b"\xEF\xBB\xBFname\xFF\r\n"),
            ("wide.csv", too_wide.as_bytes()),
        ];
        for (name, bytes) in bad_cases {
            match read_table(name, bytes) {
                Err(SpreadsheetError::Malformed(reason)) => assert!(!reason.is_empty(), "{name}"),
                other => panic!("{name}: expected Malformed, got {other:?}"),
            }
        }
    }

    /// xorshift64*: deterministic, so a failure reproduces.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, bound: usize) -> usize {
            (self.next() % bound as u64) as usize
        }
    }

    #[test]
    fn never_panics_on_random_or_mangled_input() {
        let mut random = Random(0x9E37_79B9_7F4A_7C15);
        let xlsx = write_xlsx(&[register_sheet()]).expect("writes");
        let csv = write_csv(&register_sheet());
        for round in 0..1_500 {
            let bytes: Vec<u8> = match round % 3 {
                0 => (0..random.below(600))
                    .map(|_| random.next() as u8)
                    .collect(),
                // Valid files with a few bytes overwritten reach much deeper into the parsers
                // than noise, which fails at the first signature check.
                1 => mangle(&xlsx, &mut random),
                _ => mangle(&csv, &mut random),
            };
            for name in ["fuzz.xlsx", "fuzz.csv"] {
                // Any result is fine; returning at all is the test.
                let _ = read_table(name, &bytes);
            }
        }
    }

    fn mangle(original: &[u8], random: &mut Random) -> Vec<u8> {
        let mut bytes = original.to_vec();
        for _ in 0..=random.below(8) {
            let at = random.below(bytes.len());
            bytes[at] = random.next() as u8;
        }
        if random.below(4) == 0 {
            bytes.truncate(random.below(bytes.len() + 1));
        }
        bytes
    }

    #[test]
    fn numbers_show_without_binary_noise() {
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(1250.5), "1250.5");
        assert_eq!(number_text(1250.0), "1250");
        assert_eq!(number_text(-0.0), "0");
        assert_eq!(number_text(1e20), "100000000000000000000");
        assert_eq!(number_text(999_999_999_999.99), "999999999999.99");
    }

    #[test]
    fn every_error_has_a_message_in_both_languages() {
        let thai: toml::Table =
            toml::from_str(include_str!("../../locales/th/donations_files.toml")).expect("th");
        let english: toml::Table =
            toml::from_str(include_str!("../../locales/en/donations_files.toml")).expect("en");
        let keys = |table: &toml::Table| table.keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(&thai), keys(&english));
        let errors = [
            SpreadsheetError::TooLarge,
            SpreadsheetError::WrongType,
            SpreadsheetError::Malformed(String::new()),
            SpreadsheetError::TooManyRows,
            SpreadsheetError::ZipBomb,
            SpreadsheetError::Write(String::new()),
        ];
        for error in errors {
            let key = error
                .locale_key()
                .strip_prefix("donations_files.")
                .expect("area prefix");
            for table in [&thai, &english] {
                let message = table.get(key).and_then(toml::Value::as_str);
                let message = message.unwrap_or_else(|| panic!("missing {key}"));
                // Telegram HTML: a bare < or & would break the message.
                assert!(!message.contains('<') && !message.contains('>'), "{key}");
                assert!(
                    message.match_indices('&').all(|(at, _)| {
                        ["&lt;", "&gt;", "&amp;"]
                            .iter()
                            .any(|entity| message[at..].starts_with(entity))
                    }),
                    "{key}"
                );
            }
        }
    }
}
