//! Cases in the database: reading, writing, status changes with their history, and how a
//! case looks to the officers (the card) and to its filer (/track).

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::category::{Category, Kind};
use super::code::{self, CaseNumber, HashCost};
use super::status::Status;
use crate::core::{Attachment, CoreResult, Ctx, OutMessage, Persist, Role, refuse};
use crate::i18n::{Arg, escape_html};
use crate::thai::format_date;

#[derive(Debug, Clone)]
pub struct Case {
    pub id: i64,
    pub kind: Kind,
    pub number: CaseNumber,
    pub category: Category,
    pub anonymous: bool,
    pub filer_chat_id: Option<i64>,
    pub filer_user_id: Option<i64>,
    pub filer_contact: Option<String>,
    pub place: Option<String>,
    pub body: Option<String>,
    pub filed_on: NaiveDate,
    pub ack_due: NaiveDate,
    pub result_due: NaiveDate,
    pub status: Status,
    pub status_detail: Option<String>,
    pub assignee: Option<String>,
    pub acknowledged_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    pub purged_on: Option<NaiveDate>,
}

impl Case {
    /// The deadline that matters now: acknowledgement until someone took the case, then the
    /// result. `None` once closed.
    pub fn pending_deadline(&self) -> Option<(Deadline, NaiveDate)> {
        if self.status.is_closed() {
            None
        } else if self.acknowledged_on.is_none() {
            Some((Deadline::Acknowledge, self.ack_due))
        } else {
            Some((Deadline::Result, self.result_due))
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    Acknowledge,
    Result,
}

impl Deadline {
    pub fn code(self) -> &'static str {
        match self {
            Deadline::Acknowledge => "ack",
            Deadline::Result => "result",
        }
    }

    pub fn name_key(self) -> &'static str {
        match self {
            Deadline::Acknowledge => "complaints.deadline_ack",
            Deadline::Result => "complaints.deadline_result",
        }
    }
}

/// The columns [`from_row`] reads, in its order; a macro so queries stay string literals.
macro_rules! case_columns {
    () => {
        "id, kind, fiscal_year, seq, category, anonymous, filer_chat_id, filer_user_id, \
         filer_contact, place, body, filed_on, ack_due, result_due, status, status_detail, \
         assignee, acknowledged_on, closed_on, purged_on"
    };
}

fn date(row: &Row, index: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(index)?;
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn optional_date(row: &Row, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match row.get::<_, Option<String>>(index)? {
        None => Ok(None),
        Some(_) => date(row, index).map(Some),
    }
}

fn bad_code(index: usize, code: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        index,
        rusqlite::types::Type::Text,
        format!("unknown code {code}").into(),
    )
}

fn from_row(row: &Row) -> rusqlite::Result<Case> {
    let kind_code: String = row.get(1)?;
    let kind = Kind::from_code(&kind_code).ok_or_else(|| bad_code(1, &kind_code))?;
    let category_code: String = row.get(4)?;
    let category =
        Category::from_code(&category_code).ok_or_else(|| bad_code(4, &category_code))?;
    let status_code: String = row.get(14)?;
    let status = Status::from_code(&status_code).ok_or_else(|| bad_code(14, &status_code))?;
    Ok(Case {
        id: row.get(0)?,
        kind,
        number: CaseNumber {
            prefix: kind.prefix(),
            fiscal_year: row.get(2)?,
            seq: row.get(3)?,
        },
        category,
        anonymous: row.get(5)?,
        filer_chat_id: row.get(6)?,
        filer_user_id: row.get(7)?,
        filer_contact: row.get(8)?,
        place: row.get(9)?,
        body: row.get(10)?,
        filed_on: date(row, 11)?,
        ack_due: date(row, 12)?,
        result_due: date(row, 13)?,
        status,
        status_detail: row.get(15)?,
        assignee: row.get(16)?,
        acknowledged_on: optional_date(row, 17)?,
        closed_on: optional_date(row, 18)?,
        purged_on: optional_date(row, 19)?,
    })
}

pub fn load(conn: &Connection, id: i64) -> rusqlite::Result<Option<Case>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        case_columns!(),
        " FROM complaint_cases WHERE id = ?1"
    ))?
    .query_row([id], from_row)
    .optional()
}

