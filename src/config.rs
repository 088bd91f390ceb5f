//! Settings from the environment (and `.env` via dotenvy). Every variable is documented in
//! `.env.example`; a bad value stops start-up with one line naming the variable.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;

use chrono::{FixedOffset, NaiveTime};

use crate::documents::promptpay::PromptPayId;
pub use crate::office::identity::{BankAccount, Giving, Office};

#[derive(Debug, Clone)]
pub struct Config {
    pub token: Option<String>,
    pub api_url: Option<String>,
    pub db_path: PathBuf,
    pub admin_ids: HashSet<i64>,
    pub office: Office,
    pub tz: FixedOffset,
    pub reminder_time: NaiveTime,
    pub files_dir: PathBuf,
    pub backup_dir: PathBuf,
    /// Off only for benchmarks that measure the bot's own cost; Telegram bans bots that flood.
    pub throttle: bool,
    /// Calendar reminders on weekends and holidays too (`KHETBOT_REMIND_ON_DAYS_OFF=on`); by
    /// default they go out on the office's working days only.
    pub remind_on_days_off: bool,
    /// The LINE adapter's settings, when LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are set.
    pub line: Option<LineConfig>,
    /// Where the HTTP server (LINE's webhook) listens; TLS is a reverse proxy's job.
    pub http_addr: SocketAddr,
    /// The HTTPS address the reverse proxy serves this bot under.
    pub public_url: Option<String>,
    /// How long a link to a file the bot sent on LINE keeps working.
    pub file_link_days: i64,
}

#[derive(Debug, Clone)]
pub struct LineConfig {
    pub channel_secret: String,
    pub access_token: String,
    /// The Messaging API host (tests point it at a fake).
    pub api_url: String,
    /// The host of message content (images, files people send).
    pub data_api_url: String,
    /// The admins' LINE user ids (U…); their core ids are in [`Config::admin_ids`].
    pub admin_user_ids: Vec<String>,
}

