//! Workflow templates: the shipped ones (`data/calendar/templates.toml`) and those staff add
//! with `เพิ่มแม่แบบ`, in one step format; `เริ่มงาน` turns one into deadlines.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::audience::{self, Audience};
use super::parse::{self, InputError};
use super::schedule::{self, LeadDays, Span, StepTiming};
use super::store::{self, Creator, NewRow, StoredTemplate};
use crate::core::{CoreError, CoreResult, Ctx, OutMessage, Role, refuse};
use crate::i18n::Arg;
use crate::thai::{self, PeriodKind};

const SHIPPED_FILE: &str = include_str!("../../data/calendar/templates.toml");

/// Most steps in one template.
pub const MAX_STEPS: usize = 30;
/// Longest template name, in characters.
const MAX_NAME_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub title: String,
    /// As written, for listing.
    pub timing_text: String,
    pub timing: StepTiming,
    pub owner: Option<String>,
    pub audience: Option<Audience>,
}

#[derive(Debug, Clone)]
pub struct Template {
    /// One word, typed after `เริ่มงาน`.
    pub name: String,
    pub title: String,
    /// Where the steps come from (shipped templates) or who added it.
    pub note: String,
    pub steps: Vec<Step>,
}

/// A step line that could not be read: its number (from 1) and what was wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepError {
    pub line: usize,
    pub kind: StepErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepErrorKind {
    NoTitle,
    TitleTooLong,
    NoTiming,
    BadTiming,
    BadOption,
}

impl StepErrorKind {
    fn locale_key(self) -> &'static str {
        match self {
            StepErrorKind::NoTitle => "calendar.step_no_title",
            StepErrorKind::TitleTooLong => "calendar.step_title_too_long",
            StepErrorKind::NoTiming => "calendar.step_no_timing",
            StepErrorKind::BadTiming => "calendar.step_bad_timing",
            StepErrorKind::BadOption => "calendar.step_bad_option",
        }
    }
}

/// Reads the step lines of a template; blank lines are skipped.
pub fn parse_steps(text: &str) -> Result<Vec<Step>, StepError> {
    text.lines()
        .map(str::trim)
        .enumerate()
        .filter(|(_, line)| !line.is_empty())
        .map(|(index, line)| {
            parse_step(line).map_err(|kind| StepError {
                line: index + 1,
                kind,
            })
        })
        .collect()
}

/// `<เรื่อง> | <เวลา> [| ผู้รับผิดชอบ <ชื่อ>] [| แจ้ง <กลุ่ม>]`.
fn parse_step(line: &str) -> Result<Step, StepErrorKind> {
    let mut parts = line.split('|').map(str::trim);
    let title = parse::title(parts.next().unwrap_or_default()).map_err(|e| match e {
        InputError::TitleTooLong => StepErrorKind::TitleTooLong,
        _ => StepErrorKind::NoTitle,
    })?;
    let timing_text = parts
        .next()
        .filter(|t| !t.is_empty())
        .ok_or(StepErrorKind::NoTiming)?;
    let timing = parse_timing(timing_text).ok_or(StepErrorKind::BadTiming)?;
    let mut step = Step {
        title,
        timing_text: timing_text.to_string(),
        timing,
        owner: None,
        audience: None,
    };
    for option in parts {
        if let Some(owner) = option.strip_prefix("ผู้รับผิดชอบ") {
            let owner = owner.trim_start_matches([':', ' ']).trim();
            if owner.is_empty() {
                return Err(StepErrorKind::BadOption);
            }
            step.owner = Some(owner.to_string());
        } else if let Some(word) = option.strip_prefix("แจ้ง") {
            step.audience = Some(Audience::parse(word).ok_or(StepErrorKind::BadOption)?);
        } else {
            return Err(StepErrorKind::BadOption);
        }
    }
    Ok(step)
}

/// "1 สัปดาห์", "3 วัน", "5 วันทำการ", "ภายใน 15 วัน", "พฤษภาคม", "กุมภาพันธ์ ปีถัดไป".
pub fn parse_timing(text: &str) -> Option<StepTiming> {
    let text = thai::normalize_digits(text.trim());
    if let Some(rest) = text.strip_prefix("ภายใน") {
        return parse_span(rest).map(StepTiming::Within);
    }
    if let Some(span) = parse_span(&text) {
        return Some(StepTiming::After(span));
    }
    let (month_text, next_year) = match text
        .strip_suffix("ปีถัดไป")
        .map(|t| t.trim_end().strip_suffix("ของ").unwrap_or(t))
    {
        Some(month_text) => (month_text, true),
        None => (text.as_str(), false),
    };
    let month_text = month_text.trim();
    let month_text = month_text.strip_prefix("เดือน").unwrap_or(month_text);
    let month = thai::parse_month(month_text)?;
    Some(StepTiming::ByMonth { month, next_year })
}