pub fn find_by_number(conn: &Connection, number: CaseNumber) -> rusqlite::Result<Option<Case>> {
    let Some(kind) = Kind::from_prefix(number.prefix) else {
        return Ok(None);
    };
    conn.prepare_cached(concat!(
        "SELECT ",
        case_columns!(),
        " FROM complaint_cases WHERE kind = ?1 AND fiscal_year = ?2 AND seq = ?3"
    ))?
    .query_row(
        params![kind.code(), number.fiscal_year, number.seq],
        from_row,
    )
    .optional()
}

/// The case behind a tracking code: only the few cases of its bucket are verified.
pub fn find_by_code(conn: &Connection, digits: &str) -> rusqlite::Result<Option<Case>> {
    let candidates: Vec<(i64, Vec<u8>, Vec<u8>, String)> = conn
        .prepare_cached(
            "SELECT id, code_salt, code_hash, code_cost FROM complaint_cases
             WHERE code_bucket IN (?1, ?2) AND code_hash IS NOT NULL",
        )?
        .query_map([code::bucket(digits), code::legacy_bucket(digits)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, salt, hash, cost) in candidates {
        let Some(cost) = HashCost::decode(&cost) else {
            continue;
        };
        if code::verify(digits, &salt, &hash, cost) {
            return load(conn, id);
        }
    }
    Ok(None)
}

/// Officers' commands start with a case number; refuses with an example when it is missing
/// or unknown.
pub fn case_from_args<'a>(
    ctx: &Ctx,
    args: &'a str,
    usage: &'static str,
) -> CoreResult<(Case, &'a str)> {
    let Some((number, rest)) = code::split_case_number(args) else {
        return refuse(usage, vec![]);
    };
    match find_by_number(ctx.conn, number)? {
        Some(case) => Ok((case, rest)),
        None => refuse(
            "complaints.case_unknown",
            vec![("case", Arg::from(number.format()))],
        ),
    }
}

pub fn next_number(
    conn: &Connection,
    kind: Kind,
    fiscal_year: i32,
) -> rusqlite::Result<CaseNumber> {
    let last: i64 = conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) FROM complaint_cases WHERE kind = ?1 AND fiscal_year = ?2",
        params![kind.code(), fiscal_year],
        |r| r.get(0),
    )?;
    Ok(CaseNumber {
        prefix: kind.prefix(),
        fiscal_year,
        seq: last + 1,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Photo,
    Document,
}

impl FileKind {
    fn code(self) -> &'static str {
        match self {
            FileKind::Photo => "photo",
            FileKind::Document => "document",
        }
    }

    pub fn attachment(self, file_id: String) -> Attachment {
        match self {
            FileKind::Photo => Attachment::Photo { file_id },
            FileKind::Document => Attachment::Document { file_id },
        }
    }
}

pub fn add_attachment(
    conn: &Connection,
    case_id: i64,
    kind: FileKind,
    file_id: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO complaint_attachments (case_id, position, kind, file_id)
         VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM complaint_attachments
                      WHERE case_id = ?1), ?2, ?3)",
    )?
    .execute(params![case_id, kind.code(), file_id])?;
    Ok(())
}

/// Forgets a file its sender took back; its case keeps no trace of it. True when one was kept.
pub fn withdraw_attachment(conn: &Connection, file_id: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached("UPDATE complaint_attachments SET file_id = NULL WHERE file_id = ?1")?
        .execute([file_id])
        .map(|changed| changed > 0)
}

/// A case's files, without those their sender took back.
pub fn attachments(conn: &Connection, case_id: i64) -> rusqlite::Result<Vec<Attachment>> {
    conn.prepare_cached(
        "SELECT kind, file_id FROM complaint_attachments
         WHERE case_id = ?1 AND file_id IS NOT NULL ORDER BY position",
    )?
    .query_map([case_id], |r| {
        let kind: String = r.get(0)?;
        let file_id: String = r.get(1)?;
        let kind = if kind == "photo" {
            FileKind::Photo
        } else {
            FileKind::Document
        };
        Ok(kind.attachment(file_id))
    })?
    .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Filer,
    Office,
}

