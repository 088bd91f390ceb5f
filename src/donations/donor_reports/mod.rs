//! Donors reporting their own gifts from a private chat (`แจ้งบริจาค`), staff confirming,
//! asking for more or refusing from a card in the staff group, the donor's own list
//! (`การบริจาคของฉัน`), the pending list (`รอยืนยัน`) and its morning reminder.
//!
//! A report is not in the register until confirmed. The donor's chat id is kept only to
//! answer them and never appears in a group.

mod store;

use chrono::NaiveDate;

use super::AREA;
use super::register::draft::{self, Choice, Draft, Mode};
use super::register::names::List;
use super::register::record::{self, goods_label, new_donation};
use super::register::store::{self as register_store, Gift, Source};
use crate::core::{
    Attachment, Button, CoreResult, Ctx, Dialogue, Morning, OutMessage, Persist, Role, refuse,
};
use crate::i18n::{Arg, escape_html};
use crate::office::WorkCalendar;
use crate::thai::{amount_in_words, fiscal_year, format_amount};
use store::{Decision, NewReport, Report, State};

/// Reports waiting longer than this many working days are listed in the morning.
const OVERDUE_WORKING_DAYS: i64 = 3;
/// Most reports `การบริจาคของฉัน` lists, newest first.
const MY_REPORTS_LISTED: i64 = 20;

pub fn report_donation(ctx: &mut Ctx, args: &str) -> CoreResult {
    report_gift(ctx, args, false)
}

/// A donor's report, begun with what the line after the command already says
/// (`บริจาค 500 บาท เพื่อทุนการศึกษา`; goods when the command was for goods): only the rest is
/// asked, and the confirmation shows all of it before anything is sent.
pub fn report_gift(ctx: &mut Ctx, args: &str, goods: bool) -> CoreResult {
    let intro = ctx.t("donations.report_intro", &[]);
    ctx.reply_text(intro);
    let draft = match draft::report_from_line(ctx, goods, args)? {
        Some(draft) => draft,
        None => {
            // Details typed with the command that could not be read are not dropped in
            // silence: the donor learns why everything is asked again.
            if !args.trim().is_empty() {
                let unread = ctx.t("donations.report_line_unread", &[]);
                ctx.reply_text(unread);
            }
            if goods {
                Draft::new(Mode::Report, Some(Gift::empty_goods()), true)
            } else {
                Draft::new(Mode::Report, None, true)
            }
        }
    };
    draft::advance(ctx, draft)
}

/// The draft's details as HTML lines, for the check before a report is sent or a record is
/// numbered: with the day received (given, in a report) even when none was said, as that day
/// decides the fiscal year and the number, and can be changed there; the draft holds it from
/// the moment the check is shown (today unless changed), so that it is the day recorded. The
/// donor reads it of their own gift, not as what a donor said.
pub fn check_summary(ctx: &Ctx, draft: &Draft) -> String {
    let key = match draft.mode {
        Mode::Staff => "donations.summary_received",
        Mode::Report => "donations.summary_given_check",
    };
    let day = draft
        .received_on
        .map(|date| ctx.t(key, &[("date", Arg::Date(date))]));
    details(ctx, draft, day)
}

/// The draft's details as HTML lines, as they stand (a report's staff card, an edited
/// message's answer): the day given only when the donor said one; a report's card also says
/// the day it was reported, on its own line.
pub fn summary(ctx: &Ctx, draft: &Draft) -> String {
    let key = match draft.mode {
        Mode::Staff => "donations.summary_received",
        Mode::Report => "donations.summary_given",
    };
    let day = draft
        .received_on
        .map(|date| ctx.t(key, &[("date", Arg::Date(date))]));
    details(ctx, draft, day)
}

