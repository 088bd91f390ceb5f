//! Telegram's send limits, kept by the bot itself: at most one message a second to a chat,
//! twenty a minute to a group, thirty a second in all. Unlike teloxide's `Throttle`, it can
//! start from the sends of the previous process (the core's sent log), so a restart does not
//! overshoot, and each chat waits only for its own turn and the global one: a busy group
//! never holds another chat's replies. When the overall budget is what holds sends back, a
//! private chat's message goes before a group's: a group is held to twenty a minute anyway,
//! and a person waiting for an answer should not wait for a group's receipts too.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use crate::core::outbox::unix_ms;

/// Each window is a little longer than Telegram's, so that network jitter between the send
/// and its arrival never makes two sends look closer than the limit allows.
const MARGIN: Duration = Duration::from_millis(200);
const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);
const PER_CHAT_PER_SECOND: usize = 1;
const PER_GROUP_PER_MINUTE: usize = 20;
const OVERALL_PER_SECOND: usize = 30;
/// How far back a restart needs to know the sends: the longest window.
pub const MEMORY: Duration = Duration::from_secs(61);
/// How long after a slot of the overall budget frees a group's send waits while private
/// chats wait for that budget, so that they take the slot first.
const PRIVATE_FIRST: Duration = Duration::from_millis(20);
/// A group lets private chats go first for at most this long per message, so a steady stream
/// of private replies never holds a group's messages back for good.
const MOST_A_GROUP_YIELDS: Duration = Duration::from_secs(3);

/// The send times of the last minute, overall and per chat.
#[derive(Default)]
pub struct Pacer {
    /// `false` with `KHETBOT_THROTTLE=off` (benchmarks and durability tests): no waiting.
    limited: bool,
    sends: Mutex<Sends>,
}

#[derive(Default)]
struct Sends {
    overall: VecDeque<Instant>,
    per_chat: HashMap<i64, VecDeque<Instant>>,
    /// The previous process's last send to a private chat: its log does not say which one
    /// (a person's chat id is never stored for this), so every private chat waits for it.
    last_private_before: Option<Instant>,
    /// Private chats' sends waiting now for the overall budget (and for nothing else).
    private_waiting_for_overall: usize,
}

/// What the sent log holds instead of a private chat's id.
pub const SOME_PRIVATE_CHAT: i64 = 0;

/// The chat id to log for a send: a group's own, never a person's.
pub fn logged_chat(chat_id: i64) -> i64 {
    if chat_id < 0 {
        chat_id
    } else {
        SOME_PRIVATE_CHAT
    }
}

impl Pacer {
    pub fn new(limited: bool) -> Pacer {
        Pacer {
            limited,
            sends: Mutex::default(),
        }
    }

    pub fn is_limited(&self) -> bool {
        self.limited
    }

    /// Takes in the sends of a previous process: (chat id, wall-clock ms since the epoch).
    pub fn remember(&self, earlier: &[(i64, i64)]) {
        let (now, wall_now) = (Instant::now(), unix_ms(SystemTime::now()));
        let mut sends = self.lock();
        for &(chat_id, at_ms) in earlier {
            let ago = Duration::from_millis(wall_now.saturating_sub(at_ms).max(0) as u64);
            let Some(at) = now.checked_sub(ago) else {
                continue;
            };
            sends.overall.push_back(at);
            if chat_id == SOME_PRIVATE_CHAT {
                sends.last_private_before = sends.last_private_before.max(Some(at));
            } else {
                sends.per_chat.entry(chat_id).or_default().push_back(at);
            }
        }
        sends.overall.make_contiguous().sort();
    }

    /// Waits until a message to `chat_id` may go out, and counts it as sent from the moment
    /// it returns, which it returns ([`Pacer::leaving_now`] moves it if the send is held up).
    pub async fn wait_turn(&self, chat_id: i64) -> Instant {
        if !self.limited {
            return Instant::now();
        }
        let asked = Instant::now();
        let mut waiting = WaitingForOverall {
            pacer: self,
            counted: false,
        };
        loop {
            let now = Instant::now();
            let wait = {
                let mut sends = self.lock();
                let hold = sends.hold(chat_id, now, now.duration_since(asked));
                let wait = hold.wait();
                if wait.is_zero() {
                    sends.overall.push_back(now);
                    sends.per_chat.entry(chat_id).or_default().push_back(now);
                    waiting.stop(&mut sends);
                    return now;
                }
                if chat_id > 0 && hold.only_overall() {
                    waiting.start(&mut sends);
                } else {
                    waiting.stop(&mut sends);
                }
                wait
            };
            tokio::time::sleep(wait).await;
        }
    }

