//! The Telegram adapter: teloxide's dispatcher turns updates into core events, and core
//! effects into Bot API calls. Messages go out from per-chat lanes paced by the bot's own
//! [`pacer`] (Telegram's send limits kept across restarts, `retry_after` answers waited out
//! and retried, never dropped).

mod convert;
mod deliver;
mod finishing;
mod members;
mod pacer;
mod polling;

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use teloxide::dispatching::ShutdownToken;
use teloxide::prelude::*;
use teloxide::stop::StopToken;
use teloxide::types::{BotCommand, BotCommandScope, Recipient, UserId};

use crate::core::{Core, Delivery, Fetching, FileSource, MenuScope, OutboxClaims, Platform, Role};
use crate::i18n::Lang;

pub use deliver::split_for_telegram;

/// How often periodic work runs and the outbox is swept for messages that failed or were
/// left by a crash.
const OUTBOX_SWEEP: Duration = Duration::from_secs(1);
const BACKUP_CHECK: Duration = Duration::from_secs(60);
/// On a stop, how long updates that ran may take to be committed and hand their messages on.
const STOP_FINISHING: Duration = Duration::from_secs(1);
/// How often the registered groups are compared with those the menus were made for.
const MENU_CHECK: Duration = Duration::from_secs(2);

/// Everything the update handlers share.
pub struct App {
    pub core: Core,
    pub bot: Bot,
    /// The bot's own user id: a member leaving with it is the bot removed from the group.
    bot_id: UserId,
    /// Telegram's send limits; every message waits for its turn here.
    pacer: pacer::Pacer,
    members: members::MembershipCache,
    /// Outbox rows in a lane or being sent right now, so the sweeper does not send them twice.
    claims: OutboxClaims,
    /// Per chat with messages owed, the rows its lane has still to send, in order.
    lanes: Mutex<HashMap<i64, VecDeque<Delivery>>>,
    /// Set on a stop: lanes finish the message in hand and take no other.
    stopping: AtomicBool,
    /// Updates that ran on the store and wait for their commit or hand their messages on.
    finishing: finishing::Finishing,
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
    let mut bot = Bot::new(token);
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url::Url::parse(url)?);
    }
    core.register_file_source(Platform::Telegram, Arc::new(TelegramFiles(bot.clone())));
    // Benchmarks and durability tests only (KHETBOT_THROTTLE=off): messages go straight out.
    let pacer = pacer::Pacer::new(config.throttle);
    if pacer.is_limited() {
        let since = crate::core::outbox::unix_ms(SystemTime::now() - pacer::MEMORY);
        match core.sends_since(since).await {
            Ok(earlier) => pacer.remember(&earlier),
            Err(e) => log::error!("cannot read the previous sends: {e}"),
        }
    }

    let me = bot.get_me().await?;
    let username = me.username.clone().unwrap_or_default();
    core.set_bot_username(username.clone());
    log::info!("connected to Telegram as @{username}");
    let groups = register_commands(&bot, &core).await;

    let app = Arc::new(App {
        core: core.clone(),
        bot: bot.clone(),
        bot_id: me.id,
        pacer,
        members: members::MembershipCache::default(),
        claims: OutboxClaims::new(Platform::Telegram),
        lanes: Mutex::default(),
        stopping: AtomicBool::new(false),
        finishing: finishing::Finishing::default(),
        commits: Arc::default(),
    });

    let handler = dptree::entry().endpoint(|update: Update, app: Arc<App>| async move {
        convert::handle_update(&app, update).await;
        Ok::<(), std::convert::Infallible>(())
    });
    let mut listener = polling::listener(bot.clone(), app.commits.clone());
    let listener_stop = teloxide::update_listeners::UpdateListener::stop_token(&mut listener);
    let mut dispatcher = Dispatcher::builder(bot, handler)
        .dependencies(dptree::deps![app.clone()])
        .distribution_function(worker_for_chat)
        .default_handler(|_| async {})
        .build();
    let token = dispatcher.shutdown_token();
    let sweeper = tokio::spawn(sweep_outbox(app.clone()));
    let menus = tokio::spawn(keep_menus_current(app.bot.clone(), core.clone(), groups));
    tokio::spawn(stop_when(shutdown, listener_stop, token));
    dispatcher
        .dispatch_with_listener(
            listener,
            LoggingErrorHandler::with_custom_text("getUpdates failed"),
        )
        .await;
    log::info!("dispatcher stopped");
    app.finishing.wait_all_ended(STOP_FINISHING).await;
    sweeper.abort();
    menus.abort();
    // What is not sent by now stays in the outbox for the next start.
    deliver::finish_lanes(&app).await;
    app.commits.confirm_all(&app.bot).await;
    if let Err(e) = core.checkpoint().await {
        log::warn!("write-ahead log not checkpointed: {e}");
    }
    log::info!("stopped");
    Ok(())
}

/// Updates of one chat are handled in order by one worker. A worker per chat (teloxide's
/// default) lets a burst from thousands of chats hold thousands of workers, their queues and
/// their connections; a fixed set, each serving the chats that hash to it, keeps memory
/// bounded. 48 is where the load benchmark's peak memory stays under 40 MB with throughput
/// close to its best (64: +4 MB, same speed; 16: a third slower).
const DISPATCH_WORKERS: i64 = 48;

