//! Staff keep the knowledge base: `เพิ่มคำถาม`, `แก้คำตอบ`, `ลบคำถาม` (a soft delete),
//! `กู้คืนคำถาม` and `คำถามทั้งหมด [หมวด]`. Every change is audited with what it replaced.

use crate::core::{CoreResult, Ctx, refuse};
use crate::i18n::Arg;
use crate::thai::normalize_digits;

use super::ask::MAX_QUESTION_CHARS;
use super::render;
use super::store::{self, Entry, NewEntry};

/// Topic of entries added without one (and of answered staff questions saved as entries).
pub const DEFAULT_TOPIC: &str = "คำถามทั่วไป";
/// Leaves room in one Telegram message (4,096 characters) for the question and the heading.
pub const MAX_ANSWER_CHARS: usize = 3000;
/// A question longer than this is cut in `คำถามทั้งหมด`, to keep long lists compact.
const LIST_QUESTION_CHARS: usize = 90;
/// Word that introduces a topic: `เพิ่มคำถาม หมวด <หมวด> …`, `คำถามทั้งหมด หมวด <หมวด>`.
const TOPIC_WORD: &str = "หมวด";

/// An entry id at the start of `args` (`12`, `#12`, `๑๒`) and the rest.
pub fn split_id(args: &str) -> Option<(i64, &str)> {
    let args = args.trim();
    let (word, rest) = match args.find(char::is_whitespace) {
        Some(end) => (&args[..end], args[end..].trim()),
        None => (args, ""),
    };
    normalize_digits(word.strip_prefix('#').unwrap_or(word))
        .parse::<i64>()
        .ok()
        .filter(|&id| id > 0)
        .map(|id| (id, rest))
}

/// Checks and writes a new entry; refuses an empty, too long or already asked question.
pub fn add_entry(
    ctx: &Ctx,
    topic: &str,
    question: &str,
    answer: &str,
    source: &str,
) -> CoreResult<i64> {
    let question = store::collapse_spaces(question);
    let answer = answer.trim();
    check_answer(answer)?;
    if question.chars().count() > MAX_QUESTION_CHARS {
        return refuse(
            "faq.question_too_long",
            vec![("max", Arg::from(MAX_QUESTION_CHARS))],
        );
    }
    if let Some(existing) = store::live_entry_with_question(ctx.conn, &question)? {
        return refuse("faq.add_duplicate", vec![("id", Arg::from(existing))]);
    }
    let id = store::insert(
        ctx.conn,
        &NewEntry {
            key: None,
            topic,
            tags: &[],
            source,
            question: &question,
            alt: &[],
            answer,
        },
        ctx.now,
        Some(ctx.event.actor.user_id),
    )?;
    ctx.audit("faq.add", &entry_subject(id), &question)?;
    Ok(id)
}

fn check_answer(answer: &str) -> CoreResult {
    if answer.chars().count() > MAX_ANSWER_CHARS {
        return refuse(
            "faq.answer_too_long",
            vec![("max", Arg::from(MAX_ANSWER_CHARS))],
        );
    }
    Ok(())
}

fn entry_subject(id: i64) -> String {
    format!("faq_entry:{id}")
}

/// `เพิ่มคำถาม [หมวด <หมวด>] <คำถาม> = <คำตอบ>`.
pub fn add(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (topic, rest) = match split_topic(args) {
        Some((topic, rest)) => (Some(topic), rest),
        None => (None, args),
    };
    let Some((question, answer)) = rest.split_once('=') else {
        return refuse("faq.add_usage", vec![]);
    };
    if question.trim().is_empty() || answer.trim().is_empty() {
        return refuse("faq.add_usage", vec![]);
    }
    let topic = topic.unwrap_or(DEFAULT_TOPIC);
    let new_topic = store::questions_in_topic(ctx.conn, topic)?.is_empty();
    let id = add_entry(ctx, topic, question, answer, "staff")?;
    let mut text = ctx.t(
        "faq.added",
        &[("id", Arg::from(id)), ("topic", Arg::from(topic))],
    );
    if new_topic {
        text.push('\n');
        text.push_str(&ctx.t("faq.added_new_topic", &[]));
    }
    reply_with_entry(ctx, text, id)
}

/// `หมวด <หมวด>` at the start of `args`: the topic (one word) and the rest.
fn split_topic(args: &str) -> Option<(&str, &str)> {
    let after = args.trim_start().strip_prefix(TOPIC_WORD)?;
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let after = after.trim_start();
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    let topic = &after[..end];
    (!topic.is_empty()).then(|| (topic, &after[end..]))
}

/// Replies with `text` and how the entry now reads.
fn reply_with_entry(ctx: &mut Ctx, text: String, id: i64) -> CoreResult {
    let Some(entry) = store::live_entry(ctx.conn, id)? else {
        ctx.reply_text(text);
        return Ok(());
    };
    let shown = render::entry_text(
        ctx,
        ctx.lang,
        "faq.answer",
        &entry,
        super::answer_facts(ctx),
    );
    ctx.reply_text(format!("{text}\n\n{shown}"));
    Ok(())
}

/// The entry named by an id in `args`, with the rest of `args`, or the refusal that says why
/// there is none. `usage` is the command's own usage text.
fn named_entry<'a>(
    ctx: &Ctx,
    args: &'a str,
    usage: &'static str,
) -> CoreResult<(Entry, bool, &'a str)> {
    let Some((id, rest)) = split_id(args) else {
        return refuse(usage, vec![]);
    };
    match store::any_entry(ctx.conn, id)? {
        Some((entry, deleted)) => Ok((entry, deleted, rest)),
        None => refuse("faq.not_found", vec![("id", Arg::from(id))]),
    }
}

