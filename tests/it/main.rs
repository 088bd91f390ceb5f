//! Every integration test in one binary: `support/` (the harness over the real core, the fake
//! Telegram Bot API, the spawned app) is compiled and linked once, not once per file.

mod complaints_support;
mod support;

mod architecture;
mod calendar;
mod calendar_e2e;
mod complaints;
mod complaints_anonymity;
mod complaints_e2e;
mod console;
mod core_engine;
mod dialogues;
mod donations;
mod donations_e2e;
mod donations_files;
mod e2e_foundation;
mod fake_telegram_selftest;
mod faq;
mod faq_e2e;
mod faq_eval;
mod hostile_input;
mod operations;
mod permissions;
mod reliability;
mod telegram_limits;
mod trust_daily_use;
