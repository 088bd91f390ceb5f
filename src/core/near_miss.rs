//! A line that is a command typed with a slip: a letter wrong, missing or swapped
//! (`บริจาด 500 จาก …`, `ยอดบริจก`), a space inside the command word (`เพิ่ม กำหนดการ …`), a
//! word glued to it that the command's own description uses (`บันทึกบริจาค 500 …`), or a
//! `/name` one letter off. Such a line is answered with what the bot understood and the
//! closest command with its usage, and one button runs the line put right.
//!
//! Groups talk all day, so a line is taken for a slip only when it could not be ordinary
//! chat: the word typed is not a Thai dictionary word (`เพื่อน` is not a slip of `เลื่อน`),
//! command words shorter than five letters are never guessed at (`ภาษี`, `ตอน`), and a short
//! command word (up to seven letters, most of them everyday words) counts only when what
//! follows is empty or holds a number, as its real forms do.

use strsim::osa_distance;

use super::commands::{Access, CommandSpec};
use super::context::{CoreResult, Ctx, Persist};
use super::event::OutMessage;
use crate::i18n::{Arg, Lang};
use crate::thai::{is_digit, is_thai_word};

/// Answers `text` when it is a slip of a command the person may use here: in a private chat
/// or a registered group (other groups are not the bot's to correct). `false` when it is not
/// one, and the line goes on as before.
pub(super) fn answer(ctx: &mut Ctx, text: &str) -> CoreResult<bool> {
    if !ctx.is_private() && ctx.chat_role.is_none() {
        return Ok(false);
    }
    let env = ctx.env;
    let specs: Vec<&'static CommandSpec> = env.commands().collect();
    let misses = near_misses(text, &specs, |spec| {
        env.locales
            .template(Lang::Th, &env.description_key(spec))
            .to_string()
    });
    // Only a command the menu would offer this person here (a donor reaches บริจาค's words by
    // reporting, not recording).
    let offered = |spec: &CommandSpec| {
        env.capability_of(spec)
            .is_some_and(|capability| super::general::offered(ctx, capability, spec))
    };
    let Some(miss) = misses
        .into_iter()
        .chain(shorthand(ctx, text))
        .find(|miss| offered(miss.spec))
    else {
        return Ok(false);
    };
    let description = ctx.t(&env.description_key(miss.spec), &[]);
    // An everyday word standing for a command is a word the bot knows, and what it does
    // (voiding a record) is typed out in full, not run from a button.
    let key = if miss.everyday_word {
        "core.shorthand"
    } else {
        "core.near_miss"
    };
    let text = ctx.t(
        key,
        &[
            ("typed", Arg::from(miss.typed.as_str())),
            ("command", Arg::from(miss.keyword.as_str())),
            ("description", Arg::from(description)),
            ("corrected", Arg::from(miss.corrected.as_str())),
        ],
    );
    let message_id = ctx.event.message_id;
    let mut message = OutMessage::text(text).replying_to(message_id);
    // The button runs the line put right, held like a command typed during a dialogue; with
    // a prompt of a group still waiting, running something else is left to the person.
    if !miss.everyday_word && !ctx.memory.dialogues.contains_key(&ctx.person_key()) {
        let button = super::held::offer_run(ctx, miss.corrected);
        message = message.with_buttons(vec![vec![button]]);
    }
    // The line put right of a private-only command (a complaint) may hold the person's
    // story: sent directly, so that no row ties their chat to it.
    let persist = if miss.spec.access == Access::PrivateOnly {
        Persist::Direct
    } else {
        Persist::Outbox
    };
    let chat_id = ctx.event.chat.id;
    ctx.send(chat_id, message, persist);
    Ok(true)
}

