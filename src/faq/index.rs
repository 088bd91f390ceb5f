//! The in-memory search index over the live entries, kept in the core's memory and rebuilt
//! whenever the entries changed since it was built.
//!
//! Indexing takes a while: the classifier's fit above all (about 0.8 s for the shipped 69
//! entries, 12-15 s for 1,000), and the core runs on the store thread, where every chat would
//! wait. So the fit runs on a thread of its own and is swapped in at the first search after it
//! is ready. For a small knowledge base, an edit that changed the phrasings is indexed in place
//! without the classifier meanwhile (tens of milliseconds), so it shows at once, answered under
//! that matcher's own, stricter calibration. A large one's whole build runs on the thread, and
//! the index of the previous version goes on answering meanwhile; the answers it shows are read
//! from the database, so an edited answer is current at once, and only which entries match lags
//! behind. After a start there is no previous index: a small base is built whole in place, a
//! large one's thread first sends an index without the classifier (a fraction of a second), and
//! the periodic work starts that build ([`build_if_changed`]) so that it is usually done before
//! the first question.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::core::{CoreResult, Ctx};

use super::matcher::{Document, Hit, Matcher};
use super::store::{self, Entry};

/// From this many entries on, a whole build runs off the store thread, a start's too. Below
/// it the words and letters are indexed in tens of milliseconds, in place, and only the
/// classifier's fit (the shipped 69 entries: about 0.8 s) goes off the store thread after an
/// edit.
const BACKGROUND_FROM: usize = 300;

#[derive(Default)]
struct SearchIndex {
    /// The matcher in use and the entries' version it was built from.
    current: Option<(i64, Matcher)>,
    /// A build under way off the store thread.
    building: Option<Build>,
}

/// A build under way off the store thread.
struct Build {
    version: i64,
    /// Where its matchers arrive: the one without the classifier first when there was no
    /// index to answer meanwhile, then the whole one.
    arrivals: Receiver<Matcher>,
    /// What it indexes, to index in place should the thread die before its first matcher.
    documents: Arc<[Document]>,
}

impl SearchIndex {
    /// The matcher for `version`, or the previous one while that version is being built.
    /// `documents` reads the live entries, only when a build starts.
    fn matcher(
        &mut self,
        version: i64,
        documents: impl FnOnce() -> rusqlite::Result<Vec<Document>>,
    ) -> rusqlite::Result<&Matcher> {
        self.start_build(version, documents)?;
        if self.current.is_none() {
            self.wait_for_first_matcher();
        }
        Ok(&self.current.as_ref().expect("built or waited for above").1)
    }

    /// Starts building `version` unless it is built or being built. A small knowledge base is
    /// built in place at a start (under a second, before anything answers), and whenever the
    /// classifier for its phrasings is at hand (an answer edited); after an edit that changed
    /// the phrasings, its words and letters are indexed in place, so the edit shows at once,
    /// and the classifier is fitted on a thread of its own. A large one is built on its own
    /// thread.
    fn start_build(
        &mut self,
        version: i64,
        documents: impl FnOnce() -> rusqlite::Result<Vec<Document>>,
    ) -> rusqlite::Result<()> {
        self.take_arrivals();
        // Built whole: an index without the classifier is only built when its build's thread
        // died before the classifier came, and then it is built again.
        let built = self
            .current
            .as_ref()
            .is_some_and(|(built, matcher)| *built == version && matcher.has_classifier());
        // One build at a time: a change made while one runs is built once it is done, so a
        // burst of edits does not start a thread for each.
        if built || self.building.is_some() {
            return Ok(());
        }
        let documents = documents()?;
        let small = documents.len() < BACKGROUND_FROM;
        if small && (self.current.is_none() || Matcher::is_quick_to_build(&documents)) {
            self.current = Some((version, Matcher::new(&documents)));
            return Ok(());
        }
        let documents: Arc<[Document]> = documents.into();
        let quick_first = if small {
            self.current = Some((version, Matcher::without_classifier(&documents)));
            false
        } else {
            self.current.is_none()
        };
        let arrivals = build_in_background(Arc::clone(&documents), quick_first);
        self.building = Some(Build {
            version,
            arrivals,
            documents,
        });
        Ok(())
    }

