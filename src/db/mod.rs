//! The SQLite store: one connection owned by one thread, fed with jobs over a channel.
//!
//! Every job runs inside its own savepoint of a shared transaction, and the thread commits
//! whatever jobs arrived together in one `COMMIT` (group commit). That keeps
//! `synchronous=FULL` durability while paying for one fsync per batch instead of per update.
//! A job's result is only handed back after its batch committed, so nobody is told
//! "recorded" for something a crash could still take away. A job that failed (or declined)
//! is answered at once: its writes were rolled back, so its answer waits on nothing.

mod backup;
mod migrations;

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use tokio::sync::oneshot;

pub use backup::{DatabaseLock, KEEP_BACKUPS, backup, lock_database, restore, rotate_backups};
#[cfg(test)]
pub use migrations::schema_before;
pub use migrations::{AT_EVERY_START, DataStep, MIGRATIONS, apply_migrations};

/// Upper bound of jobs folded into one transaction; keeps a batch's latency bounded.
const MAX_BATCH: usize = 512;
/// When jobs come in faster than one at a time (a burst), a batch stays open this long after
/// it began for the jobs that arrive meanwhile: they run at once, as they come, and share the
/// batch's one commit. Fewer commits means fewer fsyncs and fewer pages written to the WAL
/// twice (the same index leaf in consecutive commits), the largest cost of the store thread
/// in a burst; a job waiting for its commit waits at most this much longer.
const LINGER: Duration = Duration::from_micros(500);
/// Prepared statements the store connection keeps. rusqlite's default of 16 is far below
/// the number of distinct statements the capabilities run, so cached ones kept being parsed
/// again.
const STATEMENT_CACHE: usize = 256;

#[derive(Debug)]
pub enum DbError {
    Sqlite(rusqlite::Error),
    /// The job panicked; its savepoint was rolled back and the thread lives on.
    Panicked(String),
    /// The store thread is gone (shutdown).
    Closed,
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbError::Sqlite(e) => write!(f, "sqlite: {e}"),
            DbError::Panicked(m) => write!(f, "database job panicked: {m}"),
            DbError::Closed => write!(f, "database thread closed"),
        }
    }
}

impl std::error::Error for DbError {}

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        DbError::Sqlite(e)
    }
}

/// State that lives on the store thread next to the connection: the core keeps its
/// in-memory-only data here (dialogue drafts, flood counters), so it needs no locks.
pub type ThreadState = Box<dyn Any + Send>;

type Completion = Box<dyn FnOnce(Result<(), String>) + Send>;
/// Runs the caller's closure; says whether its writes are kept, and how to report back.
type Job = Box<dyn FnOnce(&Connection, &mut ThreadState) -> (bool, Completion) + Send>;

enum Message {
    Job(Job),
    /// Runs outside any transaction (backup, VACUUM INTO, integrity checks).
    Exclusive(Job),
}

