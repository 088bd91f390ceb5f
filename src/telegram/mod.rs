//! The Telegram adapter: teloxide's dispatcher turns updates into core events, and core
//! effects into Bot API calls made through the `Throttle` adaptor (Telegram's send limits
//! kept, `retry_after` answers waited out and retried, never dropped).

mod convert;
mod deliver;
mod members;
mod polling;

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use teloxide::types::BotCommand;

use crate::core::Core;
use crate::i18n::Lang;

pub use deliver::split_for_telegram;

pub type TgBot = Throttle<Bot>;

/// How often periodic work runs and the outbox is swept for messages that failed or were
/// left by a crash.
const OUTBOX_SWEEP: Duration = Duration::from_secs(1);
const BACKUP_CHECK: Duration = Duration::from_secs(60);

/// Everything the update handlers share.
pub struct App {
    pub core: Core,
    pub bot: TgBot,
    /// The unthrottled bot, for file downloads (not subject to send limits).
    pub raw_bot: Bot,
    members: members::MembershipCache,
    /// Outbox rows being sent right now, so the sweeper does not send them twice.
    in_flight: Mutex<HashSet<i64>>,
    /// Lets the poller confirm updates only once they are committed.
    commits: Arc<polling::CommitTracker>,
}

/// Runs the bot until `shutdown` completes (in production: SIGINT or SIGTERM, see
/// [`wait_for_signal`]); updates in progress are finished before it returns.
pub async fn run(
    core: Core,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let config = core.config().clone();
    let token = config.token.clone().ok_or("TELOXIDE_TOKEN is not set")?;
    let mut raw_bot = Bot::new(token);
    if let Some(url) = &config.api_url {
        raw_bot = raw_bot.set_api_url(url::Url::parse(url)?);
    }
    let limits = if config.throttle {
        Limits::default()
    } else {
        // Benchmarks only (KHETBOT_THROTTLE=off): limits no burst can reach.
        Limits {
            messages_per_sec_chat: u32::MAX / 4,
            messages_per_min_chat: u32::MAX / 4,
            messages_per_min_channel_or_supergroup: u32::MAX / 4,
            messages_per_sec_overall: u32::MAX / 4,
        }
    };
    let bot = raw_bot.clone().throttle(limits);

    let me = bot.get_me().await?;
    let username = me.username.clone().unwrap_or_default();
    core.set_bot_username(username.clone());
    log::info!("connected to Telegram as @{username}");
    register_commands(&bot, &core).await;

    let app = Arc::new(App {
        core: core.clone(),
        bot: bot.clone(),
        raw_bot,
        members: members::MembershipCache::default(),
        in_flight: Mutex::default(),
        commits: Arc::default(),
    });

    let handler = dptree::entry().endpoint(|update: Update, app: Arc<App>| async move {
        convert::handle_update(&app, update).await;
        Ok::<(), std::convert::Infallible>(())
    });
    let listener = polling::listener(bot.clone(), app.commits.clone());
    let mut dispatcher = Dispatcher::builder(bot, handler)
        .dependencies(dptree::deps![app.clone()])
        .default_handler(|_| async {})
        .build();
    let token = dispatcher.shutdown_token();
    let sweeper = tokio::spawn(sweep_outbox(app.clone()));
    tokio::spawn(stop_when(shutdown, token));
    dispatcher
        .dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("getUpdates failed"),
        )
        .await;
    sweeper.abort();
    app.commits.confirm_all(&app.bot).await;
    // Whatever the last handlers owed is still in the outbox; send what can go quickly.
    deliver::send_due(&app).await;
    log::info!("stopped");
    Ok(())
}

async fn register_commands(bot: &TgBot, core: &Core) {
    let commands = |lang| -> Vec<BotCommand> {
        core.menu_commands(lang)
            .into_iter()
            .map(|(name, description)| BotCommand::new(name, description))
            .collect()
    };
    let thai = commands(Lang::Th);
    let results = [
        bot.set_my_commands(thai.clone()).await,
        bot.set_my_commands(thai).language_code("th").await,
        bot.set_my_commands(commands(Lang::En))
            .language_code("en")
            .await,
    ];
    for result in results {
        if let Err(e) = result {
            log::warn!("setMyCommands failed: {e}");
        }
    }
}

/// Periodic work: the capabilities' tick (reminders, deadlines), the outbox sweep and the
/// nightly backup.
async fn sweep_outbox(app: Arc<App>) {
    let mut backup_checked = std::time::Instant::now() - BACKUP_CHECK;
    loop {
        if backup_checked.elapsed() >= BACKUP_CHECK {
            backup_checked = std::time::Instant::now();
            match app.core.backup_if_due().await {
                Ok(Some(path)) => log::info!("daily backup written to {}", path.display()),
                Ok(None) => {}
                Err(e) => log::error!("daily backup failed: {e}"),
            }
        }
        match app.core.tick().await {
            Ok(deliveries) => deliver::send_all(&app, deliveries).await,
            Err(e) => log::error!("periodic work failed: {e}"),
        }
        deliver::send_due(&app).await;
        tokio::time::sleep(OUTBOX_SWEEP).await;
    }
}

async fn stop_when(shutdown: impl Future<Output = ()>, token: ShutdownToken) {
    shutdown.await;
    log::info!("stop requested; finishing in-flight updates");
    loop {
        match token.shutdown() {
            Ok(done) => {
                done.await;
                return;
            }
            // The dispatcher is still starting up: try again shortly.
            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// SIGINT (Ctrl-C) and SIGTERM (systemd, docker stop) both stop the bot gracefully.
pub async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = match signal(SignalKind::terminate()) {
            Ok(s) => s,
            Err(e) => {
                log::error!("cannot listen for SIGTERM: {e}");
                let _ = tokio::signal::ctrl_c().await;
                return;
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