/// One bad variable, named, with why.
#[derive(Debug, PartialEq)]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "configuration error: {}: {}",
            self.variable, self.problem
        )
    }
}

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests need not touch the process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let token = get("TELOXIDE_TOKEN");
        if let Some(token) = &token {
            let well_formed = token
                .split_once(':')
                .is_some_and(|(id, secret)| id.parse::<u64>().is_ok() && !secret.is_empty());
            if !well_formed {
                return Err(ConfigError {
                    variable: "TELOXIDE_TOKEN",
                    problem: "expected the form 123456789:ABC... as given by @BotFather".into(),
                });
            }
        }
        let admin_ids = parse_admin_ids(get("ADMIN_USER_IDS").as_deref())?;
        if token.is_some() && admin_ids.is_empty() {
            return Err(ConfigError {
                variable: "ADMIN_USER_IDS",
                problem:
                    "required with TELOXIDE_TOKEN: comma-separated Telegram user ids of the admins"
                        .into(),
            });
        }
        let tz = parse_tz(get("KHETBOT_TZ").as_deref().unwrap_or("Asia/Bangkok"))?;
        let reminder_time = match get("KHETBOT_REMINDER_TIME") {
            None => NaiveTime::from_hms_opt(8, 30, 0).expect("valid constant time"),
            Some(v) => NaiveTime::parse_from_str(&v, "%H:%M").map_err(|_| ConfigError {
                variable: "KHETBOT_REMINDER_TIME",
                problem: format!("'{v}' is not a time like 08:30"),
            })?,
        };
        let throttle = match get("KHETBOT_THROTTLE").as_deref() {
            None | Some("on") | Some("1") | Some("true") => true,
            Some("off") | Some("0") | Some("false") => false,
            Some(other) => {
                return Err(ConfigError {
                    variable: "KHETBOT_THROTTLE",
                    problem: format!("'{other}' is not on or off"),
                });
            }
        };
        let remind_on_days_off = match get("KHETBOT_REMIND_ON_DAYS_OFF").as_deref() {
            None | Some("off") | Some("0") | Some("false") => false,
            Some("on") | Some("1") | Some("true") => true,
            Some(other) => {
                return Err(ConfigError {
                    variable: "KHETBOT_REMIND_ON_DAYS_OFF",
                    problem: format!("'{other}' is not on or off"),
                });
            }
        };
        for variable in [
            "TELOXIDE_API_URL",
            "LINE_API_URL",
            "LINE_DATA_API_URL",
            "KHETBOT_PUBLIC_URL",
        ] {
            if let Some(url) = get(variable)
                && !(url.starts_with("http://") || url.starts_with("https://"))
            {
                return Err(ConfigError {
                    variable,
                    problem: format!("'{url}' is not an http(s) URL"),
                });
            }
        }
        let line = parse_line(&get)?;
        let public_url = get("KHETBOT_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string());
        if line.is_some() && public_url.is_none() {
            return Err(ConfigError {
                variable: "KHETBOT_PUBLIC_URL",
                problem: "required with LINE: the https:// address the webhook and files are served under".into(),
            });
        }
        let file_link_days = match get("KHETBOT_FILE_LINK_DAYS") {
            None => 7,
            Some(v) => v
                .parse::<i64>()
                .ok()
                .filter(|d| (1..=365).contains(d))
                .ok_or_else(|| ConfigError {
                    variable: "KHETBOT_FILE_LINK_DAYS",
                    problem: format!("'{v}' is not a number of days from 1 to 365"),
                })?,
        };
        let http_addr = match get("KHETBOT_HTTP_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            Some(v) => v.parse().map_err(|_| ConfigError {
                variable: "KHETBOT_HTTP_ADDR",
                problem: format!("'{v}' is not an address like 127.0.0.1:8080"),
            })?,
        };
        Ok(Config {
            token,
            api_url: get("TELOXIDE_API_URL"),
            db_path: get("KHETBOT_DB")
                .unwrap_or_else(|| "khetbot.sqlite3".into())
                .into(),
            admin_ids,
            office: Office {
                name: get("KHETBOT_OFFICE_NAME")
                    .unwrap_or_else(|| "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา".into()),
                phone: get("KHETBOT_OFFICE_PHONE").unwrap_or_default(),
                email: get("KHETBOT_OFFICE_EMAIL").unwrap_or_default(),
                address: get("KHETBOT_OFFICE_ADDRESS").unwrap_or_default(),
                website: get("KHETBOT_OFFICE_WEBSITE").unwrap_or_default(),
                signer_name: get("KHETBOT_SIGNER_NAME").unwrap_or_default(),
                signer_title: get("KHETBOT_SIGNER_TITLE")
                    .unwrap_or_else(|| "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษา".into()),
                giving: parse_giving(&get)?,
            },
            tz,
            reminder_time,
            files_dir: get("KHETBOT_FILES_DIR")
                .unwrap_or_else(|| "khetbot-files".into())
                .into(),
            backup_dir: get("KHETBOT_BACKUP_DIR")
                .unwrap_or_else(|| "backups".into())
                .into(),
            throttle,
            remind_on_days_off,
            line,
            http_addr,
            public_url,
            file_link_days,
        })
    }
}

/// LINE runs when both its secret and its token are set; one without the other is a mistake.
fn parse_line(get: &impl Fn(&str) -> Option<String>) -> Result<Option<LineConfig>, ConfigError> {
    let (channel_secret, access_token) = match (
        get("LINE_CHANNEL_SECRET"),
        get("LINE_CHANNEL_ACCESS_TOKEN"),
    ) {
        (None, None) => return Ok(None),
        (Some(secret), Some(token)) => (secret, token),
        (None, Some(_)) => {
            return Err(ConfigError {
                    variable: "LINE_CHANNEL_SECRET",
                    problem: "required with LINE_CHANNEL_ACCESS_TOKEN (LINE Developers console, Basic settings)".into(),
                });
        }
        (Some(_), None) => {
            return Err(ConfigError {
                variable: "LINE_CHANNEL_ACCESS_TOKEN",
                problem:
                    "required with LINE_CHANNEL_SECRET (LINE Developers console, Messaging API tab)"
                        .into(),
            });
        }
    };
    let admin_user_ids: Vec<String> = get("LINE_ADMIN_USER_IDS")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if admin_user_ids.is_empty() {
        return Err(ConfigError {
            variable: "LINE_ADMIN_USER_IDS",
            problem: "required with LINE: comma-separated LINE user ids (U…) of the admins".into(),
        });
    }
    if let Some(bad) = admin_user_ids.iter().find(|id| !is_line_user_id(id)) {
        return Err(ConfigError {
            variable: "LINE_ADMIN_USER_IDS",
            problem: format!("'{bad}' is not a LINE user id (U followed by 32 hex digits)"),
        });
    }
    Ok(Some(LineConfig {
        channel_secret,
        access_token,
        api_url: get("LINE_API_URL")
            .unwrap_or_else(|| "https://api.line.me".into())
            .trim_end_matches('/')
            .to_string(),
        data_api_url: get("LINE_DATA_API_URL")
            .unwrap_or_else(|| "https://api-data.line.me".into())
            .trim_end_matches('/')
            .to_string(),
        admin_user_ids,
    }))
}