/// The command a capability reads the line's first word as, by the argument after it
/// (`Capability::shorthand`).
fn shorthand(ctx: &Ctx, text: &str) -> Option<NearMiss> {
    let (head, rest) = leading_word(text.trim());
    let env = ctx.env;
    let name = env
        .capabilities
        .iter()
        .filter_map(|capability| capability.shorthand)
        .find_map(|meant| meant(head, rest))?;
    let spec = env.commands().find(|spec| spec.name == name)?;
    let keyword = spec.thai.first()?;
    Some(NearMiss {
        spec,
        keyword: keyword.to_string(),
        typed: head.to_string(),
        corrected: corrected(keyword, rest),
        everyday_word: true,
    })
}

/// A command the line was probably meant to be.
pub struct NearMiss {
    pub spec: &'static CommandSpec,
    /// The command word as it should be typed (`บริจาค`, `/donate`).
    pub keyword: String,
    /// What was typed in its place (`บริจาด`, `เพิ่ม กำหนดการ`).
    pub typed: String,
    /// The line with the command word put right (`บริจาค 500 จาก นายดำ`).
    pub corrected: String,
    /// Typed as an everyday word that stands for the command (`Capability::shorthand`), not
    /// a slip of its own word.
    pub everyday_word: bool,
}

/// Command words shorter than this are everyday syllables (`ตอบ`, `ถาม`, `เมนู`): never guessed at.
const SHORTEST_GUESSED: usize = 5;
/// From this length on, a command word is no everyday word: what follows it needs no number.
const DISTINCT_WORD: usize = 8;
/// The longest word glued to a command word that may still name it (`บันทึก`, `เงิน`,
/// `กำหนดการ` in `เลื่อนกำหนดการ`).
const LONGEST_GLUED: usize = 8;

/// Slips (a letter wrong, missing, added or two swapped) allowed in a Thai command word of
/// `letters` letters, tone marks and vowels counted as the keystrokes they are.
fn thai_slips(letters: usize) -> usize {
    match letters {
        0..SHORTEST_GUESSED => 0,
        SHORTEST_GUESSED..DISTINCT_WORD => 1,
        DISTINCT_WORD..12 => 2,
        _ => 3,
    }
}

/// Slips allowed in a Latin `/name`: the slash says a command was meant.
fn latin_slips(letters: usize) -> usize {
    match letters {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}

fn has_digit(text: &str) -> bool {
    text.chars().any(is_digit)
}

/// Whether the words after a command word look like its arguments.
fn shaped_like_arguments(keyword: &str, rest: &str) -> bool {
    keyword.chars().count() >= DISTINCT_WORD || rest.is_empty() || has_digit(rest)
}

/// The first word of `text`, cut where a number starts (`บริจาด500` → `บริจาด`), and the rest.
fn leading_word(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || is_digit(c))
        .map_or(text.len(), |(i, _)| i);
    (&text[..end], text[end..].trim())
}

fn corrected(keyword: &str, rest: &str) -> String {
    if rest.is_empty() {
        keyword.to_string()
    } else {
        format!("{keyword} {rest}")
    }
}