/// `แก้คำตอบ <id> <คำตอบ>`.
pub fn edit(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (entry, deleted, answer) = named_entry(ctx, args, "faq.edit_usage")?;
    let answer = answer.trim();
    if answer.is_empty() {
        return refuse("faq.edit_usage", vec![]);
    }
    if deleted {
        return refuse("faq.is_deleted", vec![("id", Arg::from(entry.id))]);
    }
    check_answer(answer)?;
    store::update_answer(ctx.conn, entry.id, answer, ctx.now, ctx.event.actor.user_id)?;
    ctx.audit("faq.edit", &entry_subject(entry.id), &entry.answer)?;
    let text = ctx.t("faq.edited", &[("id", Arg::from(entry.id))]);
    reply_with_entry(ctx, text, entry.id)
}

/// `ลบคำถาม <id>`: hidden from answers and lists, kept in the database and restorable.
pub fn delete(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (entry, deleted, _) = named_entry(ctx, args, "faq.delete_usage")?;
    if deleted {
        return refuse("faq.already_deleted", vec![("id", Arg::from(entry.id))]);
    }
    store::set_deleted(ctx.conn, entry.id, true, ctx.now, ctx.event.actor.user_id)?;
    ctx.audit("faq.delete", &entry_subject(entry.id), &entry.question)?;
    let text = ctx.t(
        "faq.deleted",
        &[
            ("id", Arg::from(entry.id)),
            ("question", Arg::from(&entry.question)),
        ],
    );
    ctx.reply_text(text);
    Ok(())
}

/// `กู้คืนคำถาม <id>`.
pub fn restore(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (entry, deleted, _) = named_entry(ctx, args, "faq.restore_usage")?;
    if !deleted {
        return refuse("faq.not_deleted", vec![("id", Arg::from(entry.id))]);
    }
    if let Some(existing) = store::live_entry_with_question(ctx.conn, &entry.question)? {
        return refuse("faq.add_duplicate", vec![("id", Arg::from(existing))]);
    }
    store::set_deleted(ctx.conn, entry.id, false, ctx.now, ctx.event.actor.user_id)?;
    ctx.audit("faq.restore", &entry_subject(entry.id), &entry.question)?;
    let text = ctx.t("faq.restored", &[("id", Arg::from(entry.id))]);
    reply_with_entry(ctx, text, entry.id)
}

/// `คำถามทั้งหมด [หมวด]`: ids and questions by topic; a topic is matched by part of its name.
pub fn list(ctx: &mut Ctx, args: &str) -> CoreResult {
    let wanted = split_topic(args)
        .map(|(topic, rest)| format!("{topic}{rest}"))
        .unwrap_or_else(|| args.to_owned());
    let wanted = store::collapse_spaces(&wanted);
    let topics = store::topics(ctx.conn)?;
    let shown: Vec<&store::Topic> = topics
        .iter()
        .filter(|topic| wanted.is_empty() || topic.name.contains(&wanted))
        .collect();
    if topics.is_empty() {
        return refuse("faq.empty", vec![]);
    }
    if shown.is_empty() {
        let names: Vec<&str> = topics.iter().map(|topic| topic.name.as_str()).collect();
        return refuse(
            "faq.list_unknown_topic",
            vec![
                ("topic", Arg::from(wanted)),
                ("topics", Arg::from(names.join(", "))),
            ],
        );
    }
    let total: i64 = shown.iter().map(|topic| topic.count).sum();
    let mut lines = vec![ctx.t("faq.list_title", &[("count", Arg::from(total))])];
    for topic in shown {
        lines.push(String::new());
        lines.push(ctx.t(
            "faq.list_topic",
            &[
                ("topic", Arg::from(&topic.name)),
                ("count", Arg::from(topic.count)),
            ],
        ));
        for (id, question) in store::questions_in_topic(ctx.conn, &topic.name)? {
            lines.push(ctx.t(
                "faq.list_line",
                &[
                    ("id", Arg::from(id)),
                    (
                        "question",
                        Arg::from(render::shortened(&question, LIST_QUESTION_CHARS)),
                    ),
                ],
            ));
        }
    }
    lines.push(String::new());
    lines.push(ctx.t("faq.list_footer", &[]));
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_read_with_thai_digits_and_a_hash() {
        assert_eq!(split_id("12 คำตอบใหม่"), Some((12, "คำตอบใหม่")));
        assert_eq!(split_id("#๑๒\nบรรทัดใหม่"), Some((12, "บรรทัดใหม่")));
        assert_eq!(split_id(" 7 "), Some((7, "")));
        assert_eq!(split_id("สิบสอง"), None);
        assert_eq!(split_id("0"), None);
        assert_eq!(split_id("-3"), None);
        assert_eq!(split_id(""), None);
    }

    #[test]
    fn a_topic_is_one_word_after_its_keyword() {
        assert_eq!(
            split_topic("หมวด การบริจาค บริจาคของได้ไหม = ได้"),
            Some(("การบริจาค", " บริจาคของได้ไหม = ได้"))
        );
        assert_eq!(split_topic("หมวดหมู่ของคำถาม = x"), None);
        assert_eq!(split_topic("บริจาค = ได้"), None);
        assert_eq!(split_topic("หมวด "), None);
    }
}
