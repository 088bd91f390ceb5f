//! The in-memory search index over the live entries, kept in the core's memory and rebuilt
//! on first use and whenever the entries changed since it was built.
//!
//! A large knowledge base takes a while to index (about 2 s for 10,000 entries), and the core
//! runs on the store thread: every chat would wait. So once the base is large, a rebuild after
//! a change runs on a thread of its own while the index of the previous version goes on
//! answering; the new one is swapped in at the first search after it is ready. The answers it
//! shows are read from the database, so an edited answer is current at once; only which
//! entries match lags behind, for the length of one build.

use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::core::{CoreResult, Ctx};

use super::matcher::{Document, Hit, Matcher};
use super::store::{self, Entry};

/// From this many entries on, a rebuild runs off the store thread. Below it a build takes a
/// few tens of milliseconds, and building in place keeps a staff edit visible to the very next
/// question.
const BACKGROUND_FROM: usize = 300;

#[derive(Default)]
struct SearchIndex {
    /// The matcher in use and the entries' version it was built from.
    current: Option<(i64, Matcher)>,
    /// A build under way off the store thread: the version it builds and where it arrives.
    building: Option<(i64, Receiver<Matcher>)>,
}

impl SearchIndex {
    /// The matcher for `version`, or the previous one while that version is being built.
    /// `documents` reads the live entries, only when a build starts.
    fn matcher(
        &mut self,
        version: i64,
        documents: impl FnOnce() -> rusqlite::Result<Vec<Document>>,
    ) -> rusqlite::Result<&Matcher> {
        self.take_finished_build();
        let current_version = self.current.as_ref().map(|(built, _)| *built);
        // One build at a time: a change made while one runs is built once it is done, so a
        // burst of edits does not start a thread for each.
        if current_version != Some(version) && self.building.is_none() {
            let documents = documents()?;
            if self.current.is_none() || documents.len() < BACKGROUND_FROM {
                self.current = Some((version, Matcher::new(&documents)));
            } else {
                self.building = Some((version, build_in_background(documents)));
            }
        }
        Ok(&self.current.as_ref().expect("built above").1)
    }

    /// Swaps in the matcher a background build finished, if it has.
    fn take_finished_build(&mut self) {
        let Some((version, receiver)) = &self.building else {
            return;
        };
        match receiver.try_recv() {
            Ok(matcher) => {
                self.current = Some((*version, matcher));
                self.building = None;
            }
            Err(TryRecvError::Empty) => {}
            // The build thread died (it panicked): try again at the next search.
            Err(TryRecvError::Disconnected) => self.building = None,
        }
    }

    /// Whether a build is under way off the store thread.
    #[cfg(test)]
    fn is_building(&self) -> bool {
        self.building.is_some()
    }
}

/// Starts indexing `documents` on a thread of its own.
fn build_in_background(documents: Vec<Document>) -> Receiver<Matcher> {
    let (sender, receiver) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name("faq-index".into())
        .spawn(move || {
            // The receiver is gone when a newer version started building: nothing to do.
            let _ = sender.send(Matcher::new(&documents));
        });
    if let Err(error) = spawned {
        // Without a thread, the receiver reports the build as failed and the next search
        // starts another.
        log::warn!("cannot start a thread to rebuild the Q&A index: {error}");
    }
    receiver
}

/// The live entries best matching `query`, best first.
pub fn search(ctx: &mut Ctx, query: &str, limit: usize) -> CoreResult<Vec<Hit>> {
    let conn = ctx.conn;
    let version = store::version(conn)?;
    let index = ctx.memory.extension::<SearchIndex>("faq");
    let matcher = index.matcher(version, || {
        Ok(store::live_entries(conn)?
            .into_iter()
            .map(document)
            .collect())
    })?;
    Ok(matcher.search(query, limit))
}

fn document(entry: Entry) -> Document {
    Document {
        id: entry.id,
        question: entry.question,
        alt: entry.alt,
        tags: entry.tags,
        answer: entry.answer,
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    /// `count` entries, each about a different made-up subject, and `extra` if given.
    fn documents(count: usize, extra: Option<Document>) -> Vec<Document> {
        (0..count as i64)
            .map(|id| Document {
                id,
                question: format!("เรื่องที่ {id} ทำอย่างไร"),
                alt: vec![],
                tags: vec![format!("หัวข้อ{id}")],
                answer: format!("คำตอบของเรื่องที่ {id}"),
            })
            .chain(extra)
            .collect()
    }

    fn new_entry() -> Document {
        Document {
            id: 1_000_000,
            question: "ทุนการศึกษาสำหรับนักเรียนด้อยโอกาส".into(),
            alt: vec![],
            tags: vec!["ทุนการศึกษา".into()],
            answer: "สมัครที่โรงเรียน".into(),
        }
    }

    fn finds_new_entry(matcher: &Matcher) -> bool {
        matcher
            .search("ทุนการศึกษา", 1)
            .first()
            .is_some_and(|hit| hit.id == 1_000_000)
    }

    #[test]
    fn a_large_base_is_rebuilt_off_the_store_thread_and_swapped_in() {
        let mut index = SearchIndex::default();
        let before = documents(BACKGROUND_FROM, None);
        index.matcher(1, || Ok(before)).unwrap();
        assert!(
            !index.is_building(),
            "the first build has nothing to serve meanwhile"
        );

        // A staff edit: the search is answered by the previous index while the new one builds.
        let after = documents(BACKGROUND_FROM, Some(new_entry()));
        let matcher = index.matcher(2, || Ok(after)).unwrap();
        assert!(
            !finds_new_entry(matcher),
            "answered by the previous version"
        );
        assert!(index.is_building());

        // Searches meanwhile neither wait nor start the same build again.
        let waited_since = Instant::now();
        loop {
            let matcher = index
                .matcher(2, || panic!("version 2 is already being built"))
                .unwrap();
            if finds_new_entry(matcher) {
                break;
            }
            assert!(
                waited_since.elapsed() < Duration::from_secs(120),
                "the background build never arrived"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(!index.is_building());
    }

    #[test]
    fn a_small_base_is_rebuilt_in_place_so_an_edit_shows_at_once() {
        let mut index = SearchIndex::default();
        index.matcher(1, || Ok(documents(10, None))).unwrap();
        let matcher = index
            .matcher(2, || Ok(documents(10, Some(new_entry()))))
            .unwrap();
        assert!(finds_new_entry(matcher));
        assert!(!index.is_building());
    }

    #[test]
    fn a_change_during_a_build_is_built_after_it() {
        let mut index = SearchIndex::default();
        index
            .matcher(1, || Ok(documents(BACKGROUND_FROM, None)))
            .unwrap();
        index
            .matcher(2, || Ok(documents(BACKGROUND_FROM + 1, None)))
            .unwrap();
        // Version 3 while 2 is being built: no second thread, and version 2's build is kept.
        index.matcher(3, || panic!("a build is running")).unwrap();
        assert!(index.is_building());
        let waited_since = Instant::now();
        while !finds_new_entry(
            index
                .matcher(3, || Ok(documents(BACKGROUND_FROM, Some(new_entry()))))
                .unwrap(),
        ) {
            assert!(waited_since.elapsed() < Duration::from_secs(120));
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
