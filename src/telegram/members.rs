//! In a private chat a person's roles are those of the registered groups they belong to,
//! asked of Telegram with getChatMember and remembered briefly.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use teloxide::prelude::*;
use teloxide::types::UserId;
use tokio::sync::Mutex;

use super::App;
use crate::core::Role;

const MEMBERSHIP_TTL: Duration = Duration::from_secs(300);

#[derive(Default)]
pub struct MembershipCache {
    entries: Mutex<HashMap<u64, (Instant, Vec<Role>)>>,
}

impl MembershipCache {
    /// The roles remembered from the last few minutes, if any.
    pub async fn cached(&self, user: UserId) -> Option<Vec<Role>> {
        let entries = self.entries.lock().await;
        let (at, roles) = entries.get(&user.0)?;
        (at.elapsed() < MEMBERSHIP_TTL).then(|| roles.clone())
    }

    /// Asks Telegram which of the registered `groups` `user` belongs to, and remembers the
    /// answer.
    pub async fn ask_telegram(
        &self,
        app: &App,
        user: UserId,
        groups: Vec<(Role, i64)>,
    ) -> Vec<Role> {
        // One question per registered group, asked together.
        let answers = futures::future::join_all(groups.iter().map(|(_, chat_id)| {
            app.bot
                .get_chat_member(ChatId(*chat_id), user)
                .into_future()
        }))
        .await;
        let mut roles = Vec::new();
        for ((role, _), answer) in groups.into_iter().zip(answers) {
            match answer {
                Ok(member) if member.is_present() => roles.push(role),
                Ok(_) => {}
                // Unknown is not a member; the refusal message says where to ask.
                Err(e) => log::warn!("getChatMember for a {} group failed: {e}", role.code()),
            }
        }
        let mut entries = self.entries.lock().await;
        if entries.len() > 10_000 {
            entries.retain(|_, (at, _)| at.elapsed() < MEMBERSHIP_TTL);
        }
        entries.insert(user.0, (Instant::now(), roles.clone()));
        roles
    }
}
