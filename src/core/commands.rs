//! Commands come in two forms: a Latin `/name` (Telegram's menu allows only a–z, 0–9, `_`)
//! and a Thai keyword typed as plain text (`บริจาค …`). Each capability declares its own.

use super::Capability;
use super::context::{CoreResult, Ctx};
use super::event::Role;
use crate::thai::is_digit;

/// Where a command may be used and by whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Anyone,
    /// Only in a private chat with the bot (complaints: details never go to a group).
    PrivateOnly,
    /// In the registered group of one of the roles, or privately by one of its members.
    Roles(&'static [Role]),
    Admin,
}

pub type Handler = fn(&mut Ctx, &str) -> CoreResult;

pub struct CommandSpec {
    /// Latin name without the slash; also the locale key suffix of its description.
    pub name: &'static str,
    /// Thai keywords, any of which starts the command.
    pub thai: &'static [&'static str],
    pub access: Access,
    /// Listed in the messenger's command menu (setMyCommands) of the scopes where the /start
    /// menu offers it.
    pub in_menu: bool,
    /// Offered as a button in the /start menu (it makes sense without arguments).
    pub button: bool,
    pub handler: Handler,
}

/// A recognised command and the rest of the text.
pub struct Parsed<'t> {
    pub spec: &'static CommandSpec,
    pub args: &'t str,
    /// Typed as `/name@otherbot`: meant for a different bot in the same group.
    pub for_other_bot: bool,
    /// Typed as English words (`donate 500`), not as the Thai keyword or `/name`.
    pub in_english: bool,
}

/// Finds the command at the start of `text`. Thai keywords match longest-first so that
/// `บริจาคสิ่งของ` is not read as `บริจาค` + `สิ่งของ`.
pub fn parse<'t>(
    text: &'t str,
    specs: &[&'static CommandSpec],
    bot_username: Option<&str>,
) -> Option<Parsed<'t>> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('/') {
        let (word, args) = split_word(rest);
        let (name, addressee) = match word.split_once('@') {
            Some((n, a)) => (n, Some(a)),
            None => (word, None),
        };
        let name = name.to_ascii_lowercase();
        let spec = specs.iter().find(|s| s.name == name)?;
        let for_other_bot = match (addressee, bot_username) {
            (Some(a), Some(me)) => !a.eq_ignore_ascii_case(me),
            _ => false,
        };
        return Some(Parsed {
            spec,
            args,
            for_other_bot,
            in_english: false,
        });
    }
    longest_keyword(text, specs, |_, rest| keyword_ends_here(rest))
}

/// The command whose Thai keyword starts `text` with its argument glued on, no space between
/// (`ยอดบริจาคปีนี้`), when its capability says that rest is its argument (`accepts`); the
/// longest such keyword.
pub fn parse_glued<'t>(
    text: &'t str,
    specs: &[&'static CommandSpec],
    accepts: impl Fn(&CommandSpec, &str) -> bool,
) -> Option<Parsed<'t>> {
    longest_keyword(text.trim(), specs, |spec, rest| {
        rest.starts_with(char::is_alphabetic) && accepts(spec, rest)
    })
}

/// The command of the longest Thai keyword that starts `text` and leaves a rest that `fits`.
fn longest_keyword<'t>(
    text: &'t str,
    specs: &[&'static CommandSpec],
    fits: impl Fn(&CommandSpec, &str) -> bool,
) -> Option<Parsed<'t>> {
    let mut best: Option<(&'static CommandSpec, &str)> = None;
    for spec in specs {
        for keyword in spec.thai {
            if let Some(rest) = text.strip_prefix(keyword)
                && best.is_none_or(|(_, k)| keyword.len() > k.len())
                && fits(spec, rest)
            {
                best = Some((spec, keyword));
            }
        }
    }
    best.map(|(spec, keyword)| Parsed {
        spec,
        args: text[keyword.len()..].trim(),
        for_other_bot: false,
        in_english: false,
    })
}

