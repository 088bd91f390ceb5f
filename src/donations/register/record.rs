//! Recording donations (`บริจาค`, `บริจาคสิ่งของ`), the proof of donation, its re-issue
//! (`ใบอนุโมทนา`) and voiding (`ยกเลิกบริจาค`).

use chrono::DateTime;

use super::draft::{self, Draft, Mode};
use super::names::List;
use super::parse::{Purpose, number_label, split_number};
use super::store::{self, Donation, Gift, NewDonation, Source};
use crate::core::{Button, CommandSpec, CoreResult, Ctx, OutMessage, Role, refuse};
use crate::donations::AREA;
use crate::i18n::{Arg, escape_html};
use crate::thai::{amount_in_words, fiscal_year, format_amount};

pub fn donate(ctx: &mut Ctx, args: &str) -> CoreResult {
    start(ctx, args, false)
}

pub fn donate_item(ctx: &mut Ctx, args: &str) -> CoreResult {
    start(ctx, args, true)
}

/// Staff record; anybody else in a private chat is a donor: shown how to give money (the
/// office's account and PromptPay QR, when configured) and led to report a gift.
fn start(ctx: &mut Ctx, args: &str, goods: bool) -> CoreResult {
    if !ctx.acts_as(Role::Staff) {
        if ctx.is_private() {
            if let Some(giving) = crate::core::giving::giving_message(ctx).filter(|_| !goods) {
                ctx.reply(giving);
            }
            return crate::donations::donor_reports::report_gift(ctx, args, goods);
        }
        // A principal or a teacher in their group giving their own gift: where to report it.
        let command = ctx.command_word(if goods { "donate_item" } else { "donate" });
        return refuse(
            "donations.report_own_gift_privately",
            vec![("command", Arg::from(command))],
        );
    }
    // `บริจาค หน่อยครับ`: the guided record asked for.
    if crate::thai::is_only_asking(args) {
        let gift = if goods {
            Gift::empty_goods()
        } else {
            Gift::Money
        };
        let draft = Draft::new(Mode::Staff, Some(gift), true);
        let intro = ctx.t("donations.guided_intro", &[]);
        ctx.reply_text(intro);
        return draft::advance(ctx, draft);
    }
    let lines = super::pasted::lines(ctx, goods, args)?;
    if lines.len() > 1 {
        return super::pasted::record_all(ctx, &lines);
    }
    let mut draft = draft::from_line(ctx, goods, args)?;
    // A line without วันที่ says the gift came the day it is typed: a button that completes it,
    // or says to record it again, may be pressed after midnight.
    draft.received_on.get_or_insert(ctx.today());
    draft::advance(ctx, draft)
}

/// Records a complete staff draft and answers with the proof. The typed messages that made
/// it (the one-line command, or each answer of the guided steps) are noted with the record:
/// an edit of one is answered with this record ([`describe_edited`]).
pub fn record_draft(ctx: &mut Ctx, draft: Draft) -> CoreResult {
    let Some(new) = new_donation(ctx, &draft, Source::Staff) else {
        return Ok(());
    };
    let year = fiscal_year(new.received_on);
    if !draft.closed_year_kept && year < fiscal_year(ctx.today()) {
        draft::ask_closed_year(ctx, draft, new.received_on, year);
        return Ok(());
    }
    if !draft.same_again
        && let Some(number) = store::same_donation(ctx.conn, &new)?
    {
        draft::ask_same_again(ctx, draft, &number);
        return Ok(());
    }
    let id = record(ctx, &new)?;
    ctx.note_recorded(AREA, draft.answer_messages(), &format!("{RECORDED}:{id}"))?;
    reply_proof(ctx, id)
}

/// What a noted message made (`Ctx::note_recorded`): a donation recorded, or several
/// (`donation:14,15,16`, lines pasted in one message).
pub(super) const RECORDED: &str = "donation";

