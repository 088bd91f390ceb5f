//! Every integration test in one binary: `support/` (the harness over the real core, the fake
//! Telegram Bot API, the spawned app) is compiled and linked once, not once per file.

mod complaints_support;
mod support;

mod architecture;
mod busy_group;
mod calendar;
mod calendar_e2e;
mod complaints;
mod complaints_anonymity;
mod complaints_e2e;
mod console;
mod core_engine;
mod dialogues;
mod donation_documents;
mod donations;
mod donations_e2e;
mod donations_files;
mod e2e_foundation;
mod fake_telegram_selftest;
mod faq;
mod faq_colloquial;
mod faq_e2e;
mod faq_eval;
mod hostile_input;
mod line_anonymity;
mod line_crash;
mod line_e2e;
mod line_groups;
mod line_quota;
mod line_reminders;
mod line_richmenu;
mod line_telegram;
mod line_unsend;
mod menus;
mod operations;
mod permissions;
mod reliability;
mod telegram_events;
mod telegram_limits;
mod thai_amounts;
mod thai_colloquial;
mod trust_daily_use;
