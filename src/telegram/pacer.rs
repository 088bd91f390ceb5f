//! Telegram's send limits, kept by the bot itself: at most one message a second to a chat,
//! twenty a minute to a group, thirty a second in all. Unlike teloxide's `Throttle`, it can
//! start from the sends of the previous process (the core's sent log), so a restart does not
//! overshoot, and each chat waits only for its own turn and the global one: a busy group
//! never holds another chat's replies.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

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

    /// Waits until a message to `chat_id` may go out, and counts it as sent.
    pub async fn wait_turn(&self, chat_id: i64) {
        if !self.limited {
            return;
        }
        loop {
            let now = Instant::now();
            let wait = {
                let mut sends = self.lock();
                let wait = sends.wait_needed(chat_id, now);
                if wait.is_zero() {
                    sends.overall.push_back(now);
                    sends.per_chat.entry(chat_id).or_default().push_back(now);
                    return;
                }
                wait
            };
            tokio::time::sleep(wait).await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Sends> {
        self.sends.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sends {
    /// How long a send to `chat_id` must wait from `now`; forgets sends no window needs.
    fn wait_needed(&mut self, chat_id: i64, now: Instant) -> Duration {
        forget_before(&mut self.overall, now, SECOND + MARGIN);
        let mut wait = free_after(&self.overall, now, SECOND + MARGIN, OVERALL_PER_SECOND);
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

/// Wall-clock milliseconds since the Unix epoch.
pub fn unix_ms(at: SystemTime) -> i64 {
    at.duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
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
        let wait = state.wait_needed(5, now);
        assert_eq!(wait, SECOND + MARGIN - Duration::from_millis(400));
        assert_eq!(state.wait_needed(6, now), Duration::ZERO, "another chat");
    }

    #[test]
    fn a_group_waits_for_its_twenty_first_message_of_the_minute() {
        let now = Instant::now() + 2 * MINUTE;
        let ago: Vec<u64> = (0..20).map(|i| 59_000 - i * 2_000).collect();
        let mut state = Sends::default();
        state.per_chat.insert(-7, sends(&ago, now));
        // The oldest of the twenty leaves the minute window first.
        assert_eq!(
            state.wait_needed(-7, now),
            MINUTE + MARGIN - Duration::from_millis(59_000)
        );
        state.per_chat.insert(7, sends(&ago, now));
        assert_eq!(state.wait_needed(7, now), Duration::ZERO, "a private chat");
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
            state.wait_needed(1, now),
            SECOND + MARGIN - Duration::from_millis(900)
        );
    }

    #[test]
    fn sends_of_a_previous_process_count() {
        let pacer = Pacer::new(true);
        let just_now = unix_ms(SystemTime::now()) - 200;
        pacer.remember(&[(-5, just_now)]);
        let wait = pacer.lock().wait_needed(-5, Instant::now());
        assert!(wait > Duration::from_millis(500), "{wait:?}");
        assert_eq!(pacer.lock().wait_needed(-6, Instant::now()), Duration::ZERO);
        assert_eq!(pacer.lock().wait_needed(6, Instant::now()), Duration::ZERO);
    }

    #[test]
    fn a_private_send_of_a_previous_process_holds_every_private_chat_for_a_second() {
        let pacer = Pacer::new(true);
        let just_now = unix_ms(SystemTime::now()) - 200;
        pacer.remember(&[(logged_chat(5), just_now)]);
        let wait = pacer.lock().wait_needed(6, Instant::now());
        assert!(wait > Duration::from_millis(500), "{wait:?}");
        assert_eq!(pacer.lock().wait_needed(-6, Instant::now()), Duration::ZERO);
    }
}
