//! Donors' reports in SQLite: the report as typed, where it stands, and who decided.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::donations::register::draft::{Choice, Donor, Draft, Method, Mode};
use crate::donations::register::parse::{DonorKind, Purpose};
use crate::donations::register::store::Gift;

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Waiting for staff.
    Pending,
    /// Staff asked the donor for more; waiting for the donor.
    MoreInfo,
    Rejected,
    /// In the register.
    Confirmed,
}

impl State {
    pub fn code(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::MoreInfo => "more_info",
            State::Rejected => "rejected",
            State::Confirmed => "confirmed",
        }
    }

    fn from_code(code: &str) -> State {
        match code {
            "pending" => State::Pending,
            "more_info" => State::MoreInfo,
            "rejected" => State::Rejected,
            _ => State::Confirmed,
        }
    }

    /// Still for staff to decide.
    pub fn is_waiting(self) -> bool {
        matches!(self, State::Pending | State::MoreInfo)
    }
}

/// A stored report.
pub struct Report {
    pub id: i64,
    pub donor_chat_id: i64,
    pub draft: Draft,
    pub state: State,
    pub reported_on: NaiveDate,
    pub staff_message: Option<String>,
    pub donor_answer: Option<String>,
    pub donation_id: Option<i64>,
}

/// The columns every query of this table reads; a macro so that queries stay literals.
macro_rules! report_select {
    () => {
        "SELECT r.id, r.donor_user_id, r.donor_chat_id, r.kind, r.amount,
        r.item, r.donor_name, r.donor_kind, r.anonymous, r.purpose, r.school_id, s.name,
        r.school_text, r.network_id, n.name, r.method, r.photo_file_id, r.state, r.reported_on,
        r.staff_message, r.donor_answer, r.donation_id, r.given_on
    FROM donation_reports r
    LEFT JOIN donation_schools s ON s.id = r.school_id
    LEFT JOIN donation_networks n ON n.id = r.network_id"
    };
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
    // The day the donor gave, when it is not the day they reported it.
    let reported_on: NaiveDate = r.get(18)?;
    draft.received_on = r.get(22)?;
    Ok(Report {
        id: r.get(0)?,
        donor_chat_id: r.get(2)?,
        draft,
        state: State::from_code(&r.get::<_, String>(17)?),
        reported_on,
        staff_message: r.get(19)?,
        donor_answer: r.get(20)?,
        donation_id: r.get(21)?,
    })
}

/// A report as the donor confirmed it.
pub struct NewReport<'a> {
    pub donor_user_id: i64,
    pub donor_chat_id: i64,
    pub gift: &'a Gift,
    pub amount: i64,
    pub donor: &'a Donor,
    pub purpose: Purpose,
    pub school_id: Option<i64>,
    pub school_text: Option<String>,
    pub network_id: Option<i64>,
    pub method: Method,
    pub photo_file_id: Option<String>,
    pub reported_on: NaiveDate,
    /// The day the donor gave, as confirmed at their check, when it is not `reported_on`.
    pub given_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// Saves a report, waiting for staff; returns its number.
pub fn insert(conn: &Connection, new: &NewReport) -> rusqlite::Result<i64> {
    let item = match new.gift {
        Gift::Goods { item, .. } => Some(item.clone()),
        Gift::Money => None,
    };
    conn.prepare_cached(
        "INSERT INTO donation_reports (donor_user_id, donor_chat_id, kind, amount, item,
             donor_name, donor_kind, anonymous, purpose, school_id, school_text, network_id,
             method, photo_file_id, reported_on, created_at, given_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        new.donor_user_id,
        new.donor_chat_id,
        new.gift.code(),
        new.amount,
        item,
        new.donor.name,
        new.donor.kind.code(),
        new.donor.anonymous,
        new.purpose.code(),
        new.school_id,
        new.school_text,
        new.network_id,
        new.method.code(),
        new.photo_file_id,
        new.reported_on,
        new.created_at.to_rfc3339(),
        new.given_on,
    ])?;
    Ok(conn.last_insert_rowid())
}