fn parse_span(text: &str) -> Option<Span> {
    // Digits are ASCII here: parse_timing normalised them.
    let (digits, unit) = thai::split_leading_digits(text.trim());
    let count: u32 = digits.parse().ok()?;
    if count == 0 || count > 3650 {
        return None;
    }
    match unit.trim() {
        "วัน" => Some(Span::Days(count)),
        "วันทำการ" => Some(Span::WorkingDays(count)),
        "สัปดาห์" | "อาทิตย์" => Some(Span::Weeks(count)),
        _ => None,
    }
}

#[derive(Deserialize)]
struct ShippedFile {
    template: Vec<ShippedTemplate>,
}

#[derive(Deserialize)]
struct ShippedTemplate {
    name: String,
    title: String,
    source: String,
    steps: String,
}

/// The templates shipped in `data/calendar/templates.toml`, read once. The file is part of the
/// binary and a test reads every template, so a broken entry is a build defect; it is logged
/// and left out rather than stopping the bot.
pub fn shipped() -> &'static [Template] {
    static SHIPPED: OnceLock<Vec<Template>> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let file: ShippedFile = match toml::from_str(SHIPPED_FILE) {
            Ok(file) => file,
            Err(e) => {
                log::error!("data/calendar/templates.toml does not parse: {e}");
                return Vec::new();
            }
        };
        file.template
            .into_iter()
            .filter_map(|t| match parse_steps(&t.steps) {
                Ok(steps) => Some(Template {
                    name: t.name,
                    title: t.title,
                    note: t.source,
                    steps,
                }),
                Err(e) => {
                    log::error!("shipped template {} has a bad step: {e:?}", t.name);
                    None
                }
            })
            .collect()
    })
}

/// Every template, shipped ones first.
fn all_templates(ctx: &Ctx) -> CoreResult<Vec<Template>> {
    let mut templates = shipped().to_vec();
    for stored in store::templates(ctx.conn)? {
        let StoredTemplate {
            name,
            title,
            steps,
            created_by_name: by,
        } = stored;
        match parse_steps(&steps) {
            Ok(steps) => templates.push(Template {
                name,
                title,
                note: ctx.t("calendar.template_added_by", &[("name", Arg::from(by))]),
                steps,
            }),
            Err(e) => log::error!("stored template {name} has a bad step: {e:?}"),
        }
    }
    Ok(templates)
}

fn step_line(ctx: &Ctx, number: usize, step: &Step) -> String {
    let mut extras = String::new();
    if let Some(owner) = &step.owner {
        extras.push(' ');
        extras.push_str(&ctx.t("calendar.line_owner", &[("owner", Arg::from(owner))]));
    }
    if let Some(audience) = step.audience {
        extras.push(' ');
        let group = ctx.t(audience.name_key(), &[]);
        extras.push_str(&ctx.t("calendar.line_audience", &[("group", Arg::from(group))]));
    }
    ctx.t(
        "calendar.template_step",
        &[
            ("number", Arg::from(number)),
            ("title", Arg::from(&step.title)),
            ("timing", Arg::from(&step.timing_text)),
            ("extras", Arg::Html(extras)),
        ],
    )
}