/// A handle to the store thread; cheap to clone.
#[derive(Clone)]
pub struct Store {
    sender: mpsc::Sender<Message>,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database, applies migrations with their `data_steps`
    /// and starts the thread.
    pub fn open(
        path: &Path,
        thread_state: ThreadState,
        data_steps: &[(&str, DataStep)],
    ) -> Result<Store, DbError> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        apply_migrations(&mut conn, data_steps)?;
        let (sender, receiver) = mpsc::channel();
        thread::Builder::new()
            .name("khetbot-db".into())
            .spawn(move || run(conn, receiver, thread_state))
            .map_err(|e| DbError::Panicked(e.to_string()))?;
        Ok(Store {
            sender,
            path: path.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` inside the shared transaction; its changes are committed before an `Ok`
    /// result is returned. An `Err` is returned at once, its changes rolled back.
    pub async fn run<T, E, F>(&self, f: F) -> Result<Result<T, E>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
        F: FnOnce(&Connection, &mut ThreadState) -> Result<T, E> + Send + 'static,
    {
        self.submit(f, false).await
    }

    /// Like [`run`](Self::run), but answers as soon as `f` has run, before its batch is
    /// committed: its writes are then in the open transaction, where every job submitted
    /// after this answer sees them. So a caller with a sequence of jobs (one chat's updates)
    /// submits the next without waiting for this one's fsync, and several of them share one
    /// commit. Nothing `f` wrote is durable until [`Commit::wait`] says so; act on it only then.
    pub async fn run_uncommitted<T, E, F>(&self, f: F) -> Result<Result<(T, Commit), E>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
        F: FnOnce(&Connection, &mut ThreadState) -> Result<T, E> + Send + 'static,
    {
        let (ran_tx, ran_rx) = oneshot::channel::<Result<Result<T, E>, DbError>>();
        let (commit_tx, commit_rx) = oneshot::channel();
        let job = job(f, move |outcome| {
            let _ = ran_tx.send(outcome);
            Box::new(move |commit| {
                let _ = commit_tx.send(commit);
            })
        });
        self.sender
            .send(Message::Job(job))
            .map_err(|_| DbError::Closed)?;
        let ran = ran_rx.await.map_err(|_| DbError::Closed)??;
        Ok(ran.map(|value| (value, Commit(commit_rx))))
    }

    /// Runs `f` alone, outside any transaction.
    pub async fn run_exclusive<T, F>(&self, f: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, DbError> + Send + 'static,
    {
        let result = self
            .submit(move |conn, _| f(conn).map_err(|e| e.to_string()), true)
            .await?;
        result.map_err(DbError::Panicked)
    }

    async fn submit<T, E, F>(&self, f: F, exclusive: bool) -> Result<Result<T, E>, DbError>
    where
        T: Send + 'static,
        E: Send + 'static,
        F: FnOnce(&Connection, &mut ThreadState) -> Result<T, E> + Send + 'static,
    {
        let (tx, rx) = oneshot::channel::<Result<Result<T, E>, DbError>>();
        let job = job(f, move |outcome| {
            Box::new(move |commit| {
                let _ = tx.send(outcome.and_then(|result| committed(commit).map(|()| result)));
            })
        });
        let message = if exclusive {
            Message::Exclusive(job)
        } else {
            Message::Job(job)
        };
        self.sender.send(message).map_err(|_| DbError::Closed)?;
        rx.await.map_err(|_| DbError::Closed)?
    }
}

/// The job that runs `f` in the store thread: a panic in `f` is caught (and becomes
/// [`DbError::Panicked`]), its writes are kept only when it returned `Ok`, and `ran` is told
/// its outcome at once and returns what to do once the batch's commit is known (for a job
/// not kept: at once, with nothing to commit).
fn job<T, E, F>(
    f: F,
    ran: impl FnOnce(Result<Result<T, E>, DbError>) -> Completion + Send + 'static,
) -> Job
where
    F: FnOnce(&Connection, &mut ThreadState) -> Result<T, E> + Send + 'static,
{
    Box::new(move |conn, state| {
        let outcome = catch_unwind(AssertUnwindSafe(|| f(conn, state)))
            .map_err(|panic| DbError::Panicked(panic_message(panic)));
        let keep = matches!(outcome, Ok(Ok(_)));
        (keep, ran(outcome))
    })
}

/// A batch's commit as the callers of its jobs are told it.
fn committed(commit: Result<(), String>) -> Result<(), DbError> {
    commit.map_err(|e| DbError::Panicked(format!("commit failed: {e}")))
}

/// The commit of a job run by [`Store::run_uncommitted`].
pub struct Commit(oneshot::Receiver<Result<(), String>>);

impl Commit {
    /// Returns once the job's writes are committed, or says why they are not.
    pub async fn wait(self) -> Result<(), DbError> {
        self.0
            .await
            .map_err(|_| DbError::Closed)
            .and_then(committed)
    }
}

fn panic_message(panic: Box<dyn Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Runs one parameterless statement (a savepoint step) kept prepared: these run several
/// times for every update.
pub fn execute_cached(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([]).map(|_| ())
}

/// Pragmas every connection to the database file uses.
pub fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Freed pages are zeroed so deleted drafts and purged cases leave nothing behind.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // Each job runs in a savepoint, so the pages it changes are copied to a sub-journal; on
    // the default temp_store that spills to a temporary file (a write call per page, ~15%
    // of the store thread in a donation burst). In memory it costs a copy, and no fragment
    // of a draft or an anonymous complaint reaches a temporary file on disk. Durability is
    // the WAL's: a sub-journal only undoes a failed job inside an open transaction.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.pragma_update(None, "busy_timeout", 5000)?;
    Ok(())
}

fn run(conn: Connection, receiver: mpsc::Receiver<Message>, mut state: ThreadState) {
    while let Ok(first) = receiver.recv() {
        let mut batch = Vec::new();
        let mut exclusive = None;
        match first {
            Message::Job(job) => batch.push(job),
            Message::Exclusive(job) => exclusive = Some(job),
        }
        while exclusive.is_none() && batch.len() < MAX_BATCH {
            match receiver.try_recv() {
                Ok(Message::Job(job)) => batch.push(job),
                Ok(Message::Exclusive(job)) => exclusive = Some(job),
                Err(_) => break,
            }
        }
        if !batch.is_empty() {
            // An exclusive job already waiting goes right after this batch: no lingering.
            let arriving = exclusive.is_none().then_some(&receiver);
            if let Some(arrived) = run_batch(&conn, &mut state, batch, arriving) {
                exclusive = Some(arrived);
            }
        }
        if let Some(job) = exclusive {
            let (_, completion) = job(&conn, &mut state);
            completion(Ok(()));
        }
    }
}

/// Runs `batch` in one transaction, and while a burst goes on ([`LINGER`]) the jobs that
/// arrive meanwhile on `arriving`, then commits. Returns an exclusive job that arrived
/// meanwhile: it runs after the commit.
fn run_batch(
    conn: &Connection,
    state: &mut ThreadState,
    batch: Vec<Job>,
    arriving: Option<&mpsc::Receiver<Message>>,
) -> Option<Job> {
    if let Err(e) = execute_cached(conn, "BEGIN IMMEDIATE") {
        // Without a transaction nothing a job writes could be undone, so none runs; dropping
        // them tells each caller the store failed.
        log::error!(
            "cannot begin a transaction, {} jobs refused: {e}",
            batch.len()
        );
        return None;
    }
    let begun = Instant::now();
    let arriving = arriving.filter(|_| batch.len() > 1);
    let mut ran = batch.len();
    let mut completions = Vec::with_capacity(batch.len());
    for job in batch {
        run_job(conn, state, job, &mut completions);
    }
    let mut exclusive = None;
    while let Some(receiver) = arriving
        && ran < MAX_BATCH
    {
        let Some(left) = LINGER.checked_sub(begun.elapsed()) else {
            break;
        };
        match receiver.recv_timeout(left) {
            Ok(Message::Job(job)) => {
                run_job(conn, state, job, &mut completions);
                ran += 1;
            }
            Ok(Message::Exclusive(job)) => {
                exclusive = Some(job);
                break;
            }
            Err(_) => break,
        }
    }
    let commit = execute_cached(conn, "COMMIT").map_err(|e| e.to_string());
    if commit.is_err() {
        let _ = conn.execute_batch("ROLLBACK");
    }
    for completion in completions {
        completion(commit.clone());
    }
    exclusive
}

/// Runs one job in a savepoint of the open transaction: a declined or failed job's writes are
/// undone and it is answered at once; a kept job's completion waits for the commit.
fn run_job(
    conn: &Connection,
    state: &mut ThreadState,
    job: Job,
    completions: &mut Vec<Completion>,
) {
    if let Err(e) = execute_cached(conn, "SAVEPOINT job") {
        log::error!("cannot open a savepoint: {e}");
        return;
    }
    let (keep, completion) = job(conn, state);
    if !keep {
        let _ = execute_cached(conn, "ROLLBACK TO job");
        let _ = execute_cached(conn, "RELEASE job");
        completion(Ok(()));
        return;
    }
    let _ = execute_cached(conn, "RELEASE job");
    completions.push(completion);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(conn: &Connection, sql: &str) -> rusqlite::Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
    }

    #[tokio::test]
    async fn a_job_run_uncommitted_is_seen_by_the_next_and_durable_once_its_commit_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store.sqlite3");
        let store = Store::open(&path, Box::new(()), &[]).expect("store");
        let ((), commit) = store
            .run_uncommitted(|conn, _| {
                conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            })
            .await
            .expect("the store")
            .expect("ran");
        // Submitted after the answer: sees the writes, committed yet or not.
        let seen = store
            .run(|conn, _| count(conn, "SELECT count(*) FROM t"))
            .await;
        assert_eq!(seen.expect("the store").expect("read"), 1);
        commit.wait().await.expect("committed");
        let other = Connection::open(&path).expect("another connection");
        assert_eq!(count(&other, "SELECT count(*) FROM t").expect("read"), 1);
    }

    /// Jobs arriving while a burst's batch is open join it; an exclusive job arriving then
    /// runs after that batch's commit, outside any transaction, and every job is answered.
    #[tokio::test]
    async fn jobs_arriving_during_a_batch_share_its_commit_and_an_exclusive_one_waits_for_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("store.sqlite3");
        let store = Store::open(&path, Box::new(()), &[]).expect("store");
        store
            .run(|conn, _| conn.execute_batch("CREATE TABLE t (x)"))
            .await
            .expect("the store")
            .expect("created");
        let mut jobs = tokio::task::JoinSet::new();
        for i in 0..200 {
            let store = store.clone();
            jobs.spawn(async move {
                if i % 50 == 25 {
                    let outside = store.run_exclusive(|conn| Ok(conn.is_autocommit())).await;
                    assert!(outside.expect("exclusive ran"), "inside a transaction");
                } else {
                    store
                        .run(move |conn, _| conn.execute("INSERT INTO t VALUES (?1)", [i]))
                        .await
                        .expect("the store")
                        .expect("inserted");
                }
            });
            if i % 10 == 0 {
                tokio::task::yield_now().await;
            }
        }
        while let Some(done) = jobs.join_next().await {
            done.expect("a job");
        }
        let other = Connection::open(&path).expect("another connection");
        assert_eq!(count(&other, "SELECT count(*) FROM t").expect("read"), 196);
    }

    #[tokio::test]
    async fn a_declined_uncommitted_job_answers_its_error_at_once_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store =
            Store::open(&dir.path().join("store.sqlite3"), Box::new(()), &[]).expect("store");
        let declined = store
            .run_uncommitted(|conn, _| {
                conn.execute_batch("CREATE TABLE u (x);").expect("written");
                Err::<(), _>("declined")
            })
            .await
            .expect("the store");
        assert!(matches!(declined, Err("declined")));
        let left = store
            .run(|conn, _| count(conn, "SELECT count(*) FROM sqlite_master WHERE name = 'u'"))
            .await;
        assert_eq!(left.expect("the store").expect("read"), 0);
    }

    /// A job that panics, run either way, is answered with its panic; what it wrote is undone
    /// and the store thread serves the next job.
    #[tokio::test]
    async fn a_panicking_job_is_answered_with_its_panic_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store =
            Store::open(&dir.path().join("store.sqlite3"), Box::new(()), &[]).expect("store");
        let panicked = store
            .run(|conn, _| -> rusqlite::Result<()> {
                conn.execute_batch("CREATE TABLE u (x);").expect("written");
                panic!("in run")
            })
            .await;
        assert!(
            matches!(&panicked, Err(DbError::Panicked(m)) if m == "in run"),
            "{panicked:?}"
        );
        let panicked = store
            .run_uncommitted(|conn, _| -> rusqlite::Result<()> {
                conn.execute_batch("CREATE TABLE v (x);").expect("written");
                panic!("in run_uncommitted")
            })
            .await;
        assert!(
            matches!(&panicked, Err(DbError::Panicked(m)) if m == "in run_uncommitted"),
            "{:?}",
            panicked.map(|ran| ran.map(|_| ()))
        );
        let left = store
            .run(|conn, _| {
                count(
                    conn,
                    "SELECT count(*) FROM sqlite_master WHERE name IN ('u', 'v')",
                )
            })
            .await;
        assert_eq!(left.expect("the store").expect("read"), 0);
    }
}
