//! How entries look in chat: the answer text escaped, with the office's details filled in.

use crate::core::{Button, Ctx};
use crate::i18n::{Arg, Lang, escape_html, fill};

use super::store::Entry;

/// What an answer may state besides the configuration, loaded by the handler that shows it
/// ([`super::answer_facts`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct AnswerFacts {
    /// The working days to take up a complaint and to give its result; unknown when no
    /// capability keeps cases, and then the line that needs them goes.
    pub complaint_working_days: Option<(u32, u32)>,
}

/// Longest question shown on a button, in characters; longer ones end with "…".
const BUTTON_LABEL_CHARS: usize = 60;

/// An entry's answer as Telegram HTML: the text is escaped (answers are plain text, so they
/// can never carry markup), then `{office_name}`, `{office_phone}`, `{office_email}` and
/// `{office_address}` are filled in, escaped too, from the configuration, and
/// `{donation_account}` with the office's account for gifts, and `{complaint_ack_days}` and
/// `{complaint_result_days}` with the working days the office has set for taking up a case and
/// for its result (kept by complaints, through the core's `RequestDesk`). A line whose details are all
/// unset is left out rather than printed with a gap; a line ending with ":" that leads only
/// into such lines says instead that the details are not set up yet. The shipped answers give each detail a line of its own, so
/// only a detail unset beside a set one on a line staff wrote, or in an answer with no other
/// line, says to ask the office.
pub fn answer_html(ctx: &Ctx, lang: Lang, answer: &str, facts: AnswerFacts) -> String {
    let office = &ctx.env.config.office;
    let account = office
        .giving
        .as_ref()
        .map(|giving| crate::core::giving::account_html(ctx, lang, giving));
    let working_days = facts.complaint_working_days;
    let details = [
        ("office_name", Some(escape_html(&office.name))),
        ("office_phone", Some(escape_html(&office.phone))),
        ("office_email", Some(escape_html(&office.email))),
        ("office_address", Some(escape_html(&office.address))),
        ("donation_account", account),
        (
            "complaint_ack_days",
            working_days.map(|(acknowledge, _)| acknowledge.to_string()),
        ),
        (
            "complaint_result_days",
            working_days.map(|(_, result)| result.to_string()),
        ),
    ]
    .map(|(name, value)| (name, value.filter(|v| !v.trim().is_empty())));
    // Whether each detail a line carries is set.
    let details_set = |line: &str| -> Vec<bool> {
        details
            .iter()
            .filter(|(name, _)| line.contains(&format!("{{{name}}}")))
            .map(|(_, value)| value.is_some())
            .collect()
    };
    let carries_details = |line: &str| !details_set(line).is_empty();
    // A line is left out when it carries details and none of them is set (a line that also
    // carries a set detail keeps it).
    let needs_unset = |line: &str| {
        let set = details_set(line);
        !set.is_empty() && !set.contains(&true)
    };
    // A line ending with ":" leads into the detail lines under it ("ติดต่อได้ที่:" then
    // "• โทร …"), and goes with them when every one of them is left out.
    let lines: Vec<&str> = answer.lines().collect();
    let leads_only_into_unset = |index: usize| {
        let details_below: Vec<&str> = lines[index + 1..]
            .iter()
            .copied()
            .take_while(|line| carries_details(line))
            .collect();
        lines[index].trim_end().ends_with(':')
            && !details_below.is_empty()
            && details_below.iter().all(|line| needs_unset(line))
    };
    // Such a lead-in stays, saying the details are not set up yet, so that the answer still
    // tells where things stand ("ติดต่อ… ได้ที่ (ยังไม่ได้ใส่…)"), not only what follows it.
    let details_unset = ctx.env.locales.text(lang, "faq.office_details_unset", &[]);
    let kept: Vec<String> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !needs_unset(line))
        .map(|(index, line)| {
            if leads_only_into_unset(index) {
                let lead_in = line.trim_end().trim_end_matches(':').trim_end();
                format!("{lead_in} {details_unset}")
            } else {
                line.to_string()
            }
        })
        .collect();
    let text = if kept.iter().all(|line| line.trim().is_empty()) {
        answer.to_string()
    } else {
        kept.join("\n")
    };
    let not_set = ctx.env.locales.text(lang, "faq.office_not_set", &[]);
    let args: Vec<(&str, Arg)> = details
        .iter()
        .map(|(name, value)| {
            (
                *name,
                Arg::Html(value.clone().unwrap_or_else(|| not_set.clone())),
            )
        })
        .collect();
    fill(lang, &escape_html(&text), &args)
}

/// The message text of `template` (`faq.answer`, `faq.post`, `faq.weekly_post`) for `entry`.
pub fn entry_text(
    ctx: &Ctx,
    lang: Lang,
    template: &str,
    entry: &Entry,
    facts: AnswerFacts,
) -> String {
    ctx.env.locales.text(
        lang,
        template,
        &[
            ("question", Arg::from(&entry.question)),
            (
                "answer",
                Arg::Html(answer_html(ctx, lang, &entry.answer, facts)),
            ),
            ("topic", Arg::from(&entry.topic)),
            ("id", Arg::from(entry.id)),
        ],
    )
}

/// A button that shows the answer to `question`.
pub fn question_button(question: &str, data: String) -> Button {
    Button::Callback {
        label: shortened(question, BUTTON_LABEL_CHARS),
        data,
    }
}

/// `text` on one line, cut to at most `max_chars` characters.
pub fn shortened(text: &str, max_chars: usize) -> String {
    let one_line = super::store::collapse_spaces(text);
    if one_line.chars().count() <= max_chars {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_shortened_on_one_line() {
        assert_eq!(shortened("ทุน\nการศึกษา", 60), "ทุน การศึกษา");
        let long = "ก".repeat(80);
        let short = shortened(&long, 60);
        assert_eq!(short.chars().count(), 60);
        assert!(short.ends_with('…'));
    }
}