/// The draft's details, and `day`, the line of the day it was received, last.
fn details(ctx: &Ctx, draft: &Draft, day: Option<String>) -> String {
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
    if let Some(note) = &draft.note {
        lines.push(ctx.t(
            "donations.proof_note",
            &[("note", Arg::from(note.as_str()))],
        ));
    }
    lines.extend(day);
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
    let reported_on = ctx.today();
    // The day the donor confirmed at their check, which may be before the day they sent it
    // (the press after midnight); kept when it is not the day sent, which the card says
    // already. The record takes the one or the other.
    let given_on = draft
        .received_on
        .filter(|given_on| *given_on != reported_on);
    let new = NewReport {
        donor_user_id: ctx.event.actor.user_id,
        donor_chat_id: ctx.event.chat.id,
        gift: &gift,
        amount,
        donor: &donor,
        purpose,
        school_id: draft.school_id(),
        school_text: draft.school_text(),
        network_id: draft.network_id(),
        method,
        photo_file_id: draft.photo.clone().flatten(),
        reported_on,
        given_on,
        created_at: ctx.now,
    };
    let id = store::insert(ctx.conn, &new)?;
    // The day given, when not the day sent: it decides the fiscal year it is recorded in.
    let detail = match given_on {
        Some(given_on) => format!("{amount} {given_on}"),
        None => amount.to_string(),
    };
    ctx.audit("donation_report.submit", &format!("R{id}"), &detail)?;
    // An edit of an answer after this is answered with the report, never applied.
    ctx.note_recorded(AREA, draft.answer_messages(), &format!("{REPORT}:{id}"))?;
    let report = store::load(ctx.conn, id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    post_card(ctx, &report, None)?;
    let text = ctx.t(
        "donations.report_sent",
        &[("code", Arg::from(format!("R{id}")))],
    );
    ctx.reply_text(text);
    Ok(())
}

/// The card in the staff group: the details, the slip re-sent by its file id, where the
/// report stands (`outcome`: a decision, or that a newer card took over) and, while it is
/// `live`, the three decisions.
fn card(
    ctx: &Ctx,
    report: &Report,
    answer: Option<&str>,
    outcome: Option<String>,
    live: bool,
) -> OutMessage {
    let mut text = vec![
        ctx.t(
            "donations.card_title",
            &[("code", Arg::from(format!("R{}", report.id)))],
        ),
        summary(ctx, &report.draft),
        ctx.t(
            "donations.card_reported_on",
            &[("date", Arg::Date(report.reported_on))],
        ),
    ];
    if let Some(answer) = answer {
        text.push(ctx.t("donations.card_answer", &[("answer", answer.into())]));
    }
    text.push(outcome.unwrap_or_else(|| ctx.t("donations.card_not_yet", &[])));
    let buttons = match live {
        false => Vec::new(),
        true => {
            let decision = |key: &str, what: &str| Button::Callback {
                label: ctx.t(key, &[]),
                data: format!("{AREA}:r:{what}:{}", report.id),
            };
            vec![
                vec![decision("donations.confirm_button", "ok")],
                vec![
                    decision("donations.more_info_button", "more"),
                    decision("donations.reject_button", "no"),
                ],
            ]
        }
    };
    let mut message = OutMessage::text(text.join("\n"))
        .with_buttons(buttons)
        .as_card(card_key(report.id));
    if let Some(Some(file_id)) = &report.draft.photo {
        message = message.with_attachment(Attachment::Photo {
            file_id: file_id.clone(),
        });
    }
    message
}

/// The name of a report's cards among the bot's cards (`OutMessage::card`).
fn card_key(report_id: i64) -> String {
    format!("{AREA}:report:{report_id}")
}

/// Posts a card waiting for a decision; cards of the same report posted before it lose
/// their buttons and point to it.
fn post_card(ctx: &mut Ctx, report: &Report, answer: Option<&str>) -> CoreResult {
    ctx.in_group_language(|ctx| {
        let superseded = ctx.t("donations.card_superseded", &[]);
        let earlier = card(ctx, report, None, Some(superseded), false);
        ctx.update_card(&card_key(report.id), earlier, false)?;
        let message = card(ctx, report, answer, None, true);
        if !ctx.post_to(Role::Staff, message)? {
            log::warn!(
                "no staff group registered; donation report R{} waits",
                report.id
            );
        }
        Ok(())
    })
}

/// Shows the decision just taken on every card of the report, with the decisions still
/// open (none once confirmed or refused).
fn show_decision(ctx: &mut Ctx, report_id: i64, key: &str, args: &[(&str, Arg)]) -> CoreResult {
    let Some(report) = store::load(ctx.conn, report_id)? else {
        return Ok(());
    };
    let mut all = vec![("name", Arg::from(&ctx.event.actor.name))];
    all.extend(args.iter().cloned());
    let answer = report.donor_answer.clone();
    let live = report.state.is_waiting();
    let pressed_on_the_card = ctx.chat_role == Some(Role::Staff);
    ctx.in_group_language(|ctx| {
        let outcome = ctx.t(key, &all);
        let decided = card(ctx, &report, answer.as_deref(), Some(outcome), live);
        ctx.update_card(&card_key(report.id), decided, pressed_on_the_card)
    })?;
    Ok(())
}

/// What a staff member is about to tell a donor: asked for, then `typed` and shown to them
/// to check before it is sent.
pub struct StaffMessage {
    report_id: i64,
    reject: bool,
    typed: Option<String>,
    /// The message it was typed in, which an edit may change until it is sent.
    typed_in: Option<i64>,
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
    if what == "msg" {
        return on_check_button(ctx, id);
    }
    // `same:<report>.<record>`: the report is the gift of a record already made.
    let (id, recorded) = match id.split_once('.') {
        Some((report, recorded)) => (report, recorded.parse::<i64>().ok()),
        None => (id, None),
    };
    let Some(report) = id
        .parse()
        .ok()
        .map(|id| store::load(ctx.conn, id))
        .transpose()?
        .flatten()
    else {
        return Ok(());
    };
    if !report.state.is_waiting() {
        let code = Arg::from(format!("R{}", report.id));
        ctx.answer_button_with("donations.report_already_decided", &[("code", code)]);
        return Ok(());
    }
    if let ("same", Some(recorded)) = (what, recorded) {
        ctx.answer_button(None);
        return confirm_as_recorded(ctx, report, recorded);
    }
    decide(ctx, report, what, "")
}

/// A decision on a waiting report: `ok` records it; `more` and `no` send `message` to the
/// donor, or ask the staff member for it first when it is empty.
fn decide(ctx: &mut Ctx, report: Report, what: &str, message: &str) -> CoreResult {
    let reject = what == "no";
    match what {
        "ok" => confirm(ctx, report, Asked::Nothing),
        "okyear" => confirm(ctx, report, Asked::ClosedYear),
        "okagain" => confirm(ctx, report, Asked::Everything),
        "more" | "no" if message.is_empty() => {
            let code = Arg::from(format!("R{}", report.id));
            let (key, placeholder) = if reject {
                (
                    "donations.ask_reject_reason",
                    "donations.placeholder_reject_reason",
                )
            } else {
                ("donations.ask_more_info", "donations.placeholder_more_info")
            };
            let name = ctx.actor_mention();
            let text = ctx.t(key, &[("code", code.clone()), ("name", name)]);
            let placeholder = ctx.t(placeholder, &[("code", code)]);
            ctx.prompt(
                AREA,
                Box::new(StaffMessage {
                    report_id: report.id,
                    reject,
                    typed: None,
                    typed_in: None,
                }),
                text,
                placeholder,
            );
            Ok(())
        }
        // Typed with the report's code (`ปฏิเสธ R12 เหตุผล`): shown back to check, as typed
        // after the button is, since a mistyped code would tell another donor.
        "more" | "no" => Ok(show_staff_message_check(
            ctx,
            StaffMessage {
                report_id: report.id,
                reject,
                typed: None,
                typed_in: ctx.written_message_id(),
            },
            message.to_string(),
        )?),
        _ => Ok(()),
    }
}

/// A report card's button typed as words with the report's code (`ยืนยันรับ R12`,
/// `ปฏิเสธ R12 ยอดไม่ตรงกับสลิป`): what the button does, by the same checks (in the staff group,
/// the report still waiting) and the same record; the message a button would ask for may follow
/// the code, or is asked for.
fn typed_decision(ctx: &mut Ctx, args: &str, what: &str, usage: &'static str) -> CoreResult {
    let (code, message) = split_report_code(args);
    let Some(id) = code else {
        return refuse(usage, vec![]);
    };
    if ctx.chat_role != Some(Role::Staff) {
        return refuse("donations.decide_in_staff_group", vec![]);
    }
    let Some(report) = store::load(ctx.conn, id)? else {
        return refuse(
            "donations.report_unknown",
            vec![("code", Arg::from(format!("R{id}")))],
        );
    };
    if !report.state.is_waiting() {
        let code = Arg::from(format!("R{}", report.id));
        return refuse("donations.report_already_decided", vec![("code", code)]);
    }
    decide(ctx, report, what, message)
}

/// A report card's words followed by other words than a code are chat (`ปฏิเสธ ไปแล้ว`).
pub fn card_words_chatter(args: &str) -> bool {
    crate::thai::starts_with_thai_word(args) && split_report_code(args).0.is_none()
}

/// The report's code at the start of `args` (`R12`, `r12`, `R 12`, `12`, Thai digits too) and
/// what follows.
fn split_report_code(args: &str) -> (Option<i64>, &str) {
    let args = args.trim();
    let after_r = args.strip_prefix(['R', 'r']).map_or(args, str::trim_start);
    let (digits, rest) = crate::thai::split_leading_digits(after_r);
    match crate::thai::normalize_digits(digits).parse() {
        Ok(id) => (Some(id), rest.trim()),
        Err(_) => (None, args),
    }
}

/// `ยืนยันรับ R12`: the card's ยืนยันรับ button, typed.
pub fn typed_confirm(ctx: &mut Ctx, args: &str) -> CoreResult {
    typed_decision(ctx, args, "ok", "donations.typed_confirm_usage")
}

/// `ขอข้อมูลเพิ่ม R12 [ข้อความ]`: the card's ขอข้อมูลเพิ่ม button, typed.
pub fn typed_ask_more(ctx: &mut Ctx, args: &str) -> CoreResult {
    typed_decision(ctx, args, "more", "donations.typed_more_usage")
}

/// `ปฏิเสธ R12 [เหตุผล]`: the card's ปฏิเสธ button, typed.
pub fn typed_reject(ctx: &mut Ctx, args: &str) -> CoreResult {
    typed_decision(ctx, args, "no", "donations.typed_reject_usage")
}

/// Days either side of the reported day within which a record of the same amount may be the
/// same gift, already recorded by staff from the statement.
const SAME_GIFT_DAYS: u64 = 7;

/// What staff have already answered on the way to confirming a report.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Asked {
    Nothing,
    /// To record it in the closed fiscal year its day falls in.
    ClosedYear,
    /// That too, and that it is another gift than a record like it.
    Everything,
}

