//! The benchmarks' baseline: a bare teloxide bot, measured in the same run, on the same
//! machine and against the same fake Bot API as khetbot, so that figures can be given as
//! ratios rather than absolute numbers that move with the machine's load.
//!
//! It is the benchmark's own executable started again with [`VARIANT_VAR`] set: a benchmark
//! calls [`serve_if_asked`] first thing in `main`. So it is built only into the benchmarks,
//! never into the product, and uses the teloxide the bot links (same version, same features).
//!
//! A plain teloxide `Dispatcher` (teloxide's own long polling, a worker per chat) whose only
//! handler answers each text message with one short reply. Variants:
//! - `plain`: nothing else;
//! - `durable`: before replying, the message is written to SQLite in a transaction of its
//!   own, committed with khetbot's durability (WAL, `synchronous=FULL`: one fsync per update);
//! - `durable-throttled`: `durable`, with sends through teloxide's `Throttle` adaptor and
//!   Telegram's default limits, as a bare bot that records and keeps the limits would;
//! - `throttled-drain`: on start, sends `DRAIN_CHATS` × `DRAIN_EACH` messages through
//!   `Throttle`, each chat's in order, all chats at once, then idles.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use teloxide::adaptors::throttle::Limits;
use teloxide::prelude::*;

/// Names the variant to serve; set only in the baseline's own process.
pub const VARIANT_VAR: &str = "KHETBOT_BENCH_BARE_TELOXIDE";
const DB_VAR: &str = "KHETBOT_BENCH_BARE_DB";
const DRAIN_VAR: &str = "KHETBOT_BENCH_BARE_DRAIN";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Variant {
    Plain,
    Durable,
    DurableThrottled,
    ThrottledDrain,
}

impl Variant {
    fn code(self) -> &'static str {
        match self {
            Variant::Plain => "plain",
            Variant::Durable => "durable",
            Variant::DurableThrottled => "durable-throttled",
            Variant::ThrottledDrain => "throttled-drain",
        }
    }

    fn from_code(code: &str) -> Option<Variant> {
        [
            Variant::Plain,
            Variant::Durable,
            Variant::DurableThrottled,
            Variant::ThrottledDrain,
        ]
        .into_iter()
        .find(|v| v.code() == code)
    }
}

/// What a drain run sends: to chats `first_chat ..` `chats` of them, `each` messages apiece.
#[derive(Clone, Copy)]
pub struct Drain {
    pub first_chat: i64,
    pub chats: i64,
    pub each: i64,
}

/// Starts the baseline as its own process (the running benchmark's executable) against the
/// Bot API at `api_url`; `db` is where the durable variant keeps its messages.
pub fn spawn(
    variant: Variant,
    api_url: &str,
    token: &str,
    db: &Path,
    drain: Option<Drain>,
) -> Child {
    let mut command = Command::new(std::env::current_exe().expect("the benchmark's own path"));
    command
        .env(VARIANT_VAR, variant.code())
        .env("TELOXIDE_TOKEN", token)
        .env("TELOXIDE_API_URL", api_url)
        .env(DB_VAR, db)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    if let Some(drain) = drain {
        command.env(
            DRAIN_VAR,
            format!("{} {} {}", drain.first_chat, drain.chats, drain.each),
        );
    }
    command.spawn().expect("the bare teloxide bot starts")
}

/// In the baseline's process: serves the variant named by [`VARIANT_VAR`] until interrupted
/// (SIGINT, teloxide's ctrl-c handler), then exits. Elsewhere returns at once.
pub fn serve_if_asked() {
    let Some(variant) = std::env::var(VARIANT_VAR)
        .ok()
        .and_then(|code| Variant::from_code(&code))
    else {
        return;
    };
    // As `#[tokio::main]` makes it: a worker thread per core.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(serve(variant));
    std::process::exit(0);
}

async fn serve(variant: Variant) {
    let url = std::env::var("TELOXIDE_API_URL").expect("TELOXIDE_API_URL");
    let bot = Bot::from_env().set_api_url(url.parse().expect("an API URL"));
    let store = || {
        let db = std::env::var(DB_VAR).expect("a database path");
        Some(open_store(Path::new(&db)))
    };
    match variant {
        Variant::Plain => dispatch(bot, None).await,
        Variant::Durable => dispatch(bot, store()).await,
        Variant::DurableThrottled => dispatch(bot.throttle(Limits::default()), store()).await,
        Variant::ThrottledDrain => {
            let spec = std::env::var(DRAIN_VAR).expect("what to drain");
            let numbers: Vec<i64> = spec
                .split_whitespace()
                .map(|n| n.parse().expect("a number"))
                .collect();
            let [first_chat, chats, each] = numbers[..] else {
                panic!("{DRAIN_VAR} needs three numbers");
            };
            let bot = bot.throttle(Limits::default());
            for chat in first_chat..first_chat + chats {
                let bot = bot.clone();
                tokio::spawn(async move {
                    for k in 0..each {
                        let text = format!("ข้อความค้างส่งถึงแชท {chat} ฉบับที่ {k}");
                        if let Err(e) = bot.send_message(ChatId(chat), text).await {
                            eprintln!("bare teloxide: send failed: {e}");
                        }
                    }
                });
            }
            std::future::pending::<()>().await
        }
    }
}

type Store = Arc<Mutex<rusqlite::Connection>>;

fn open_store(path: &Path) -> Store {
    let conn = rusqlite::Connection::open(path).expect("the baseline's database");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("WAL");
    conn.pragma_update(None, "synchronous", "FULL")
        .expect("synchronous");
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS messages (chat_id INTEGER, message_id INTEGER, text TEXT)",
    )
    .expect("the baseline's table");
    Arc::new(Mutex::new(conn))
}

/// Records a message in a transaction of its own, committed before it returns.
async fn record(store: Store, chat_id: i64, message_id: i32, text: String) {
    tokio::task::spawn_blocking(move || {
        let mut conn = store.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction().expect("a transaction");
        tx.execute(
            "INSERT INTO messages (chat_id, message_id, text) VALUES (?1, ?2, ?3)",
            rusqlite::params![chat_id, message_id, text],
        )
        .expect("the message recorded");
        tx.commit().expect("committed");
    })
    .await
    .expect("the store task");
}

async fn dispatch<R>(bot: R, store: Option<Store>)
where
    R: Requester + Clone + Send + Sync + 'static,
    <R as Requester>::SendMessage: Send,
    <R as Requester>::GetUpdates: Send,
{
    let handler = Update::filter_message().endpoint(
        |bot: R, message: Message, store: Option<Store>| async move {
            let text = message.text().unwrap_or_default().to_string();
            if let Some(store) = store {
                record(store, message.chat.id.0, message.id.0, text.clone()).await;
            }
            let reply = format!("ได้รับแล้ว: {}", text.chars().take(40).collect::<String>());
            bot.send_message(message.chat.id, reply)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        },
    );
    Dispatcher::builder(bot, handler)
        .dependencies(dptree::deps![store])
        .enable_ctrlc_handler()
        .build()
        .dispatch()
        .await;
}