    /// Counts the send to `chat_id` counted at `turn` as leaving now: something held it up
    /// after its turn (logging it waits on the store thread), and Telegram judges the pace by
    /// when messages arrive, so the next one's wait runs from here.
    pub fn leaving_now(&self, chat_id: i64, turn: Instant) {
        if !self.limited {
            return;
        }
        let mut sends = self.lock();
        // Taken under the lock, so that no send counted meanwhile is later than it.
        let now = Instant::now();
        sends.left_at(chat_id, turn, now);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Sends> {
        self.sends.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Counts a private chat's send among those waiting for the overall budget while it does,
/// and no longer once it went or was given up (dropped).
struct WaitingForOverall<'a> {
    pacer: &'a Pacer,
    counted: bool,
}

impl WaitingForOverall<'_> {
    fn start(&mut self, sends: &mut Sends) {
        if !self.counted {
            sends.private_waiting_for_overall += 1;
            self.counted = true;
        }
    }

    fn stop(&mut self, sends: &mut Sends) {
        if self.counted {
            sends.private_waiting_for_overall -= 1;
            self.counted = false;
        }
    }
}

impl Drop for WaitingForOverall<'_> {
    fn drop(&mut self) {
        if self.counted {
            self.pacer.lock().private_waiting_for_overall -= 1;
        }
    }
}

/// What holds a send to one chat from one moment, each limit computed once.
struct Hold {
    /// The overall budget's wait.
    overall: Duration,
    /// The chat's own limits' wait.
    chat: Duration,
    /// A group's send that lets private chats waiting for the overall budget go first.
    yields: bool,
}

impl Hold {
    /// How long the send must wait.
    fn wait(&self) -> Duration {
        let wait = self.overall.max(self.chat);
        if self.yields {
            wait.max(self.overall + PRIVATE_FIRST)
        } else {
            wait
        }
    }

    /// Whether the send could go now but for the overall budget.
    fn only_overall(&self) -> bool {
        !self.overall.is_zero() && self.chat.is_zero()
    }
}

impl Sends {
    /// What holds a send to `chat_id`, asked for `asked_for` ago, from `now`; forgets sends no
    /// window needs.
    fn hold(&mut self, chat_id: i64, now: Instant, asked_for: Duration) -> Hold {
        forget_before(&mut self.overall, now, SECOND + MARGIN);
        Hold {
            overall: free_after(&self.overall, now, SECOND + MARGIN, OVERALL_PER_SECOND),
            chat: self.wait_for_the_chat(chat_id, now),
            yields: chat_id < 0
                && self.private_waiting_for_overall > 0
                && asked_for < MOST_A_GROUP_YIELDS,
        }
    }

    /// Moves the send to `chat_id` counted at `turn` to `now`, the latest of all counted: it is
    /// taken out and counted again at the end.
    fn left_at(&mut self, chat_id: i64, turn: Instant, now: Instant) {
        let moved = |sends: &mut VecDeque<Instant>| {
            if let Some(at) = sends.iter().rposition(|at| *at == turn) {
                sends.remove(at);
                sends.push_back(now);
            }
        };
        moved(&mut self.overall);
        if let Some(chat) = self.per_chat.get_mut(&chat_id) {
            moved(chat);
        }
    }

    /// How long the limits of `chat_id` alone hold a send to it from `now`.
    fn wait_for_the_chat(&mut self, chat_id: i64, now: Instant) -> Duration {
        let mut wait = Duration::ZERO;
        if let (true, Some(last)) = (chat_id > 0, self.last_private_before) {
            wait = wait.max((last + SECOND + MARGIN).saturating_duration_since(now));
        }
        if let Some(chat) = self.per_chat.get_mut(&chat_id) {
            forget_before(chat, now, MINUTE + MARGIN);
            wait = wait.max(free_after(chat, now, SECOND + MARGIN, PER_CHAT_PER_SECOND));
            if chat_id < 0 {
                wait = wait.max(free_after(chat, now, MINUTE + MARGIN, PER_GROUP_PER_MINUTE));
            }
            if chat.is_empty() {
                self.per_chat.remove(&chat_id);
            }
        }
        wait
    }
}