/// Records the report's gift and tells the donor; first asks, unless `asked` already, whether
/// to record it in the closed fiscal year its day falls in (as a typed record is asked), and
/// then, when a record that may be the same gift exists, whether it is that one.
fn confirm(ctx: &mut Ctx, report: Report, asked: Asked) -> CoreResult {
    // Recorded as received the day the donor gave (as they confirmed it), kept only when it
    // is not the day they reported it, never the day staff confirm it (which may fall in the
    // next fiscal year).
    let Some(mut new) = new_donation(ctx, &report.draft, Source::Report) else {
        return Ok(());
    };
    new.received_on = report.draft.received_on.unwrap_or(report.reported_on);
    let year = fiscal_year(new.received_on);
    if asked < Asked::ClosedYear && year < fiscal_year(ctx.today()) {
        let code = Arg::from(format!("R{}", report.id));
        let text = ctx.t(
            "donations.report_in_closed_year",
            &[
                ("code", code),
                ("date", Arg::Date(new.received_on)),
                ("year", Arg::from(year)),
                ("this_year", Arg::from(fiscal_year(ctx.today()))),
            ],
        );
        let button = Button::Callback {
            label: ctx.t(
                "donations.record_in_closed_year_button",
                &[("year", Arg::from(year))],
            ),
            data: format!("{AREA}:r:okyear:{}", report.id),
        };
        ctx.reply(OutMessage::text(text).with_buttons(vec![vec![button]]));
        return Ok(());
    }
    if asked < Asked::Everything
        && let Some(recorded) = register_store::like_reported_gift(ctx.conn, &new, SAME_GIFT_DAYS)?
    {
        ask_if_recorded(ctx, &report, &recorded);
        return Ok(());
    }
    let donation_id = record::record(ctx, &new)?;
    tell_confirmed(ctx, &report, donation_id)
}

