//! Who someone is on LINE: their display name, and in a one-to-one chat their roles, that is
//! their membership of the registered LINE groups (group member profile: 200 member, 404
//! not), remembered for a few minutes as the Telegram adapter remembers getChatMember.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::api::Client;
use crate::core::Role;

const MEMBERSHIP_TTL: Duration = Duration::from_secs(300);
/// Beyond this many people, answers that are no longer fresh are dropped.
const MAX_REMEMBERED: usize = 10_000;

fn fresh(at: &Instant) -> bool {
    at.elapsed() < MEMBERSHIP_TTL
}

#[derive(Default)]
pub struct MembershipCache {
    /// Per LINE user id: when looked up, the roles held, the display name.
    entries: Mutex<HashMap<String, (Instant, Vec<Role>, String)>>,
}

impl MembershipCache {
    /// The roles `user_id` holds through the registered LINE `groups` (role, LINE group id),
    /// and their display name, read from a group's member profile (the group they wrote in,
    /// without a role if it is not registered) or else their own profile.
    pub async fn look_up(
        &self,
        api: &Client,
        user_id: &str,
        groups: &[(Option<Role>, String)],
    ) -> (Vec<Role>, String) {
        if let Some((at, roles, name)) = self.entries.lock().await.get(user_id)
            && fresh(at)
        {
            return (roles.clone(), name.clone());
        }
        let answers = futures::future::join_all(
            groups
                .iter()
                .map(|(_, group_id)| api.group_member(group_id, user_id)),
        )
        .await;
        let mut roles = Vec::new();
        let mut name = String::new();
        for ((role, _), answer) in groups.iter().zip(answers) {
            match answer {
                Ok(Some(display_name)) => {
                    roles.extend(*role);
                    if name.is_empty() {
                        name = display_name;
                    }
                }
                Ok(None) => {}
                // Unknown is not a member; the refusal says where to ask.
                Err(e) => log::warn!("group member lookup failed: {e}"),
            }
        }
        if name.is_empty() {
            name = api.profile_name(user_id).await.unwrap_or_else(|e| {
                log::warn!("profile lookup failed: {e}");
                String::new()
            });
        }
        let mut entries = self.entries.lock().await;
        if entries.len() >= MAX_REMEMBERED {
            entries.retain(|_, (at, _, _)| fresh(at));
        }
        entries.insert(
            user_id.to_string(),
            (Instant::now(), roles.clone(), name.clone()),
        );
        (roles, name)
    }

    /// Someone joined or left a group, or blocked the bot: ask again next time.
    pub async fn forget(&self, user_id: &str) {
        self.entries.lock().await.remove(user_id);
    }
}
