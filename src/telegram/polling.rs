//! Long polling that confirms an update to Telegram only after its changes are committed.
//!
//! teloxide's own polling confirms a batch as soon as it asks for the next one, while the
//! batch may still be queued in the dispatcher; a crash then would lose those updates. Here
//! the next `getUpdates` (whose offset confirms the batch) waits until every update already
//! handed out has been committed by the core. After a crash Telegram redelivers the
//! unconfirmed ones, and the core's processed-update record makes that harmless.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::time::Duration;

use futures::Stream;
use teloxide::RequestError;
use teloxide::payloads::GetUpdatesSetters;
use teloxide::prelude::*;
use teloxide::stop::{StopFlag, StopToken, mk_stop_token};
use teloxide::types::AllowedUpdate;
use teloxide::update_listeners::{StatefulListener, UpdateListener};
use tokio::sync::Notify;

/// Seconds a `getUpdates` call waits for new updates.
const LONG_POLL_SECONDS: u32 = 25;

/// Counts updates handed to the dispatcher and updates whose changes are committed.
#[derive(Default)]
pub struct CommitTracker {
    handed_out: AtomicU64,
    committed: AtomicU64,
    changed: Notify,
    /// The offset that confirms everything fetched so far.
    next_offset: AtomicI32,
}

impl CommitTracker {
    /// Called by the update handler once the core has committed (or refused) the update.
    pub fn committed(&self) {
        self.committed.fetch_add(1, Ordering::SeqCst);
        self.changed.notify_waiters();
    }

    fn handed_out(&self) {
        self.handed_out.fetch_add(1, Ordering::SeqCst);
    }

    /// Confirms to Telegram every update fetched so far; called after the dispatcher stopped
    /// and its handlers finished, so nothing committed is redelivered after a clean stop.
    pub async fn confirm_all(&self, bot: &Bot) {
        let offset = self.next_offset.load(Ordering::SeqCst);
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

    async fn all_committed(&self) {
        loop {
            let changed = self.changed.notified();
            tokio::pin!(changed);
            changed.as_mut().enable();
            if self.committed.load(Ordering::SeqCst) >= self.handed_out.load(Ordering::SeqCst) {
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
            state.tracker.handed_out();
            return Some(update);
        }
        tokio::select! {
            _ = state.tracker.all_committed() => {}
            _ = &mut state.flag => return None,
        }
        let request = state
            .bot
            .get_updates()
            .offset(state.offset)
            .timeout(LONG_POLL_SECONDS)
            .allowed_updates(vec![AllowedUpdate::Message, AllowedUpdate::CallbackQuery]);
        let result = tokio::select! {
            result = request.send() => result,
            _ = &mut state.flag => return None,
        };
        match result {
            Ok(updates) => {
                failures = 0;
                for update in updates {
                    state.offset = state.offset.max(update.id.0 as i32 + 1);
                    state.buffer.push_back(update);
                }
                state
                    .tracker
                    .next_offset
                    .store(state.offset, Ordering::SeqCst);
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