pub fn load(conn: &Connection, id: i64) -> rusqlite::Result<Option<Report>> {
    conn.prepare_cached(concat!(report_select!(), " WHERE r.id = ?1"))?
        .query_row([id], report_from_row)
        .optional()
}

/// The donor's report that became the register's `donation_id`, if a donor reported it.
pub fn of_donation(conn: &Connection, donation_id: i64) -> rusqlite::Result<Option<Report>> {
    conn.prepare_cached(concat!(report_select!(), " WHERE r.donation_id = ?1"))?
        .query_row([donation_id], report_from_row)
        .optional()
}

/// A donor's latest reports, newest first.
pub fn of_donor(
    conn: &Connection,
    donor_user_id: i64,
    limit: i64,
) -> rusqlite::Result<Vec<Report>> {
    let mut stmt = conn.prepare_cached(concat!(
        report_select!(),
        " WHERE r.donor_user_id = ?1 ORDER BY r.id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![donor_user_id, limit], report_from_row)?;
    rows.collect()
}

/// Every report still for staff to decide, oldest first.
pub fn waiting(conn: &Connection) -> rusqlite::Result<Vec<Report>> {
    let mut stmt = conn.prepare_cached(concat!(
        report_select!(),
        " WHERE r.state IN ('pending', 'more_info') ORDER BY r.reported_on, r.id"
    ))?;
    let rows = stmt.query_map([], report_from_row)?;
    rows.collect()
}

/// The donor's newest report staff asked more about and have not decided yet, answered or
/// not, asked or answered `since` then: a line or photo sent after the first answer (the
/// time, the second slip) belongs to it too.
pub fn being_asked_about(
    conn: &Connection,
    donor_user_id: i64,
    since: DateTime<Utc>,
) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT id FROM donation_reports WHERE donor_user_id = ?1
             AND (state = 'more_info' OR (state = 'pending' AND staff_message IS NOT NULL))
             AND max(decided_at, coalesce(donor_answered_at, '')) >= ?2
         ORDER BY id DESC LIMIT 1",
    )?
    .query_row(params![donor_user_id, since.to_rfc3339()], |r| r.get(0))
    .optional()
}

/// Whether `donor_user_id` reported the donation that became `donation_id`.
pub fn reported_by(
    conn: &Connection,
    donation_id: i64,
    donor_user_id: i64,
) -> rusqlite::Result<bool> {
    let found: Option<i64> = conn
        .prepare_cached(
            "SELECT id FROM donation_reports WHERE donation_id = ?1 AND donor_user_id = ?2",
        )?
        .query_row(params![donation_id, donor_user_id], |r| r.get(0))
        .optional()?;
    Ok(found.is_some())
}

/// Who decided, and when.
pub struct Decision<'a> {
    pub by: &'a str,
    pub at: DateTime<Utc>,
}

/// The report is in the register as `donation_id`.
pub fn confirm(
    conn: &Connection,
    report_id: i64,
    donation_id: i64,
    decision: &Decision,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE donation_reports SET state = 'confirmed', donation_id = ?2, decided_by = ?3,
             decided_at = ?4
         WHERE id = ?1",
    )?
    .execute(params![
        report_id,
        donation_id,
        decision.by,
        decision.at.to_rfc3339()
    ])?;
    Ok(())
}

/// Staff asked for more, or refused, telling the donor `message`.
pub fn answer_donor(
    conn: &Connection,
    report_id: i64,
    state: State,
    message: &str,
    decision: &Decision,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE donation_reports SET state = ?2, staff_message = ?3, decided_by = ?4,
             decided_at = ?5
         WHERE id = ?1",
    )?
    .execute(params![
        report_id,
        state.code(),
        message,
        decision.by,
        decision.at.to_rfc3339()
    ])?;
    Ok(())
}

/// The donor answered (all their answers so far): the report waits for staff again.
pub fn donor_answered(
    conn: &Connection,
    report_id: i64,
    answers: &str,
    at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE donation_reports SET state = 'pending', donor_answer = ?2,
             donor_answered_at = ?3
         WHERE id = ?1",
    )?
    .execute(params![report_id, answers, at.to_rfc3339()])?;
    Ok(())
}
