//! Donors reporting their own gifts from a private chat (`แจ้งบริจาค`), staff confirming,
//! asking for more or refusing from a card in the staff group, the donor's own list
//! (`การบริจาคของฉัน`), the pending list (`รอยืนยัน`) and its morning reminder.
//!
//! A report is not in the register until confirmed. The donor's chat id is kept only to
//! answer them and never appears in a group.

use chrono::{Datelike, NaiveDate, Weekday};
use rusqlite::{OptionalExtension, Row, params};

use super::AREA;
use super::draft::{self, Choice, Donor, Draft, Method, Mode};
use super::names::List;
use super::parse::{DonorKind, Purpose};
use super::record::{self, goods_label, new_donation};
use super::store::{self, Gift, Source};
use crate::core::{
    Attachment, Button, CoreResult, Ctx, Dialogue, OutMessage, Persist, Role, refuse,
};
use crate::i18n::{Arg, escape_html};
use crate::thai::{amount_in_words, format_amount, format_date};

/// The columns every query of this table reads; a macro so that queries stay literals.
macro_rules! report_select {
    () => {
        "SELECT r.id, r.donor_user_id, r.donor_chat_id, r.kind, r.amount,
        r.item, r.donor_name, r.donor_kind, r.anonymous, r.purpose, r.school_id, s.name,
        r.school_text, r.network_id, n.name, r.method, r.photo_file_id, r.state, r.reported_on,
        r.staff_message, r.donor_answer, r.donation_id
    FROM donation_reports r
    LEFT JOIN donation_schools s ON s.id = r.school_id
    LEFT JOIN donation_networks n ON n.id = r.network_id"
    };
}

/// Reports waiting longer than this many working days are listed in the morning.
const OVERDUE_WORKING_DAYS: i64 = 3;

pub fn report_donation(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let intro = ctx.t("donations.report_intro", &[]);
    ctx.reply_text(intro);
    draft::advance(ctx, Draft::new(Mode::Report, None, true))
}

/// The draft's details as HTML lines (confirmation before sending, and the staff card).
pub fn summary(ctx: &Ctx, draft: &Draft) -> String {
    let mut lines = Vec::new();
    let amount = draft.amount.map(format_amount).unwrap_or_default();
    let words = draft.amount.map(amount_in_words).unwrap_or_default();
    match &draft.gift {
        Some(Gift::Goods { item, quantity }) => lines.push(ctx.t(
            "donations.summary_goods",
            &[
                ("item", Arg::from(goods_label(item, quantity.as_deref()))),
                ("amount", Arg::from(amount)),
                ("words", Arg::from(words)),
            ],
        )),
        _ => lines.push(ctx.t(
            "donations.summary_money",
            &[("amount", Arg::from(amount)), ("words", Arg::from(words))],
        )),
    }
    if let Some(purpose) = draft.purpose {
        let mut label = ctx.t(purpose.label_key(), &[]);
        match &draft.school {
            Choice::Known(_, name) => {
                label.push_str(&format!(" ({})", List::Schools.display(name)))
            }
            Choice::Unlisted(name) => {
                label.push_str(&format!(" ({})", List::Schools.display(name)));
            }
            _ => {}
        }
        lines.push(ctx.t("donations.proof_purpose", &[("purpose", Arg::from(label))]));
    }
    if let Some(donor) = &draft.donor {
        let name = if donor.anonymous {
            ctx.t("donations.anonymous_donor", &[])
        } else {
            donor.name.clone()
        };
        lines.push(ctx.t("donations.proof_donor", &[("donor", Arg::from(name))]));
    }
    if let Choice::Known(_, name) = &draft.network {
        lines.push(ctx.t(
            "donations.proof_network",
            &[("network", Arg::from(List::Networks.display(name)))],
        ));
    }
    if let Some(method) = draft.method {
        let method = ctx.t(method.label_key(), &[]);
        lines.push(ctx.t("donations.summary_method", &[("method", Arg::from(method))]));
    }
    if let Some(Some(_)) = draft.photo {
        lines.push(ctx.t("donations.summary_photo", &[]));
    }
    lines.join("\n")
}

