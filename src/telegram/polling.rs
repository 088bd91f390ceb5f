//! Long polling that confirms an update to Telegram only after its changes are committed.
//!
//! teloxide's own polling confirms a batch as soon as it asks for the next one, while the
//! batch may still be queued in the dispatcher; a crash then would lose those updates. Here
//! the `offset` of each `getUpdates` (which confirms everything below it) is the oldest update
//! still in flight, so only committed updates are ever confirmed. After a crash Telegram
//! redelivers the unconfirmed ones, and the core's processed-update record makes that
//! harmless.
//!
//! New updates are fetched while earlier ones are still being handled (a sliding window of
//! at most [`WINDOW`] in flight): the answer then repeats the ones in flight, which are
//! skipped, so the dispatcher never waits for a whole batch to finish.

use std::collections::{BTreeSet, VecDeque};
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::Stream;
use teloxide::RequestError;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::*;
use teloxide::stop::{StopFlag, StopToken, mk_stop_token};
use teloxide::types::AllowedUpdate;
use teloxide::update_listeners::{StatefulListener, UpdateListener};
use tokio::sync::Notify;

/// Seconds a `getUpdates` call waits for new updates when nothing is in flight. Below the 17 s
/// after which teloxide's HTTP client gives up on any request (teloxide-core 0.13 ignores the
/// long-poll hint): a longer wait failed every idle poll, and the growing pause after each
/// failure then held new messages for up to 36 s.
const LONG_POLL_SECONDS: u32 = 10;
/// Updates in flight at most: Telegram answers at most 100 updates from the offset, and the
/// ones in flight come first.
const WINDOW: usize = 100;

/// Fetch more only once the updates in flight are down to this many. Each answer repeats
/// the ones in flight (they are below the offset's reach only once committed), so asking
/// as soon as one slot is free would fetch and parse the whole window again for each few
/// new updates.
const REFILL_AT: usize = WINDOW / 4;

/// Which fetched updates are handed to the dispatcher and not yet committed.
#[derive(Default)]
pub struct CommitTracker {
    in_flight: Mutex<BTreeSet<i32>>,
    commits: AtomicU64,
    changed: Notify,
    /// Every update handed out so far is below this id.
    handed_out_up_to: AtomicI32,
}

impl CommitTracker {
    /// Called by the update handler once the core has committed (or refused) the update.
    pub fn committed(&self, update_id: i32) {
        self.lock().remove(&update_id);
        self.commits.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_waiters();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeSet<i32>> {
        self.in_flight.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn handed_out(&self, update_id: i32) {
        self.lock().insert(update_id);
        self.handed_out_up_to
            .fetch_max(update_id + 1, Ordering::SeqCst);
    }

    fn in_flight(&self) -> usize {
        self.lock().len()
    }

    /// The offset that confirms every committed update and nothing else (an update fetched
    /// but not yet handed out is above it too).
    fn confirmable_offset(&self) -> i32 {
        let oldest = self.lock().first().copied();
        oldest.unwrap_or_else(|| self.handed_out_up_to.load(Ordering::SeqCst))
    }

    /// Confirms to Telegram every update committed so far; called after the dispatcher stopped
    /// and its handlers finished, so nothing committed is redelivered after a clean stop.
    pub async fn confirm_all(&self, bot: &Bot) {
        let offset = self.confirmable_offset();
        if offset == 0 {
            return;
        }
        let confirm = bot.get_updates().offset(offset).limit(1).timeout(0);
        if let Err(e) = confirm.send().await {
            log::warn!(
                "could not confirm the last updates ({e}); they will be skipped as duplicates"
            );
        }
    }

    /// Returns once more than `seen` updates have been committed in all.
    async fn committed_beyond(&self, seen: u64) {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if self.commits.load(Ordering::SeqCst) > seen {
                return;
            }
            changed.await;
        }
    }
}

struct PollState {
    bot: Bot,
    tracker: Arc<CommitTracker>,
    offset: i32,
    buffer: VecDeque<Update>,
    token: StopToken,
    flag: StopFlag,
}

pub fn listener(bot: Bot, tracker: Arc<CommitTracker>) -> impl UpdateListener<Err = RequestError> {
    let (token, flag) = mk_stop_token();
    let state = PollState {
        bot,
        tracker,
        offset: 0,
        buffer: VecDeque::new(),
        token,
        flag,
    };
    StatefulListener::new(state, updates, |state: &mut PollState| state.token.clone())
}

fn updates(state: &mut PollState) -> impl Stream<Item = Result<Update, RequestError>> + '_ {
    futures::stream::unfold(state, |state| async move {
        let update = next_update(state).await?;
        Some((Ok(update), state))
    })
}

async fn next_update(state: &mut PollState) -> Option<Update> {
    let mut failures = 0u32;
    loop {
        if let Some(update) = state.buffer.pop_front() {
            state.tracker.handed_out(update.id.0 as i32);
            return Some(update);
        }
        let seen = state.tracker.commits.load(Ordering::SeqCst);
        let in_flight = state.tracker.in_flight();
        if in_flight > REFILL_AT {
            tokio::select! {
                _ = state.tracker.committed_beyond(seen) => continue,
                _ = &mut state.flag => return None,
            }
        }
        // With updates in flight Telegram answers at once (it repeats them); otherwise wait.
        let timeout = if in_flight == 0 { LONG_POLL_SECONDS } else { 0 };
        let request = state
            .bot
            .get_updates()
            .offset(state.tracker.confirmable_offset())
            .timeout(timeout)
            .allowed_updates(vec![
                AllowedUpdate::Message,
                AllowedUpdate::EditedMessage,
                AllowedUpdate::CallbackQuery,
                AllowedUpdate::MyChatMember,
            ]);
        let result = tokio::select! {
            result = request.send() => result,
            _ = &mut state.flag => return None,
        };
        match result {
            Ok(updates) => {
                failures = 0;
                for update in updates {
                    // Ones in flight come back until they are committed: handed out already.
                    if update.id.0 as i32 >= state.offset {
                        state.offset = update.id.0 as i32 + 1;
                        state.buffer.push_back(update);
                    }
                }
                if state.buffer.is_empty() && in_flight > 0 {
                    // Nothing new: ask again once something in flight is committed.
                    tokio::select! {
                        _ = state.tracker.committed_beyond(seen) => {}
                        _ = &mut state.flag => return None,
                    }
                }
            }
            Err(e) => {
                failures += 1;
                let pause = Duration::from_secs(u64::from(failures.min(6)).pow(2).max(1));
                log::warn!("getUpdates failed ({e}); retrying in {pause:?}");
                tokio::select! {
                    _ = tokio::time::sleep(pause) => {}
                    _ = &mut state.flag => return None,
                }
            }
        }
    }
}