/// An edit of a message that recorded a donation: the record it made, unchanged, and how to
/// correct it (void it by its number, then record again).
pub fn describe_edited(ctx: &Ctx, message_id: i64) -> rusqlite::Result<Option<String>> {
    let Some(subject) = ctx.recorded_by(AREA, message_id)? else {
        return Ok(None);
    };
    let ids = match subject.split_once(':') {
        Some((RECORDED, ids)) => ids.split(',').filter_map(|id| id.parse().ok()).collect(),
        _ => Vec::new(),
    };
    let mut answers = Vec::new();
    for id in ids {
        if let Some(donation) = store::by_id(ctx.conn, id)? {
            answers.push(ctx.t(
                "donations.edited_recorded",
                &[
                    ("number", Arg::from(donation.number_label())),
                    ("record", Arg::Html(one_line_marked(ctx, &donation))),
                ],
            ));
        }
    }
    Ok((!answers.is_empty()).then(|| answers.join("\n\n")))
}

/// The record a complete draft makes, recorded by the person acting now. A day never said
/// nor shown is today's: lines pasted together are recorded as they are read.
pub fn new_donation(ctx: &Ctx, draft: &Draft, source: Source) -> Option<NewDonation> {
    let donor = draft.donor.clone()?;
    Some(NewDonation {
        received_on: draft.received_on.unwrap_or_else(|| ctx.today()),
        gift: draft.gift.clone()?,
        amount: draft.amount?,
        donor_name: donor.name,
        donor_kind: donor.kind,
        anonymous: donor.anonymous,
        purpose: draft.purpose?,
        school_id: draft.school_id(),
        school_text: draft.school_text(),
        network_id: draft.network_id(),
        note: draft.note.clone(),
        source,
        recorded_by_id: ctx.event.actor.user_id,
        recorded_by_name: ctx.event.actor.name.clone(),
        recorded_at: ctx.now.to_rfc3339(),
        original_number: None,
    })
}

/// Writes the record with its number and the audit line; returns its id.
pub fn record(ctx: &Ctx, new: &NewDonation) -> CoreResult<i64> {
    let (id, number) = store::insert(ctx.conn, new)?;
    let fy = fiscal_year(new.received_on);
    ctx.audit(
        "donation.record",
        &number_label(number, fy.into()),
        // The day received too: the number is that day's fiscal year's, and it may be
        // another day than the one recorded.
        &format!(
            "{} {} {} {} {}",
            new.gift.code(),
            new.amount,
            new.purpose.code(),
            new.donor_name,
            new.received_on
        ),
    )?;
    Ok(id)
}

fn reply_proof(ctx: &mut Ctx, id: i64) -> CoreResult {
    let Some(donation) = store::by_id(ctx.conn, id)? else {
        return Ok(());
    };
    let message = proof_message(ctx, &donation, false);
    ctx.reply(message);
    Ok(())
}

/// The proof of donation as a message, with a button for the certificate image.
/// The proof of a record just made may be summarized with others when many are owed to one
/// chat at once (its number stays in the summary, its details a press away).
pub fn proof_message(ctx: &Ctx, donation: &Donation, copy: bool) -> OutMessage {
    let copy_flag = if copy { "c" } else { "o" };
    let message = OutMessage::text(proof_text(ctx, donation, copy))
        .with_buttons(vec![vec![Button::Callback {
            label: ctx.t("donations.certificate_button", &[]),
            data: format!("{AREA}:cert:{}:{copy_flag}", donation.id),
        }]])
        .as_card(format!("{AREA}:proof:{}", donation.id));
    if copy || donation.void.is_some() {
        message.joinable()
    } else {
        message.summarized(super::summary::item(donation))
    }
}

/// A forwarded `บริจาค …` / `บริจาคสิ่งของ …` line that names its gift: what recording it
/// anew would record, offered to staff only (whoever presses must be staff too).
pub fn forwarded_record(ctx: &Ctx, spec: &'static CommandSpec, args: &str) -> Option<String> {
    let goods = match spec.name {
        "donate" => false,
        "donate_item" => true,
        _ => return None,
    };
    if !ctx.acts_as(Role::Staff) {
        return None;
    }
    let draft = draft::from_line(ctx, goods, args).ok()?;
    let gift = match draft.gift.as_ref()? {
        Gift::Money => format_amount(draft.amount?),
        Gift::Goods { item, .. } if item.is_empty() => return None,
        Gift::Goods { item, quantity } => goods_label(item, quantity.as_deref()),
    };
    let donor = match &draft.donor {
        Some(donor) => donor.name.clone(),
        None => ctx.t("donations.forwarded_donor_unset", &[]),
    };
    Some(ctx.t(
        "donations.forwarded_record",
        &[("gift", Arg::from(gift)), ("donor", Arg::from(donor))],
    ))
}