/// Saves a confirmed-by-the-donor report and puts its card in front of the staff.
pub fn submit(ctx: &mut Ctx, draft: Draft) -> CoreResult {
    let (Some(gift), Some(amount), Some(purpose), Some(donor), Some(method)) = (
        draft.gift.clone(),
        draft.amount,
        draft.purpose,
        draft.donor.clone(),
        draft.method,
    ) else {
        return Ok(());
    };
    let item = match &gift {
        Gift::Goods { item, .. } => Some(item.clone()),
        Gift::Money => None,
    };
    let photo = draft.photo.clone().flatten();
    ctx.conn
        .prepare_cached(
            "INSERT INTO donation_reports (donor_user_id, donor_chat_id, kind, amount, item,
                 donor_name, donor_kind, anonymous, purpose, school_id, school_text, network_id,
                 method, photo_file_id, reported_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?
        .execute(params![
            ctx.event.actor.user_id,
            ctx.event.chat.id,
            gift.code(),
            amount,
            item,
            donor.name,
            donor.kind.code(),
            donor.anonymous,
            purpose.code(),
            draft.school_id(),
            draft.school_text(),
            draft.network_id(),
            method.code(),
            photo,
            ctx.today().format("%Y-%m-%d").to_string(),
            ctx.now.to_rfc3339(),
        ])?;
    let id = ctx.conn.last_insert_rowid();
    ctx.audit(
        "donation_report.submit",
        &format!("R{id}"),
        &amount.to_string(),
    )?;
    let report = load(ctx, id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    post_card(ctx, &report, None)?;
    let text = ctx.t(
        "donations.report_sent",
        &[("code", Arg::from(format!("R{id}")))],
    );
    ctx.reply_text(text);
    Ok(())
}

/// A stored report.
struct Report {
    id: i64,
    donor_chat_id: i64,
    draft: Draft,
    state: String,
    reported_on: NaiveDate,
    staff_message: Option<String>,
    donor_answer: Option<String>,
    donation_id: Option<i64>,
}

fn load(ctx: &Ctx, id: i64) -> CoreResult<Option<Report>> {
    let report = ctx
        .conn
        .prepare_cached(concat!(report_select!(), " WHERE r.id = ?1"))?
        .query_row([id], report_from_row)
        .optional()?;
    Ok(report)
}

fn report_from_row(r: &Row) -> rusqlite::Result<Report> {
    let mut draft = Draft::new(Mode::Report, None, false);
    let kind: String = r.get(3)?;
    draft.gift = Some(match kind.as_str() {
        "goods" => Gift::Goods {
            item: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            quantity: None,
        },
        _ => Gift::Money,
    });
    draft.amount = Some(r.get(4)?);
    draft.donor = Some(Donor {
        name: r.get(6)?,
        kind: DonorKind::from_code(&r.get::<_, String>(7)?).unwrap_or(DonorKind::Person),
        anonymous: r.get(8)?,
    });
    draft.purpose = Purpose::from_code(&r.get::<_, String>(9)?);
    draft.school = match (
        r.get::<_, Option<i64>>(10)?,
        r.get::<_, Option<String>>(11)?,
    ) {
        (Some(id), Some(name)) => Choice::Known(id, name),
        _ => match r.get::<_, Option<String>>(12)? {
            Some(text) => Choice::Unlisted(text),
            None => Choice::Unset,
        },
    };
    draft.network = match (
        r.get::<_, Option<i64>>(13)?,
        r.get::<_, Option<String>>(14)?,
    ) {
        (Some(id), Some(name)) => Choice::Known(id, name),
        _ => Choice::Nothing,
    };
    draft.method = Method::from_code(&r.get::<_, String>(15)?);
    draft.photo = Some(r.get(16)?);
    let reported_on: String = r.get(18)?;
    Ok(Report {
        id: r.get(0)?,
        donor_chat_id: r.get(2)?,
        draft,
        state: r.get(17)?,
        reported_on: NaiveDate::parse_from_str(&reported_on, "%Y-%m-%d").unwrap_or_default(),
        staff_message: r.get(19)?,
        donor_answer: r.get(20)?,
        donation_id: r.get(21)?,
    })
}

/// The card in the staff group: the details, the slip re-sent by its file id, and the
/// three decisions.
fn post_card(ctx: &mut Ctx, report: &Report, answer: Option<&str>) -> CoreResult {
    let mut text = vec![
        ctx.t(
            "donations.card_title",
            &[("code", Arg::from(format!("R{}", report.id)))],
        ),
        summary(ctx, &report.draft),
        ctx.t(
            "donations.card_reported_on",
            &[("date", Arg::from(format_date(report.reported_on)))],
        ),
    ];
    if let Some(answer) = answer {
        text.push(ctx.t("donations.card_answer", &[("answer", answer.into())]));
    }
    text.push(ctx.t("donations.card_not_yet", &[]));
    let decision = |key: &str, what: &str| Button::Callback {
        label: ctx.t(key, &[]),
        data: format!("{AREA}:r:{what}:{}", report.id),
    };
    let buttons = vec![
        vec![decision("donations.confirm_button", "ok")],
        vec![
            decision("donations.more_info_button", "more"),
            decision("donations.reject_button", "no"),
        ],
    ];
    let mut message = OutMessage::text(text.join("\n")).with_buttons(buttons);
    if let Some(Some(file_id)) = &report.draft.photo {
        message = message.with_attachment(Attachment::Photo {
            file_id: file_id.clone(),
        });
    }
    if !ctx.post_to(Role::Staff, message)? {
        log::warn!(
            "no staff group registered; donation report R{} waits",
            report.id
        );
    }
    Ok(())
}

/// What a staff member is about to tell a donor.
pub struct StaffMessage {
    report_id: i64,
    reject: bool,
}

/// `r:<ok|more|no>:<id>` from a card in the staff group.
pub fn on_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    if ctx.chat_role != Some(Role::Staff) {
        ctx.answer_button_with("donations.decide_in_staff_group", &[]);
        return Ok(());
    }
    let Some((what, id)) = data.split_once(':') else {
        return Ok(());
    };
    let Some(report) = id
        .parse()
        .ok()
        .map(|id| load(ctx, id))
        .transpose()?
        .flatten()
    else {
        return Ok(());
    };
    let code = Arg::from(format!("R{}", report.id));
    if !matches!(report.state.as_str(), "pending" | "more_info") {
        ctx.answer_button_with("donations.report_already_decided", &[("code", code)]);
        return Ok(());
    }
    match what {
        "ok" => confirm(ctx, report),
        "more" | "no" => {
            let key = if what == "no" {
                "donations.ask_reject_reason"
            } else {
                "donations.ask_more_info"
            };
            let name = Arg::from(&ctx.event.actor.name);
            let text = ctx.t(key, &[("code", code), ("name", name)]);
            ctx.reply_text(text);
            ctx.start_dialogue(
                AREA,
                Box::new(StaffMessage {
                    report_id: report.id,
                    reject: what == "no",
                }),
            );
            Ok(())
        }
        _ => Ok(()),
    }
}

fn confirm(ctx: &mut Ctx, report: Report) -> CoreResult {
    let Some(new) = new_donation(ctx, &report.draft, Source::Report) else {
        return Ok(());
    };
    let donation_id = record::record(ctx, &new)?;
    ctx.conn
        .prepare_cached(
            "UPDATE donation_reports SET state = 'confirmed', donation_id = ?2, decided_by = ?3,
                 decided_at = ?4
             WHERE id = ?1",
        )?
        .execute(params![
            report.id,
            donation_id,
            ctx.event.actor.name,
            ctx.now.to_rfc3339()
        ])?;
    ctx.audit(
        "donation_report.confirm",
        &format!("R{}", report.id),
        &donation_id.to_string(),
    )?;
    let Some(donation) = store::by_id(ctx.conn, donation_id)? else {
        return Ok(());
    };
    let text = ctx.t(
        "donations.report_confirmed_staff",
        &[
            ("code", Arg::from(format!("R{}", report.id))),
            ("number", Arg::from(donation.number_label())),
            ("name", Arg::from(&ctx.event.actor.name)),
        ],
    );
    ctx.reply_text(text);
    let mut proof = record::proof_message(ctx, &donation, false);
    proof.text = format!(
        "{}\n\n{}",
        ctx.t("donations.report_confirmed_donor", &[]),
        proof.text
    );
    ctx.send(report.donor_chat_id, proof, Persist::Outbox);
    Ok(())
}

/// The staff member's message to the donor (more information needed, or why not).
pub fn on_staff_message(ctx: &mut Ctx, pending: StaffMessage) -> CoreResult {
    let text = match &ctx.event.input {
        crate::core::Input::Text(text) => text.trim().to_string(),
        _ => String::new(),
    };
    if text.is_empty() {
        ctx.start_dialogue(AREA, Box::new(pending));
        return Ok(());
    }
    let Some(report) = load(ctx, pending.report_id)? else {
        return Ok(());
    };
    let code = Arg::from(format!("R{}", report.id));
    if !matches!(report.state.as_str(), "pending" | "more_info") {
        return refuse("donations.report_already_decided", vec![("code", code)]);
    }
    let state = if pending.reject {
        "rejected"
    } else {
        "more_info"
    };
    ctx.conn
        .prepare_cached(
            "UPDATE donation_reports SET state = ?2, staff_message = ?3, decided_by = ?4,
                 decided_at = ?5
             WHERE id = ?1",
        )?
        .execute(params![
            report.id,
            state,
            text,
            ctx.event.actor.name,
            ctx.now.to_rfc3339()
        ])?;
    ctx.audit(
        &format!("donation_report.{state}"),
        &format!("R{}", report.id),
        &text,
    )?;
    let (donor_key, staff_key) = if pending.reject {
        (
            "donations.report_rejected_donor",
            "donations.report_rejected_staff",
        )
    } else {
        (
            "donations.report_more_info_donor",
            "donations.report_more_info_staff",
        )
    };
    let to_donor = ctx.t(
        donor_key,
        &[("code", code.clone()), ("message", (&text).into())],
    );
    ctx.send(
        report.donor_chat_id,
        OutMessage::text(to_donor),
        Persist::Outbox,
    );
    let to_staff = ctx.t(staff_key, &[("code", code)]);
    ctx.reply_text(to_staff);
    Ok(())
}

/// Free text from a donor whose report staff asked more about: it is the answer, and the
/// report goes back to the staff group.
pub fn on_private_text(ctx: &mut Ctx, text: &str) -> CoreResult<bool> {
    let id: Option<i64> = ctx
        .conn
        .prepare_cached(
            "SELECT id FROM donation_reports WHERE donor_user_id = ?1 AND state = 'more_info'
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row([ctx.event.actor.user_id], |r| r.get(0))
        .optional()?;
    let Some(report) = id.map(|id| load(ctx, id)).transpose()?.flatten() else {
        return Ok(false);
    };
    let answer = match &report.donor_answer {
        Some(earlier) => format!("{earlier}\n{}", text.trim()),
        None => text.trim().to_string(),
    };
    ctx.conn
        .prepare_cached(
            "UPDATE donation_reports SET state = 'pending', donor_answer = ?2 WHERE id = ?1",
        )?
        .execute(params![report.id, answer])?;
    ctx.audit("donation_report.answer", &format!("R{}", report.id), "")?;
    post_card(ctx, &report, Some(text.trim()))?;
    let reply = ctx.t(
        "donations.report_answer_sent",
        &[("code", Arg::from(format!("R{}", report.id)))],
    );
    ctx.reply_text(reply);
    Ok(true)
}

fn state_label(ctx: &Ctx, state: &str) -> String {
    let key = match state {
        "pending" => "donations.state_pending",
        "more_info" => "donations.state_more_info",
        "rejected" => "donations.state_rejected",
        _ => "donations.state_confirmed",
    };
    ctx.t(key, &[])
}

/// `การบริจาคของฉัน`: the donor's reports and where each stands.
pub fn my_donations(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let mut stmt = ctx.conn.prepare_cached(concat!(
        report_select!(),
        " WHERE r.donor_user_id = ?1 ORDER BY r.id DESC LIMIT 20"
    ))?;
    let reports = stmt
        .query_map([ctx.event.actor.user_id], report_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    drop(stmt);
    if reports.is_empty() {
        let text = ctx.t("donations.my_none", &[]);
        ctx.reply_text(text);
        return Ok(());
    }
    let mut lines = vec![ctx.t("donations.my_title", &[])];
    for report in &reports {
        let number = match report.donation_id {
            Some(id) => store::by_id(ctx.conn, id)?
                .map(|d| format!(" · เลขที่ {}", d.number_label()))
                .unwrap_or_default(),
            None => String::new(),
        };
        lines.push(format!(
            "• R{} · {} · {} · {}{}",
            report.id,
            format_date(report.reported_on),
            format_amount(report.draft.amount.unwrap_or_default()),
            escape_html(&state_label(ctx, &report.state)),
            escape_html(&number),
        ));
        if let Some(message) = &report.staff_message
            && matches!(report.state.as_str(), "more_info" | "rejected")
        {
            lines.push(ctx.t("donations.my_staff_message", &[("message", message.into())]));
        }
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// Monday-to-Friday days after `from`, up to and including `to`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut count = 0;
    let mut day = from;
    while day < to {
        let Some(next) = day.succ_opt() else { break };
        day = next;
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            count += 1;
        }
    }
    count
}

fn waiting_reports(ctx: &Ctx) -> CoreResult<Vec<Report>> {
    let mut stmt = ctx.conn.prepare_cached(concat!(
        report_select!(),
        " WHERE r.state IN ('pending', 'more_info') ORDER BY r.reported_on, r.id"
    ))?;
    let reports = stmt
        .query_map([], report_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(reports)
}

fn waiting_line(ctx: &Ctx, report: &Report, today: NaiveDate) -> String {
    let days = working_days_between(report.reported_on, today);
    let donor = report
        .draft
        .donor
        .as_ref()
        .map(|d| {
            if d.anonymous {
                ctx.t("donations.anonymous_donor", &[])
            } else {
                d.name.clone()
            }
        })
        .unwrap_or_default();
    ctx.t(
        if days > OVERDUE_WORKING_DAYS {
            "donations.waiting_line_overdue"
        } else {
            "donations.waiting_line"
        },
        &[
            ("code", Arg::from(format!("R{}", report.id))),
            (
                "amount",
                Arg::from(format_amount(report.draft.amount.unwrap_or_default())),
            ),
            ("donor", Arg::from(donor)),
            ("state", Arg::from(state_label(ctx, &report.state))),
            ("date", Arg::from(format_date(report.reported_on))),
            ("days", Arg::from(days)),
        ],
    )
}

/// `รอยืนยัน`: every report still waiting for staff.
pub fn pending(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let reports = waiting_reports(ctx)?;
    if reports.is_empty() {
        let text = ctx.t("donations.waiting_none", &[]);
        ctx.reply_text(text);
        return Ok(());
    }
    let today = ctx.today();
    let mut lines = vec![ctx.t(
        "donations.waiting_title",
        &[("count", Arg::from(reports.len()))],
    )];
    lines.extend(reports.iter().map(|r| waiting_line(ctx, r, today)));
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// Once a working day, from the configured reminder time on, the staff group is told about
/// reports waiting longer than three working days. The day is remembered in the database.
pub fn on_tick(ctx: &mut Ctx) -> CoreResult {
    let local = ctx.now.with_timezone(&ctx.env.config.tz);
    let today = local.date_naive();
    let checked = ctx.memory.extension::<MorningCheck>(AREA);
    if checked.0 == Some(today) || local.time() < ctx.env.config.reminder_time {
        return Ok(());
    }
    checked.0 = Some(today);
    let first_today = ctx
        .conn
        .prepare_cached(
            "INSERT INTO donation_morning_posts (day) VALUES (?1) ON CONFLICT DO NOTHING",
        )?
        .execute([today.format("%Y-%m-%d").to_string()])?
        > 0;
    if !first_today || matches!(today.weekday(), Weekday::Sat | Weekday::Sun) {
        return Ok(());
    }
    let overdue: Vec<Report> = waiting_reports(ctx)?
        .into_iter()
        .filter(|r| working_days_between(r.reported_on, today) > OVERDUE_WORKING_DAYS)
        .collect();
    if overdue.is_empty() {
        return Ok(());
    }
    let mut lines = vec![ctx.t(
        "donations.morning_title",
        &[
            ("count", Arg::from(overdue.len())),
            ("days", Arg::from(OVERDUE_WORKING_DAYS)),
        ],
    )];
    lines.extend(overdue.iter().map(|r| waiting_line(ctx, r, today)));
    ctx.post_to(Role::Staff, OutMessage::text(lines.join("\n")))?;
    Ok(())
}

/// The day the morning check last ran in this process (saves a query every second).
#[derive(Default)]
struct MorningCheck(Option<NaiveDate>);

/// Whether this person may have the certificate of a donation: staff, or the donor who
/// reported it.
pub fn is_reporting_donor(ctx: &Ctx, donation_id: i64) -> CoreResult<bool> {
    let found: Option<i64> = ctx
        .conn
        .prepare_cached(
            "SELECT id FROM donation_reports WHERE donation_id = ?1 AND donor_user_id = ?2",
        )?
        .query_row(params![donation_id, ctx.event.actor.user_id], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

pub fn on_dialogue(ctx: &mut Ctx, dialogue: Dialogue) -> CoreResult {
    match dialogue.state.downcast::<StaffMessage>() {
        Ok(pending) => on_staff_message(ctx, *pending),
        Err(state) => draft::on_answer(
            ctx,
            Dialogue {
                area: dialogue.area,
                state,
                expires: dialogue.expires,
            },
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn working_days_skip_weekends() {
        // 2026-06-15 is a Monday.
        assert_eq!(
            working_days_between(date(2026, 6, 15), date(2026, 6, 15)),
            0
        );
        assert_eq!(
            working_days_between(date(2026, 6, 15), date(2026, 6, 18)),
            3
        );
        assert_eq!(
            working_days_between(date(2026, 6, 15), date(2026, 6, 19)),
            4
        );
        assert_eq!(
            working_days_between(date(2026, 6, 19), date(2026, 6, 22)),
            1
        );
    }
}
