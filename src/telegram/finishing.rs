//! The tail of handling an update once it has run on the store: waiting for its commit,
//! confirming it to Telegram and handing its messages on. Each tail runs in a task of its
//! own, so that a chat's next update runs without waiting for this one's fsync (several
//! then share one commit); the tails of one chat hand their messages on in the order their
//! updates ran, as when each waited for the one before.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{Notify, oneshot};

/// The tails in progress, and per chat the end of the latest one.
#[derive(Default)]
pub struct Finishing {
    latest: Mutex<HashMap<i64, (u64, oneshot::Receiver<()>)>>,
    next_turn: AtomicU64,
    running: AtomicUsize,
    all_ended: Notify,
}

/// One update's tail: its place in its chat's order.
pub struct Turn {
    chat_id: i64,
    number: u64,
    /// Ends when the chat's previous tail ends (or is gone).
    previous: Option<oneshot::Receiver<()>>,
    /// Dropped when this tail ends, letting the chat's next one go on.
    _ended: oneshot::Sender<()>,
}

impl Finishing {
    /// The next place in `chat_id`'s order; call in the order the chat's updates ran.
    pub fn take_turn(&self, chat_id: i64) -> Turn {
        let number = self.next_turn.fetch_add(1, Ordering::SeqCst);
        let (ended, after_this) = oneshot::channel();
        let previous = self
            .lock()
            .insert(chat_id, (number, after_this))
            .map(|(_, previous)| previous);
        self.running.fetch_add(1, Ordering::SeqCst);
        Turn {
            chat_id,
            number,
            previous,
            _ended: ended,
        }
    }

    /// Returns once the chat's previous tail has ended.
    pub async fn wait_for_previous(turn: &mut Turn) {
        if let Some(previous) = turn.previous.take() {
            // An error is the previous tail gone without ending (it panicked): go on.
            let _ = previous.await;
        }
    }

    /// Ends `turn`: the chat's next tail may hand its messages on.
    pub fn end(&self, turn: Turn) {
        {
            let mut latest = self.lock();
            if latest
                .get(&turn.chat_id)
                .is_some_and(|(number, _)| *number == turn.number)
            {
                latest.remove(&turn.chat_id);
            }
        }
        drop(turn);
        if self.running.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.all_ended.notify_waiters();
        }
    }

    /// On a stop: waits (at most `limit`) until every tail in progress has ended.
    pub async fn wait_all_ended(&self, limit: Duration) {
        let wait = async {
            loop {
                let ended = self.all_ended.notified();
                tokio::pin!(ended);
                ended.as_mut().enable();
                if self.running.load(Ordering::SeqCst) == 0 {
                    return;
                }
                ended.await;
            }
        };
        if tokio::time::timeout(limit, wait).await.is_err() {
            log::warn!("updates still finishing at the stop; their messages stay in the outbox");
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, (u64, oneshot::Receiver<()>)>> {
        self.latest.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_chats_tails_go_on_in_the_order_their_updates_ran() {
        let finishing = std::sync::Arc::new(Finishing::default());
        let order = std::sync::Arc::new(Mutex::new(Vec::new()));
        let first = finishing.take_turn(5);
        let second = finishing.take_turn(5);
        let other_chat = finishing.take_turn(6);
        // The second tail is ready first; it waits for the first.
        let waiting = tokio::spawn({
            let (finishing, order) = (finishing.clone(), order.clone());
            async move {
                let mut second = second;
                Finishing::wait_for_previous(&mut second).await;
                order.lock().unwrap().push(2);
                finishing.end(second);
            }
        });
        let mut other_chat = other_chat;
        Finishing::wait_for_previous(&mut other_chat).await;
        finishing.end(other_chat);
        tokio::task::yield_now().await;
        assert!(
            order.lock().unwrap().is_empty(),
            "the second went before the first"
        );
        order.lock().unwrap().push(1);
        finishing.end(first);
        waiting.await.expect("the second tail");
        assert_eq!(*order.lock().unwrap(), vec![1, 2]);
        assert!(
            finishing.lock().is_empty(),
            "nothing kept for chats with no tail running"
        );
        finishing.wait_all_ended(Duration::from_secs(1)).await;
        assert_eq!(finishing.running.load(Ordering::SeqCst), 0);
    }
}