/// "ทุนการศึกษาสำหรับนักเรียนด้อยโอกาส", "สนับสนุนสถานศึกษา (โรงเรียนบ้านนา)".
pub fn purpose_label(ctx: &Ctx, donation: &Donation) -> String {
    let purpose = ctx.t(donation.purpose.label_key(), &[]);
    let school = donation
        .school
        .as_deref()
        .or(donation.school_text.as_deref())
        .map(|s| List::Schools.display(s));
    match (donation.purpose, school) {
        (Purpose::School, Some(school)) => format!("{purpose} ({school})"),
        _ => purpose,
    }
}

pub fn donor_label(ctx: &Ctx, donation: &Donation) -> String {
    if donation.anonymous {
        ctx.t("donations.anonymous_donor", &[])
    } else {
        donation.donor_name.clone()
    }
}

/// "โต๊ะนักเรียน จำนวน 20 ตัว".
pub fn goods_label(item: &str, quantity: Option<&str>) -> String {
    match quantity {
        Some(quantity) => format!("{item} จำนวน {quantity}"),
        None => item.to_string(),
    }
}

pub fn proof_text(ctx: &Ctx, donation: &Donation, copy: bool) -> String {
    let office = ctx.env.config.office.name.as_str();
    let donor = donor_label(ctx, donation);
    let purpose = purpose_label(ctx, donation);
    let amount = format_amount(donation.amount);
    let words = amount_in_words(donation.amount);
    let mut lines = Vec::new();
    if copy {
        lines.push(ctx.t("donations.proof_copy", &[]));
    }
    lines.push(ctx.t("donations.proof_title", &[("office", office.into())]));
    lines.push(ctx.t(
        "donations.proof_number",
        &[
            ("number", Arg::from(donation.number_label())),
            ("date", Arg::Date(donation.received_on)),
        ],
    ));
    lines.push(ctx.t("donations.proof_donor", &[("donor", (&donor).into())]));
    lines.push(ctx.t("donations.proof_purpose", &[("purpose", (&purpose).into())]));
    if let Some(network) = &donation.network {
        lines.push(ctx.t(
            "donations.proof_network",
            &[("network", Arg::from(List::Networks.display(network)))],
        ));
    }
    match &donation.gift {
        Gift::Money => lines.push(ctx.t(
            "donations.proof_money",
            &[("amount", (&amount).into()), ("words", (&words).into())],
        )),
        Gift::Goods { item, quantity } => lines.push(ctx.t(
            "donations.proof_goods",
            &[
                ("item", Arg::from(goods_label(item, quantity.as_deref()))),
                ("amount", (&amount).into()),
                ("words", (&words).into()),
            ],
        )),
    }
    if let Some(note) = &donation.note {
        lines.push(ctx.t("donations.proof_note", &[("note", note.into())]));
    }
    lines.push(ctx.t(
        "donations.proof_recorded_by",
        &[("name", (&donation.recorded_by_name).into())],
    ));
    if let Some(void) = &donation.void {
        let date = DateTime::parse_from_rfc3339(&void.at)
            .map(|at| ctx.date(at.with_timezone(&ctx.env.config.tz).date_naive()))
            .unwrap_or_default();
        lines.push(ctx.t(
            "donations.proof_void",
            &[
                ("date", date.into()),
                ("name", (&void.by_name).into()),
                ("reason", (&void.reason).into()),
            ],
        ));
    } else {
        let thanks_key = match donation.gift {
            Gift::Money => "donations.proof_thanks_money",
            Gift::Goods { .. } => "donations.proof_thanks_goods",
        };
        lines.push(String::new());
        lines.push(ctx.t(
            thanks_key,
            &[
                ("office", office.into()),
                ("donor", (&donor).into()),
                ("purpose", (&purpose).into()),
            ],
        ));
    }
    lines.join("\n")
}