/// `แม่แบบงาน`: every template with its steps, how to start one and how to add one.
pub fn list(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let mut lines = vec![ctx.t("calendar.templates_title", &[])];
    for template in all_templates(ctx)? {
        lines.push(String::new());
        lines.push(ctx.t(
            "calendar.template_head",
            &[
                ("name", Arg::from(&template.name)),
                ("title", Arg::from(&template.title)),
            ],
        ));
        lines.push(ctx.t(
            "calendar.template_note",
            &[("note", Arg::from(&template.note))],
        ));
        for (index, step) in template.steps.iter().enumerate() {
            lines.push(step_line(ctx, index + 1, step));
        }
    }
    lines.push(String::new());
    lines.push(ctx.t("calendar.templates_start_help", &[]));
    lines.push(String::new());
    lines.push(ctx.t("calendar.templates_add_help", &[]));
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// Where a workflow starts: a date, or a fiscal year (from its 1 October); the year whose
/// months the steps given by month fall in; and how to name the start in the reply.
fn parse_start(ctx: &Ctx, text: &str) -> CoreResult<(NaiveDate, i32, String)> {
    let today = ctx.today();
    if let Ok(period) = thai::parse_period(text, today)
        && let PeriodKind::FiscalYear(fiscal_year) = period.kind
    {
        return Ok((period.start, fiscal_year - 543, ctx.period(&period)));
    }
    match thai::parse_date(text, today) {
        Ok(date) => Ok((date, date.year(), ctx.date_with_weekday(date))),
        Err(thai::DateError::Empty) => refuse("calendar.start_usage", vec![]),
        Err(e) => Err(super::deadlines::input_refusal(
            ctx,
            InputError::Date(e),
            text,
        )),
    }
}

/// `เริ่มงาน <แม่แบบ> <วันที่เริ่ม|ปีงบ 2569> [ผู้รับผิดชอบ …] [แจ้ง …]`: one deadline per step
/// still ahead. A step's own `แจ้ง` wins over the command's; the command's `ผู้รับผิดชอบ` names
/// the owner of every step.
pub fn start(ctx: &mut Ctx, args: &str) -> CoreResult {
    let args = args.trim();
    let (name, rest) = args.split_once(char::is_whitespace).unwrap_or((args, ""));
    if name.is_empty() {
        return refuse("calendar.start_usage", vec![]);
    }
    let templates = all_templates(ctx)?;
    let Some(template) = templates.iter().find(|t| t.name == name) else {
        let names = templates
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        return refuse(
            "calendar.template_unknown",
            vec![("name", Arg::from(name)), ("names", Arg::from(names))],
        );
    };
    let options = parse::split_options(rest);
    let (start, year, start_label) = parse_start(ctx, options.title)?;
    let timings: Vec<StepTiming> = template.steps.iter().map(|s| s.timing).collect();
    let work = crate::office::work_calendar(ctx.conn)?;
    let Some(dues) = schedule::step_due_dates(&timings, start, year, &work) else {
        return refuse("calendar.start_usage", vec![]);
    };
    let today = ctx.today();
    if dues.iter().all(|due| *due < today) {
        return refuse(
            "calendar.start_all_past",
            vec![
                ("name", Arg::from(&template.name)),
                ("date", Arg::Date(dues.last().copied().unwrap_or(start))),
            ],
        );
    }
    if let Some((first, last)) = store::started_already(ctx.conn, &template.name, start)? {
        return refuse(
            "calendar.start_already",
            vec![
                ("name", Arg::from(&template.name)),
                ("start", Arg::from(start_label)),
                ("first", Arg::from(first)),
                ("last", Arg::from(last)),
            ],
        );
    }
    let workflow_id = store::insert_workflow(ctx, &template.name, &template.title, start)?;
    let (default_audience, private_default) = match options.audience {
        Some(audience) => (audience, false),
        None => audience::default_audience(ctx),
    };
    let leads = LeadDays::default();
    let origin = ctx.t(
        "calendar.origin_template",
        &[("name", Arg::from(&template.name))],
    );
    let total = template.steps.len();
    let mut lines = vec![ctx.t(
        "calendar.started",
        &[
            ("title", Arg::from(&template.title)),
            ("start", Arg::from(start_label)),
        ],
    )];
    let mut skipped = Vec::new();
    // Steps due on a day the office is closed: said as for a single deadline, dates kept.
    let mut days_off = Vec::new();
    // The steps on a day off with a working day before them still to come.
    let mut movable = Vec::new();
    // Per step added: its audience, number, title and due date, for the groups' announcements
    // (written in the groups' language).
    let mut added: Vec<(Audience, i64, String, NaiveDate)> = Vec::new();
    for (index, (step, due)) in template.steps.iter().zip(dues).enumerate() {
        let title = format!("{} ({}/{total}) {}", template.name, index + 1, step.title);
        if due < today {
            skipped.push(ctx.t(
                "calendar.started_skipped_line",
                &[("title", Arg::from(&title)), ("date", Arg::Date(due))],
            ));
            continue;
        }
        let audience = step.audience.unwrap_or(default_audience);
        let owner = options.owner.or(step.owner.as_deref());
        let row = NewRow {
            title: &title,
            due,
            owner,
            audience,
            leads: &leads,
            rule_id: None,
            workflow: Some((workflow_id, index)),
            origin: Some(&origin),
        };
        let id = store::insert(ctx, &Creator::of(ctx), &row)?;
        lines.push(started_line(ctx, id, &title, due, audience));
        added.push((audience, id, title, due));
        if let Some(day_off) = schedule::due_on_day_off(due, today, &work) {
            if day_off.working_day_before.is_some() {
                movable.push(id);
            }
            days_off.push(super::view::day_off_text(
                ctx,
                id,
                due,
                day_off,
                [
                    "calendar.started_day_off_line",
                    "calendar.started_day_off_no_earlier_line",
                ],
            ));
        }
    }
    if !days_off.is_empty() {
        lines.push(ctx.t("calendar.started_days_off", &[]));
        lines.extend(days_off);
    }
    // Five เลื่อน commands to type for a start on a Sunday: one press moves them all.
    let buttons = match movable.first() {
        Some(first) if movable.len() > 1 => {
            lines.push(ctx.t("calendar.started_days_off_all", &[]));
            vec![vec![ctx.button(
                "calendar.button_days_off_to_working_days",
                format!("calendar:workdays:{first}"),
            )]]
        }
        _ => Vec::new(),
    };
    if !skipped.is_empty() {
        lines.push(ctx.t("calendar.started_skipped", &[]));
        lines.extend(skipped);
    }
    if private_default {
        lines.push(ctx.t("calendar.added_private_default", &[]));
    }
    lines.push(super::view::lead_summary(ctx, &leads));
    ctx.reply(OutMessage::text(lines.join("\n")).with_buttons(buttons));
    let roles: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|role| added.iter().any(|(a, ..)| a.roles().contains(role)))
        .collect();
    audience::announce(ctx, &roles, |ctx, role| {
        let steps: Vec<String> = added
            .iter()
            .filter(|(audience, ..)| audience.roles().contains(&role))
            .map(|(audience, id, title, due)| started_line(ctx, *id, title, *due, *audience))
            .collect();
        let title = ctx.t(
            "calendar.announced_workflow",
            &[
                ("title", Arg::from(&template.title)),
                ("who", Arg::from(&ctx.event.actor.name)),
            ],
        );
        format!("{title}\n{}", steps.join("\n"))
    })?;
    Ok(())
}