fn forget_before(sends: &mut VecDeque<Instant>, now: Instant, window: Duration) {
    while sends
        .front()
        .is_some_and(|at| now.duration_since(*at) >= window)
    {
        sends.pop_front();
    }
}

/// How long until fewer than `limit` of `sends` (oldest first) fall within `window` of now.
fn free_after(sends: &VecDeque<Instant>, now: Instant, window: Duration, limit: usize) -> Duration {
    let within: Vec<&Instant> = sends
        .iter()
        .filter(|at| now.duration_since(**at) < window)
        .collect();
    if within.len() < limit {
        return Duration::ZERO;
    }
    // The send that must leave the window before another may enter it.
    let leaving = within[within.len() - limit];
    (*leaving + window).saturating_duration_since(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sends(ago_ms: &[u64], now: Instant) -> VecDeque<Instant> {
        ago_ms
            .iter()
            .map(|ms| now - Duration::from_millis(*ms))
            .collect()
    }

    #[test]
    fn a_chat_waits_a_second_after_its_last_message() {
        let now = Instant::now() + MINUTE;
        let mut state = Sends::default();
        state.per_chat.insert(5, sends(&[400], now));
        let wait = state.hold(5, now, Duration::ZERO).wait();
        assert_eq!(wait, SECOND + MARGIN - Duration::from_millis(400));
        assert_eq!(
            state.hold(6, now, Duration::ZERO).wait(),
            Duration::ZERO,
            "another chat"
        );
    }

    #[test]
    fn a_send_held_up_after_its_turn_counts_from_when_it_leaves() {
        let now = Instant::now() + MINUTE;
        let turn = now - Duration::from_millis(900);
        let mut state = Sends::default();
        state.overall.push_back(turn);
        state.per_chat.insert(-5, VecDeque::from([turn]));
        // Logging it waited 800 ms on the store thread: it left 100 ms ago, not 900.
        state.left_at(-5, turn, now - Duration::from_millis(100));
        assert_eq!(
            state.hold(-5, now, Duration::ZERO).wait(),
            SECOND + MARGIN - Duration::from_millis(100)
        );
        assert_eq!(state.overall, [now - Duration::from_millis(100)]);
    }

    #[test]
    fn a_group_waits_for_its_twenty_first_message_of_the_minute() {
        let now = Instant::now() + 2 * MINUTE;
        let ago: Vec<u64> = (0..20).map(|i| 59_000 - i * 2_000).collect();
        let mut state = Sends::default();
        state.per_chat.insert(-7, sends(&ago, now));
        // The oldest of the twenty leaves the minute window first.
        assert_eq!(
            state.hold(-7, now, Duration::ZERO).wait(),
            MINUTE + MARGIN - Duration::from_millis(59_000)
        );
        state.per_chat.insert(7, sends(&ago, now));
        assert_eq!(
            state.hold(7, now, Duration::ZERO).wait(),
            Duration::ZERO,
            "a private chat"
        );
    }

    #[test]
    fn thirty_messages_in_a_second_hold_every_chat() {
        let now = Instant::now() + MINUTE;
        let ago: Vec<u64> = (0..30).map(|i| 900 - i * 10).collect();
        let mut state = Sends {
            overall: sends(&ago, now),
            ..Sends::default()
        };
        assert_eq!(
            state.hold(1, now, Duration::ZERO).wait(),
            SECOND + MARGIN - Duration::from_millis(900)
        );
    }

    #[test]
    fn sends_of_a_previous_process_count() {
        let pacer = Pacer::new(true);
        let just_now = unix_ms(SystemTime::now()) - 200;
        pacer.remember(&[(-5, just_now)]);
        let wait = pacer.lock().hold(-5, Instant::now(), Duration::ZERO).wait();
        assert!(wait > Duration::from_millis(500), "{wait:?}");
        assert_eq!(
            pacer.lock().hold(-6, Instant::now(), Duration::ZERO).wait(),
            Duration::ZERO
        );
        assert_eq!(
            pacer.lock().hold(6, Instant::now(), Duration::ZERO).wait(),
            Duration::ZERO
        );
    }

    #[test]
    fn a_private_send_of_a_previous_process_holds_every_private_chat_for_a_second() {
        let pacer = Pacer::new(true);
        let just_now = unix_ms(SystemTime::now()) - 200;
        pacer.remember(&[(logged_chat(5), just_now)]);
        let wait = pacer.lock().hold(6, Instant::now(), Duration::ZERO).wait();
        assert!(wait > Duration::from_millis(500), "{wait:?}");
        assert_eq!(
            pacer.lock().hold(-6, Instant::now(), Duration::ZERO).wait(),
            Duration::ZERO
        );
    }

    /// Thirty sends in the last second: the overall budget holds every chat.
    fn overall_full(now: Instant) -> Sends {
        let ago: Vec<u64> = (0..30).map(|i| 900 - i * 10).collect();
        Sends {
            overall: sends(&ago, now),
            ..Sends::default()
        }
    }

    #[test]
    fn a_group_lets_private_chats_waiting_for_the_overall_budget_go_first() {
        let now = Instant::now() + MINUTE;
        let mut state = overall_full(now);
        assert!(state.hold(5, now, Duration::ZERO).only_overall());
        let private = state.hold(5, now, Duration::ZERO).wait();
        assert_eq!(
            state.hold(-7, now, Duration::ZERO).wait(),
            private,
            "nobody waits yet"
        );
        state.private_waiting_for_overall = 1;
        assert_eq!(
            state.hold(-7, now, Duration::ZERO).wait(),
            private + PRIVATE_FIRST
        );
        assert_eq!(
            state.hold(5, now, Duration::ZERO).wait(),
            private,
            "private chats unchanged"
        );
        // A free slot, private sends about to take it: the group still lets them.
        let later = now + private;
        assert_eq!(state.hold(-7, later, Duration::ZERO).wait(), PRIVATE_FIRST);
    }

    #[test]
    fn a_group_yields_to_private_chats_for_a_bounded_time() {
        let now = Instant::now() + MINUTE;
        let mut state = overall_full(now);
        state.private_waiting_for_overall = 3;
        let private = state.hold(5, now, Duration::ZERO).wait();
        assert_eq!(state.hold(-7, now, MOST_A_GROUP_YIELDS).wait(), private);
    }

    #[test]
    fn a_private_chat_held_by_its_own_limit_does_not_count_as_waiting_for_the_overall_budget() {
        let now = Instant::now() + MINUTE;
        let mut state = overall_full(now);
        state.per_chat.insert(5, sends(&[100], now));
        assert!(
            !state.hold(5, now, Duration::ZERO).only_overall(),
            "its own second is longer"
        );
        state.overall.clear();
        assert!(
            !state.hold(6, now, Duration::ZERO).only_overall(),
            "nothing holds it"
        );
    }

    #[tokio::test]
    async fn a_private_send_waiting_for_the_overall_budget_is_counted_until_it_goes() {
        let pacer = std::sync::Arc::new(Pacer::new(true));
        // Thirty sends to groups a moment short of the overall window ago.
        let almost_a_window_ago = unix_ms(SystemTime::now()) - 1_150;
        let earlier: Vec<(i64, i64)> = (1..=30).map(|g| (-g, almost_a_window_ago)).collect();
        pacer.remember(&earlier);
        let waiting = tokio::spawn({
            let pacer = pacer.clone();
            async move { pacer.wait_turn(31).await }
        });
        tokio::task::yield_now().await;
        assert_eq!(pacer.lock().private_waiting_for_overall, 1);
        waiting.await.expect("sent");
        assert_eq!(pacer.lock().private_waiting_for_overall, 0);
        for chat in 32..=60 {
            pacer.wait_turn(chat).await;
        }
        let given_up = tokio::spawn({
            let pacer = pacer.clone();
            async move { pacer.wait_turn(61).await }
        });
        tokio::task::yield_now().await;
        assert_eq!(pacer.lock().private_waiting_for_overall, 1);
        given_up.abort();
        let _ = given_up.await;
        assert_eq!(
            pacer.lock().private_waiting_for_overall,
            0,
            "a dropped wait uncounts"
        );
    }
}
