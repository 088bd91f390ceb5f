//! The donations register: recording (one line, or the guided dialogue), numbering, the
//! proof of donation, voids, totals and reconciliation, networks and schools, export and
//! import.

pub mod certificate;
pub(super) mod draft;
pub(super) mod files;
pub(super) mod names;
pub(super) mod parse;
pub(super) mod pasted;
pub(super) mod record;
pub(super) mod store;
pub(super) mod summary;
pub(super) mod totals;
