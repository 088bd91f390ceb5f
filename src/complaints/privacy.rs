//! What keeps a filer unknown beyond the database schema: in-memory limits, and whether a
//! person's latest draft was sent, keyed by a hash whose key changes on every start; and
//! replies to filers that never touch the outbox.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, RandomState};

use chrono::{DateTime, Duration, Utc};

use super::store;
use crate::core::{CoreError, CoreResult, Ctx, OutMessage, Persist};
use crate::i18n::Arg;

/// Filings per person per hour before the flood limit answers "later".
pub const FILINGS_PER_HOUR: usize = 3;
/// Wrong tracking codes from one chat within [`GUESS_WINDOW_MINUTES`] before it is refused
/// for [`GUESS_BLOCK_MINUTES`].
pub const GUESSES_PER_CHAT: usize = 5;
pub const GUESS_WINDOW_MINUTES: i64 = 10;
pub const GUESS_BLOCK_MINUTES: i64 = 15;
/// Wrong codes from all chats together per hour before every code lookup pauses: a guesser
/// with many accounts still gets about 10⁻¹² of a chance per day.
pub const GUESSES_PER_HOUR_GLOBAL: usize = 60;

/// How long a person's latest draft is remembered as sent or not, for a press on one of its
/// buttons once it is over: a check left open until it timed out may be pressed hours later.
pub const LATEST_DRAFT_HOURS: i64 = 24;

/// The capability's in-memory state (`ctx.memory.extension("complaints")`). Nothing here is
/// ever written to disk, and the hash key is new on every start.
pub struct Memory {
    keyed: RandomState,
    filings: HashMap<u64, VecDeque<DateTime<Utc>>>,
    guesses: HashMap<u64, Guesses>,
    global_guesses: VecDeque<DateTime<Utc>>,
    /// Whether each person's latest draft was sent, and since when: never which case it
    /// became.
    latest_drafts: HashMap<u64, (LatestDraft, DateTime<Utc>)>,
}

impl Default for Memory {
    fn default() -> Self {
        Memory {
            keyed: RandomState::new(),
            filings: HashMap::new(),
            guesses: HashMap::new(),
            global_guesses: VecDeque::new(),
            latest_drafts: HashMap::new(),
        }
    }
}

/// What became of the draft a person began last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LatestDraft {
    /// Begun and not sent: still open, or timed out, cancelled or set aside for a command.
    Unsent,
    Sent,
}

#[derive(Default)]
struct Guesses {
    wrong: VecDeque<DateTime<Utc>>,
    blocked_until: Option<DateTime<Utc>>,
}

/// Whether a lookup by code may go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuessVerdict {
    Allowed,
    /// This chat guessed wrong too often; try again after this many minutes.
    ChatBlocked {
        minutes: i64,
    },
    /// Too many wrong guesses overall.
    Paused,
}

impl Memory {
    fn key(&self, id: i64) -> u64 {
        self.keyed.hash_one(id)
    }

    /// Whether `user_id` may file another case now.
    pub fn may_file(&mut self, user_id: i64, now: DateTime<Utc>) -> bool {
        let key = self.key(user_id);
        let recent = self.filings.entry(key).or_default();
        drop_older(recent, now - Duration::hours(1));
        recent.len() < FILINGS_PER_HOUR
    }

    pub fn record_filing(&mut self, user_id: i64, now: DateTime<Utc>) {
        let key = self.key(user_id);
        self.filings.entry(key).or_default().push_back(now);
    }

    pub fn record_draft(&mut self, user_id: i64, draft: LatestDraft, now: DateTime<Utc>) {
        let key = self.key(user_id);
        self.latest_drafts.insert(key, (draft, now));
    }

    /// What became of the draft `user_id` began last, if it is still remembered (not after a
    /// restart, nor [`LATEST_DRAFT_HOURS`] later).
    pub fn latest_draft(&self, user_id: i64, now: DateTime<Utc>) -> Option<LatestDraft> {
        let cutoff = now - Duration::hours(LATEST_DRAFT_HOURS);
        self.latest_drafts
            .get(&self.key(user_id))
            .filter(|(_, since)| *since > cutoff)
            .map(|(draft, _)| *draft)
    }

    pub fn guess_verdict(&mut self, chat_id: i64, now: DateTime<Utc>) -> GuessVerdict {
        drop_older(&mut self.global_guesses, now - Duration::hours(1));
        let key = self.key(chat_id);
        if let Some(guesses) = self.guesses.get_mut(&key)
            && let Some(until) = guesses.blocked_until
        {
            if until > now {
                let minutes = ((until - now).num_seconds() + 59) / 60;
                return GuessVerdict::ChatBlocked { minutes };
            }
            guesses.blocked_until = None;
            guesses.wrong.clear();
        }
        if self.global_guesses.len() >= GUESSES_PER_HOUR_GLOBAL {
            return GuessVerdict::Paused;
        }
        GuessVerdict::Allowed
    }

    pub fn record_wrong_guess(&mut self, chat_id: i64, now: DateTime<Utc>) {
        self.global_guesses.push_back(now);
        let key = self.key(chat_id);
        let guesses = self.guesses.entry(key).or_default();
        drop_older(
            &mut guesses.wrong,
            now - Duration::minutes(GUESS_WINDOW_MINUTES),
        );
        guesses.wrong.push_back(now);
        if guesses.wrong.len() >= GUESSES_PER_CHAT {
            guesses.blocked_until = Some(now + Duration::minutes(GUESS_BLOCK_MINUTES));
        }
    }

