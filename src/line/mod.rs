//! The LINE adapter: a webhook server (axum) that records each signed event before
//! answering 200, workers that hand the recorded events to the core in order per chat, and a
//! sender that answers with the event's reply token when it can and pushes otherwise.
//!
//! LINE's string ids (`U…` people, `C…` groups, `R…` rooms) become core ids with
//! [`core_id`]: stable across restarts, in a range no Telegram id reaches
//! ([`Platform::LINE_IDS`]). No LINE type crosses into the core.
//!
//! LINE's own Rust SDK (line-bot-sdk-rust) is not used: it is a community crate generated
//! from the OpenAPI files, pulling a dozen generated sub-crates and its own HTTP stack for
//! the six calls made here, and it has no notion of the outbox, retry keys or reply-token
//! fallback that this adapter is about. The calls and events are typed by hand from the
//! OpenAPI description.

mod api;
mod deliver;
mod events;
mod members;
mod process;
mod quota;
mod render;
mod richmenu;
mod seal;
mod store;
mod webhook;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::core::{Core, Fetching, FileSource, OutboxClaims, Platform};

pub use render::{html_to_text, split_paragraphs};
pub use webhook::signature;

const SWEEP: Duration = Duration::from_secs(1);
const BACKUP_CHECK: Duration = Duration::from_secs(60);
/// How often the push quota is read (on the bot's clock).
const QUOTA_CHECK: chrono::Duration = chrono::Duration::minutes(5);

/// The core id of a LINE id ([`Platform::line_id`]).
pub fn core_id(line_id: &str) -> i64 {
    Platform::line_id(line_id)
}

/// Content someone sent on LINE, fetched for another messenger's adapter through the core
/// (Telegram cannot fetch it by id). LINE keeps content for a limited time.
struct LineFiles(api::Client);

impl FileSource for LineFiles {
    fn fetch(&self, file_id: &str) -> Fetching {
        let client = self.0.clone();
        let message_id = file_id
            .strip_prefix(deliver::LINE_CONTENT)
            .map(str::to_string);
        Box::pin(async move {
            let message_id = message_id.ok_or("not LINE content")?;
            match client.content(&message_id).await {
                Ok(Some(bytes)) => Ok(bytes),
                Ok(None) => Err("the LINE content is too large to forward".into()),
                Err(e) => Err(e.to_string()),
            }
        })
    }
}

/// Everything the webhook, the workers and the sender share.
pub struct App {
    core: Core,
    api: api::Client,
    channel_secret: Vec<u8>,
    sealer: Arc<seal::Sealer>,
    public_url: String,
    members: members::MembershipCache,
    /// LINE ids of the chats seen this run, by core id: a push to them needs no lookup. The
    /// admins' one-to-one chats are known from the start (`LINE_ADMIN_USER_IDS`), so they can
    /// be told things before they ever wrote to the bot.
    chats: Mutex<HashMap<i64, String>>,
    /// Outbox rows being sent right now, so the sweeper does not send them twice; a worker
    /// holds its handover from before its event commits until its rows are claimed.
    claims: OutboxClaims,
    /// Woken when the webhook records new events.
    inbox: tokio::sync::Notify,
    /// The month's push quota as last read (and counted since); pushes wait while it is
    /// used up.
    quota: Mutex<Option<api::Quota>>,
}

impl App {
    /// Runs `work` on the store thread (in the current batch's transaction); any failure as
    /// text, for the log.
    async fn on_store<T: Send + 'static>(
        &self,
        work: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, String> {
        match self.core.store().run(move |conn, _| work(conn)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(e)) => Err(e.to_string()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// Serves the webhook at `KHETBOT_HTTP_ADDR` until `shutdown` completes. `run_ticks`: this
/// adapter runs the periodic work (reminders, backups), as when Telegram does not run.
pub async fn run(
    core: Core,
    shutdown: impl Future<Output = ()> + Send + 'static,
    run_ticks: bool,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let addr = core.config().http_addr;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    log::info!("LINE webhook listening on {addr}");
    serve(core, listener, shutdown, run_ticks).await
}

/// [`run`] on a listener already bound (tests bind port 0).
pub async fn serve(
    core: Core,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
    run_ticks: bool,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = core.config().clone();
    let line = config.line.clone().ok_or("LINE is not configured")?;
    core.register_file_source(
        Platform::Line,
        Arc::new(LineFiles(api::Client::new(&line)?)),
    );
    let app = Arc::new(App {
        core,
        api: api::Client::new(&line)?,
        sealer: Arc::new(seal::Sealer::new(line.channel_secret.as_bytes())),
        channel_secret: line.channel_secret.into_bytes(),
        public_url: config.public_url.clone().unwrap_or_default(),
        members: members::MembershipCache::default(),
        chats: Mutex::new(
            line.admin_user_ids
                .iter()
                .map(|admin| (core_id(admin), admin.clone()))
                .collect(),
        ),
        claims: OutboxClaims::new(Platform::Line),
        inbox: tokio::sync::Notify::new(),
        quota: Mutex::default(),
    });
    tokio::spawn({
        let (api, core) = (app.api.clone(), app.core.clone());
        async move { richmenu::ensure_default(&api, core.locales()).await }
    });
    let (dispatcher, workers) = process::start(app.clone());
    let sweeper = tokio::spawn(sweep(app.clone(), run_ticks));
    axum::serve(listener, webhook::router(app.clone()))
        .with_graceful_shutdown(shutdown)
        .await?;
    log::info!("LINE webhook stopped; finishing the events in hand");
    sweeper.abort();
    dispatcher.abort();
    for worker in workers {
        let _ = worker.await;
    }
    deliver::send_due(&app).await;
    Ok(())
}

/// Periodic work when this adapter runs it, the outbox sweep of LINE chats, and expired
/// file links.
async fn sweep(app: Arc<App>, run_ticks: bool) {
    let mut backup_checked = std::time::Instant::now() - BACKUP_CHECK;
    let mut quota_checked: Option<chrono::DateTime<chrono::Utc>> = None;
    loop {
        if quota_checked.is_none_or(|at| app.core.now() - at >= QUOTA_CHECK) {
            quota_checked = Some(app.core.now());
            quota::check(&app).await;
        }
        if backup_checked.elapsed() >= BACKUP_CHECK {
            backup_checked = std::time::Instant::now();
            deliver::forget_expired_files(&app).await;
            if run_ticks {
                match app.core.backup_if_due().await {
                    Ok(Some(path)) => log::info!("daily backup written to {}", path.display()),
                    Ok(None) => {}
                    Err(e) => log::error!("daily backup failed: {e}"),
                }
            }
        }
        if run_ticks {
            match app.core.tick().await {
                Ok(deliveries) => {
                    let claimed = app.claims.claim(deliveries);
                    deliver::deliver(&app, claimed, None).await;
                }
                Err(e) => log::error!("periodic work failed: {e}"),
            }
        }
        deliver::send_due(&app).await;
        tokio::time::sleep(SWEEP).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ids_map_stably_into_their_own_range() {
        let user = "U0123456789abcdef0123456789abcdef";
        let id = core_id(user);
        assert_eq!(id, core_id(user));
        assert_eq!(Platform::of(id), Platform::Line);
        assert_ne!(id, core_id("C0123456789abcdef0123456789abcdef"));
        // Telegram's largest ids stay Telegram's.
        assert_eq!(Platform::of(1 << 52), Platform::Telegram);
        assert_eq!(Platform::of(-1_009_999_999_999), Platform::Telegram);
    }
}