/// A record that may be the reported gift: asked whether the report is that gift (linked, no
/// second number) or another one (recorded anew), as confirming it would count it twice.
fn ask_if_recorded(ctx: &mut Ctx, report: &Report, recorded: &register_store::Donation) {
    let code = Arg::from(format!("R{}", report.id));
    let number = Arg::from(recorded.number_label());
    let text = ctx.t(
        "donations.report_maybe_recorded",
        &[
            ("code", code.clone()),
            ("number", number.clone()),
            ("record", Arg::Html(record::one_line_marked(ctx, recorded))),
        ],
    );
    let buttons = vec![
        vec![Button::Callback {
            label: ctx.t("donations.report_is_recorded_button", &[("number", number)]),
            data: format!("{AREA}:r:same:{}.{}", report.id, recorded.id),
        }],
        vec![Button::Callback {
            label: ctx.t("donations.report_is_another_button", &[]),
            data: format!("{AREA}:r:okagain:{}", report.id),
        }],
    ];
    ctx.reply(OutMessage::text(text).with_buttons(buttons));
}

/// The report is the gift already recorded as `donation_id`: linked to it, and the donor gets
/// that record's proof.
fn confirm_as_recorded(ctx: &mut Ctx, report: Report, donation_id: i64) -> CoreResult {
    let Some(donation) = register_store::by_id(ctx.conn, donation_id)? else {
        return Ok(());
    };
    if donation.void.is_some() {
        return refuse(
            "donations.report_recorded_voided",
            vec![("number", Arg::from(donation.number_label()))],
        );
    }
    // Another report may have been linked to it since it was offered.
    if let Some(other) = store::of_donation(ctx.conn, donation_id)? {
        return refuse(
            "donations.report_recorded_linked",
            vec![
                ("number", Arg::from(donation.number_label())),
                ("code", Arg::from(format!("R{}", other.id))),
            ],
        );
    }
    tell_confirmed(ctx, &report, donation_id)
}

