//! Documents any capability can produce: images drawn from SVG with the embedded Thai font
//! (`render`), bar charts of baht totals (`chart`), and spreadsheets written as .xlsx or .csv
//! and read back from uploads (`spreadsheet`). No database, no chat: a capability hands in
//! worded labels and rows and gets bytes back.

pub mod chart;
pub mod promptpay;
pub mod qr;
pub mod render;
pub mod spreadsheet;