fn parse_admin_ids(value: Option<&str>) -> Result<HashSet<i64>, ConfigError> {
    let Some(value) = value else {
        return Ok(HashSet::new());
    };
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<i64>().map_err(|_| ConfigError {
                variable: "ADMIN_USER_IDS",
                problem: format!("'{s}' is not a numeric Telegram user id"),
            })
        })
        .collect()
}

/// Thailand keeps no daylight saving, so a fixed offset is exact; other zones may be given
/// as an offset.
fn parse_tz(value: &str) -> Result<FixedOffset, ConfigError> {
    let error = || ConfigError {
        variable: "KHETBOT_TZ",
        problem: format!("'{value}' is not supported: use Asia/Bangkok or an offset like +07:00"),
    };
    if value == "Asia/Bangkok" {
        return FixedOffset::east_opt(7 * 3600).ok_or_else(error);
    }
    let (sign, rest) = match value.as_bytes().first() {
        Some(b'+') => (1, &value[1..]),
        Some(b'-') => (-1, &value[1..]),
        _ => return Err(error()),
    };
    let (h, m) = rest.split_once(':').ok_or_else(error)?;
    let hours: i32 = h.parse().map_err(|_| error())?;
    let minutes: i32 = m.parse().map_err(|_| error())?;
    if hours > 14 || minutes > 59 {
        return Err(error());
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).ok_or_else(error)
}