    /// Swaps in the matchers a background build sent so far.
    fn take_arrivals(&mut self) {
        while let Some(build) = &self.building {
            match build.arrivals.try_recv() {
                Ok(matcher) => self.arrive(matcher),
                Err(TryRecvError::Empty) => return,
                // The build thread died (it panicked): try again at the next search.
                Err(TryRecvError::Disconnected) => self.building = None,
            }
        }
    }

    /// Waits for the first matcher of the build under way when there is none to answer with.
    fn wait_for_first_matcher(&mut self) {
        let Some(build) = &self.building else {
            return;
        };
        match build.arrivals.recv() {
            Ok(matcher) => self.arrive(matcher),
            Err(_) => {
                // The thread died or could not start: index in place rather than not at all.
                let version = build.version;
                let matcher = Matcher::without_classifier(&build.documents);
                self.current = Some((version, matcher));
                self.building = None;
            }
        }
    }

    fn arrive(&mut self, matcher: Matcher) {
        let Some(build) = &self.building else {
            return;
        };
        let whole = matcher.has_classifier();
        self.current = Some((build.version, matcher));
        if whole {
            self.building = None;
        }
    }

    /// Whether a build is under way off the store thread.
    #[cfg(test)]
    fn is_building(&self) -> bool {
        self.building.is_some()
    }
}

/// Starts indexing `documents` on a thread of its own; `quick_first`: send a matcher without
/// the classifier before the whole one.
fn build_in_background(documents: Arc<[Document]>, quick_first: bool) -> Receiver<Matcher> {
    let (sender, receiver) = mpsc::sync_channel(2);
    let spawned = std::thread::Builder::new()
        .name("faq-index".into())
        .spawn(move || {
            // The receiver is gone when a newer version started building: nothing to do.
            if quick_first
                && sender
                    .send(Matcher::without_classifier(&documents))
                    .is_err()
            {
                return;
            }
            let _ = sender.send(Matcher::new(&documents));
        });
    if let Err(error) = spawned {
        // Without a thread, the receiver reports the build as failed and the next search
        // starts another.
        log::warn!("cannot start a thread to rebuild the Q&A index: {error}");
    }
    receiver
}

/// The periodic work's part: starts building the index of the live entries if they changed
/// since it was built, so that after a start or a staff edit a large knowledge base is
/// usually indexed before the next question comes.
pub fn build_if_changed(ctx: &mut Ctx) -> CoreResult {
    let conn = ctx.conn;
    let version = store::version(conn)?;
    ctx.memory
        .extension::<SearchIndex>("faq")
        .start_build(version, || live_documents(conn))?;
    Ok(())
}

/// The live entries best matching `query`, best first.
pub fn search(ctx: &mut Ctx, query: &str, limit: usize) -> CoreResult<Vec<Hit>> {
    let conn = ctx.conn;
    let version = store::version(conn)?;
    let index = ctx.memory.extension::<SearchIndex>("faq");
    let matcher = index.matcher(version, || live_documents(conn))?;
    Ok(matcher.search_for_office(&ctx.env.config.office.name, query, limit))
}