/// The word that asks for every certificate of a period instead of one record's.
const ALL_OF_PERIOD: &str = "ทั้งหมด";

/// Reads "12/2569" (or "12", in the current fiscal year) and fetches the record.
fn find(ctx: &Ctx, args: &str, usage: &'static str) -> CoreResult<(Donation, String)> {
    let Some(((number, year), rest)) = split_number(args) else {
        return refuse(usage, vec![]);
    };
    let fy = year.unwrap_or_else(|| fiscal_year(ctx.today()));
    match store::by_number(ctx.conn, fy, number)? {
        Some(donation) => Ok((donation, rest.to_string())),
        None => refuse(
            "donations.number_unknown",
            vec![("number", Arg::from(number_label(number, fy.into())))],
        ),
    }
}

/// `ใบอนุโมทนา 12/2569`: the proof again, marked as a copy (or as voided);
/// `ใบอนุโมทนา ทั้งหมด ธ.ค.`: the certificates of a period in one PDF.
pub fn receipt(ctx: &mut Ctx, args: &str) -> CoreResult {
    if let Some(period) = args.trim().strip_prefix(ALL_OF_PERIOD) {
        return super::files::certificates_of_period(ctx, period);
    }
    let (donation, _) = find(ctx, args, "donations.receipt_usage")?;
    let message = proof_message(ctx, &donation, true);
    ctx.reply(message);
    Ok(())
}

/// `ยกเลิกบริจาค 12/2569 เหตุผล`: by an admin or the person who recorded it, within the
/// record's fiscal year. The record stays, marked void; totals leave it out.
pub fn void(ctx: &mut Ctx, args: &str) -> CoreResult {
    let (donation, reason) = find(ctx, args, "donations.void_usage")?;
    let reason = crate::thai::without_polite_ending(&reason).to_string();
    let number = Arg::from(donation.number_label());
    if reason.trim().is_empty() {
        return refuse("donations.void_needs_reason", vec![("number", number)]);
    }
    // The reason is printed in the void stamp of the certificate.
    draft::check_printed_name(ctx, "donations.field_reason", reason.trim())?;
    if let Some(void) = &donation.void {
        return refuse(
            "donations.void_already",
            vec![("number", number), ("reason", (&void.reason).into())],
        );
    }
    if !ctx.is_admin() && ctx.event.actor.user_id != donation.recorded_by_id {
        return refuse(
            "donations.void_not_allowed",
            vec![
                ("number", number),
                ("name", (&donation.recorded_by_name).into()),
            ],
        );
    }
    if !open_to_void(ctx, &donation) {
        return refuse(
            "donations.void_closed_year",
            vec![
                ("number", number),
                ("year", Arg::from(donation.fiscal_year)),
            ],
        );
    }
    // Scholarship money already allocated to students cannot leave the fund: the balance
    // would go below zero with nothing to show for it.
    if donation.purpose == Purpose::Scholarship && donation.gift == Gift::Money {
        let balance = crate::donations::scholarship_fund::balance_now(ctx.conn)?;
        if balance < donation.amount {
            return refuse(
                "donations.void_would_overdraw_fund",
                vec![
                    ("number", number),
                    ("amount", Arg::from(format_amount(donation.amount))),
                    ("balance", Arg::from(format_amount(balance))),
                    ("short", Arg::from(format_amount(donation.amount - balance))),
                ],
            );
        }
    }
    store::void(
        ctx.conn,
        donation.id,
        &ctx.now.to_rfc3339(),
        ctx.event.actor.user_id,
        &ctx.event.actor.name,
        reason.trim(),
    )?;
    ctx.audit(
        "donation.void",
        &donation.number_label(),
        &format!("{} {}", donation.amount, reason.trim()),
    )?;
    let mut text = ctx.t(
        "donations.voided",
        &[
            ("number", number),
            ("amount", Arg::from(format_amount(donation.amount))),
            ("donor", Arg::from(donor_label(ctx, &donation))),
            ("reason", Arg::from(reason.trim())),
        ],
    );
    if crate::donations::donor_reports::tell_donor_of_void(ctx, &donation, reason.trim())? {
        text.push('\n');
        text.push_str(&ctx.t("donations.voided_donor_told", &[]));
    }
    ctx.reply_text(text);
    Ok(())
}

