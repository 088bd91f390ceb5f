//! The lists of school networks and schools, finding a typed name in them, suggesting the
//! closest known names, and the `เครือข่าย` / `โรงเรียน` management commands.

use rusqlite::Connection;

use super::draft::check_printed_name;
use super::store::names as store;
use crate::core::{CoreResult, Ctx, Role, refuse, refuse_command};
use crate::i18n::{Arg, escape_html};

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Networks,
    Schools,
}

impl List {
    fn table(self) -> &'static str {
        match self {
            List::Networks => "donation_networks",
            List::Schools => "donation_schools",
        }
    }

    /// Words that may precede a name and are not part of it, longest first.
    fn prefixes(self) -> &'static [&'static str] {
        match self {
            List::Networks => &["เครือข่ายพัฒนาคุณภาพการศึกษา", "เครือข่ายโรงเรียน", "เครือข่าย"],
            List::Schools => &["โรงเรียน", "ร.ร.", "รร."],
        }
    }

    /// "เครือข่ายตะโหมด", "โรงเรียนบ้านนา".
    pub fn display(self, name: &str) -> String {
        match self {
            List::Networks => format!("เครือข่าย{name}"),
            List::Schools => format!("โรงเรียน{name}"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            List::Networks => "net",
            List::Schools => "sch",
        }
    }

    /// The staff command that adds `bare` to this list: `โรงเรียน เพิ่ม บ้านนา`.
    pub fn add_command(self, bare: &str) -> String {
        let word = match self {
            List::Networks => "เครือข่าย",
            List::Schools => "โรงเรียน",
        };
        format!("{word} {} {bare}", ADD_WORDS[0])
    }
}

/// What to type after a name that is not in the list: a close name if there is one, and
/// the command that adds it for staff (others are told to ask staff, never given a command
/// they cannot run).
pub fn unknown_name_hint(ctx: &Ctx, list: List, typed: &str, suggestions: &[Entry]) -> String {
    let mut lines = Vec::new();
    if !suggestions.is_empty() {
        let names: Vec<String> = suggestions.iter().map(|e| list.display(&e.name)).collect();
        lines.push(ctx.t(
            "donations.name_similar",
            &[("names", Arg::from(names.join(", ")))],
        ));
    }
    lines.push(if ctx.acts_as(Role::Staff) {
        ctx.t(
            "donations.name_add_hint",
            &[("command", Arg::from(list.add_command(typed)))],
        )
    } else {
        ctx.t("donations.name_ask_staff", &[])
    });
    lines.join("\n")
}

/// Refuses a command naming something not in the list, saying what to type instead.
pub fn refuse_unknown<T>(
    ctx: &Ctx,
    list: List,
    typed: &str,
    suggestions: &[Entry],
) -> CoreResult<T> {
    refuse(
        "donations.name_unknown",
        vec![
            ("name", Arg::from(list.display(typed))),
            (
                "hint",
                Arg::from(unknown_name_hint(ctx, list, typed, suggestions)),
            ),
        ],
    )
}

