//! khetbot: the everyday work of a Thai primary-education area office in its group chats.
//! See ARCHITECTURE.md for the map.

pub mod calendar;
pub mod complaints;
pub mod config;
pub mod console;
pub mod core;
pub mod db;
pub mod donations;
pub mod faq;
pub mod i18n;
pub mod line;
pub mod telegram;
pub mod thai;
