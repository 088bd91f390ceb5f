//! What belongs to the office rather than to one capability: its identity (from
//! configuration), its working-day calendar with Thailand's public holidays and the admins'
//! own days off, and its morning, when periodic work runs once a day. Every capability counts
//! working days and schedules its morning work through here.

pub mod holidays;
pub mod identity;
pub mod morning;
pub mod workdays;

pub use holidays::work_calendar;
pub use identity::Office;
pub use workdays::WorkCalendar;

use crate::db::DataStep;

/// The office's shipped data, by the migration that loads it.
pub const DATA_STEPS: &[(&str, DataStep)] = &[
    ("008_office.sql", holidays::load_shipped),
    (
        "026_holiday_names_en.sql",
        holidays::name_shipped_in_english,
    ),
];
