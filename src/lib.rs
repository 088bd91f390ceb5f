//! khetbot: the everyday work of a Thai primary-education area office in its group chats.
//! See ARCHITECTURE.md for the map.

/// A regular expression compiled once, where it is written: `pattern!(r"…").is_match(text)`.
/// Defined before the modules, so that every module below may use it.
macro_rules! pattern {
    ($source:expr) => {{
        static PATTERN: ::std::sync::OnceLock<::regex::Regex> = ::std::sync::OnceLock::new();
        PATTERN.get_or_init(|| ::regex::Regex::new(&$source).expect("a valid pattern"))
    }};
}

pub mod calendar;
pub mod complaints;
pub mod config;
pub mod console;
pub mod core;
pub mod db;
pub mod documents;
pub mod donations;
pub mod faq;
pub mod i18n;
pub mod line;
pub mod office;
pub mod telegram;
pub mod thai;

/// The capabilities this build serves, in the order their commands appear in menus: the
/// core's own first. The only place that names them all; [`core::Core::open`] takes the list.
pub fn capabilities() -> Vec<&'static core::Capability> {
    vec![
        core::GENERAL,
        &donations::CAPABILITY,
        &complaints::CAPABILITY,
        &calendar::CAPABILITY,
        &faq::CAPABILITY,
    ]
}
