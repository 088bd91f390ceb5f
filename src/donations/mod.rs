//! The donations capability.

use crate::core::Capability;

pub static CAPABILITY: Capability = Capability {
    area: "donations",
    commands: &[],
    on_button: None,
    on_dialogue: None,
    on_private_text: None,
    on_tick: None,
};