/// A record of the running fiscal year, or one recorded in it (a gift of a year already
/// closed, recorded late, or a typo's date): the accounts a closed year reported never held
/// it. A row imported from an old register's file is that year's account as it was kept.
fn open_to_void(ctx: &Ctx, donation: &Donation) -> bool {
    let this_year = fiscal_year(ctx.today());
    let recorded_in = DateTime::parse_from_rfc3339(&donation.recorded_at)
        .map(|at| fiscal_year(at.with_timezone(&ctx.env.config.tz).date_naive()));
    donation.fiscal_year == this_year || (recorded_in == Ok(this_year) && !donation.imported)
}

/// [`one_line`], marked when the record was voided.
pub fn one_line_marked(ctx: &Ctx, donation: &Donation) -> String {
    let line = one_line(ctx, donation);
    match donation.void {
        Some(_) => ctx.t(
            "donations.records_list_void",
            &[("record", Arg::Html(line))],
        ),
        None => line,
    }
}

/// HTML-safe one-line description of a record for lists.
pub fn one_line(ctx: &Ctx, donation: &Donation) -> String {
    escape_html(&format!(
        "{} · {} · {} · {}",
        donation.number_label(),
        format_amount(donation.amount),
        donor_label(ctx, donation),
        purpose_label(ctx, donation)
    ))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};
    use rusqlite::Connection;

    use crate::config::Config;
    use crate::core::{Actor, Chat, ChatKind, Core, Effect, Event, Input, ManualClock, Role};
    use crate::db::schema_before;

    const STAFF_ID: i64 = 5_000_001;

    /// A donation recorded before migration 025, its message noted in `donation_messages`
    /// (then its own table): once migrated, an edit of that message is still answered with
    /// the donation it recorded.
    #[tokio::test]
    async fn an_edit_of_a_message_noted_before_migration_025_is_answered_with_its_donation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("khetbot.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        schema_before(&mut conn, "025_donation_messages_recorded.sql").unwrap();
        conn.execute(
            "INSERT INTO donations (fiscal_year, number, received_on, month, kind, amount,
                 donor_name, donor_kind, anonymous, purpose, source, recorded_by_id,
                 recorded_by_name, recorded_at)
             VALUES (2569, 7, '2026-06-12', '2026-06', 'money', 50000, 'นายก่อน ย้ายตาราง',
                 'person', 0, 'scholarship', 'staff', ?1, 'staff',
                 '2026-06-12T09:00:00+07:00')",
            [STAFF_ID],
        )
        .unwrap();
        let donation_id = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO donation_messages (chat_id, message_id, donation_id) VALUES (?1, 41, ?2)",
            [STAFF_ID, donation_id],
        )
        .unwrap();
        drop(conn);

        let mut config = Config::from_lookup(|_| None).unwrap();
        config.db_path = path;
        config.files_dir = dir.path().join("files");
        let clock = Arc::new(ManualClock::new(
            Utc.with_ymd_and_hms(2026, 6, 15, 2, 0, 0).unwrap(),
        ));
        let core = Core::open(config, clock, crate::capabilities()).unwrap();
        let edit = Event {
            update_id: Some(1),
            reply_to: None,
            message_id: Some(41),
            chat: Chat {
                id: STAFF_ID,
                kind: ChatKind::Private,
                title: None,
            },
            actor: Actor {
                user_id: STAFF_ID,
                name: "staff".into(),
                username: None,
                anonymous_admin: false,
                memberships: vec![Role::Staff],
            },
            input: Input::Edited {
                text: "บริจาค 900 บาท จาก นายหลัง ย้ายตาราง".into(),
            },
        };
        let answers: Vec<String> = core
            .handle(edit)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|delivery| match delivery.effect {
                Effect::Send { message, .. } => Some(message.text),
                _ => None,
            })
            .collect();
        assert!(
            answers
                .iter()
                .any(|text| text.contains("7/2569") && text.contains("นายก่อน ย้ายตาราง")),
            "{answers:?}"
        );
    }
}