fn worker_for_chat(update: &Update) -> Option<i64> {
    update
        .chat()
        .map(|chat| chat.id.0.rem_euclid(DISPATCH_WORKERS))
}

/// Every command menu by scope: private chats the public's, unregistered groups the
/// commands usable anywhere, each registered group its role's (its administrators also the
/// admins'), each admin's private chat everything; in Thai (also the default) and English.
/// Returns the groups the menus were made for.
async fn register_commands(bot: &Bot, core: &Core) -> Vec<(Role, i64)> {
    let groups: Vec<(Role, i64)> = match core.registered_groups().await {
        Ok(groups) => groups
            .into_iter()
            .filter(|(_, chat_id)| Platform::of(*chat_id) == Platform::Telegram)
            .collect(),
        Err(e) => {
            log::warn!("command menus not set: {e}");
            return Vec::new();
        }
    };
    let mut scopes = vec![
        (BotCommandScope::Default, MenuScope::Private),
        (BotCommandScope::AllPrivateChats, MenuScope::Private),
        (BotCommandScope::AllGroupChats, MenuScope::Groups),
    ];
    for &(role, chat_id) in &groups {
        let chat = Recipient::Id(ChatId(chat_id));
        scopes.push((
            BotCommandScope::Chat {
                chat_id: chat.clone(),
            },
            MenuScope::Group { chat_id, role },
        ));
        scopes.push((
            BotCommandScope::ChatAdministrators { chat_id: chat },
            MenuScope::GroupAdmins { chat_id, role },
        ));
    }
    let mut admins: Vec<i64> = core.config().admin_ids.iter().copied().collect();
    admins.sort_unstable();
    for user_id in admins
        .into_iter()
        .filter(|id| *id > 0 && Platform::of(*id) == Platform::Telegram)
    {
        scopes.push((
            BotCommandScope::Chat {
                chat_id: Recipient::Id(ChatId(user_id)),
            },
            MenuScope::Admin { user_id },
        ));
    }
    for (telegram_scope, scope) in scopes {
        for (lang, code) in [
            (Lang::Th, None),
            (Lang::Th, Some("th")),
            (Lang::En, Some("en")),
        ] {
            let commands: Vec<BotCommand> = match core.menu_commands(scope, lang).await {
                Ok(commands) => commands
                    .into_iter()
                    .map(|(name, description)| BotCommand::new(name, description))
                    .collect(),
                Err(e) => {
                    log::warn!("command menu of {scope:?} not made: {e}");
                    continue;
                }
            };
            let mut request = bot.set_my_commands(commands).scope(telegram_scope.clone());
            if let Some(code) = code {
                request = request.language_code(code);
            }
            if let Err(e) = request.await {
                log::warn!("setMyCommands for {scope:?} failed: {e}");
            }
        }
    }
    groups
}

/// Keeps the groups' menus in step with registration: a group registered or given another
/// role gets its menus, one no longer registered loses them.
async fn keep_menus_current(bot: Bot, core: Core, mut groups: Vec<(Role, i64)>) {
    loop {
        tokio::time::sleep(MENU_CHECK).await;
        let now = match core.registered_groups().await {
            Ok(now) => now,
            Err(e) => {
                log::warn!("cannot read the registered groups: {e}");
                continue;
            }
        };
        let now: Vec<(Role, i64)> = now
            .into_iter()
            .filter(|(_, chat_id)| Platform::of(*chat_id) == Platform::Telegram)
            .collect();
        if now == groups {
            continue;
        }
        for &(_, chat_id) in groups
            .iter()
            .filter(|(_, c)| !now.iter().any(|(_, n)| n == c))
        {
            let chat = Recipient::Id(ChatId(chat_id));
            for scope in [
                BotCommandScope::Chat {
                    chat_id: chat.clone(),
                },
                BotCommandScope::ChatAdministrators { chat_id: chat },
            ] {
                for code in [None, Some("th"), Some("en")] {
                    let mut request = bot.delete_my_commands().scope(scope.clone());
                    if let Some(code) = code {
                        request = request.language_code(code);
                    }
                    if let Err(e) = request.await {
                        log::warn!("deleteMyCommands for {chat_id} failed: {e}");
                    }
                }
            }
        }
        groups = register_commands(&bot, &core).await;
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
            Ok(deliveries) => {
                let claimed = app.claims.claim(deliveries);
                deliver::dispatch(&app, claimed).await;
            }
            Err(e) => log::error!("periodic work failed: {e}"),
        }
        deliver::send_due(&app).await;
        tokio::time::sleep(OUTBOX_SWEEP).await;
    }
}

async fn stop_when(shutdown: impl Future<Output = ()>, listener: StopToken, token: ShutdownToken) {
    shutdown.await;
    // Stopping the listener ends the update stream, which ends dispatching once the updates
    // in progress are done. The dispatcher's own shutdown signal alone can be missed while
    // it is busy with an update (teloxide 0.17 notifies only a waiting dispatcher).
    listener.stop();
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

/// Files someone sent on Telegram, fetched for another messenger's adapter through the core
/// (LINE cannot take a Telegram file id).
struct TelegramFiles(Bot);

impl FileSource for TelegramFiles {
    fn fetch(&self, file_id: &str) -> Fetching {
        let (bot, file_id) = (self.0.clone(), file_id.to_string());
        Box::pin(async move { convert::download_with(&bot, &file_id).await })
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