/// The command named by the English words `text` starts with (`donate 500`, `My donations`),
/// in any case, the longest first; the words must end where a word ends, and be the whole line
/// or followed by a number or by what the command reads as its argument (`accepts`:
/// `language en`).
pub fn parse_english<'t>(
    text: &'t str,
    capabilities: &[&'static Capability],
    accepts: impl Fn(&CommandSpec, &str) -> bool,
) -> Option<Parsed<'t>> {
    let text = text.trim();
    let mut best: Option<(&'static CommandSpec, usize)> = None;
    for &capability in capabilities {
        for (words, name) in capability.english_words {
            let Some(spec) = capability.commands.iter().find(|spec| spec.name == *name) else {
                continue;
            };
            let Some(typed) = text.get(..words.len()) else {
                continue;
            };
            if typed.eq_ignore_ascii_case(words)
                && english_word_ends_here(&text[words.len()..], |rest| accepts(spec, rest))
                && best.is_none_or(|(_, length)| words.len() > length)
            {
                best = Some((spec, words.len()));
            }
        }
    }
    best.map(|(spec, length)| Parsed {
        spec,
        args: text[length..]
            .trim_start_matches([' ', '?', '!', '.', ':'])
            .trim(),
        for_other_bot: false,
        in_english: true,
    })
}

/// English command words are the whole line, or are followed by a number (`help?`,
/// `donate 500`, `track 1234 …`): English words after them make a sentence, a question for
/// the Q&A (`status of my scholarship application?`), not `donated` or `helpful` either.
fn english_word_ends_here(rest: &str, is_its_argument: impl Fn(&str) -> bool) -> bool {
    let words_end = rest.is_empty() || rest.starts_with([' ', '?', '!', '.', ':']);
    let rest = rest.trim_start_matches([' ', '?', '!', '.', ':']);
    rest.is_empty() || rest.starts_with(is_digit) || (words_end && is_its_argument(rest.trim()))
}

fn split_word(s: &str) -> (&str, &str) {
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, ""),
    }
}

/// A keyword must be followed by a space, a number or nothing: `บริจาค500` is a command,
/// `บริจาคเงิน` is not.
fn keyword_ends_here(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) => c.is_whitespace() || is_digit(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop(_: &mut Ctx, _: &str) -> CoreResult {
        Ok(())
    }

    static DONATE: CommandSpec = CommandSpec {
        name: "donate",
        thai: &["บริจาค"],
        access: Access::Anyone,
        in_menu: true,
        button: true,
        handler: noop,
    };
    static DONATE_ITEM: CommandSpec = CommandSpec {
        name: "donate_item",
        thai: &["บริจาคสิ่งของ"],
        access: Access::Anyone,
        in_menu: true,
        button: true,
        handler: noop,
    };

    fn specs() -> Vec<&'static CommandSpec> {
        vec![&DONATE, &DONATE_ITEM]
    }

    #[test]
    fn latin_commands_take_the_rest_as_arguments() {
        let p = parse("/donate 500 จาก ก", &specs(), Some("khetbot")).unwrap();
        assert_eq!(p.spec.name, "donate");
        assert_eq!(p.args, "500 จาก ก");
        assert!(!p.for_other_bot);
    }

    #[test]
    fn latin_commands_addressed_to_another_bot_are_flagged() {
        let p = parse("/donate@OtherBot", &specs(), Some("khetbot")).unwrap();
        assert!(p.for_other_bot);
        let p = parse("/DONATE@KhetBot 5", &specs(), Some("khetbot")).unwrap();
        assert!(!p.for_other_bot);
        assert_eq!(p.args, "5");
    }

    #[test]
    fn thai_keywords_match_longest_first_and_need_a_boundary() {
        assert_eq!(
            parse("บริจาคสิ่งของ โต๊ะ", &specs(), None).unwrap().spec.name,
            "donate_item"
        );
        assert_eq!(
            parse("บริจาค 500", &specs(), None).unwrap().spec.name,
            "donate"
        );
        assert_eq!(parse("บริจาค๕๐๐", &specs(), None).unwrap().args, "๕๐๐");
        assert_eq!(parse("  บริจาค  ", &specs(), None).unwrap().args, "");
        assert!(parse("บริจาคเงินได้ที่ไหน", &specs(), None).is_none());
        assert!(parse("อยากบริจาค", &specs(), None).is_none());
        assert!(parse("/unknown", &specs(), None).is_none());
    }
}