/// Marks the report confirmed as the record `donation_id`, and tells the staff group, every
/// card and the donor (with the proof).
fn tell_confirmed(ctx: &mut Ctx, report: &Report, donation_id: i64) -> CoreResult {
    let decision = Decision {
        by: &ctx.event.actor.name,
        at: ctx.now,
    };
    store::confirm(ctx.conn, report.id, donation_id, &decision)?;
    ctx.audit(
        "donation_report.confirm",
        &format!("R{}", report.id),
        &donation_id.to_string(),
    )?;
    let Some(donation) = register_store::by_id(ctx.conn, donation_id)? else {
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
    show_decision(
        ctx,
        report.id,
        "donations.card_confirmed",
        &[("number", Arg::from(donation.number_label()))],
    )?;
    let mut proof = record::proof_message(ctx, &donation, false);
    proof.text = format!(
        "{}\n\n{}",
        ctx.t("donations.report_confirmed_donor", &[]),
        proof.text
    );
    ctx.send(report.donor_chat_id, proof, Persist::Outbox);
    Ok(())
}

/// The staff member's message to the donor (more information needed, or why not), typed in
/// answer to the prompt: shown back to check before it goes, since a line typed there by
/// mistake ("อ๊ะ กดผิดค่ะ") would otherwise reach the donor at once as the reason.
pub fn on_staff_message(ctx: &mut Ctx, mut pending: StaffMessage) -> CoreResult {
    let text = match &ctx.event.input {
        crate::core::Input::Text(text) => text.trim().to_string(),
        _ => String::new(),
    };
    if text.is_empty() {
        ctx.start_dialogue(AREA, Box::new(pending));
        return Ok(());
    }
    pending.typed_in = ctx.written_message_id();
    Ok(show_staff_message_check(ctx, pending, text)?)
}

fn show_staff_message_check(
    ctx: &mut Ctx,
    mut pending: StaffMessage,
    text: String,
) -> rusqlite::Result<()> {
    let code = Arg::from(format!("R{}", pending.report_id));
    // The gift, so that a mistyped report code (ปฏิเสธ R21 for R12) shows another donor's.
    let gift = store::load(ctx.conn, pending.report_id)?
        .map(|report| summary(ctx, &report.draft))
        .unwrap_or_default();
    let (key, send_label) = if pending.reject {
        (
            "donations.check_reject_reason",
            "donations.send_reject_button",
        )
    } else {
        ("donations.check_more_info", "donations.send_more_button")
    };
    let check = ctx.t(
        key,
        &[
            ("code", code),
            ("summary", Arg::Html(gift)),
            ("message", Arg::from(&text)),
        ],
    );
    let buttons = ctx.check_buttons(ctx.t(send_label, &[]), &format!("{AREA}:r:msg"));
    pending.typed = Some(text);
    ctx.start_dialogue(AREA, Box::new(pending));
    ctx.reply(OutMessage::text(check).with_buttons(buttons));
    Ok(())
}

/// The check's buttons: send the message as typed, type it again, or send nothing.
/// The message being checked shown again, or the prompt for it asked again.
pub fn ask_again(ctx: &mut Ctx, mut pending: StaffMessage) -> CoreResult {
    match pending.typed.take() {
        Some(text) => Ok(show_staff_message_check(ctx, pending, text)?),
        None => prompt_again(ctx, &pending),
    }
}

/// The staff member's prompt asked again, while the report still waits.
fn prompt_again(ctx: &mut Ctx, pending: &StaffMessage) -> CoreResult {
    let code = Arg::from(format!("R{}", pending.report_id));
    let report = store::load(ctx.conn, pending.report_id)?;
    match report.filter(|r| r.state.is_waiting()) {
        Some(report) => decide(ctx, report, if pending.reject { "no" } else { "more" }, ""),
        None => refuse("donations.report_already_decided", vec![("code", code)]),
    }
}

fn on_check_button(ctx: &mut Ctx, what: &str) -> CoreResult {
    let Some(mut pending) = ctx.take_dialogue::<StaffMessage>(AREA) else {
        ctx.answer_button_with("donations.button_not_yours", &[]);
        return Ok(());
    };
    let code = Arg::from(format!("R{}", pending.report_id));
    match (what, pending.typed.take()) {
        ("send", Some(text)) => send_staff_message(ctx, pending, &text),
        ("cancel", _) => {
            let text = ctx.t("donations.staff_message_cancelled", &[("code", code)]);
            ctx.reply_text(text);
            Ok(())
        }
        _ => prompt_again(ctx, &pending),
    }
}

/// Sends the staff member's `text` to the donor of a waiting report and records the decision.
fn send_staff_message(ctx: &mut Ctx, pending: StaffMessage, text: &str) -> CoreResult {
    let Some(report) = store::load(ctx.conn, pending.report_id)? else {
        return Ok(());
    };
    let code = Arg::from(format!("R{}", report.id));
    if !report.state.is_waiting() {
        return refuse("donations.report_already_decided", vec![("code", code)]);
    }
    let state = if pending.reject {
        State::Rejected
    } else {
        State::MoreInfo
    };
    let decision = Decision {
        by: &ctx.event.actor.name,
        at: ctx.now,
    };
    store::answer_donor(ctx.conn, report.id, state, text, &decision)?;
    let sent = if pending.reject {
        STAFF_REASON
    } else {
        STAFF_MORE
    };
    ctx.note_recorded(AREA, pending.typed_in, &format!("{sent}:{}", report.id))?;
    ctx.audit(
        &format!("donation_report.{}", state.code()),
        &format!("R{}", report.id),
        text,
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
        &[
            ("code", code.clone()),
            ("message", (text).into()),
            ("days", Arg::from(ANSWER_WINDOW_HOURS / 24)),
            ("contact", office_contact(ctx)),
        ],
    );
    ctx.send(
        report.donor_chat_id,
        OutMessage::text(to_donor),
        Persist::Outbox,
    );
    let to_staff = ctx.t(staff_key, &[("code", code)]);
    ctx.reply_text(to_staff);
    let outcome_key = if pending.reject {
        "donations.card_rejected"
    } else {
        "donations.card_asked_more"
    };
    show_decision(ctx, report.id, outcome_key, &[("message", Arg::from(text))])
}

/// What a noted message made (`Ctx::note_recorded`): a donor's answers that made a report,
/// and a staff member's message to a donor, asking for more or saying why not.
const REPORT: &str = "report";
const STAFF_MORE: &str = "report_more";
const STAFF_REASON: &str = "report_no";

/// An edit of a message that made a report or a staff message to its donor: that report or
/// message, unchanged, and how to correct it from where the report stands now.
pub fn describe_edited(ctx: &Ctx, message_id: i64) -> rusqlite::Result<Option<String>> {
    let Some(subject) = ctx.recorded_by(AREA, message_id)? else {
        return Ok(None);
    };
    let Some((what, id)) = subject.split_once(':') else {
        return Ok(None);
    };
    let Some(report) = load_any(ctx, id.parse().ok())? else {
        return Ok(None);
    };
    let code = Arg::from(format!("R{}", report.id));
    let state = Arg::from(state_label(ctx, report.state));
    if what == REPORT {
        let how = match report.state {
            State::Pending => ctx.t(
                "donations.edited_report_waiting",
                &[("code", code.clone()), ("contact", office_contact(ctx))],
            ),
            State::MoreInfo => ctx.t("donations.edited_report_asked", &[("code", code.clone())]),
            State::Rejected => ctx.t("donations.edited_report_refused", &[]),
            State::Confirmed => {
                let number = match report.donation_id {
                    Some(id) => register_store::by_id(ctx.conn, id)?
                        .map(|donation| donation.number_label())
                        .unwrap_or_default(),
                    None => String::new(),
                };
                ctx.t(
                    "donations.edited_report_confirmed",
                    &[
                        ("number", Arg::from(number)),
                        ("contact", office_contact(ctx)),
                    ],
                )
            }
        };
        return Ok(Some(ctx.t(
            "donations.edited_report",
            &[
                ("code", code),
                ("state", state),
                ("summary", Arg::Html(summary(ctx, &report.draft))),
                ("how", Arg::Html(how)),
            ],
        )));
    }
    let what = match what {
        STAFF_MORE => ctx.t("donations.edited_staff_more", &[]),
        STAFF_REASON => ctx.t("donations.edited_staff_reason", &[]),
        _ => return Ok(None),
    };
    let how = if report.state.is_waiting() {
        ctx.t("donations.edited_staff_again", &[("code", code.clone())])
    } else {
        ctx.t(
            "donations.edited_staff_closed",
            &[("code", code.clone()), ("state", state)],
        )
    };
    Ok(Some(ctx.t(
        "donations.edited_staff_message",
        &[
            ("code", code),
            ("what", Arg::from(what)),
            (
                "message",
                Arg::from(report.staff_message.unwrap_or_default()),
            ),
            ("how", Arg::Html(how)),
        ],
    )))
}

/// Where a donor reaches the office: its name, and its phone when configured.
fn office_contact(ctx: &Ctx) -> Arg {
    let office = &ctx.env.config.office;
    let text = if office.phone.trim().is_empty() {
        ctx.t(
            "donations.office_contact",
            &[("office", Arg::from(&office.name))],
        )
    } else {
        ctx.t(
            "donations.office_contact_phone",
            &[
                ("office", Arg::from(&office.name)),
                ("phone", Arg::from(&office.phone)),
            ],
        )
    };
    Arg::Html(text)
}

/// Free text from a donor whose report staff asked more about and have not decided since: it
/// is (part of) the answer, and the report goes back to the staff group. People answer in
/// several short messages ("โอนจากกสิกรค่ะ", "เวลา 10.30 น. ค่ะ"): the second went to the Q&A.
pub fn on_private_text(ctx: &mut Ctx, text: &str) -> CoreResult<bool> {
    let id = being_asked_about(ctx)?;
    let Some(report) = load_any(ctx, id)? else {
        return offer_to_report_an_amount(ctx, text);
    };
    answered_more(ctx, &report, text.trim())?;
    Ok(true)
}

/// An amount alone, said the way an answer to "how much?" is ("2,000", "500 บาทค่ะ", "โอนไป 3,000
/// บาทค่ะ"), from someone who is not staff (whose amounts are theirs to record): asked whether
/// they are reporting that gift, with a button that begins the report with it; nothing starts
/// by itself.
fn offer_to_report_an_amount(ctx: &mut Ctx, text: &str) -> CoreResult<bool> {
    // The amount first: whether the person is staff is looked up only when it matters.
    let Ok(satang) = crate::thai::parse_amount_answer(text.trim()) else {
        return Ok(false);
    };
    if satang <= 0 || ctx.acts_as(Role::Staff) {
        return Ok(false);
    }
    let amount = Arg::from(format_amount(satang));
    let offer = ctx.t(
        "donations.amount_alone_offer",
        &[("amount", amount.clone())],
    );
    let button = Button::Callback {
        label: ctx.t("donations.amount_alone_button", &[("amount", amount)]),
        data: format!("{AREA}:{AMOUNT_BUTTON}:{satang}"),
    };
    ctx.reply(OutMessage::text(offer).with_buttons(vec![vec![button]]));
    Ok(true)
}

/// The button of [`offer_to_report_an_amount`]: `gave:<satang>`.
pub const AMOUNT_BUTTON: &str = "gave";

/// A press of the amount's button: the report begun with that amount, as `แจ้งบริจาค 2,000`
/// would begin it.
pub fn amount_button(ctx: &mut Ctx, satang: &str) -> CoreResult {
    ctx.answer_button(None);
    let Ok(satang) = satang.parse::<i64>() else {
        return Ok(());
    };
    report_gift(ctx, &crate::thai::format_number(satang), false)
}

/// How long after staff ask a donor for more, or after the donor's last answer, what the
/// donor sends privately is taken as the answer. Past it, a question or a tip-off is the
/// person's own business again; the request tells them so.
pub const ANSWER_WINDOW_HOURS: i64 = 72;

/// The report whose donor is answering staff's request now, if any.
fn being_asked_about(ctx: &Ctx) -> rusqlite::Result<Option<i64>> {
    let since = ctx.now - chrono::Duration::hours(ANSWER_WINDOW_HOURS);
    store::being_asked_about(ctx.conn, ctx.event.actor.user_id, since)
}

/// The report `id`, when there is one and it exists.
fn load_any(ctx: &Ctx, id: Option<i64>) -> rusqlite::Result<Option<Report>> {
    Ok(id
        .map(|id| store::load(ctx.conn, id))
        .transpose()?
        .flatten())
}

/// Records the donor's answer to staff's request for more, puts the report back in front of
/// the staff with a new card and tells the donor.
fn answered_more(ctx: &mut Ctx, report: &Report, text: &str) -> CoreResult {
    let answer = match &report.donor_answer {
        Some(earlier) => format!("{earlier}\n{text}"),
        None => text.to_string(),
    };
    store::donor_answered(ctx.conn, report.id, &answer, ctx.now)?;
    ctx.audit("donation_report.answer", &format!("R{}", report.id), "")?;
    // The card shows all the donor has answered so far, not only the latest message.
    post_card(ctx, report, Some(&answer))?;
    let reply = ctx.t(
        "donations.report_answer_sent",
        &[("code", Arg::from(format!("R{}", report.id)))],
    );
    ctx.reply_text(reply);
    Ok(())
}

/// A photo or file from a donor whose report staff asked more about (and have not decided
/// since): it goes to the staff group (re-sent by file id) with its caption, and the
/// report's card comes back.
pub fn on_private_file(ctx: &mut Ctx, file: Attachment, caption: &str) -> CoreResult<bool> {
    let id = being_asked_about(ctx)?;
    let Some(report) = load_any(ctx, id)? else {
        return Ok(false);
    };
    let code = Arg::from(format!("R{}", report.id));
    let sent = ctx.t("donations.report_file_from_donor", &[]);
    let answer = if caption.trim().is_empty() {
        sent.clone()
    } else {
        format!("{sent} {}", caption.trim())
    };
    ctx.in_group_language(|ctx| {
        let label = ctx.t("donations.report_file_caption", &[("code", code)]);
        ctx.post_to(Role::Staff, OutMessage::text(label).with_attachment(file))
    })?;
    answered_more(ctx, &report, &answer)?;
    Ok(true)
}

fn state_label(ctx: &Ctx, state: State) -> String {
    let key = match state {
        State::Pending => "donations.state_pending",
        State::MoreInfo => "donations.state_more_info",
        State::Rejected => "donations.state_rejected",
        State::Confirmed => "donations.state_confirmed",
    };
    ctx.t(key, &[])
}

/// `การบริจาคของฉัน`: the donor's reports and where each stands.
pub fn my_donations(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let reports = store::of_donor(ctx.conn, ctx.event.actor.user_id, MY_REPORTS_LISTED)?;
    if reports.is_empty() {
        let text = ctx.t("donations.my_none", &[]);
        ctx.reply_text(text);
        return Ok(());
    }
    let mut lines = vec![ctx.t("donations.my_title", &[])];
    for report in &reports {
        let donation = match report.donation_id {
            Some(id) => register_store::by_id(ctx.conn, id)?,
            None => None,
        };
        let number = donation
            .as_ref()
            .map(|d| {
                let number = Arg::from(d.number_label());
                format!(
                    " · {}",
                    ctx.t("donations.number_label", &[("number", number)])
                )
            })
            .unwrap_or_default();
        // A confirmed gift voided later is shown as voided, with staff's reason.
        let void = donation.as_ref().and_then(|d| d.void.as_ref());
        let state = match void {
            Some(_) => ctx.t("donations.state_voided", &[]),
            None => state_label(ctx, report.state),
        };
        lines.push(format!(
            "• R{} · {} · {} · {}{}",
            report.id,
            ctx.date(report.reported_on),
            format_amount(report.draft.amount.unwrap_or_default()),
            escape_html(&state),
            escape_html(&number),
        ));
        let staff_message = match void {
            Some(void) => Some(&void.reason),
            None => report
                .staff_message
                .as_ref()
                .filter(|_| matches!(report.state, State::MoreInfo | State::Rejected)),
        };
        if let Some(message) = staff_message {
            lines.push(ctx.t("donations.my_staff_message", &[("message", message.into())]));
        }
    }
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// Tells the donor who reported `donation` that staff voided it, and why; whether there was
/// such a donor (a gift staff recorded themselves has no chat to tell).
pub fn tell_donor_of_void(
    ctx: &mut Ctx,
    donation: &register_store::Donation,
    reason: &str,
) -> CoreResult<bool> {
    let Some(report) = store::of_donation(ctx.conn, donation.id)? else {
        return Ok(false);
    };
    let text = ctx.t(
        "donations.report_voided_donor",
        &[
            ("code", Arg::from(format!("R{}", report.id))),
            ("number", Arg::from(donation.number_label())),
            ("amount", Arg::from(format_amount(donation.amount))),
            ("reason", Arg::from(reason)),
        ],
    );
    ctx.send(
        report.donor_chat_id,
        OutMessage::text(text),
        Persist::Outbox,
    );
    Ok(true)
}

fn waiting_line(ctx: &Ctx, report: &Report, calendar: &WorkCalendar, today: NaiveDate) -> String {
    let days = calendar.working_days_between(report.reported_on, today);
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
            ("state", Arg::from(state_label(ctx, report.state))),
            ("date", Arg::Date(report.reported_on)),
            ("days", Arg::from(days)),
        ],
    )
}

