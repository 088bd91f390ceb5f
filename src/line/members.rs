//! Who someone is on LINE: their display name, and in a one-to-one chat their roles, that is
//! their membership of the registered LINE groups (group member profile: 200 member, 404
//! not), remembered for a few minutes as the Telegram adapter remembers getChatMember. The
//! display name is remembered for an hour: a person's messages after the roles expired ask
//! LINE about the groups again, not about their profile.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

use super::api::Client;
use crate::core::Role;

const MEMBERSHIP_TTL: Duration = Duration::from_secs(300);
/// A display name is asked for again after this long (people rarely change it).
const NAME_TTL: Duration = Duration::from_secs(3600);
/// Beyond this many people, answers that are no longer fresh are dropped.
const MAX_REMEMBERED: usize = 10_000;

/// What is known of one person.
struct Known {
    /// When their roles were looked up (`None`: to be asked again), and the roles.
    roles_at: Option<Instant>,
    roles: Vec<Role>,
    /// When their display name was read, and the name.
    name_at: Instant,
    name: String,
}

impl Known {
    fn roles_fresh(&self) -> bool {
        self.roles_at
            .is_some_and(|at| at.elapsed() < MEMBERSHIP_TTL)
    }

    fn name_fresh(&self) -> bool {
        self.name_at.elapsed() < NAME_TTL
    }
}

#[derive(Default)]
pub struct MembershipCache {
    /// Per LINE user id.
    entries: Mutex<HashMap<String, Known>>,
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
        let known_name = match self.entries.lock().await.get(user_id) {
            Some(known) if known.roles_fresh() => return (known.roles.clone(), known.name.clone()),
            Some(known) if known.name_fresh() => Some((known.name_at, known.name.clone())),
            _ => None,
        };
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
        let mut name_at = Instant::now();
        if name.is_empty() {
            match known_name {
                Some((at, known)) => (name_at, name) = (at, known),
                None => {
                    name = api.profile_name(user_id).await.unwrap_or_else(|e| {
                        log::warn!("profile lookup failed: {e}");
                        String::new()
                    });
                }
            }
        }
        let mut entries = self.entries.lock().await;
        if entries.len() >= MAX_REMEMBERED {
            entries.retain(|_, known| known.roles_fresh());
        }
        entries.insert(
            user_id.to_string(),
            Known {
                roles_at: Some(Instant::now()),
                roles: roles.clone(),
                name_at,
                name: name.clone(),
            },
        );
        (roles, name)
    }

    /// Someone joined or left a group, or blocked the bot: their roles are asked again next
    /// time (their name is kept).
    pub async fn forget(&self, user_id: &str) {
        if let Some(known) = self.entries.lock().await.get_mut(user_id) {
            known.roles_at = None;
        }
    }
}