pub fn add_message(
    conn: &Connection,
    case_id: i64,
    day: NaiveDate,
    author: Author,
    body: &str,
) -> rusqlite::Result<()> {
    let author = match author {
        Author::Filer => "filer",
        Author::Office => "office",
    };
    conn.prepare_cached(
        "INSERT INTO complaint_messages (case_id, day, author, body) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![case_id, day.to_string(), author, body])?;
    Ok(())
}

pub struct Message {
    pub day: NaiveDate,
    pub author: Author,
    pub body: String,
}

pub fn messages(conn: &Connection, case_id: i64) -> rusqlite::Result<Vec<Message>> {
    conn.prepare_cached(
        "SELECT day, author, body FROM complaint_messages
         WHERE case_id = ?1 AND body IS NOT NULL ORDER BY id",
    )?
    .query_map([case_id], |r| {
        let author: String = r.get(1)?;
        Ok(Message {
            day: date(r, 0)?,
            author: if author == "filer" {
                Author::Filer
            } else {
                Author::Office
            },
            body: r.get(2)?,
        })
    })?
    .collect()
}

/// Who did something to a case. The filer of an anonymous case is nobody in particular.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    Filer,
    Officer,
}

pub struct HistoryEntry {
    pub day: NaiveDate,
    pub actor_name: Option<String>,
    pub action: String,
    pub status: Option<Status>,
    pub detail: Option<String>,
}

/// Appends to the case's history; an officer's action also goes to the audit log.
pub fn record(
    ctx: &Ctx,
    case: &Case,
    actor: Actor,
    action: &str,
    status: Option<Status>,
    detail: &str,
) -> rusqlite::Result<()> {
    let actor_name = match actor {
        Actor::Officer => Some(ctx.event.actor.name.as_str()),
        Actor::Filer => None,
    };
    let detail = (!detail.is_empty()).then_some(detail);
    ctx.conn
        .prepare_cached(
            "INSERT INTO complaint_history (case_id, day, actor_name, action, status, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            case.id,
            ctx.today().to_string(),
            actor_name,
            action,
            status.map(Status::code),
            detail
        ])?;
    // The audit log holds who and the exact time: never for a filer of an anonymous case.
    if actor == Actor::Officer || !case.anonymous {
        let audit_detail = match status {
            Some(s) => format!("{} {}", s.code(), detail.unwrap_or_default()),
            None => detail.unwrap_or_default().to_string(),
        };
        ctx.audit(
            &format!("complaints.{action}"),
            &case.number.format(),
            audit_detail.trim(),
        )?;
    }
    Ok(())
}

pub fn history(conn: &Connection, case_id: i64) -> rusqlite::Result<Vec<HistoryEntry>> {
    conn.prepare_cached(
        "SELECT day, actor_name, action, status, detail FROM complaint_history
         WHERE case_id = ?1 ORDER BY id",
    )?
    .query_map([case_id], |r| {
        let status: Option<String> = r.get(3)?;
        Ok(HistoryEntry {
            day: date(r, 0)?,
            actor_name: r.get(1)?,
            action: r.get(2)?,
            status: status.as_deref().and_then(Status::from_code),
            detail: r.get(4)?,
        })
    })?
    .collect()
}

