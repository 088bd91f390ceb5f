//! Test support shared by the integration tests.
#![allow(dead_code)]
pub mod app;
pub mod fake_line;
pub mod fake_telegram;
pub mod harness;
pub mod line_app;
pub mod process;
