//! The `khetbot` binary: reads the configuration and starts the right adapter.
//!
//! `khetbot`            the Telegram bot when TELOXIDE_TOKEN is set, the LINE bot when
//!                      LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are, both when both
//!                      are; else the console
//! `khetbot console`    the local console
//! `khetbot backup <path>`  a consistent online copy of the database
//! `khetbot restore <file>` replaces the database with a backup (refused while a bot runs)
//! `--db <path>` overrides KHETBOT_DB for any of them.

use std::process::ExitCode;
use std::sync::Arc;

use khetbot::config::Config;
use khetbot::core::{Core, ShiftedClock, SystemClock};

/// glibc's malloc spent a fifth of the bot's CPU under load, much of it contending for arena
/// locks between the async thread and the store thread, which free each other's memory.
/// mimalloc took the first burst of the load benchmark from about 4,600 to 5,600 updates/s.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (libmimalloc-sys names no constant for it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory goes back to the system after 10 ms instead of mimalloc's 1 s: a burst's
/// transient buffers otherwise linger, and peak RSS rose from 35 to 39 MB for no gain.
fn tune_allocator() {
    // SAFETY: sets a plain integer option; mimalloc reads it on its next purge.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
}

enum Command {
    Auto,
    Console,
    Backup(String),
    Restore(String),
}

fn parse_args(args: &[String]) -> Result<(Command, Option<String>), String> {
    let mut db = None;
    let mut positional = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--db" => db = Some(iter.next().ok_or("--db needs a path")?.clone()),
            other => positional.push(other.to_string()),
        }
    }
    let command = match positional.as_slice() {
        [] => Command::Auto,
        [c] if c == "console" => Command::Console,
        [c, path] if c == "backup" => Command::Backup(path.clone()),
        [c, path] if c == "restore" => Command::Restore(path.clone()),
        _ => {
            return Err(format!(
                "unknown arguments: {}\nusage: khetbot [console | backup <path> | restore <file>] [--db <path>]",
                positional.join(" ")
            ));
        }
    };
    Ok((command, db))
}

fn main() -> ExitCode {
    tune_allocator();
    let _ = dotenvy::dotenv();
    env_logger::Builder::from_env(env_logger::Env::default().filter_or("KHETBOT_LOG", "info"))
        .target(env_logger::Target::Stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, db) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(db) = db {
        config.db_path = db.into();
    }
    let missing = config.office.missing_details();
    if !missing.is_empty() {
        log::warn!(
            "office contact details not set: {}; answers leave out the lines that need them",
            missing.join(", ")
        );
    }
    // The Telegram bot runs on one thread beside the store's: its work is waiting on the
    // network and the store, and keeping polling, handlers and sends on one thread saves the
    // hand-offs between threads (the load benchmark: ~15% less CPU per update, a lower p99).
    // The console blocks on the terminal, so it needs the multi-threaded runtime.
    let on_bot =
        matches!(command, Command::Auto) && (config.token.is_some() || config.line.is_some());
    let mut builder = if on_bot {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("khetbot: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(
    command: Command,
    mut config: Config,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let console = match command {
        Command::Console => true,
        Command::Auto => config.token.is_none() && config.line.is_none(),
        Command::Backup(path) => {
            let core = Core::open(config, Arc::new(SystemClock), khetbot::capabilities())?;
            let bytes = khetbot::db::backup(core.store(), path.clone().into()).await?;
            println!("backup written to {path} ({bytes} bytes)");
            return Ok(());
        }
        Command::Restore(file) => {
            khetbot::db::restore(std::path::Path::new(&file), &config.db_path)?;
            println!("restored {} from {file}", config.db_path.display());
            return Ok(());
        }
    };
    // One khetbot per database: a restore (or a second bot) must wait for this one.
    let _lock = khetbot::db::lock_database(&config.db_path)?;
    if console {
        config.admin_ids.insert(khetbot::console::CONSOLE_ADMIN_ID);
        let files_dir = config.files_dir.clone();
        let clock = Arc::new(ShiftedClock::default());
        let core = Core::open(config, clock.clone(), khetbot::capabilities())?;
        let stdin = std::io::stdin().lock();
        let stdout = std::io::stdout().lock();
        tokio::task::block_in_place(|| {
            tokio::runtime::Handle::current().block_on(khetbot::console::run(
                core, clock, stdin, stdout, &files_dir,
            ))
        })?;
        return Ok(());
    }
    let (on_telegram, on_line) = (config.token.is_some(), config.line.is_some());
    let core = Core::open(config, Arc::new(SystemClock), khetbot::capabilities())?;
    // One signal stops both adapters.
    let (stop, stopped) = tokio::sync::watch::channel(());
    tokio::spawn(async move {
        khetbot::telegram::wait_for_signal().await;
        let _ = stop.send(());
    });
    let stop_requested = |mut stopped: tokio::sync::watch::Receiver<()>| async move {
        let _ = stopped.changed().await;
    };
    match (on_telegram, on_line) {
        (true, true) => {
            // Telegram runs the periodic work; each adapter sends its own chats' messages.
            let (telegram, line) = tokio::join!(
                khetbot::telegram::run(core.clone(), stop_requested(stopped.clone())),
                khetbot::line::run(core, stop_requested(stopped), false),
            );
            telegram.and(line)
        }
        (false, true) => khetbot::line::run(core, stop_requested(stopped), true).await,
        _ => khetbot::telegram::run(core, stop_requested(stopped)).await,
    }
}