/// `รอยืนยัน`: every report still waiting for staff.
pub fn pending(ctx: &mut Ctx, _args: &str) -> CoreResult {
    let reports = store::waiting(ctx.conn)?;
    if reports.is_empty() {
        let text = ctx.t("donations.waiting_none", &[]);
        ctx.reply_text(text);
        return Ok(());
    }
    let today = ctx.today();
    let calendar = crate::office::work_calendar(ctx.conn)?;
    let mut lines = vec![ctx.t(
        "donations.waiting_title",
        &[("count", Arg::from(reports.len()))],
    )];
    lines.extend(
        reports
            .iter()
            .map(|r| waiting_line(ctx, r, &calendar, today)),
    );
    ctx.reply_text(lines.join("\n"));
    Ok(())
}

/// The office's morning, on working days: the staff group is told about reports waiting
/// longer than three working days.
pub fn on_morning(ctx: &mut Ctx, morning: &Morning) -> CoreResult {
    if !morning.is_working_day() {
        return Ok(());
    }
    let today = morning.today;
    let overdue: Vec<Report> = store::waiting(ctx.conn)?
        .into_iter()
        .filter(|r| {
            morning.calendar.working_days_between(r.reported_on, today) > OVERDUE_WORKING_DAYS
        })
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
    lines.extend(
        overdue
            .iter()
            .map(|r| waiting_line(ctx, r, &morning.calendar, today)),
    );
    ctx.post_to(Role::Staff, OutMessage::text(lines.join("\n")))?;
    Ok(())
}

/// Whether this person may have the certificate of a donation: staff, or the donor who
/// reported it.
pub fn is_reporting_donor(ctx: &Ctx, donation_id: i64) -> CoreResult<bool> {
    Ok(store::reported_by(
        ctx.conn,
        donation_id,
        ctx.event.actor.user_id,
    )?)
}

/// An edit while a dialogue waits: the message to a donor still being checked is shown again
/// as edited; a draft's answers are the draft's business.
pub fn on_dialogue_edit(
    ctx: &mut Ctx,
    dialogue: Dialogue,
    message_id: i64,
    text: &str,
) -> CoreResult<Option<Dialogue>> {
    let checking = dialogue
        .state
        .downcast_ref::<StaffMessage>()
        .is_some_and(|pending| pending.typed.is_some() && pending.typed_in == Some(message_id));
    if !checking || text.is_empty() {
        return draft::on_edit(ctx, dialogue, message_id, text);
    }
    let pending = *dialogue
        .state
        .downcast::<StaffMessage>()
        .expect("a staff message, looked at above");
    show_staff_message_check(ctx, pending, text.to_string())?;
    Ok(None)
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
                prompt: dialogue.prompt,
                lang: dialogue.lang,
            },
        ),
    }
}
