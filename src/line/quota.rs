//! The month's push quota: read every few minutes, shown by /status (through two settings the
//! core reads), and announced to the admins once a month at 80% and at 100%. While it is used
//! up, pushes wait in the outbox; replies, which are free, go on.

use std::sync::Arc;

use rusqlite::Connection;

use super::App;
use super::api::Quota;
use super::process::lock;
use crate::core::{Effect, OutMessage, Persist, clear_setting, get_setting, set_setting};
use crate::i18n::{Arg, Lang};

/// Reads the quota and warns the admins when it crosses a threshold this month.
pub async fn check(app: &Arc<App>) {
    let quota = match app.api.quota().await {
        Ok(quota) => quota,
        Err(e) => {
            log::warn!("cannot read the LINE message quota: {e}");
            return;
        }
    };
    *lock(&app.quota) = Some(quota);
    let threshold = match quota.percent() {
        p if p >= 100 => 100,
        p if p >= 80 => 80,
        _ => 0,
    };
    let config = app.core.config();
    let now = app.core.now();
    let month = now.with_timezone(&config.tz).format("%Y-%m").to_string();
    let admins: Vec<i64> = config.admin_ids.iter().copied().collect();
    let warning = app.core.locales().text(
        Lang::Th,
        if threshold >= 100 {
            "line.quota_used_up"
        } else {
            "line.quota_nearly_used"
        },
        &[
            ("used", Arg::from(quota.used)),
            ("limit", Arg::from(quota.limit.unwrap_or_default())),
            ("percent", Arg::from(quota.percent())),
        ],
    );
    let recorded = app
        .on_store(move |conn| {
            record(conn, quota)?;
            let mark = format!("{month}:{threshold}");
            let warned = get_setting(conn, "line_quota_warned")?;
            let already = warned
                .as_deref()
                .and_then(|w| w.split_once(':'))
                .is_some_and(|(warned_month, warned_at)| {
                    warned_month == month && warned_at.parse::<i64>().unwrap_or(0) >= threshold
                });
            if threshold == 0 || already {
                return Ok(0);
            }
            set_setting(conn, "line_quota_warned", &mark)?;
            let effects = admins
                .iter()
                .map(|&chat_id| {
                    let message = OutMessage::text(warning.clone());
                    (Effect::Send { chat_id, message }, Persist::Outbox)
                })
                .collect();
            crate::core::outbox::persist(conn, effects, now).map(|rows| rows.len())
        })
        .await;
    match recorded {
        Ok(0) => {}
        Ok(_) => log::warn!("LINE message quota at {}%: admins warned", quota.percent()),
        Err(e) => log::error!("cannot record the LINE quota: {e}"),
    }
}

/// The figures /status shows.
fn record(conn: &Connection, quota: Quota) -> rusqlite::Result<()> {
    set_setting(conn, "line_quota_used", &quota.used.to_string())?;
    match quota.limit {
        Some(limit) => set_setting(conn, "line_quota_limit", &limit.to_string()),
        None => clear_setting(conn, "line_quota_limit"),
    }
}

/// Whether pushes must wait.
pub fn exhausted(app: &App) -> bool {
    lock(&app.quota).is_some_and(|q| q.exhausted())
}

/// A push went out: one more message of the month's quota.
pub fn count_push(app: &App) {
    if let Some(quota) = lock(&app.quota).as_mut() {
        quota.used += 1;
    }
}

/// LINE said the quota is used up, whatever was last read.
pub fn used_up(app: &App) {
    let mut quota = lock(&app.quota);
    let used = quota.map_or(0, |q| q.used);
    *quota = Some(Quota {
        used,
        limit: Some(used),
    });
}