/// A name without its list word and surrounding spaces: "เครือข่าย ตะโหมด" → "ตะโหมด".
pub fn bare_name(list: List, typed: &str) -> String {
    let mut name = typed.trim();
    for prefix in list.prefixes() {
        if let Some(rest) = name.strip_prefix(prefix) {
            name = rest.trim_start();
            break;
        }
    }
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn match_key(bare: &str) -> String {
    bare.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: i64,
    pub name: String,
}

/// Looking a typed name up: found, or the closest known names.
pub enum Lookup {
    Found(Entry),
    NotFound {
        typed: String,
        suggestions: Vec<Entry>,
    },
}

pub fn lookup(conn: &Connection, list: List, typed: &str) -> rusqlite::Result<Lookup> {
    let bare = bare_name(list, typed);
    let key = match_key(&bare);
    let all = store::entries(conn, list)?;
    if let Some(entry) = all.iter().find(|e| match_key(&e.name) == key) {
        return Ok(Lookup::Found(entry.clone()));
    }
    Ok(Lookup::NotFound {
        suggestions: closest(&key, all, 4),
        typed: bare,
    })
}

/// Known names nearest to `key`: those containing it or contained in it first, then by edit
/// distance, keeping only plausible ones.
fn closest(key: &str, all: Vec<Entry>, limit: usize) -> Vec<Entry> {
    let key_chars = key.chars().count();
    let mut scored: Vec<(usize, Entry)> = all
        .into_iter()
        .filter_map(|entry| {
            let candidate = match_key(&entry.name);
            let candidate_chars = candidate.chars().count();
            let longest = key_chars.max(candidate_chars);
            let score = if !key.is_empty() && (candidate.contains(key) || key.contains(&candidate))
            {
                longest - key_chars.min(candidate_chars)
            } else {
                // In characters, not bytes: a Thai letter is three bytes of UTF-8.
                let distance = strsim::levenshtein(key, &candidate);
                if distance * 5 > longest * 2 {
                    return None;
                }
                distance + longest
            };
            Some((score, entry))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    scored.into_iter().take(limit).map(|(_, e)| e).collect()
}

/// Adds a name; `Err(existing)` when the same name is already listed.
fn add(ctx: &Ctx, list: List, bare: &str) -> CoreResult<Result<i64, String>> {
    let key = match_key(bare);
    if let Some(existing) = store::name_with_key(ctx.conn, list, &key)? {
        return Ok(Err(existing));
    }
    let id = store::insert(ctx.conn, list, bare, &key, ctx.now)?;
    ctx.audit(&format!("{}.add", list.table()), &id.to_string(), bare)?;
    Ok(Ok(id))
}

/// Adds `typed` to the list from a step of a staff draft (its button, so the record under
/// way is not dropped for the `เพิ่ม` command); a name that is there by now is used as it is.
pub fn add_from_draft(ctx: &Ctx, list: List, typed: &str) -> CoreResult<(i64, String)> {
    let bare = bare_name(list, typed);
    check_printed_name(ctx, field_key(list), &bare)?;
    match add(ctx, list, &bare)? {
        Ok(id) => Ok((id, bare)),
        Err(existing) => match lookup(ctx.conn, list, &existing)? {
            Lookup::Found(entry) => Ok((entry.id, entry.name)),
            Lookup::NotFound { .. } => refuse(usage_key(list), vec![]),
        },
    }
}

pub fn networks_command(ctx: &mut Ctx, args: &str) -> CoreResult {
    manage(ctx, List::Networks, args)
}

pub fn schools_command(ctx: &mut Ctx, args: &str) -> CoreResult {
    manage(ctx, List::Schools, args)
}

const ADD_WORDS: [&str; 2] = ["เพิ่ม", "add"];
const RENAME_WORDS: [&str; 3] = ["แก้ชื่อ", "เปลี่ยนชื่อ", "rename"];

fn strip_word<'a>(text: &'a str, words: &[&str]) -> Option<&'a str> {
    words.iter().find_map(|w| {
        let rest = text.strip_prefix(w)?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim())
    })
}

/// `เครือข่าย` lists, `เครือข่าย เพิ่ม <ชื่อ>` adds, `เครือข่าย แก้ชื่อ <เดิม> เป็น <ใหม่>`
/// renames (the same for `โรงเรียน`). The words are common in chat, so in a group other
/// than the staff group a line that is not one of these forms is left alone.
fn manage(ctx: &mut Ctx, list: List, args: &str) -> CoreResult {
    let args = args.trim();
    let add_text = strip_word(args, &ADD_WORDS);
    let rename_text = strip_word(args, &RENAME_WORDS);
    let is_command_form = args.is_empty() || add_text.is_some() || rename_text.is_some();
    if !ctx.acts_as(Role::Staff) {
        if !ctx.is_private() && !is_command_form {
            return Ok(());
        }
        let command = match list {
            List::Networks => "networks",
            List::Schools => "schools",
        };
        return refuse_command(ctx, command, "core.refuse_staff_only");
    }
    if let Some(name) = add_text {
        return add_command(ctx, list, name);
    }
    if let Some(text) = rename_text {
        return rename_command(ctx, list, text);
    }
    if !args.is_empty() {
        return refuse(usage_key(list), vec![]);
    }
    show_list(ctx, list)
}

/// The field's name in a refusal of a too long or undrawable name.
fn field_key(list: List) -> &'static str {
    match list {
        List::Networks => "donations.field_network",
        List::Schools => "donations.field_school",
    }
}

fn usage_key(list: List) -> &'static str {
    match list {
        List::Networks => "donations.networks_usage",
        List::Schools => "donations.schools_usage",
    }
}

