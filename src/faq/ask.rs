//! Answering questions: `ถาม …` anywhere, free text in a private chat, and the buttons of
//! related questions. When two or three entries are about as likely, it asks which one is
//! meant, with them first among the buttons; when none is close enough it says it is not
//! sure. Either way
//! it logs the question (text and date only) and offers to send it to the staff.

use crate::core::{
    Button, CoreResult, Ctx, OutMessage, refuse, small_talk, start_button, start_buttons_wished,
    states_a_wish,
};
use crate::i18n::Arg;

use super::index;
use super::matcher::{Hit, Verdict, verdict};
use super::render::{self, question_button};
use super::store::{self, Entry, collapse_spaces, requests};

/// Longer messages are not questions for the knowledge base (and would not fit a button or
/// a staff post); the asker is asked to shorten them.
pub const MAX_QUESTION_CHARS: usize = 1000;
/// Related questions offered under an answer, and suggestions when unsure.
const RELATED: usize = super::matcher::VERDICT_HITS - 1;

/// `ถาม <คำถาม>` / `/ask <คำถาม>`.
pub fn ask(ctx: &mut Ctx, args: &str) -> CoreResult {
    let question = args.trim();
    if question.is_empty() {
        return refuse("faq.ask_usage", vec![]);
    }
    if let Some(answer) = small_talk(question) {
        return answer(ctx);
    }
    let hits = search(ctx, question)?;
    reply_to_question(ctx, question, &hits)
}

/// Free text in a private chat is a question, unless it has no words to search for
/// ("สวัสดีค่ะ", emoji): then the general menu helps more than "not sure".
pub fn on_private_text(ctx: &mut Ctx, text: &str) -> CoreResult<bool> {
    let hits = search(ctx, text)?;
    if hits.is_empty() {
        return Ok(false);
    }
    reply_to_question(ctx, text, &hits)?;
    Ok(true)
}

fn search(ctx: &mut Ctx, question: &str) -> CoreResult<Vec<Hit>> {
    if question.chars().count() > MAX_QUESTION_CHARS {
        return refuse(
            "faq.question_too_long",
            vec![("max", Arg::from(MAX_QUESTION_CHARS))],
        );
    }
    index::search(ctx, question, RELATED + 1)
}

fn reply_to_question(ctx: &mut Ctx, question: &str, hits: &[Hit]) -> CoreResult {
    match verdict(hits) {
        Verdict::Answer => {
            if let Some(entry) = store::live_entry(ctx.conn, hits[0].id)? {
                let related: Vec<i64> = hits[1..].iter().map(|hit| hit.id).collect();
                let mut message = answer_message(ctx, &entry, &related, Navigation::Chat)?;
                for button in start_buttons_wished(ctx, question) {
                    add_unless_shown(&mut message.buttons, button);
                }
                ctx.reply(message);
                return Ok(());
            }
            not_sure(ctx, question, hits, Unsure::NoneClose)
        }
        // The close candidates first, then the next closest: the right one is sometimes third.
        Verdict::Choose(_) => not_sure(ctx, question, hits, Unsure::Between),
        Verdict::NotSure => not_sure(ctx, question, hits, Unsure::NoneClose),
    }
}

/// Why the bot does not answer with one entry.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unsure {
    /// Two or three entries are about as likely: the asker picks.
    Between,
    /// No entry is close enough: the nearest are only suggestions.
    NoneClose,
}

/// How the buttons under an answer behave.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Navigation {
    /// In a conversation: a related question is answered in a new message.
    Chat,
    /// Browsing `/faq`: the message is replaced, with a way back to the topic and the topics.
    Browse,
}

/// The entry's answer with up to [`RELATED`] related questions as buttons.
pub fn answer_message(
    ctx: &Ctx,
    entry: &Entry,
    related: &[i64],
    navigation: Navigation,
) -> CoreResult<OutMessage> {
    let mut text = render::entry_text(ctx, ctx.lang, "faq.answer", entry, super::answer_facts(ctx));
    let mut rows = Vec::new();
    for &id in related.iter().filter(|&&id| id != entry.id).take(RELATED) {
        if let Some(other) = store::live_entry(ctx.conn, id)? {
            rows.push(vec![question_button(
                &other.question,
                show_data(navigation, id),
            )]);
        }
    }
    if !rows.is_empty() {
        text.push_str("\n\n");
        text.push_str(&ctx.t("faq.related", &[]));
    }
    // "พิมพ์ว่า ร้องเรียน": the command the answer tells the reader to type, one press away.
    for button in start_buttons_told(ctx, &entry.answer) {
        add_unless_shown(&mut rows, button);
    }
    if navigation == Navigation::Browse {
        rows.push(vec![
            Button::Callback {
                label: ctx.t(
                    "faq.button_back_to_topic",
                    &[("topic", Arg::from(&entry.topic))],
                ),
                data: format!("faq:t:{}:0", entry.id),
            },
            ctx.button("faq.button_topics", "faq:topics"),
        ]);
    }
    Ok(OutMessage::text(text).with_buttons(rows))
}

/// Adds `button` on a row of its own, unless `rows` already shows it.
fn add_unless_shown(rows: &mut Vec<Vec<Button>>, button: Button) {
    if !rows.iter().flatten().any(|shown| *shown == button) {
        rows.push(vec![button]);
    }
}