/// `U` and 32 lowercase hex digits, as LINE writes user ids.
fn is_line_user_id(id: &str) -> bool {
    id.len() == 33
        && id.starts_with('U')
        && id[1..]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// `KHETBOT_BANK_ACCOUNT_NAME` with a bank account (`KHETBOT_BANK_NAME`,
/// `KHETBOT_BANK_ACCOUNT_NUMBER`, both or neither) and/or a PromptPay id
/// (`KHETBOT_PROMPTPAY_ID`). A half-set account is an error, never shown half.
fn parse_giving(get: &impl Fn(&str) -> Option<String>) -> Result<Option<Giving>, ConfigError> {
    let promptpay = match get("KHETBOT_PROMPTPAY_ID") {
        Some(text) => Some(PromptPayId::parse(&text).ok_or_else(|| ConfigError {
            variable: "KHETBOT_PROMPTPAY_ID",
            problem: format!(
                "'{text}' is neither a mobile number (10 digits starting with 0) nor a 13-digit national or tax id"
            ),
        })?),
        None => None,
    };
    let bank = match (get("KHETBOT_BANK_NAME"), get("KHETBOT_BANK_ACCOUNT_NUMBER")) {
        (Some(bank_name), Some(number)) => {
            let digits = number.chars().filter(char::is_ascii_digit).count();
            let well_formed = number
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
            if !well_formed || !(10..=15).contains(&digits) {
                return Err(ConfigError {
                    variable: "KHETBOT_BANK_ACCOUNT_NUMBER",
                    problem: format!(
                        "'{number}' is not an account number (10 to 15 digits, dashes allowed)"
                    ),
                });
            }
            Some(BankAccount { bank_name, number })
        }
        (Some(_), None) => {
            return Err(ConfigError {
                variable: "KHETBOT_BANK_ACCOUNT_NUMBER",
                problem: "required with KHETBOT_BANK_NAME".into(),
            });
        }
        (None, Some(_)) => {
            return Err(ConfigError {
                variable: "KHETBOT_BANK_NAME",
                problem: "required with KHETBOT_BANK_ACCOUNT_NUMBER".into(),
            });
        }
        (None, None) => None,
    };
    let account_name = get("KHETBOT_BANK_ACCOUNT_NAME");
    match (account_name, bank.is_some() || promptpay.is_some()) {
        (Some(account_name), true) => Ok(Some(Giving {
            account_name,
            bank,
            promptpay,
        })),
        (None, true) => Err(ConfigError {
            variable: "KHETBOT_BANK_ACCOUNT_NAME",
            problem: "required with a bank account or KHETBOT_PROMPTPAY_ID: the account holder's name, as givers' bank apps show it".into(),
        }),
        (Some(_), false) => Err(ConfigError {
            variable: "KHETBOT_BANK_ACCOUNT_NAME",
            problem: "set KHETBOT_PROMPTPAY_ID or KHETBOT_BANK_NAME with KHETBOT_BANK_ACCOUNT_NUMBER too".into(),
        }),
        (None, false) => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_give_a_console_setup_in_bangkok_time() {
        let c = config(&[]).unwrap();
        assert!(c.token.is_none());
        assert_eq!(c.db_path, PathBuf::from("khetbot.sqlite3"));
        assert_eq!(c.tz.local_minus_utc(), 7 * 3600);
        assert_eq!(c.reminder_time, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
        assert!(c.throttle);
        assert!(!c.remind_on_days_off);
    }

    #[test]
    fn the_certificate_signer_is_configured_with_the_director_as_default_title() {
        let c = config(&[]).unwrap();
        assert_eq!(c.office.signer_name, "");
        assert_eq!(
            c.office.signer_title,
            "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษา"
        );
        let c = config(&[
            ("KHETBOT_SIGNER_NAME", " นายสมชาย ใจดี "),
            ("KHETBOT_SIGNER_TITLE", "ผู้อำนวยการ สพป.ตัวอย่าง เขต 1"),
        ])
        .unwrap();
        assert_eq!(c.office.signer_name, "นายสมชาย ใจดี");
        assert_eq!(c.office.signer_title, "ผู้อำนวยการ สพป.ตัวอย่าง เขต 1");
    }

    #[test]
    fn a_token_requires_admins_and_the_error_names_the_variable() {
        let e = config(&[("TELOXIDE_TOKEN", "123:abc")]).unwrap_err();
        assert_eq!(e.variable, "ADMIN_USER_IDS");
        let c = config(&[("TELOXIDE_TOKEN", "123:abc"), ("ADMIN_USER_IDS", "1, 2")]).unwrap();
        assert_eq!(c.admin_ids, HashSet::from([1, 2]));
    }

    #[test]
    fn the_donation_account_is_whole_or_an_error_naming_what_is_missing() {
        assert_eq!(config(&[]).unwrap().office.giving, None);
        let giving = config(&[
            ("KHETBOT_PROMPTPAY_ID", "099-999-9999"),
            ("KHETBOT_BANK_ACCOUNT_NAME", "สพป.ทดสอบ เงินบริจาค"),
        ])
        .unwrap()
        .office
        .giving
        .unwrap();
        assert_eq!(giving.promptpay, PromptPayId::parse("0999999999"));
        assert_eq!(giving.bank, None);
        let variable = |vars: &[(&str, &str)]| config(vars).unwrap_err().variable;
        assert_eq!(
            variable(&[("KHETBOT_PROMPTPAY_ID", "0999999999")]),
            "KHETBOT_BANK_ACCOUNT_NAME"
        );
        assert_eq!(
            variable(&[("KHETBOT_PROMPTPAY_ID", "12345")]),
            "KHETBOT_PROMPTPAY_ID"
        );
        assert_eq!(
            variable(&[("KHETBOT_BANK_NAME", "กรุงไทย")]),
            "KHETBOT_BANK_ACCOUNT_NUMBER"
        );
        assert_eq!(
            variable(&[
                ("KHETBOT_BANK_NAME", "กรุงไทย"),
                ("KHETBOT_BANK_ACCOUNT_NUMBER", "12x"),
                ("KHETBOT_BANK_ACCOUNT_NAME", "สพป."),
            ]),
            "KHETBOT_BANK_ACCOUNT_NUMBER"
        );
        assert_eq!(
            variable(&[("KHETBOT_BANK_ACCOUNT_NAME", "สพป.")]),
            "KHETBOT_BANK_ACCOUNT_NAME"
        );
    }

    #[test]
    fn bad_values_name_their_variable() {
        assert_eq!(
            config(&[("TELOXIDE_TOKEN", "nonsense")])
                .unwrap_err()
                .variable,
            "TELOXIDE_TOKEN"
        );
        assert_eq!(
            config(&[("ADMIN_USER_IDS", "12,abc")])
                .unwrap_err()
                .variable,
            "ADMIN_USER_IDS"
        );
        assert_eq!(
            config(&[("KHETBOT_TZ", "Europe/Paris")])
                .unwrap_err()
                .variable,
            "KHETBOT_TZ"
        );
        assert_eq!(
            config(&[("KHETBOT_REMINDER_TIME", "8.30")])
                .unwrap_err()
                .variable,
            "KHETBOT_REMINDER_TIME"
        );
        assert_eq!(
            config(&[("KHETBOT_THROTTLE", "maybe")])
                .unwrap_err()
                .variable,
            "KHETBOT_THROTTLE"
        );
        assert_eq!(
            config(&[("TELOXIDE_API_URL", "localhost")])
                .unwrap_err()
                .variable,
            "TELOXIDE_API_URL"
        );
    }

    const LINE_ADMIN: &str = "U0123456789abcdef0123456789abcdef";

    #[test]
    fn line_needs_secret_token_and_admins_and_maps_admins_to_core_ids() {
        assert!(config(&[]).unwrap().line.is_none());
        assert_eq!(
            config(&[("LINE_CHANNEL_SECRET", "s")])
                .unwrap_err()
                .variable,
            "LINE_CHANNEL_ACCESS_TOKEN"
        );
        assert_eq!(
            config(&[("LINE_CHANNEL_ACCESS_TOKEN", "t")])
                .unwrap_err()
                .variable,
            "LINE_CHANNEL_SECRET"
        );
        let both = [
            ("LINE_CHANNEL_SECRET", "s"),
            ("LINE_CHANNEL_ACCESS_TOKEN", "t"),
        ];
        assert_eq!(config(&both).unwrap_err().variable, "LINE_ADMIN_USER_IDS");
        let bad = [both[0], both[1], ("LINE_ADMIN_USER_IDS", "Ubob")];
        assert_eq!(config(&bad).unwrap_err().variable, "LINE_ADMIN_USER_IDS");
        let without_url = [both[0], both[1], ("LINE_ADMIN_USER_IDS", LINE_ADMIN)];
        assert_eq!(
            config(&without_url).unwrap_err().variable,
            "KHETBOT_PUBLIC_URL"
        );
        let good = [
            both[0],
            both[1],
            ("LINE_ADMIN_USER_IDS", LINE_ADMIN),
            ("KHETBOT_PUBLIC_URL", "https://bot.example.go.th"),
        ];
        let c = config(&good).unwrap();
        assert_eq!(c.file_link_days, 7);
        let line = c.line.unwrap();
        assert_eq!(line.api_url, "https://api.line.me");
        assert_eq!(line.data_api_url, "https://api-data.line.me");
        assert_eq!(line.admin_user_ids, vec![LINE_ADMIN.to_string()]);
        assert!(is_line_user_id(LINE_ADMIN));
        assert!(!is_line_user_id("C0123456789abcdef0123456789abcdef"));
        assert!(!is_line_user_id("U0123"));
        assert!(c.token.is_none(), "LINE alone does not start Telegram");
        assert_eq!(c.http_addr, SocketAddr::from(([127, 0, 0, 1], 8080)));
    }

    #[test]
    fn both_adapters_may_be_configured_together() {
        let c = config(&[
            ("TELOXIDE_TOKEN", "123:abc"),
            ("ADMIN_USER_IDS", "7"),
            ("LINE_CHANNEL_SECRET", "s"),
            ("LINE_CHANNEL_ACCESS_TOKEN", "t"),
            ("LINE_ADMIN_USER_IDS", LINE_ADMIN),
            ("KHETBOT_HTTP_ADDR", "0.0.0.0:9000"),
            ("KHETBOT_PUBLIC_URL", "https://bot.example.go.th/"),
        ])
        .unwrap();
        assert!(c.token.is_some() && c.line.is_some());
        assert!(c.admin_ids.contains(&7));
        assert_eq!(c.public_url.as_deref(), Some("https://bot.example.go.th"));
        assert_eq!(
            config(&[("KHETBOT_HTTP_ADDR", "localhost")])
                .unwrap_err()
                .variable,
            "KHETBOT_HTTP_ADDR"
        );
    }

    #[test]
    fn offsets_are_accepted_for_other_zones() {
        assert_eq!(
            config(&[("KHETBOT_TZ", "+05:30")])
                .unwrap()
                .tz
                .local_minus_utc(),
            19800
        );
        assert_eq!(
            config(&[("KHETBOT_TZ", "-03:00")])
                .unwrap()
                .tz
                .local_minus_utc(),
            -10800
        );
    }
}