fn show_list(ctx: &mut Ctx, list: List) -> CoreResult {
    let all = store::entries(ctx.conn, list)?;
    let title_key = match list {
        List::Networks => "donations.networks_title",
        List::Schools => "donations.schools_title",
    };
    let mut lines = vec![ctx.t(title_key, &[("count", Arg::from(all.len()))])];
    for (index, entry) in all.iter().enumerate() {
        lines.push(format!(
            "{}. {}",
            index + 1,
            escape_html(&list.display(&entry.name))
        ));
    }
    if all.is_empty() {
        lines.push(ctx.t("donations.list_empty", &[]));
    }
    lines.push(String::new());
    lines.push(ctx.t(usage_key(list), &[]));
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

fn add_command(ctx: &mut Ctx, list: List, typed: &str) -> CoreResult {
    let bare = bare_name(list, typed);
    if bare.is_empty() {
        return refuse(usage_key(list), vec![]);
    }
    check_printed_name(ctx, field_key(list), &bare)?;
    let similar = match lookup(ctx.conn, list, &bare)? {
        Lookup::Found(_) => Vec::new(),
        Lookup::NotFound { suggestions, .. } => suggestions,
    };
    match add(ctx, list, &bare)? {
        Err(existing) => refuse(
            "donations.name_exists",
            vec![("name", Arg::from(list.display(&existing)))],
        ),
        Ok(_) => {
            let mut text = ctx.t(
                "donations.name_added",
                &[("name", Arg::from(list.display(&bare)))],
            );
            if !similar.is_empty() {
                let names: Vec<String> = similar.iter().map(|e| list.display(&e.name)).collect();
                text.push('\n');
                text.push_str(&ctx.t(
                    "donations.name_added_similar",
                    &[("names", Arg::from(names.join(", ")))],
                ));
            }
            ctx.reply_text(text);
            Ok(())
        }
    }
}

fn rename_command(ctx: &mut Ctx, list: List, text: &str) -> CoreResult {
    let Some((old, new)) = text.split_once(" เป็น ").or_else(|| text.split_once(" to "))
    else {
        return refuse(usage_key(list), vec![]);
    };
    let entry = match lookup(ctx.conn, list, old)? {
        Lookup::Found(entry) => entry,
        Lookup::NotFound { typed, suggestions } => {
            return refuse_unknown(ctx, list, &typed, &suggestions);
        }
    };
    let new_bare = bare_name(list, new);
    if new_bare.is_empty() {
        return refuse(usage_key(list), vec![]);
    }
    check_printed_name(ctx, field_key(list), &new_bare)?;
    let new_key = match_key(&new_bare);
    if let Lookup::Found(other) = lookup(ctx.conn, list, &new_bare)?
        && other.id != entry.id
    {
        return refuse(
            "donations.name_exists",
            vec![("name", Arg::from(list.display(&other.name)))],
        );
    }
    store::rename(ctx.conn, list, entry.id, &new_bare, &new_key)?;
    ctx.audit(
        &format!("{}.rename", list.table()),
        &entry.id.to_string(),
        &format!("{} -> {}", entry.name, new_bare),
    )?;
    let text = ctx.t(
        "donations.name_renamed",
        &[
            ("old", Arg::from(list.display(&entry.name))),
            ("new", Arg::from(list.display(&new_bare))),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: i64, name: &str) -> Entry {
        Entry {
            id,
            name: name.into(),
        }
    }

    #[test]
    fn list_words_are_not_part_of_the_name() {
        assert_eq!(bare_name(List::Networks, "เครือข่าย ตะโหมด"), "ตะโหมด");
        assert_eq!(bare_name(List::Networks, "เครือข่ายตะโหมด"), "ตะโหมด");
        assert_eq!(bare_name(List::Networks, "ตะโหมด"), "ตะโหมด");
        assert_eq!(bare_name(List::Schools, "ร.ร. บ้านนา"), "บ้านนา");
    }

    #[test]
    fn suggestions_put_containing_names_first_and_drop_unrelated_ones() {
        let all = vec![
            entry(1, "ตะโหมด"),
            entry(2, "ไพรวัลย์/คีรีรัตน์"),
            entry(3, "สองเกาะ"),
        ];
        let found = closest(&match_key("ไพรวัลย์"), all.clone(), 3);
        assert_eq!(found, vec![entry(2, "ไพรวัลย์/คีรีรัตน์")]);
        let found = closest(&match_key("ตะโหมต"), all.clone(), 3);
        assert_eq!(found, vec![entry(1, "ตะโหมด")]);
        assert!(closest(&match_key("กรุงเทพมหานคร"), all, 3).is_empty());
    }

    #[test]
    fn a_one_letter_typo_of_a_long_thai_name_is_still_suggested() {
        // Counted in bytes, one Thai letter would be three edits and the 2/5 bound would
        // drop the name.
        let all = vec![entry(1, "ควนขนุนหานโพธิ์")];
        let found = closest(&match_key("ควนขนุนหารโพธิ์"), all.clone(), 3);
        assert_eq!(found, vec![entry(1, "ควนขนุนหานโพธิ์")]);
        let found = closest(&match_key("ควนขนนหารโพ"), all, 3);
        assert_eq!(found, vec![entry(1, "ควนขนุนหานโพธิ์")]);
    }
}
