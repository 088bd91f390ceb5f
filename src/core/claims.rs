//! Which outbox rows an adapter is sending right now, shared by the adapters' handlers and
//! their outbox sweepers so that no row goes out twice from one process.
//!
//! A handler holds [`OutboxClaims::handing_over`] from before its event commits until it has
//! [`claim`](OutboxClaims::claim)ed the event's rows; the sweeper claims due rows
//! ([`claim_due`](OutboxClaims::claim_due)) under the write side of the same lock. Otherwise
//! the sweeper could send and acknowledge a fresh row before its handler claims it, and the
//! handler would send it again.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tokio::sync::{OwnedRwLockReadGuard, RwLock};

use super::Core;
use super::event::{Delivery, Platform};

/// The outbox rows one messenger's adapter is sending.
pub struct OutboxClaims {
    platform: Platform,
    in_flight: Mutex<HashSet<i64>>,
    handover: Arc<RwLock<()>>,
}

impl OutboxClaims {
    pub fn new(platform: Platform) -> OutboxClaims {
        OutboxClaims {
            platform,
            in_flight: Mutex::default(),
            handover: Arc::default(),
        }
    }

    fn in_flight(&self) -> std::sync::MutexGuard<'_, HashSet<i64>> {
        self.in_flight.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Held by a handler from before its event commits until its rows are claimed; owned, as
    /// the claiming may happen in a task of its own (Telegram's pipelined commits).
    pub async fn handing_over(&self) -> OwnedRwLockReadGuard<()> {
        self.handover.clone().read_owned().await
    }

    /// Marks the outbox rows among `deliveries` as being sent, leaving out those already
    /// being sent and those for the other messenger's chats (its adapter sends them from the
    /// outbox).
    pub fn claim(&self, deliveries: Vec<Delivery>) -> Vec<Delivery> {
        let mut in_flight = self.in_flight();
        deliveries
            .into_iter()
            .filter(|d| {
                let here = d
                    .effect
                    .chat_id()
                    .is_none_or(|chat_id| Platform::of(chat_id) == self.platform);
                if !here && d.outbox_id.is_none() {
                    log::warn!(
                        "a direct message for a chat on another messenger cannot be sent by \
                         the {:?} adapter",
                        self.platform
                    );
                }
                here
            })
            .filter(|d| d.outbox_id.is_none_or(|id| in_flight.insert(id)))
            .collect()
    }

    /// The rows are no longer being sent (sent and acknowledged, or left for a retry).
    pub fn release(&self, outbox_ids: impl IntoIterator<Item = i64>) {
        let mut in_flight = self.in_flight();
        for id in outbox_ids {
            in_flight.remove(&id);
        }
    }

    /// Claims the outbox rows of this messenger's chats that are due and not being sent.
    pub async fn claim_due(&self, core: &Core) -> Vec<Delivery> {
        let _handover = self.handover.write().await;
        let exclude: Vec<i64> = self.in_flight().iter().copied().collect();
        match core.due_deliveries_on(self.platform, exclude).await {
            Ok(due) => {
                let claimed = self.claim(due);
                if !claimed.is_empty() {
                    log::info!("sending {} message(s) from the outbox", claimed.len());
                }
                claimed
            }
            Err(e) => {
                log::error!("cannot read the outbox: {e}");
                Vec::new()
            }
        }
    }
}
