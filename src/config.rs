//! Settings from the environment (and `.env` via dotenvy). Every variable is documented in
//! `.env.example`; a bad value stops start-up with one line naming the variable.

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::{FixedOffset, NaiveTime};

use crate::documents::promptpay::PromptPayId;

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
}

#[derive(Debug, Clone)]
pub struct Office {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub website: String,
    /// Where gifts of money go; `None` when not configured, and then nothing is shown.
    pub giving: Option<Giving>,
}

/// The office's account for gifts of money, shown when someone asks how to donate.
#[derive(Debug, Clone, PartialEq)]
pub struct Giving {
    /// The account holder's name, as the giver's bank app shows it before they confirm.
    pub account_name: String,
    pub bank: Option<BankAccount>,
    pub promptpay: Option<PromptPayId>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BankAccount {
    pub bank_name: String,
    pub number: String,
}

impl Office {
    /// The contact details left unset, as the variables that set them: answers leave out
    /// lines that would need them, and the admin is told at start-up and in /status.
    pub fn missing_details(&self) -> Vec<&'static str> {
        [
            ("KHETBOT_OFFICE_PHONE", &self.phone),
            ("KHETBOT_OFFICE_EMAIL", &self.email),
            ("KHETBOT_OFFICE_ADDRESS", &self.address),
        ]
        .into_iter()
        .filter(|(_, value)| value.trim().is_empty())
        .map(|(variable, _)| variable)
        .collect()
    }
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
        if let Some(url) = get("TELOXIDE_API_URL")
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            return Err(ConfigError {
                variable: "TELOXIDE_API_URL",
                problem: format!("'{url}' is not an http(s) URL"),
            });
        }
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
        })
    }
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
                    problem: format!("'{number}' is not an account number (10 to 15 digits, dashes allowed)"),
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
        assert_eq!(variable(&[("KHETBOT_PROMPTPAY_ID", "0999999999")]), "KHETBOT_BANK_ACCOUNT_NAME");
        assert_eq!(variable(&[("KHETBOT_PROMPTPAY_ID", "12345")]), "KHETBOT_PROMPTPAY_ID");
        assert_eq!(variable(&[("KHETBOT_BANK_NAME", "กรุงไทย")]), "KHETBOT_BANK_ACCOUNT_NUMBER");
        assert_eq!(
            variable(&[
                ("KHETBOT_BANK_NAME", "กรุงไทย"),
                ("KHETBOT_BANK_ACCOUNT_NUMBER", "12x"),
                ("KHETBOT_BANK_ACCOUNT_NAME", "สพป."),
            ]),
            "KHETBOT_BANK_ACCOUNT_NUMBER"
        );
        assert_eq!(variable(&[("KHETBOT_BANK_ACCOUNT_NAME", "สพป.")]), "KHETBOT_BANK_ACCOUNT_NAME");
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