    /// Forgets entries that no longer matter, so memory stays small.
    pub fn forget_stale(&mut self, now: DateTime<Utc>) {
        let hour_ago = now - Duration::hours(1);
        self.filings.retain(|_, times| {
            drop_older(times, hour_ago);
            !times.is_empty()
        });
        self.guesses.retain(|_, g| {
            drop_older(&mut g.wrong, now - Duration::minutes(GUESS_WINDOW_MINUTES));
            !g.wrong.is_empty() || g.blocked_until.is_some_and(|until| until > now)
        });
        let cutoff = now - Duration::hours(LATEST_DRAFT_HOURS);
        self.latest_drafts.retain(|_, (_, since)| *since > cutoff);
    }
}

fn drop_older(times: &mut VecDeque<DateTime<Utc>>, cutoff: DateTime<Utc>) {
    while times.front().is_some_and(|t| *t <= cutoff) {
        times.pop_front();
    }
}

pub fn memory<'c>(ctx: &'c mut Ctx) -> &'c mut Memory {
    ctx.memory.extension::<Memory>(super::AREA)
}

/// Sends to the person in this chat without the outbox: the outbox row would hold their chat
/// id (in a private chat, their user id) next to the time they were filing.
pub fn tell(ctx: &mut Ctx, message: OutMessage) {
    let chat_id = ctx.event.chat.id;
    ctx.send(chat_id, message, Persist::Direct);
}

pub fn tell_text(ctx: &mut Ctx, key: &str, args: &[(&str, Arg)]) {
    let text = ctx.t(key, args);
    tell(ctx, OutMessage::text(text));
}

/// Runs a filer-facing step so that nothing about the filer can reach the outbox: refusals
/// and database errors are answered directly (the core would answer them through the
/// outbox), after rolling back what the step wrote.
pub fn privately(ctx: &mut Ctx, step: impl FnOnce(&mut Ctx) -> CoreResult) -> CoreResult {
    store::begin_filer_step(ctx.conn)?;
    match step(ctx) {
        Ok(()) => {
            store::keep_filer_step(ctx.conn)?;
            Ok(())
        }
        Err(error) => {
            store::undo_filer_step(ctx.conn)?;
            match error {
                CoreError::Refusal { key, args } => tell_text(ctx, key, &args),
                CoreError::Db(e) => {
                    // The error says nothing about who filed or what: SQLite errors carry
                    // no parameter values.
                    log::error!("complaints: a filer's step failed on the database: {e}");
                    tell_text(ctx, "core.internal_error", &[]);
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 15, 2, 0, 0).unwrap() + Duration::minutes(minute)
    }

    #[test]
    fn flood_limit_allows_a_few_filings_per_hour() {
        let mut memory = Memory::default();
        for minute in 0..FILINGS_PER_HOUR as i64 {
            assert!(memory.may_file(7, at(minute)));
            memory.record_filing(7, at(minute));
        }
        assert!(!memory.may_file(7, at(10)));
        assert!(memory.may_file(8, at(10)), "another person is not limited");
        assert!(memory.may_file(7, at(61)), "an hour later one more is fine");
    }

    #[test]
    fn wrong_guesses_block_a_chat_then_release_it() {
        let mut memory = Memory::default();
        for minute in 0..GUESSES_PER_CHAT as i64 {
            assert_eq!(memory.guess_verdict(5, at(minute)), GuessVerdict::Allowed);
            memory.record_wrong_guess(5, at(minute));
        }
        assert_eq!(
            memory.guess_verdict(5, at(4)),
            GuessVerdict::ChatBlocked { minutes: 15 }
        );
        assert_eq!(
            memory.guess_verdict(5, at(18)),
            GuessVerdict::ChatBlocked { minutes: 1 }
        );
        assert_eq!(memory.guess_verdict(6, at(5)), GuessVerdict::Allowed);
        assert_eq!(memory.guess_verdict(5, at(20)), GuessVerdict::Allowed);
    }

    #[test]
    fn the_global_cap_pauses_every_chat() {
        let mut memory = Memory::default();
        for chat in 0..GUESSES_PER_HOUR_GLOBAL as i64 {
            memory.record_wrong_guess(1000 + chat, at(0));
        }
        assert_eq!(memory.guess_verdict(1, at(1)), GuessVerdict::Paused);
        assert_eq!(memory.guess_verdict(1, at(61)), GuessVerdict::Allowed);
    }

    #[test]
    fn the_latest_draft_is_remembered_for_a_day() {
        let mut memory = Memory::default();
        assert_eq!(memory.latest_draft(7, at(0)), None);
        memory.record_draft(7, LatestDraft::Unsent, at(0));
        memory.record_draft(7, LatestDraft::Sent, at(5));
        memory.record_draft(8, LatestDraft::Unsent, at(5));
        assert_eq!(memory.latest_draft(7, at(6)), Some(LatestDraft::Sent));
        assert_eq!(memory.latest_draft(8, at(6)), Some(LatestDraft::Unsent));
        let a_day_later = at(5 + LATEST_DRAFT_HOURS * 60);
        assert_eq!(memory.latest_draft(7, a_day_later), None);
        memory.forget_stale(a_day_later);
        assert!(memory.latest_drafts.is_empty());
    }

    #[test]
    fn the_key_differs_between_starts() {
        let a = Memory::default();
        let b = Memory::default();
        assert_ne!(a.key(918_273_645), b.key(918_273_645));
    }
}