fn live_documents(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<Document>> {
    Ok(store::live_entries(conn)?
        .into_iter()
        .map(document)
        .collect())
}

fn document(entry: Entry) -> Document {
    Document {
        id: entry.id,
        question: entry.question,
        alt: entry.alt,
        tags: entry.tags,
        answer: entry.answer,
        subject: entry.subject,
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
                subject: vec![],
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
            subject: vec![],
        }
    }

    fn finds_new_entry(matcher: &Matcher) -> bool {
        matcher
            .search("ทุนการศึกษา", 1)
            .first()
            .is_some_and(|hit| hit.id == 1_000_000)
    }

    /// Searches `index` at `version` until the matcher in use passes `arrived`.
    fn wait_until(index: &mut SearchIndex, version: i64, arrived: impl Fn(&Matcher) -> bool) {
        let waited_since = Instant::now();
        loop {
            let matcher = index
                .matcher(version, || {
                    panic!("version {version} is already being built")
                })
                .unwrap();
            if arrived(matcher) {
                return;
            }
            assert!(
                waited_since.elapsed() < Duration::from_secs(120),
                "the background build never arrived"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn a_large_base_is_built_off_the_store_thread_and_swapped_in() {
        let mut index = SearchIndex::default();
        // After a start: a matcher without the classifier at once, the whole one later.
        let first = index
            .matcher(1, || Ok(documents(BACKGROUND_FROM, None)))
            .unwrap();
        assert!(
            !first.has_classifier(),
            "the classifier is fitted meanwhile"
        );
        wait_until(&mut index, 1, Matcher::has_classifier);
        assert!(!index.is_building());

        // A staff edit: the search is answered by the previous index while the new one builds.
        let after = documents(BACKGROUND_FROM, Some(new_entry()));
        let matcher = index.matcher(2, || Ok(after)).unwrap();
        assert!(
            !finds_new_entry(matcher) && matcher.has_classifier(),
            "answered by the whole previous version"
        );
        assert!(index.is_building());

        // Searches meanwhile neither wait nor start the same build again, and the new
        // version arrives whole.
        wait_until(&mut index, 2, finds_new_entry);
        assert!(!index.is_building());
        let matcher = index.matcher(2, || panic!("built")).unwrap();
        assert!(matcher.has_classifier());
    }

    /// The periodic work starts the build, so that the first question finds it done.
    #[test]
    fn starting_a_build_does_not_wait_for_it() {
        let mut index = SearchIndex::default();
        index
            .start_build(1, || Ok(documents(BACKGROUND_FROM, None)))
            .unwrap();
        assert!(index.is_building() && index.current.is_none());
        index.start_build(1, || panic!("being built")).unwrap();
        wait_until(&mut index, 1, Matcher::has_classifier);
    }

    #[test]
    fn a_small_base_shows_an_edit_at_once_and_fits_the_classifier_off_the_store_thread() {
        let mut index = SearchIndex::default();
        let first = index.matcher(1, || Ok(documents(10, None))).unwrap();
        assert!(first.has_classifier(), "built whole in place at a start");
        let matcher = index
            .matcher(2, || Ok(documents(10, Some(new_entry()))))
            .unwrap();
        assert!(finds_new_entry(matcher) && !matcher.has_classifier());
        assert!(index.is_building());
        wait_until(&mut index, 2, Matcher::has_classifier);
        assert!(!index.is_building());
        // Back to phrasings fitted a moment ago: nothing to fit, built whole in place.
        let matcher = index.matcher(3, || Ok(documents(10, None))).unwrap();
        assert!(matcher.has_classifier() && !finds_new_entry(matcher));
        assert!(!index.is_building());
    }

    /// A build whose thread died after the index without the classifier came (a panic) is
    /// started again at the next search, rather than that index kept for good.
    #[test]
    fn a_build_whose_thread_died_is_started_again() {
        let mut index = SearchIndex::default();
        let indexed: Arc<[Document]> = documents(10, None).into();
        let (sender, arrivals) = mpsc::sync_channel(1);
        drop(sender);
        index.current = Some((1, Matcher::without_classifier(&indexed)));
        index.building = Some(Build {
            version: 1,
            arrivals,
            documents: indexed,
        });
        index.matcher(1, || Ok(documents(10, None))).unwrap();
        wait_until(&mut index, 1, Matcher::has_classifier);
    }

    #[test]
    fn a_change_during_a_build_is_built_after_it() {
        let mut index = SearchIndex::default();
        index
            .matcher(1, || Ok(documents(BACKGROUND_FROM, None)))
            .unwrap();
        wait_until(&mut index, 1, Matcher::has_classifier);
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