/// The commands `text` was probably meant to be, closest first, each command once.
/// `thai_description` gives a command's one-line Thai description, whose words may be glued
/// to its command word. A line that already is a command is no slip: call this only when
/// [`super::commands::parse`] found none.
pub fn near_misses(
    text: &str,
    specs: &[&'static CommandSpec],
    thai_description: impl Fn(&CommandSpec) -> String,
) -> Vec<NearMiss> {
    let text = text.trim();
    let mut found: Vec<(usize, NearMiss)> = Vec::new();
    let mut add = |slips: usize, spec: &'static CommandSpec, keyword: &str, typed: &str, rest| {
        found.push((
            slips,
            NearMiss {
                spec,
                keyword: keyword.to_string(),
                typed: typed.to_string(),
                corrected: corrected(keyword, rest),
                everyday_word: false,
            },
        ));
    };
    if let Some(latin) = text.strip_prefix('/') {
        let (word, rest) = latin.split_once(char::is_whitespace).unwrap_or((latin, ""));
        // `/name@otherbot` may be another bot's command: not ours to correct.
        if word.contains('@') {
            return Vec::new();
        }
        let name = word.to_ascii_lowercase();
        for &spec in specs {
            let slips = osa_distance(&name, spec.name);
            if slips > 0 && slips <= latin_slips(spec.name.len()) {
                add(
                    slips,
                    spec,
                    &format!("/{}", spec.name),
                    &format!("/{word}"),
                    rest.trim(),
                );
            }
        }
    } else {
        let (head, rest) = leading_word(text);
        // The first two words as one: a space typed inside the command word.
        let joined = text
            .split_once(char::is_whitespace)
            .and_then(|(first, after)| {
                let (second, rest) = leading_word(after.trim_start());
                (!second.is_empty()).then(|| {
                    (
                        format!("{first}{second}"),
                        format!("{first} {second}"),
                        rest,
                    )
                })
            });
        // Asked only of a word close to a command word: the list is a scan of 62,000 lines,
        // and most lines of chat come nowhere near one.
        let head_is_word = std::cell::OnceCell::new();
        // A distance is never below the difference in length: most words are skipped on that.
        let head_letters = head.chars().count();
        let joined_letters = joined.as_ref().map(|(word, _, _)| word.chars().count());
        for &spec in specs {
            for &keyword in spec.thai {
                let letters = keyword.chars().count();
                let allowed = thai_slips(letters);
                if allowed == 0 {
                    continue;
                }
                let slips = if head_letters.abs_diff(letters) <= allowed {
                    osa_distance(head, keyword)
                } else {
                    usize::MAX
                };
                if slips > 0
                    && slips <= allowed
                    && shaped_like_arguments(keyword, rest)
                    && !*head_is_word.get_or_init(|| is_thai_word(head))
                {
                    add(slips, spec, keyword, head, rest);
                }
                if let Some((joined, typed, rest)) = &joined
                    && joined_letters.is_some_and(|length| length.abs_diff(letters) <= allowed)
                {
                    let slips = osa_distance(joined, keyword);
                    if slips <= allowed && shaped_like_arguments(keyword, rest) {
                        add(slips + 1, spec, keyword, typed, rest);
                    }
                }
                let glued = head
                    .strip_prefix(keyword)
                    .or_else(|| head.strip_suffix(keyword))
                    .filter(|word| !word.is_empty() && word.chars().count() <= LONGEST_GLUED);
                if let Some(word) = glued
                    && has_digit(rest)
                    && thai_description(spec).contains(word)
                {
                    add(word.chars().count(), spec, keyword, head, rest);
                }
            }
        }
    }
    found.sort_by_key(|(slips, miss)| (*slips, std::cmp::Reverse(miss.keyword.len())));
    let mut seen: Vec<&str> = Vec::new();
    found
        .into_iter()
        .filter_map(|(_, miss)| {
            if seen.contains(&miss.spec.name) {
                return None;
            }
            seen.push(miss.spec.name);
            Some(miss)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noop(_: &mut Ctx, _: &str) -> CoreResult {
        Ok(())
    }

    const fn spec(name: &'static str, thai: &'static [&'static str]) -> CommandSpec {
        CommandSpec {
            name,
            thai,
            access: Access::Anyone,
            in_menu: true,
            button: true,
            handler: noop,
        }
    }

    static DONATE: CommandSpec = spec("donate", &["บริจาค"]);
    static DEADLINE: CommandSpec = spec("deadline", &["เพิ่มกำหนดการ"]);
    static DONATIONS: CommandSpec = spec("donations", &["ยอดบริจาค"]);
    static POSTPONE: CommandSpec = spec("postpone", &["เลื่อน"]);
    static ANNOUNCE: CommandSpec = spec("faq_post", &["ประกาศ"]);
    static ANSWER: CommandSpec = spec("answer", &["ตอบ"]);
    static LANGUAGE: CommandSpec = spec("lang", &["ภาษา"]);
    static ASSIGN: CommandSpec = spec("assign", &["มอบหมาย"]);

    fn specs() -> Vec<&'static CommandSpec> {
        vec![
            &DONATE, &DEADLINE, &DONATIONS, &POSTPONE, &ANNOUNCE, &ANSWER, &LANGUAGE, &ASSIGN,
        ]
    }

    fn description(spec: &CommandSpec) -> String {
        match spec.name {
            "donate" => "บันทึกรับบริจาคเงิน".into(),
            "faq_post" => "ประกาศคำถามไปยังกลุ่ม: ประกาศ เลขที่".into(),
            _ => String::new(),
        }
    }

    fn best(text: &str) -> Option<(String, String)> {
        near_misses(text, &specs(), description)
            .into_iter()
            .next()
            .map(|miss| (miss.keyword, miss.corrected))
    }

    #[test]
    fn slips_of_a_command_word_are_put_right() {
        for (typed, keyword, corrected) in [
            ("บริจาด 500 จาก นายดำ", "บริจาค", "บริจาค 500 จาก นายดำ"),
            ("บริจาด500 จาก นายดำ", "บริจาค", "บริจาค 500 จาก นายดำ"),
            ("ยอดบริจก", "ยอดบริจาค", "ยอดบริจาค"),
            ("ยอดบริจาก ปีงบ 2569", "ยอดบริจาค", "ยอดบริจาค ปีงบ 2569"),
            (
                "เพิ่มกำหนดส่ง รายงาน 15 ธ.ค.",
                "เพิ่มกำหนดการ",
                "เพิ่มกำหนดการ รายงาน 15 ธ.ค.",
            ),
            (
                "เพิ่มกำหนดกร 15 ธ.ค. รายงาน",
                "เพิ่มกำหนดการ",
                "เพิ่มกำหนดการ 15 ธ.ค. รายงาน",
            ),
            (
                "เพิ่ม กำหนดการ 15 ธ.ค. รายงาน",
                "เพิ่มกำหนดการ",
                "เพิ่มกำหนดการ 15 ธ.ค. รายงาน",
            ),
            ("ยอด บริจาค เดือนนี้", "ยอดบริจาค", "ยอดบริจาค เดือนนี้"),
            ("เลื่อนน 12 5 ก.ค.", "เลื่อน", "เลื่อน 12 5 ก.ค."),
            ("บันทึกบริจาค 500 จาก นายดำ", "บริจาค", "บริจาค 500 จาก นายดำ"),
            ("บริจาคเงิน 500 จาก นายดำ", "บริจาค", "บริจาค 500 จาก นายดำ"),
            (
                "มอบหมย ร-2569-0007 ครูเอ",
                "มอบหมาย",
                "มอบหมาย ร-2569-0007 ครูเอ",
            ),
            ("/donat 500", "/donate", "/donate 500"),
            ("/DEADLNE", "/deadline", "/deadline"),
        ] {
            assert_eq!(
                best(typed),
                Some((keyword.to_string(), corrected.to_string())),
                "{typed}"
            );
        }
    }

    /// Each rule that keeps chat unanswered (tests/it/near_miss_commands.rs has the chat).
    #[test]
    fn ordinary_chat_is_no_slip() {
        for chat in [
            // A dictionary word is no slip.
            "เพื่อน 3 คนมาแล้ว",
            // Command words under five letters are never guessed at.
            "ภาษี 500 บาท",
            // A short command word's slip counts only before a number.
            "เลื่อนน ไปก่อนนะ",
            // A glued word must be one of the command's description.
            "ประกาศผล 5 โมงเย็นนะคะ",
            // And something after it must hold a number.
            "บริจาคเงินได้ที่ไหน",
            // Another bot's command; a name too short to guess.
            "/start@OtherBot",
            "/x",
        ] {
            assert_eq!(best(chat), None, "{chat}");
        }
    }
}
