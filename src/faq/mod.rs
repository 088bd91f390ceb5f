//! The faq capability: the Q&A knowledge base, and matching a user's question to the entry
//! that answers it ([`matcher`]).

pub mod matcher;
mod segmenter;

use crate::core::Capability;

pub static CAPABILITY: Capability = Capability {
    area: "faq",
    commands: &[],
    on_button: None,
    on_dialogue: None,
    on_private_text: None,
    on_tick: None,
};