/// The start buttons of the commands an answer tells its reader to type (the word after
/// พิมพ์ว่า), where this person may start them here ([`start_button`]).
fn start_buttons_told<'a>(ctx: &'a Ctx, answer: &'a str) -> impl Iterator<Item = Button> + 'a {
    answer
        .match_indices("พิมพ์ว่า")
        .filter_map(|(at, told)| answer[at + told.len()..].split_whitespace().next())
        .filter_map(|keyword| start_button(ctx, keyword))
}

/// Button data that shows entry `id` the way `navigation` says.
pub fn show_data(navigation: Navigation, id: i64) -> String {
    match navigation {
        Navigation::Chat => format!("faq:a:{id}"),
        Navigation::Browse => format!("faq:q:{id}"),
    }
}

/// A related question's button was pressed under an answer: its answer, in a new message.
pub fn show_related(ctx: &mut Ctx, id: i64) -> CoreResult {
    let Some(entry) = store::live_entry(ctx.conn, id)? else {
        ctx.answer_button_with("faq.entry_gone", &[]);
        return Ok(());
    };
    let related = related_to(ctx, &entry)?;
    let message = answer_message(ctx, &entry, &related, Navigation::Chat)?;
    ctx.reply(message);
    Ok(())
}

/// Ids of the entries closest to `entry`'s own question.
pub fn related_to(ctx: &mut Ctx, entry: &Entry) -> CoreResult<Vec<i64>> {
    let hits = index::search(ctx, &entry.question, RELATED + 1)?;
    Ok(hits
        .into_iter()
        .map(|hit| hit.id)
        .filter(|&id| id != entry.id)
        .collect())
}

/// An honest "which one?" or "not sure": the candidates or closest questions as buttons, and
/// the offer to ask the staff.
fn not_sure(ctx: &mut Ctx, question: &str, hits: &[Hit], unsure: Unsure) -> CoreResult {
    let logged = log_unanswered(ctx, question)?;
    let (heading, listed) = match unsure {
        Unsure::Between => ("faq.which_one", "faq.candidates"),
        Unsure::NoneClose => ("faq.not_sure", "faq.suggestions"),
    };
    let mut text = ctx.t(heading, &[]);
    let mut rows = Vec::new();
    let mut told = None;
    for hit in hits.iter().take(RELATED) {
        if let Some(entry) = store::live_entry(ctx.conn, hit.id)? {
            if told.is_none() && (rows.is_empty() || unsure == Unsure::Between) {
                told = start_buttons_told(ctx, &entry.answer).next();
            }
            rows.push(vec![question_button(
                &entry.question,
                show_data(Navigation::Chat, hit.id),
            )]);
        }
    }
    if !rows.is_empty() {
        text.push_str("\n\n");
        text.push_str(&ctx.t(listed, &[]));
    }
    // "ขอร้องเรียนครูค่ะ": what they said they want to do, one press away.
    rows.extend(
        start_buttons_wished(ctx, question)
            .into_iter()
            .map(|button| vec![button]),
    );
    // "อยากแจ้งเรื่องครูตีเด็กค่ะ": a wish that names no command, where the nearest entry, or
    // one of the close ones offered as a choice, tells the one that does it. Not a later
    // suggestion: it may be about something else ("อยากให้ลูกได้ทุน", giving one third).
    if let Some(button) = told.filter(|_| states_a_wish(question)) {
        add_unless_shown(&mut rows, button);
    }
    text.push_str("\n\n");
    text.push_str(&ctx.t("faq.offer_staff", &[("messenger", ctx.messenger())]));
    rows.push(vec![
        ctx.button("faq.button_ask_staff", format!("faq:esc:{logged}")),
    ]);
    rows.push(vec![ctx.button("faq.button_faq", "faq:menu")]);
    ctx.reply(OutMessage::text(text).with_buttons(rows));
    Ok(())
}

/// Keeps the question for staff to see what people ask: its text and the date, nothing
/// about who asked or where, and no long number in it (a complaint's tracking code typed as
/// "ตรวจสอบสถานะ 7982 3111 0060 9892", a phone number), which staff would otherwise read.
fn log_unanswered(ctx: &Ctx, question: &str) -> CoreResult<i64> {
    Ok(requests::log_unanswered(
        ctx.conn,
        ctx.today(),
        &without_long_numbers(&collapse_spaces(question)),
    )?)
}

/// Numbers this long are codes or phone numbers, never what a question is about.
const LONG_NUMBER_DIGITS: usize = 8;

/// `text` with every run of at least [`LONG_NUMBER_DIGITS`] digits (Thai or Arabic, in groups
/// split by a space or a dash) replaced by "•••".
fn without_long_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    while at < chars.len() {
        if !crate::thai::is_digit(chars[at]) {
            kept.push(chars[at]);
            at += 1;
            continue;
        }
        // The run: digits, and single spaces or dashes between them.
        let mut end = at;
        let mut digits = 0;
        while end < chars.len() {
            if crate::thai::is_digit(chars[end]) {
                digits += 1;
                end += 1;
            } else if matches!(chars[end], ' ' | '-')
                && chars
                    .get(end + 1)
                    .is_some_and(|&c| crate::thai::is_digit(c))
            {
                end += 1;
            } else {
                break;
            }
        }
        if digits >= LONG_NUMBER_DIGITS {
            kept.push_str("•••");
        } else {
            kept.extend(&chars[at..end]);
        }
        at = end;
    }
    kept
}