/// Moves a case along the state machine; refuses an invalid move listing the valid ones.
/// Named filers hear about it in their chat; anonymous ones read it with their code.
pub fn change_status(
    ctx: &mut Ctx,
    case: &Case,
    to: Status,
    detail: &str,
    actor: Actor,
) -> CoreResult<Case> {
    if !case.status.can_become(to) {
        let from = ctx.t(&case.status.name_key(), &[]);
        let valid = valid_moves(ctx, case.status);
        return refuse(
            "complaints.status_invalid",
            vec![
                ("case", Arg::from(case.number.format())),
                ("from", Arg::from(from)),
                ("valid", Arg::from(valid)),
            ],
        );
    }
    let today = ctx.today().to_string();
    ctx.conn
        .prepare_cached(
            "UPDATE complaint_cases SET status = ?2,
                 status_detail = CASE WHEN ?3 = '' THEN status_detail ELSE ?3 END,
                 acknowledged_on = COALESCE(acknowledged_on, ?4),
                 closed_on = CASE WHEN ?2 IN ('done', 'dismissed') THEN ?4 ELSE closed_on END
             WHERE id = ?1",
        )?
        .execute(params![case.id, to.code(), detail, today])?;
    record(ctx, case, actor, "status", Some(to), detail)?;
    let updated = load(ctx.conn, case.id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let status = ctx.t(&to.name_key(), &[]);
    notify_named_filer(
        ctx,
        &updated,
        "complaints.filer_status_changed",
        &[("status", Arg::from(status)), ("detail", Arg::from(detail))],
    );
    Ok(updated)
}

/// "รับเรื่อง, กำลังดำเนินการ, …" (or that the case is closed).
pub fn valid_moves(ctx: &Ctx, from: Status) -> String {
    if from.next().is_empty() {
        return ctx.t("complaints.status_closed_no_moves", &[]);
    }
    from.next()
        .iter()
        .map(|s| {
            if s.needs_detail() {
                format!("{} …", s.keyword())
            } else {
                s.keyword().to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pushes a notice to a named filer's chat through the outbox (their identity is on file
/// anyway); anonymous filers are never pushed to: the bot does not know their chat.
pub fn notify_named_filer(ctx: &mut Ctx, case: &Case, key: &str, args: &[(&str, Arg)]) {
    let Some(chat_id) = case.filer_chat_id.filter(|_| !case.anonymous) else {
        return;
    };
    let mut all = vec![("case", Arg::from(case.number.format()))];
    all.extend(args.iter().cloned());
    let text = ctx.t(key, &all);
    ctx.send(chat_id, OutMessage::text(text), Persist::Outbox);
}

pub fn category_name(ctx: &Ctx, category: Category) -> String {
    ctx.t(&category.name_key(), &[])
}

fn optional_line(ctx: &Ctx, key: &str, value: Option<&str>) -> Option<String> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| ctx.t(key, &[("value", Arg::from(v))]))
}

/// The card in the officers' group: everything needed to act, nothing about who filed an
/// anonymous case.
pub fn card(ctx: &Ctx, case: &Case) -> rusqlite::Result<OutMessage> {
    let attachment_count = attachments(ctx.conn, case.id)?.len();
    let filer = if case.anonymous {
        ctx.t("complaints.card_anonymous", &[])
    } else {
        ctx.t(
            "complaints.card_named",
            &[(
                "contact",
                Arg::from(case.filer_contact.clone().unwrap_or_default()),
            )],
        )
    };
    let status = match &case.status_detail {
        Some(detail) if case.status != Status::New => format!(
            "{} — {}",
            escape_html(&ctx.t(&case.status.name_key(), &[])),
            escape_html(detail)
        ),
        _ => escape_html(&ctx.t(&case.status.name_key(), &[])),
    };
    let mut lines = vec![
        ctx.t(
            "complaints.card_title",
            &[
                ("kind", Arg::from(ctx.t(case.kind.name_key(), &[]))),
                ("case", Arg::from(case.number.format())),
            ],
        ),
        ctx.t(
            "complaints.card_category",
            &[("category", Arg::from(category_name(ctx, case.category)))],
        ),
        filer,
        ctx.t(
            "complaints.card_filed",
            &[("date", Arg::from(format_date(case.filed_on)))],
        ),
        ctx.t(
            "complaints.card_due",
            &[
                ("ack", Arg::from(format_date(case.ack_due))),
                ("result", Arg::from(format_date(case.result_due))),
            ],
        ),
        ctx.t("complaints.card_status", &[("status", Arg::Html(status))]),
    ];
    lines.extend(optional_line(
        ctx,
        "complaints.card_assignee",
        case.assignee.as_deref(),
    ));
    lines.extend(optional_line(
        ctx,
        "complaints.card_place",
        case.place.as_deref(),
    ));
    if attachment_count > 0 {
        lines.push(ctx.t(
            "complaints.card_attachments",
            &[("count", Arg::from(attachment_count))],
        ));
    }
    match &case.body {
        Some(body) => {
            lines.push(String::new());
            lines.push(ctx.t("complaints.card_body", &[("body", Arg::from(body))]));
        }
        None => lines.push(ctx.t("complaints.card_purged", &[])),
    }
    let mut message = OutMessage::text(lines.join("\n"));
    if !case.status.is_closed() {
        let id = case.id;
        message = message.with_buttons(vec![
            vec![
                ctx.button("complaints.button_ack", format!("complaints:ack:{id}")),
                ctx.button("complaints.button_info", format!("complaints:info:{id}")),
            ],
            vec![
                ctx.button("complaints.button_forward", format!("complaints:fwd:{id}")),
                ctx.button("complaints.button_close", format!("complaints:close:{id}")),
            ],
        ]);
    }
    Ok(message)
}

/// Posts the card and then each attachment, re-sent by file id (a forward would show who
/// sent it), to the officers' group only.
pub fn post_card(ctx: &mut Ctx, case: &Case) -> rusqlite::Result<bool> {
    let card = card(ctx, case)?;
    if !ctx.post_to(Role::Officers, card)? {
        log::warn!("complaints: no officers' group is registered; new cases wait in เรื่องค้าง");
        return Ok(false);
    }
    let files = attachments(ctx.conn, case.id)?;
    let total = files.len();
    for (index, attachment) in files.into_iter().enumerate() {
        let caption = ctx.t(
            "complaints.card_attachment_caption",
            &[
                ("case", Arg::from(case.number.format())),
                ("index", Arg::from(index + 1)),
                ("total", Arg::from(total)),
            ],
        );
        ctx.post_to(
            Role::Officers,
            OutMessage::text(caption).with_attachment(attachment),
        )?;
    }
    Ok(true)
}

/// The case with its history and conversation, for the officers (`ดูเรื่อง`).
pub fn officer_view(ctx: &Ctx, case: &Case) -> rusqlite::Result<OutMessage> {
    let mut message = card(ctx, case)?;
    let mut lines = vec![String::new(), ctx.t("complaints.history_title", &[])];
    for entry in history(ctx.conn, case.id)? {
        let who = entry
            .actor_name
            .unwrap_or_else(|| ctx.t("complaints.history_filer", &[]));
        lines.push(ctx.t(
            "complaints.history_line",
            &[
                ("date", Arg::from(format_date(entry.day))),
                ("who", Arg::from(who)),
                (
                    "what",
                    Arg::from(describe_action(
                        ctx,
                        &entry.action,
                        entry.status,
                        entry.detail.as_deref(),
                    )),
                ),
            ],
        ));
    }
    lines.extend(conversation_lines(ctx, case)?);
    message.text.push_str(&lines.join("\n"));
    Ok(message)
}

fn describe_action(
    ctx: &Ctx,
    action: &str,
    status: Option<Status>,
    detail: Option<&str>,
) -> String {
    let base = match status {
        Some(status) => ctx.t(&status.name_key(), &[]),
        None => ctx.t(&format!("complaints.action_{action}"), &[]),
    };
    match detail {
        Some(detail) => format!("{base}: {detail}"),
        None => base,
    }
}

fn conversation_lines(ctx: &Ctx, case: &Case) -> rusqlite::Result<Vec<String>> {
    let messages = messages(ctx.conn, case.id)?;
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let mut lines = vec![String::new(), ctx.t("complaints.conversation_title", &[])];
    for message in messages {
        let key = match message.author {
            Author::Filer => "complaints.conversation_filer",
            Author::Office => "complaints.conversation_office",
        };
        lines.push(ctx.t(
            key,
            &[
                ("date", Arg::from(format_date(message.day))),
                ("body", Arg::from(message.body)),
            ],
        ));
    }
    Ok(lines)
}

/// What the filer sees with `/track`: status, the steps taken (without officers' names) and
/// the conversation.
pub fn filer_view(ctx: &Ctx, case: &Case) -> rusqlite::Result<OutMessage> {
    let status = ctx.t(&case.status.name_key(), &[]);
    let mut lines = vec![ctx.t(
        "complaints.track_title",
        &[
            ("case", Arg::from(case.number.format())),
            ("category", Arg::from(category_name(ctx, case.category))),
            ("filed", Arg::from(format_date(case.filed_on))),
            ("status", Arg::from(status)),
        ],
    )];
    if let Some(detail) = &case.status_detail {
        lines.push(ctx.t("complaints.track_detail", &[("detail", Arg::from(detail))]));
    }
    if let Some((deadline, due)) = case.pending_deadline() {
        lines.push(ctx.t(
            "complaints.track_due",
            &[
                ("deadline", Arg::from(ctx.t(deadline.name_key(), &[]))),
                ("date", Arg::from(format_date(due))),
            ],
        ));
    }
    lines.push(String::new());
    lines.push(ctx.t("complaints.history_title", &[]));
    // Who works on the case is the office's business, not the filer's.
    for entry in history(ctx.conn, case.id)?
        .into_iter()
        .filter(|e| e.action != "assign")
    {
        lines.push(ctx.t(
            "complaints.track_history_line",
            &[
                ("date", Arg::from(format_date(entry.day))),
                (
                    "what",
                    Arg::from(describe_action(
                        ctx,
                        &entry.action,
                        entry.status,
                        entry.detail.as_deref(),
                    )),
                ),
            ],
        ));
    }
    lines.extend(conversation_lines(ctx, case)?);
    Ok(OutMessage::text(lines.join("\n")))
}
