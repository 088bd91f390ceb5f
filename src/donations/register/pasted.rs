//! Several donation lines pasted as one message (`บริจาค 500 จาก … เพื่อ …` on each line):
//! each line is a donation of its own, with its own number, proof and audit line, and one
//! summary lists the numbers. They are recorded all together or, when one line cannot be
//! recorded as it stands, none of them, with that line named: the whole message can then be
//! sent again, put right, and no line is recorded twice.

use super::draft::{self, Draft};
use super::parse::starts_a_part;
use super::record::{self, RECORDED};
use super::store::{self, Source};
use super::summary;
use crate::core::{CommandSpec, CoreError, CoreResult, Ctx, commands, refuse};
use crate::donations::{AREA, COMMANDS};
use crate::i18n::Arg;
use crate::thai::fiscal_year;

/// One donation command of the message: goods or money, and what follows its keyword.
pub struct Line {
    goods: bool,
    args: String,
}

/// The donation commands of a message whose first command is `goods` with `args`: a line
/// that starts with `บริจาค`, `บริจาคสิ่งของ` or their `/names` starts the next one; any other
/// line continues the one before (a long line wrapped). A line that is another command
/// (`ยอดบริจาค มิ.ย.`, `ใบอนุโมทนา 1/2569`) is no part of a record, nor run from inside this one:
/// the message is refused, naming it.
pub fn lines(ctx: &Ctx, goods: bool, args: &str) -> CoreResult<Vec<Line>> {
    let specs: Vec<&'static CommandSpec> = COMMANDS
        .iter()
        .filter(|spec| matches!(spec.name, "donate" | "donate_item"))
        .collect();
    let every_command: Vec<&'static CommandSpec> = ctx.env.commands().collect();
    let mut lines = vec![Line {
        goods,
        args: String::new(),
    }];
    for (index, text) in args.lines().enumerate() {
        let text = text.trim();
        let next = (index > 0)
            .then(|| commands::parse(text, &specs, ctx.bot_username))
            .flatten()
            .filter(|parsed| !parsed.for_other_bot);
        match (next, lines.last_mut()) {
            (Some(parsed), _) => lines.push(Line {
                goods: parsed.spec.name == "donate_item",
                args: parsed.args.to_string(),
            }),
            (None, Some(current)) => {
                if index > 0
                    && !starts_a_part(text)
                    && let Some(other) = commands::parse(text, &every_command, ctx.bot_username)
                {
                    return refuse(
                        "donations.pasted_line_is_a_command",
                        vec![
                            ("line", Arg::from(index + 1)),
                            ("command", Arg::from(ctx.command_word(other.spec.name))),
                        ],
                    );
                }
                if !current.args.is_empty() && !text.is_empty() {
                    current.args.push(' ');
                }
                current.args.push_str(text);
            }
            (None, None) => {}
        }
    }
    Ok(lines)
}

/// What a complete line would have been asked before it is numbered, when typed alone: its
/// date falls in a closed fiscal year, or the same donation is already recorded. Pasted among
/// others it cannot be asked, so the whole paste waits for that line to be sent alone.
fn asked_alone(ctx: &Ctx, draft: &Draft) -> CoreResult<Option<String>> {
    let new = record::new_donation(ctx, draft, Source::Staff)
        .expect("draft::complete leaves no part of the record open");
    let year = fiscal_year(new.received_on);
    if year < fiscal_year(ctx.today()) {
        return Ok(Some(ctx.t(
            "donations.pasted_line_closed_year",
            &[
                ("date", Arg::Date(new.received_on)),
                ("year", Arg::from(year)),
            ],
        )));
    }
    Ok(store::same_donation(ctx.conn, &new)?.map(|number| {
        ctx.t(
            "donations.pasted_line_same_as_recorded",
            &[("number", Arg::from(number))],
        )
    }))
}

/// Records every line, or none when one of them cannot be recorded as it stands (a refusal:
/// the savepoint of the update undoes what was written); answers with each proof and the
/// summary.
pub fn record_all(ctx: &mut Ctx, lines: &[Line]) -> CoreResult {
    let count = lines.len();
    let mut drafts = Vec::with_capacity(count);
    for (index, line) in lines.iter().enumerate() {
        let problem = match draft::from_line(ctx, line.goods, &line.args) {
            // Read from where its word was left out: to be checked alone, not numbered
            // among others.
            Ok(draft) if draft.needs_check() => ctx.t("donations.pasted_line_needs_check", &[]),
            Ok(draft) => match draft::complete(ctx, draft)? {
                Ok(draft) => match asked_alone(ctx, &draft)? {
                    None => {
                        drafts.push(draft);
                        continue;
                    }
                    Some(question) => question,
                },
                Err(question) => question,
            },
            Err(CoreError::Refusal { key, args }) => ctx.t(key, &args),
            Err(error) => return Err(error),
        };
        return refuse(
            "donations.pasted_line_problem",
            vec![
                ("line", Arg::from(index + 1)),
                ("count", Arg::from(count)),
                ("problem", Arg::Html(problem)),
            ],
        );
    }
    let mut donations = Vec::with_capacity(count);
    for draft in &drafts {
        let new = record::new_donation(ctx, draft, Source::Staff)
            .expect("draft::complete leaves no part of the record open");
        let id = record::record(ctx, &new)?;
        donations.extend(store::by_id(ctx.conn, id)?);
    }
    let ids: Vec<String> = donations.iter().map(|d| d.id.to_string()).collect();
    ctx.note_recorded(AREA, [], &format!("{RECORDED}:{}", ids.join(",")))?;
    let items: Vec<_> = donations.iter().map(summary::item).collect();
    let summary = summary::message(
        &ctx.env.locales,
        ctx.lang,
        &items,
        "donations.pasted_recorded",
    );
    ctx.reply(summary);
    for donation in &donations {
        let mut proof = record::proof_message(ctx, donation, false);
        // The summary above already stands for them: a busy group's lane keeps each proof
        // whole rather than summarize them again.
        proof.summary = None;
        ctx.reply(proof);
    }
    Ok(())
}