/// A step as the start of its workflow lists it: number, title, due date, the group reminded.
fn started_line(ctx: &Ctx, id: i64, title: &str, due: NaiveDate, audience: Audience) -> String {
    let group = ctx.t(audience.name_key(), &[]);
    ctx.t(
        "calendar.started_line",
        &[
            ("id", Arg::from(id)),
            ("title", Arg::from(title)),
            ("date", Arg::Date(due)),
            ("group", Arg::from(group)),
        ],
    )
}

/// `เพิ่มแม่แบบ <ชื่อ> [คำอธิบาย]` and, on the following lines, one step a line. A template
/// with the same name is replaced when its author (or an admin) adds it again.
pub fn add(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (first_line, step_lines) = args.split_once('\n').unwrap_or((args, ""));
    let first_line = first_line.trim();
    let (name, title) = first_line
        .split_once(char::is_whitespace)
        .map(|(n, t)| (n, t.trim()))
        .unwrap_or((first_line, ""));
    if name.is_empty() || step_lines.trim().is_empty() {
        return refuse("calendar.templates_add_help", vec![]);
    }
    if name.chars().count() > MAX_NAME_CHARS || name.starts_with(|c: char| c.is_numeric()) {
        return refuse(
            "calendar.template_bad_name",
            vec![("max", Arg::from(MAX_NAME_CHARS))],
        );
    }
    let steps = parse_steps(step_lines).map_err(|e| {
        let problem = ctx.t(e.kind.locale_key(), &[]);
        CoreError::Refusal {
            key: "calendar.template_bad_step",
            args: vec![("line", Arg::from(e.line)), ("problem", Arg::Html(problem))],
        }
    })?;
    if steps.len() > MAX_STEPS {
        return refuse(
            "calendar.template_too_many_steps",
            vec![("max", Arg::from(MAX_STEPS))],
        );
    }
    if shipped().iter().any(|t| t.name == name) {
        return refuse("calendar.template_shipped", vec![("name", Arg::from(name))]);
    }
    let existing = store::template_author(ctx.conn, name)?;
    if let Some(author) = &existing
        && author.id != ctx.event.actor.user_id
        && !ctx.is_admin()
    {
        return refuse(
            "calendar.template_taken",
            vec![
                ("name", Arg::from(name)),
                ("author", Arg::from(&author.name)),
            ],
        );
    }
    let title = if title.is_empty() { name } else { title };
    let stored_steps = step_lines
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    store::save_template(ctx, name, title, &stored_steps)?;
    let action = if existing.is_some() {
        "calendar.template_replace"
    } else {
        "calendar.template_add"
    };
    ctx.audit(action, &format!("template:{name}"), &stored_steps)?;
    let key = if existing.is_some() {
        "calendar.template_replaced"
    } else {
        "calendar.template_saved"
    };
    let mut lines = vec![ctx.t(
        key,
        &[("name", Arg::from(name)), ("count", Arg::from(steps.len()))],
    )];
    for (index, step) in steps.iter().enumerate() {
        lines.push(step_line(ctx, index + 1, step));
    }
    lines.push(ctx.t("calendar.template_saved_hint", &[("name", Arg::from(name))]));
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_template_reads_and_matches_the_documents() {
        let file: ShippedFile = toml::from_str(SHIPPED_FILE).unwrap();
        for template in &file.template {
            parse_steps(&template.steps).unwrap_or_else(|e| panic!("{}: {e:?}", template.name));
        }
        let templates = shipped();
        assert_eq!(templates.len(), file.template.len());
        let scholarships = templates.iter().find(|t| t.name == "ทุนการศึกษา").unwrap();
        assert_eq!(scholarships.steps.len(), 5);
        assert!(
            scholarships
                .steps
                .iter()
                .all(|s| s.timing == StepTiming::After(Span::Weeks(1)))
        );
        let community = templates.iter().find(|t| t.name == "ชุมชน").unwrap();
        let months: Vec<_> = community.steps.iter().map(|s| s.timing).collect();
        assert_eq!(
            months,
            [(5, false), (6, false), (8, false), (2, true), (3, true)]
                .map(|(month, next_year)| StepTiming::ByMonth { month, next_year })
        );
        assert_eq!(community.steps[1].audience, Some(Audience::Principals));
        assert!(
            community.steps[1]
                .title
                .contains("ทะเบียนคณะกรรมการสถานศึกษาขั้นพื้นฐาน")
        );
        let complaints = templates.iter().find(|t| t.name == "ร้องเรียน").unwrap();
        assert_eq!(
            complaints.steps[0].timing,
            StepTiming::Within(Span::WorkingDays(5))
        );
        // The result within 15 working days, as a case's own result deadline counts them.
        assert_eq!(
            complaints.steps[1].timing,
            StepTiming::Within(Span::WorkingDays(15))
        );
        let project = templates.iter().find(|t| t.name == "โครงการ").unwrap();
        assert_eq!(project.steps.len(), 4);
    }

    #[test]
    fn step_lines_read_title_timing_owner_and_group() {
        let steps = parse_steps(
            "ส่งวาระ | 1 สัปดาห์ | ผู้รับผิดชอบ กลุ่มอำนวยการ\n\n  ประชุม | ภายใน ๑๐ วัน | แจ้ง ทั้งหมด\nสรุป | มีนาคมของปีถัดไป",
        )
        .unwrap();
        assert_eq!(steps.len(), 3);
        assert_eq!(steps[0].owner.as_deref(), Some("กลุ่มอำนวยการ"));
        assert_eq!(steps[1].timing, StepTiming::Within(Span::Days(10)));
        assert_eq!(steps[1].audience, Some(Audience::All));
        assert_eq!(
            steps[2].timing,
            StepTiming::ByMonth {
                month: 3,
                next_year: true
            }
        );
    }

    #[test]
    fn bad_step_lines_name_their_line_and_problem() {
        let error = |text| parse_steps(text).unwrap_err();
        assert_eq!(
            error("ก | 1 สัปดาห์\nข"),
            StepError {
                line: 2,
                kind: StepErrorKind::NoTiming
            }
        );
        assert_eq!(error("ก | เร็วๆ นี้").kind, StepErrorKind::BadTiming);
        assert_eq!(error("ก | 0 วัน").kind, StepErrorKind::BadTiming);
        assert_eq!(error(" | 1 วัน").kind, StepErrorKind::NoTitle);
        assert_eq!(error("ก | 1 วัน | แจ้ง ครู").kind, StepErrorKind::BadOption);
        assert_eq!(error("ก | 1 วัน | ด่วน").kind, StepErrorKind::BadOption);
    }
}
