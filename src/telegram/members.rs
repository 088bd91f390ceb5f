//! In a private chat a person's roles are those of the registered groups they belong to,
//! asked of Telegram with getChatMember, one group at a time as the core needs them, and
//! remembered briefly.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use teloxide::prelude::*;
use teloxide::types::UserId;
use tokio::sync::Mutex;

use super::App;
use crate::core::{Role, RolesNeeded};

const MEMBERSHIP_TTL: Duration = Duration::from_secs(300);

/// Whether an answer looked up at `at` may still be used.
fn fresh(at: &Instant) -> bool {
    at.elapsed() < MEMBERSHIP_TTL
}

/// What is known of one person: per role looked up, when, and whether they hold it.
type Known = Vec<(Role, Instant, bool)>;

#[derive(Default)]
pub struct MembershipCache {
    entries: Mutex<HashMap<u64, Known>>,
}

/// The roles looked up for a person in the last few minutes, and those of them they hold.
pub struct Memberships {
    pub looked_up: Vec<Role>,
    pub held: Vec<Role>,
}

impl MembershipCache {
    pub async fn cached(&self, user: UserId) -> Memberships {
        let entries = self.entries.lock().await;
        let remembered = entries
            .get(&user.0)
            .into_iter()
            .flatten()
            .filter(|(_, at, _)| fresh(at));
        let mut memberships = Memberships {
            looked_up: Vec::new(),
            held: Vec::new(),
        };
        for &(role, _, holds) in remembered {
            memberships.looked_up.push(role);
            if holds {
                memberships.held.push(role);
            }
        }
        memberships
    }

    /// Asks Telegram whether `user` belongs to the groups of the roles `needed`, and
    /// remembers the answers.
    pub async fn ask_telegram(&self, app: &App, user: UserId, needed: RolesNeeded) {
        // One question per group, asked together.
        let answers = futures::future::join_all(needed.groups.iter().map(|(_, chat_id)| {
            app.bot
                .get_chat_member(ChatId(*chat_id), user)
                .into_future()
        }))
        .await;
        let mut held = Vec::new();
        for ((role, _), answer) in needed.groups.iter().zip(answers) {
            match answer {
                Ok(member) if member.is_present() => held.push(*role),
                Ok(_) => {}
                // Unknown is not a member; the refusal message says where to ask.
                Err(e) => log::warn!("getChatMember for a {} group failed: {e}", role.code()),
            }
        }
        let now = Instant::now();
        let mut entries = self.entries.lock().await;
        if entries.len() > 10_000 {
            entries.retain(|_, known| known.iter().any(|(_, at, _)| fresh(at)));
        }
        let known = entries.entry(user.0).or_default();
        known.retain(|(role, at, _)| !needed.roles.contains(role) && fresh(at));
        known.extend(
            needed
                .roles
                .iter()
                .map(|role| (*role, now, held.contains(role))),
        );
    }
}
