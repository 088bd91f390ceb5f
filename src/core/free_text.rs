//! Limits on the text people type that is stored as a name, a title or a note, so that a
//! register line stays a line and a printed document stays readable; the refusal says the
//! limit and how long the text was.

use super::context::{CoreResult, Ctx, refuse};
use crate::i18n::Arg;

/// Donor, school, network and goods names, a person's name.
pub const NAME_MAX_CHARS: usize = 150;
/// Titles of events and purposes.
pub const TITLE_MAX_CHARS: usize = 200;
/// Notes and reasons.
pub const NOTE_MAX_CHARS: usize = 500;

/// Refuses `text` longer than `max` characters; `field_key` names the field in the refusal.
pub fn check_length(ctx: &Ctx, field_key: &str, text: &str, max: usize) -> CoreResult<()> {
    let length = text.chars().count();
    if length <= max {
        return Ok(());
    }
    refuse(
        "core.text_too_long",
        vec![
            ("field", Arg::Html(ctx.t(field_key, &[]))),
            ("max", Arg::from(max)),
            ("length", Arg::from(length)),
        ],
    )
}
