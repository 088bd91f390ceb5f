//! A donation being put together: from a one-line command, from the guided dialogue that
//! `บริจาค` alone starts, or from a donor's own report. Whatever is missing or unclear is
//! asked for (purpose by buttons, unknown network and school names by the closest known
//! names), one step at a time, per person per chat; nothing is guessed.

use super::names::{self, List, Lookup};
use super::parse::{
    DonorKind, Marker, Purpose, PurposeText, is_an_amount, is_anonymous, led_in_as_a_purpose,
    parse_purpose, received_date_answer, split_parts, without_giving_verb,
};
use super::record;
use super::store::{self, Gift};
use crate::core::free_text::{NAME_MAX_CHARS, NOTE_MAX_CHARS, check_length};
use crate::core::{Button, CoreError, CoreResult, Ctx, Dialogue, Input, OutMessage, Role, refuse};
use crate::documents::render::undrawable_characters;
use crate::donations::{AREA, donor_reports};
use crate::i18n::Arg;
use crate::thai::{
    AmountError, DateError, fiscal_year, format_amount, parse_amount, parse_amount_answer,
    parse_past_date,
};
use chrono::NaiveDate;

/// Who is filling the draft in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Staff recording a donation the office received.
    Staff,
    /// A donor telling the office about their own gift (confirmed later by staff).
    Report,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    Unset,
    /// Typed but not (yet) found in the list.
    Typed(String),
    Known(i64, String),
    /// Not in the list; kept as typed for staff to check (donor reports only).
    Unlisted(String),
    /// Deliberately none (networks only).
    Nothing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Donor {
    pub name: String,
    pub kind: DonorKind,
    pub anonymous: bool,
}

impl Donor {
    pub fn from_typed(name: &str, kind: Option<DonorKind>) -> Donor {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let anonymous = is_anonymous(&name);
        Donor {
            kind: kind.unwrap_or_else(|| DonorKind::guess(&name)),
            name: if anonymous {
                crate::donations::ANONYMOUS.to_string()
            } else {
                name
            },
            anonymous,
        }
    }
}

/// How a donor gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Transfer,
    Cash,
    Goods,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::Transfer, Method::Cash, Method::Goods];

    pub fn code(self) -> &'static str {
        match self {
            Method::Transfer => "transfer",
            Method::Cash => "cash",
            Method::Goods => "goods",
        }
    }

    pub fn from_code(code: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Method::Transfer => "donations.method_transfer",
            Method::Cash => "donations.method_cash",
            Method::Goods => "donations.method_goods",
        }
    }

    /// Whether a gift of this kind can be given this way: money is transferred or paid in
    /// cash, goods are handed over.
    pub fn fits(self, goods: bool) -> bool {
        (self == Method::Goods) == goods
    }

    fn from_text(text: &str) -> Option<Method> {
        let text = text.trim();
        if text.starts_with("โอน") {
            Some(Method::Transfer)
        } else if text.starts_with("เงินสด") {
            Some(Method::Cash)
        } else if text.starts_with("ส่งมอบ") || text.starts_with("สิ่งของ")
        {
            Some(Method::Goods)
        } else {
            None
        }
    }
}

/// The question a draft is waiting on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Kind,
    Item,
    Amount,
    Purpose,
    School,
    Donor,
    Network,
    Method,
    Photo,
    /// The day the gift was received (given, in a report): asked only when chosen at the
    /// check, which shows it (today unless changed).
    Received,
    /// Which part of a report to change, asked from the confirm step.
    ChooseEdit,
    Confirm,
}

#[derive(Debug, Clone)]
pub struct Draft {
    pub mode: Mode,
    /// `None` until a donor says whether it is money or goods.
    pub gift: Option<Gift>,
    pub amount: Option<i64>,
    pub purpose: Option<Purpose>,
    pub school: Choice,
    pub donor: Option<Donor>,
    pub network: Choice,
    pub note: Option<String>,
    /// The day the gift was received (`วันที่ …` in a staff line, else the day the line was
    /// typed; the day a donor says they gave; either changed at the check), or the day the
    /// check showed as today: what is confirmed there is what is recorded, whatever day the
    /// press comes. `None` only before it was said or shown.
    pub received_on: Option<NaiveDate>,
    /// The received date was chosen at the check to be given anew.
    asking_received: bool,
    pub method: Option<Method>,
    /// `None`: not asked yet; `Some(None)`: skipped.
    pub photo: Option<Option<String>>,
    /// Asked step by step (network offered even when not given).
    guided: bool,
    /// A part was typed in answer to a question: the whole record is shown for a check before
    /// it is numbered, as a line typed at the wrong step ("เอ๊ะ ไม่ใช่ค่ะ ขอเปลี่ยน…" at the
    /// donor's name) would otherwise be recorded as if meant. A one-line record completed by
    /// buttons only is recorded at once, as it was typed whole, unless [`from_line`] had to
    /// read a part the line did not mark (no จาก, no เพื่อ, a name glued to the next word).
    typed_answer: bool,
    /// Staff said to record it although a record of the same donation exists.
    pub same_again: bool,
    /// Staff said to record it in the closed fiscal year its received date falls in.
    pub closed_year_kept: bool,
    confirmed: bool,
    /// The donor asked to change something before sending.
    choosing_edit: bool,
    /// A purpose that was typed but not understood, mentioned when asking again.
    unclear_purpose: Option<String>,
    /// The person's messages that answered a step, by message id: editing one of them while
    /// the draft is open changes that answer ([`on_edit`]).
    answered: Vec<(i64, Step)>,
}

impl Draft {
    pub fn new(mode: Mode, gift: Option<Gift>, guided: bool) -> Draft {
        Draft {
            mode,
            gift,
            amount: None,
            purpose: None,
            school: Choice::Unset,
            donor: None,
            network: Choice::Unset,
            note: None,
            received_on: None,
            asking_received: false,
            method: None,
            photo: None,
            guided,
            typed_answer: false,
            same_again: false,
            closed_year_kept: false,
            confirmed: false,
            choosing_edit: false,
            unclear_purpose: None,
            answered: Vec::new(),
        }
    }

    fn next_step(&self) -> Option<Step> {
        let report = self.mode == Mode::Report;
        let step = match () {
            _ if self.gift.is_none() => Step::Kind,
            _ if matches!(&self.gift, Some(Gift::Goods { item, .. }) if item.is_empty()) => {
                Step::Item
            }
            _ if self.amount.is_none() => Step::Amount,
            _ if self.purpose.is_none() => Step::Purpose,
            _ if self.purpose == Some(Purpose::School)
                && matches!(self.school, Choice::Unset | Choice::Typed(_)) =>
            {
                Step::School
            }
            _ if self.donor.is_none() => Step::Donor,
            _ if matches!(self.network, Choice::Typed(_))
                || (self.guided && self.network == Choice::Unset) =>
            {
                Step::Network
            }
            _ if report && self.method.is_none() => Step::Method,
            _ if report && self.photo.is_none() => Step::Photo,
            _ if self.asking_received => Step::Received,
            _ if (report || self.typed_answer) && self.choosing_edit => Step::ChooseEdit,
            _ if (report || self.typed_answer) && !self.confirmed => Step::Confirm,
            _ => return None,
        };
        Some(step)
    }

    /// Clears one part of a report so that its question is asked again; the confirm step
    /// follows once it is answered (again, when it had been passed: a changed part is checked).
    fn reopen(&mut self, part: &str) {
        self.choosing_edit = false;
        self.confirmed = false;
        // A part changed after a one-line record was read (its date, from the closed-year
        // question) is no longer what was typed whole: shown to check before it is numbered.
        self.typed_answer = true;
        match part {
            "item" => {
                if let Some(Gift::Goods { item, quantity }) = &mut self.gift {
                    item.clear();
                    *quantity = None;
                }
            }
            "amount" => self.amount = None,
            "school" => self.school = Choice::Unset,
            "purpose" => {
                self.purpose = None;
                self.school = Choice::Unset;
                self.unclear_purpose = None;
            }
            "donor" => self.donor = None,
            "network" => {
                self.network = Choice::Unset;
                self.guided = true;
            }
            "method" => self.method = None,
            "photo" => self.photo = None,
            "received" => {
                self.asking_received = true;
                // A closed fiscal year kept for the old date is not kept for the new one.
                self.closed_year_kept = false;
            }
            _ => {}
        }
    }

    /// The ids of the person's messages that answered its steps.
    /// Whether the record is to be shown whole to check before it is numbered: a part was
    /// typed in answer to a question, or read from where its word was left out.
    pub fn needs_check(&self) -> bool {
        self.typed_answer && !self.confirmed
    }

    pub fn answer_messages(&self) -> impl Iterator<Item = i64> + '_ {
        self.answered.iter().map(|(message_id, _)| *message_id)
    }

    pub fn school_id(&self) -> Option<i64> {
        match self.school {
            Choice::Known(id, _) => Some(id),
            _ => None,
        }
    }

    pub fn school_text(&self) -> Option<String> {
        match &self.school {
            Choice::Unlisted(name) => Some(name.clone()),
            _ => None,
        }
    }

    pub fn network_id(&self) -> Option<i64> {
        match self.network {
            Choice::Known(id, _) => Some(id),
            _ => None,
        }
    }
}

/// Markers of `บริจาค …` and `บริจาคสิ่งของ …`.
const MONEY_MARKERS: [Marker; 6] = [
    Marker::Donor,
    Marker::Purpose,
    Marker::Network,
    Marker::Note,
    Marker::DonorKind,
    Marker::Received,
];
const GOODS_MARKERS: [Marker; 8] = [
    Marker::Donor,
    Marker::Purpose,
    Marker::Network,
    Marker::Note,
    Marker::DonorKind,
    Marker::Quantity,
    Marker::Value,
    Marker::Received,
];

/// Reads a one-line `บริจาค` / `บริจาคสิ่งของ` command into a draft (staff).
pub fn from_line(ctx: &Ctx, goods: bool, args: &str) -> CoreResult<Draft> {
    let (markers, read): (&[Marker], &str) = if goods {
        (&GOODS_MARKERS, args)
    } else {
        (&MONEY_MARKERS, without_giving_verb(args))
    };
    let giving_verb_taken_off = read.len() != args.trim_start().len();
    let args = read;
    let parts = split_parts(args, markers);
    if let Some(word) = &parts.repeated {
        return refuse(
            "donations.marker_twice",
            vec![("word", word.as_str().into())],
        );
    }
    let (gift, amount_text) = if goods {
        let gift = Gift::Goods {
            item: parts.head.clone(),
            quantity: parts
                .get(Marker::Quantity)
                .filter(|q| !q.is_empty())
                .map(str::to_string),
        };
        (gift, parts.get(Marker::Value).unwrap_or(""))
    } else {
        (Gift::Money, parts.head.as_str())
    };
    let mut draft = Draft::new(Mode::Staff, Some(gift), false);
    // Where a name glued to the next word ends, or that a word before the amount was not part
    // of it, was read, not typed: shown to check.
    draft.typed_answer = parts.cut_inside_a_word || giving_verb_taken_off;
    let mut donor_typed = parts.get(Marker::Donor).filter(|n| !n.is_empty());
    let mut purpose_typed = parts.get(Marker::Purpose);
    let (amount, words_after_the_amount) = match amount_text.trim() {
        "" => (None, None),
        typed => {
            let (amount, words) =
                amount_and_words_after(ctx, typed, goods, donor_typed, purpose_typed)?;
            (Some(amount), words)
        }
    };
    draft.amount = amount;
    if let Some((part, words)) = &words_after_the_amount {
        match part {
            Marker::Donor => donor_typed = Some(words),
            _ => purpose_typed = Some(words),
        }
        // Read without its word (จาก, เพื่อ): shown whole to check before it is numbered.
        draft.typed_answer = true;
    }
    let kind = match parts.get(Marker::DonorKind) {
        Some(text) => match DonorKind::parse(text) {
            Some(kind) => Some(kind),
            None => return refuse("donations.donor_kind_unknown", vec![("kind", text.into())]),
        },
        None => None,
    };
    if let Some(name) = donor_typed {
        draft.donor = Some(Donor::from_typed(name, kind));
    }
    if let Some(text) = purpose_typed {
        apply_purpose_text(&mut draft, text);
    } else if let Some(donor) = &draft.donor
        && let Some((name, purpose)) = purpose_after_the_name(&donor.name)
    {
        // "จาก นายก ใจดี ทุนการศึกษา", เพื่อ left out: the purpose was read as the donor's last
        // words. Split, and shown whole to check before it is numbered.
        draft.donor = Some(Donor::from_typed(&name, kind));
        apply_purpose_text(&mut draft, &purpose);
        draft.typed_answer = true;
    }
    if draft.purpose.is_none()
        && draft.unclear_purpose.is_none()
        && let Some(donor) = &draft.donor
        && let Some((name, purpose)) = purpose_glued_to_its_word(&donor.name)
    {
        // "จาก นายบี เพื่อพัฒนาเขต": a เพื่อ glued to a purpose the register does not know was
        // left in the name, and the record numbered under "นายบี เพื่อพัฒนาเขต" once the purpose
        // was pressed. The purpose is asked with what was typed; the whole record is checked.
        draft.donor = Some(Donor::from_typed(&name, kind));
        apply_purpose_text(&mut draft, &purpose);
        draft.typed_answer = true;
    }
    if draft.purpose.is_none()
        && draft.donor.as_ref().is_some_and(|donor| {
            donor
                .name
                .split_whitespace()
                .skip(1)
                .any(|word| word.starts_with("ให้"))
        })
    {
        // "จาก นายบี ให้ทุนเด็กยากจน": what the gift is for, said another way, is in the name;
        // the whole record is checked before it is numbered.
        draft.typed_answer = true;
    }
    if let Some(network) = parts.get(Marker::Network).filter(|n| !n.is_empty()) {
        draft.network = Choice::Typed(network.to_string());
    }
    draft.note = parts
        .get(Marker::Note)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if let Some(typed) = parts.get(Marker::Received) {
        draft.received_on = Some(received_on_or_refuse(ctx, typed)?);
    } else {
        date_after_the_words(ctx, &mut draft, kind, purpose_typed)?;
    }
    if draft
        .donor
        .as_ref()
        .is_some_and(|donor| donor.name.split_whitespace().any(is_an_amount))
    {
        // "จาก นายเอ 3000 นายบี", "… คนละ 1000": a second gift, or the amount in the wrong
        // place. The whole record is checked before a proof is numbered with that name.
        draft.typed_answer = true;
    }
    check_typed_text(ctx, &draft)?;
    Ok(draft)
}

/// A received date typed without its word at the end of the donor's name or of the purpose
/// ("จาก นายขาว 3 ธ.ค. เพื่อ …", "เพื่อ ทุนการศึกษา 3 ธ.ค."): it was printed in the name, or
/// dropped and the gift dated today. Taken as the received date, and the record is shown whole
/// to check before it is numbered.
fn date_after_the_words(
    ctx: &Ctx,
    draft: &mut Draft,
    kind: Option<DonorKind>,
    purpose: Option<&str>,
) -> CoreResult<()> {
    let today = ctx.today();
    if let Some(donor) = &draft.donor
        && let Some((name, date)) = trailing_date(&donor.name, today)
    {
        draft.received_on = Some(received_on_or_refuse(ctx, &date)?);
        draft.donor = Some(Donor::from_typed(&name, kind));
        draft.typed_answer = true;
        return Ok(());
    }
    if let Some(typed) = purpose
        && let Some((purpose, date)) = trailing_date(typed, today)
    {
        draft.received_on = Some(received_on_or_refuse(ctx, &date)?);
        apply_purpose_text(draft, &purpose);
        draft.typed_answer = true;
    }
    Ok(())
}

/// The words of `text` before a date that ends it, and that date's words: the date must say
/// more than a number ("3 ธ.ค.", "5/12/69", "เมื่อวาน"; "หมู่ 5" stays a name), and at least
/// one word is left before it.
fn trailing_date(text: &str, today: NaiveDate) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..words.len()).find_map(|at| {
        let tail = words[at..].join(" ");
        let says_more_than_a_number = tail
            .chars()
            .any(|c| !crate::thai::is_digit(c) && !c.is_whitespace());
        (says_more_than_a_number && parse_past_date(&tail, today).is_ok())
            .then(|| (words[..at].join(" "), tail))
    })
}

/// The office's purpose as people write it after a name, whole; "สพป." alone is not among
/// them, as it ends many donors' names.
const OFFICE_PURPOSES: [&str; 3] = ["สำนักงาน", "พัฒนาสำนักงาน", "พัฒนาเขตพื้นที่"];

/// Words that name a purpose without เพื่อ before them: the scholarship, exactly an office
/// purpose ("สำนักงาน"; "ชมรมครู สพป.ตรัง" is a name), or a school or the office said with a
/// word in place of เพื่อ ("ให้โรงเรียนบ้านนา"; "สมาคมศิษย์เก่าโรงเรียนบ้านนา" is a name).
fn names_a_purpose_unmarked(words: &str) -> bool {
    match parse_purpose(words) {
        PurposeText::Scholarship => true,
        PurposeText::Office => OFFICE_PURPOSES.contains(&words) || led_in_as_a_purpose(words),
        PurposeText::School(_) => led_in_as_a_purpose(words),
        PurposeText::Unknown(_) => false,
    }
}

/// The donor's name and a purpose typed after it without เพื่อ: trailing words that
/// [name a purpose](names_a_purpose_unmarked). The name keeps at least its first word.
fn purpose_after_the_name(typed: &str) -> Option<(String, String)> {
    let words: Vec<&str> = typed.split_whitespace().collect();
    (1..words.len()).find_map(|at| {
        let tail = words[at..].join(" ");
        names_a_purpose_unmarked(&tail).then(|| (words[..at].join(" "), tail))
    })
}

/// The amount `text` starts with and, where words follow it that the line gives no word of
/// their own (`5,000 บาท นายสมชาย ใจดี`), the part they are (see [`part_without_its_word`])
/// and the words. Where the amount ends is where its reader stopped. Words that are no part
/// the line lacks, or that are glued to the amount ("ห้าร้อยกว่า"), are refused as an amount
/// not understood; spaced words the line could have meant as its donor or purpose are refused
/// naming the words to put before them.
fn amount_and_words_after(
    ctx: &Ctx,
    text: &str,
    goods: bool,
    donor_typed: Option<&str>,
    purpose_typed: Option<&str>,
) -> CoreResult<(i64, Option<(Marker, String)>)> {
    let Err(AmountError::Unclear { read, rest }) = parse_amount(text) else {
        return Ok((amount_or_refuse(ctx, text, goods)?, None));
    };
    if !rest.starts_with(char::is_alphabetic) {
        return Ok((amount_or_refuse(ctx, text, goods)?, None));
    }
    let amount = amount_or_refuse(ctx, &read, goods)?;
    if let Some(part) = part_without_its_word(&rest, donor_typed.is_some(), purpose_typed.is_some())
    {
        return Ok((amount, Some((part, rest))));
    }
    let words_apart = read.split_whitespace().count() + rest.split_whitespace().count()
        == text.split_whitespace().count();
    if words_apart && (donor_typed.is_none() || purpose_typed.is_none()) {
        return refuse(
            "donations.words_after_amount",
            vec![
                ("amount", Arg::from(format_amount(amount))),
                ("words", Arg::from(rest)),
                ("example", Arg::Html(ctx.t(example_key(goods), &[]))),
            ],
        );
    }
    Ok((amount_or_refuse(ctx, text, goods)?, None))
}

/// The part that words after the amount are when the line left out their word: a donor,
/// when they start with a title or an organisation's word (`นายสมชาย ใจดี`, `บริษัท ก จำกัด`)
/// and could not as well be the school the gift supports (`โรงเรียนบ้านนา`, unless the line
/// says its purpose); a purpose, when they [name one](names_a_purpose_unmarked) and no name
/// among them is dropped with the rest of the purpose (`ทุนการศึกษา นายส้ม`). `None`: the
/// line does not tell.
fn part_without_its_word(words: &str, donor_said: bool, purpose_said: bool) -> Option<Marker> {
    // No name at all (`ไม่ประสงค์ออกนาม`) is as plainly a donor as a title.
    let titled = DonorKind::of_titled_name(words).is_some() || is_anonymous(words);
    let could_be_the_purpose = !matches!(parse_purpose(words), PurposeText::Unknown(_));
    if !donor_said && titled && (purpose_said || !could_be_the_purpose) {
        return Some(Marker::Donor);
    }
    let names_someone = words
        .split_whitespace()
        .any(|word| DonorKind::of_titled_name(word).is_some());
    (!purpose_said && !names_someone && names_a_purpose_unmarked(words)).then_some(Marker::Purpose)
}

/// What a donor's line after the command already says, read as staff's one-line record is
/// ([`from_line`]) once the polite particles that end it are off (`500 บาทค่ะ`), as a report
/// whose other steps are still to be asked; `None` when the line is empty or does not read as
/// a gift (`บริจาค ด่วนค่ะ`): then every step is asked.
pub fn report_from_line(ctx: &Ctx, goods: bool, args: &str) -> CoreResult<Option<Draft>> {
    let args = args.trim();
    if args.is_empty() {
        return Ok(None);
    }
    for line in crate::core::without_particles(args).chain([args]) {
        match from_line(ctx, goods, line) {
            Ok(typed) => {
                return Ok(Some(Draft {
                    mode: Mode::Report,
                    guided: true,
                    ..typed
                }));
            }
            Err(CoreError::Refusal { .. }) => continue,
            Err(error) => return Err(error),
        }
    }
    Ok(None)
}

/// Refuses a name that is too long, or that the certificate's font cannot draw (emoji would
/// print as empty boxes on the certificate, the chart and the register's printout).
pub fn check_printed_name(ctx: &Ctx, field_key: &str, text: &str) -> CoreResult<()> {
    check_length(ctx, field_key, text, NAME_MAX_CHARS)?;
    let undrawable = undrawable_characters(text);
    if undrawable.is_empty() {
        return Ok(());
    }
    refuse(
        "donations.text_undrawable",
        vec![
            ("field", Arg::Html(ctx.t(field_key, &[]))),
            (
                "characters",
                Arg::from(undrawable.iter().collect::<String>()),
            ),
        ],
    )
}

/// Every piece of the draft that was typed rather than chosen, against its limit.
fn check_typed_text(ctx: &Ctx, draft: &Draft) -> CoreResult<()> {
    if let Some(Gift::Goods { item, quantity }) = &draft.gift {
        check_printed_name(ctx, "donations.field_item", item)?;
        if let Some(quantity) = quantity {
            check_printed_name(ctx, "donations.field_quantity", quantity)?;
        }
    }
    if let Some(donor) = &draft.donor {
        check_printed_name(ctx, "donations.field_donor", &donor.name)?;
    }
    if let Choice::Typed(school) = &draft.school {
        check_printed_name(ctx, "donations.field_school", school)?;
    }
    if let Choice::Typed(network) = &draft.network {
        check_printed_name(ctx, "donations.field_network", network)?;
    }
    if let Some(note) = &draft.note {
        check_length(ctx, "donations.field_note", note, NOTE_MAX_CHARS)?;
    }
    Ok(())
}

/// Why a typed day cannot be the day a gift was received.
enum NotAReceivedDay {
    ToCome,
    /// Before last fiscal year.
    TooLongAgo(NaiveDate),
    Unreadable(DateError),
}

/// The day a gift was received, as typed: a day that has come, up to today, and no further
/// back than last fiscal year (a gift recorded late); an earlier one is a typo ("5/12/26" read
/// as 2526) or belongs to an old register, which is imported from its file.
fn read_received_on(typed: &str, today: NaiveDate) -> Result<NaiveDate, NotAReceivedDay> {
    match parse_past_date(typed, today) {
        Ok(date) if date > today => Err(NotAReceivedDay::ToCome),
        Ok(date) if fiscal_year(date) < fiscal_year(today) - 1 => {
            Err(NotAReceivedDay::TooLongAgo(date))
        }
        Ok(date) => Ok(date),
        Err(error) => Err(NotAReceivedDay::Unreadable(error)),
    }
}

/// The fiscal year of `date` and last fiscal year, as a refusal of a day too long ago says.
fn years_of(date: NaiveDate, today: NaiveDate) -> [(&'static str, Arg); 3] {
    [
        ("date", Arg::Date(date)),
        ("year", Arg::from(fiscal_year(date))),
        ("last_year", Arg::from(fiscal_year(today) - 1)),
    ]
}

/// The day received as typed after `วันที่` in a line ([`read_received_on`]), or the line's
/// refusal, which says that nothing was recorded and how to type the line again. Its words are
/// staff's: a donor's first line that is refused is never answered with its refusal, every
/// step is asked instead ([`report_from_line`]).
fn received_on_or_refuse(ctx: &Ctx, typed: &str) -> CoreResult<NaiveDate> {
    let today = ctx.today();
    match read_received_on(typed, today) {
        Ok(date) => Ok(date),
        Err(NotAReceivedDay::ToCome) => refuse(
            "donations.received_in_the_future",
            vec![("date", typed.into())],
        ),
        Err(NotAReceivedDay::TooLongAgo(date)) => refuse(
            "donations.received_too_long_ago",
            years_of(date, today).into(),
        ),
        Err(NotAReceivedDay::Unreadable(error)) => refuse(
            "donations.received_unreadable",
            vec![
                ("date", typed.into()),
                ("problem", Arg::Html(ctx.explain(&error))),
            ],
        ),
    }
}

/// The one-line form, as the example in a refusal shows it.
fn example_key(goods: bool) -> &'static str {
    if goods {
        "donations.example_goods"
    } else {
        "donations.example_money"
    }
}

/// The refusal of `typed`, answered to the question of the day received (given, in a report):
/// what to type instead, a day with an example that would be taken (yesterday) or the วันนี้
/// button under it; not the line's "nothing was recorded, leave วันที่ out".
fn day_answer_refusal(ctx: &Ctx, mode: Mode, typed: &str, problem: NotAReceivedDay) -> String {
    let today = ctx.today();
    let example = ("example", Arg::Date(today - chrono::Days::new(1)));
    match problem {
        NotAReceivedDay::ToCome => ctx.t(
            "donations.day_answer_to_come",
            &[("date", typed.into()), example],
        ),
        NotAReceivedDay::TooLongAgo(date) => {
            let mut args = years_of(date, today).to_vec();
            args.push(example);
            // An old register's file is staff's to import; a donor retypes the year.
            let key = match mode {
                Mode::Staff => "donations.day_answer_too_long_ago_staff",
                Mode::Report => "donations.day_answer_too_long_ago",
            };
            ctx.t(key, &args)
        }
        // Said as not a day at all: the reader's own explanation suggests days to come.
        NotAReceivedDay::Unreadable(DateError::Empty | DateError::Unrecognised) => ctx.t(
            "donations.day_answer_unreadable",
            &[("date", typed.into()), example],
        ),
        // A day mistyped (31 เม.ย., a year out of range …): what is wrong with it.
        NotAReceivedDay::Unreadable(error) => ctx.t(
            "donations.day_answer_mistyped",
            &[("problem", Arg::Html(ctx.explain(&error))), example],
        ),
    }
}

fn amount_or_refuse(ctx: &Ctx, text: &str, goods: bool) -> CoreResult<i64> {
    parse_amount(text).or_else(|error| {
        refuse(
            "donations.amount_problem",
            vec![
                ("problem", Arg::Html(ctx.explain(&error))),
                ("example", Arg::Html(ctx.t(example_key(goods), &[]))),
            ],
        )
    })
}

/// The donor's name before a later word that begins with เพื่อ, and that word's purpose
/// without it ("นายบี เพื่อพัฒนาเขต" is นายบี, พัฒนาเขต).
fn purpose_glued_to_its_word(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let at = words
        .iter()
        .skip(1)
        .position(|word| word.len() > "เพื่อ".len() && word.starts_with("เพื่อ"))?
        + 1;
    let purpose = words[at..].join(" ");
    Some((words[..at].join(" "), purpose["เพื่อ".len()..].to_string()))
}

fn apply_purpose_text(draft: &mut Draft, text: &str) {
    match parse_purpose(text) {
        PurposeText::Scholarship => draft.purpose = Some(Purpose::Scholarship),
        PurposeText::Office => draft.purpose = Some(Purpose::Office),
        PurposeText::School(name) => {
            draft.purpose = Some(Purpose::School);
            draft.school = name.map_or(Choice::Unset, Choice::Typed);
        }
        PurposeText::Unknown(typed) => {
            draft.purpose = None;
            draft.unclear_purpose = (!typed.is_empty()).then_some(typed);
        }
    }
}

/// Resolves what can be resolved, then asks the next question or finishes.
pub fn advance(ctx: &mut Ctx, draft: Draft) -> CoreResult {
    let (mut draft, notice) = resolve(ctx, draft)?;
    match draft.next_step() {
        None => finish(ctx, draft),
        Some(step) => {
            // The check shows the day received, today unless changed, and the press that
            // confirms it may come after midnight: the day shown is the day kept (its fiscal
            // year's number, or the closed-year question once that year has ended).
            if step == Step::Confirm {
                draft.received_on.get_or_insert(ctx.today());
            }
            let message = question(ctx, &draft, step, notice);
            ctx.reply(message);
            ctx.start_dialogue(AREA, Box::new(draft));
            Ok(())
        }
    }
}

/// A staff draft read from one line, resolved: `Ok` when it can be recorded as it is, else
/// the question that is still open (what the line lacks, or the school or network not found).
pub fn complete(ctx: &Ctx, draft: Draft) -> CoreResult<Result<Draft, String>> {
    let (draft, notice) = resolve(ctx, draft)?;
    Ok(match draft.next_step() {
        None => Ok(draft),
        Some(step) => Err(question(ctx, &draft, step, notice).text),
    })
}

/// Looks up the school and network typed in the draft: known ones become choices, the first
/// one not found is the notice its question starts with.
fn resolve(ctx: &Ctx, mut draft: Draft) -> CoreResult<(Draft, Notice)> {
    // A donor that is a network is also the donation's network.
    if let Some(donor) = &draft.donor
        && donor.kind == DonorKind::Network
        && !donor.anonymous
        && draft.network == Choice::Unset
    {
        draft.network = Choice::Typed(donor.name.clone());
    }
    let mut notice = None;
    if let Choice::Typed(typed) = draft.school.clone() {
        match names::lookup(ctx.conn, List::Schools, &typed)? {
            Lookup::Found(entry) => draft.school = Choice::Known(entry.id, entry.name),
            Lookup::NotFound { typed, suggestions } => {
                notice = Some((List::Schools, typed, suggestions));
            }
        }
    }
    if notice.is_none()
        && let Choice::Typed(typed) = draft.network.clone()
    {
        match names::lookup(ctx.conn, List::Networks, &typed)? {
            Lookup::Found(entry) => {
                if let Some(donor) = &mut draft.donor
                    && donor.kind == DonorKind::Network
                    && !donor.anonymous
                {
                    donor.name = List::Networks.display(&entry.name);
                }
                draft.network = Choice::Known(entry.id, entry.name);
            }
            Lookup::NotFound { typed, suggestions } => {
                notice = Some((List::Networks, typed, suggestions));
            }
        }
    }
    Ok((draft, notice))
}

fn finish(ctx: &mut Ctx, draft: Draft) -> CoreResult {
    match draft.mode {
        Mode::Staff => record::record_draft(ctx, draft),
        Mode::Report => donor_reports::submit(ctx, draft),
    }
}

fn button(label: String, data: String) -> Button {
    Button::Callback {
        label,
        data: format!("{AREA}:d:{data}"),
    }
}

fn rows(buttons: Vec<Button>, per_row: usize) -> Vec<Vec<Button>> {
    buttons.chunks(per_row).map(<[Button]>::to_vec).collect()
}

type Notice = Option<(List, String, Vec<names::Entry>)>;

fn question(ctx: &Ctx, draft: &Draft, step: Step, notice: Notice) -> OutMessage {
    let report = draft.mode == Mode::Report;
    let goods = matches!(draft.gift, Some(Gift::Goods { .. }));
    let cancel = button(ctx.t("donations.cancel_button", &[]), "cancel".into());
    let (text, mut buttons): (String, Vec<Vec<Button>>) = match step {
        Step::Kind => (
            ctx.t("donations.ask_kind", &[]),
            vec![vec![
                button(
                    ctx.t("donations.kind_money_button", &[]),
                    "kind:money".into(),
                ),
                button(
                    ctx.t("donations.kind_goods_button", &[]),
                    "kind:goods".into(),
                ),
            ]],
        ),
        Step::Item => (ctx.t("donations.ask_item", &[]), Vec::new()),
        Step::Amount if goods => (ctx.t("donations.ask_value", &[]), Vec::new()),
        Step::Amount => (ctx.t("donations.ask_amount", &[]), Vec::new()),
        Step::Purpose => {
            let text = match &draft.unclear_purpose {
                Some(typed) => ctx.t("donations.ask_purpose_unclear", &[("typed", typed.into())]),
                None => ctx.t("donations.ask_purpose", &[]),
            };
            let choices = Purpose::ALL
                .iter()
                .map(|p| {
                    button(
                        ctx.t(&format!("{}_button", p.label_key()), &[]),
                        format!("purpose:{}", p.code()),
                    )
                })
                .collect();
            (text, rows(choices, 1))
        }
        Step::School => list_question(ctx, List::Schools, report, notice),
        Step::Network => list_question(ctx, List::Networks, report, notice),
        Step::Donor => {
            let key = if report {
                "donations.ask_donor_report"
            } else {
                "donations.ask_donor"
            };
            (
                ctx.t(key, &[]),
                vec![vec![button(
                    ctx.t("donations.anonymous_button", &[]),
                    "anon".into(),
                )]],
            )
        }
        Step::Method => {
            let choices = Method::ALL
                .iter()
                .filter(|m| m.fits(goods))
                .map(|m| button(ctx.t(m.label_key(), &[]), format!("method:{}", m.code())))
                .collect();
            (ctx.t("donations.ask_method", &[]), rows(choices, 1))
        }
        Step::Photo => (
            ctx.t("donations.ask_photo", &[]),
            vec![vec![button(
                ctx.t("donations.skip_button", &[]),
                "photo:skip".into(),
            )]],
        ),
        Step::Received => (
            ctx.t(
                if report {
                    "donations.ask_given_on"
                } else {
                    "donations.ask_received_on"
                },
                &[],
            ),
            vec![vec![button(
                ctx.t("donations.today_button", &[]),
                "day:today".into(),
            )]],
        ),
        Step::Confirm => (
            ctx.t(
                if report {
                    "donations.ask_confirm"
                } else {
                    "donations.ask_record_check"
                },
                &[(
                    "summary",
                    Arg::Html(donor_reports::check_summary(ctx, draft)),
                )],
            ),
            vec![
                vec![button(
                    ctx.t(
                        if report {
                            "donations.send_button"
                        } else {
                            "donations.record_button"
                        },
                        &[],
                    ),
                    "send".into(),
                )],
                vec![button(ctx.t("donations.edit_button", &[]), "edit:".into())],
            ],
        ),
        Step::ChooseEdit => (
            ctx.t(
                if report {
                    "donations.ask_edit_which"
                } else {
                    "donations.ask_edit_which_record"
                },
                &[],
            ),
            edit_choices(ctx, draft),
        ),
    };
    buttons.push(vec![cancel]);
    OutMessage::text(text).with_buttons(buttons)
}

/// Asks for a school or a network: the names closest to what was typed, or the whole list
/// when it is short.
fn list_question(
    ctx: &Ctx,
    list: List,
    report: bool,
    notice: Notice,
) -> (String, Vec<Vec<Button>>) {
    const MAX_BUTTONS: usize = 12;
    let mut buttons = Vec::new();
    let text = match notice {
        Some((_, typed, suggestions)) => {
            for entry in &suggestions {
                buttons.push(button(
                    list.display(&entry.name),
                    format!("{}:{}", list.code(), entry.id),
                ));
            }
            if report && list == List::Schools {
                buttons.push(button(
                    ctx.t(
                        "donations.use_as_typed_button",
                        &[("name", (&typed).into())],
                    ),
                    format!("{}:asis", list.code()),
                ));
            }
            let key = match (list, suggestions.is_empty()) {
                (List::Schools, false) => "donations.school_suggest",
                (List::Schools, true) => "donations.school_unknown",
                (List::Networks, false) => "donations.network_suggest",
                (List::Networks, true) => "donations.network_unknown",
            };
            let question = ctx.t(key, &[("name", Arg::from(list.display(&typed)))]);
            // Staff recording may add the name as they go: the `เพิ่ม` command typed now
            // would drop the record under way.
            if !report && ctx.acts_as(Role::Staff) {
                buttons.push(button(
                    ctx.t(
                        "donations.add_and_use_button",
                        &[(
                            "name",
                            Arg::from(list.display(&names::bare_name(list, &typed))),
                        )],
                    ),
                    format!("{}:add", list.code()),
                ));
            }
            question
        }
        None => {
            let all = store::names::entries(ctx.conn, list).unwrap_or_default();
            let short = all.len() <= MAX_BUTTONS;
            if short {
                for entry in &all {
                    buttons.push(button(
                        list.display(&entry.name),
                        format!("{}:{}", list.code(), entry.id),
                    ));
                }
            }
            match (list, short) {
                // "กดเลือก" only with something to press.
                (List::Schools, true) if !all.is_empty() => ctx.t("donations.ask_school", &[]),
                (List::Schools, true) => ctx.t("donations.ask_school_type", &[]),
                (List::Schools, false) => ctx.t("donations.ask_school_type", &[]),
                (List::Networks, _) => ctx.t("donations.ask_network", &[]),
            }
        }
    };
    if list == List::Networks {
        buttons.push(button(
            ctx.t("donations.no_network_button", &[]),
            "net:none".into(),
        ));
    }
    (text, rows(buttons, 2))
}

/// The next answer typed (or a photo sent) in a dialogue this capability started.
pub fn on_answer(ctx: &mut Ctx, dialogue: Dialogue) -> CoreResult {
    let Ok(draft) = dialogue.state.downcast::<Draft>() else {
        return Ok(());
    };
    let mut draft = *draft;
    let text = match &ctx.event.input {
        Input::Text(text) => text.trim().to_string(),
        Input::Photo { file_id, .. } if draft.next_step() == Some(Step::Photo) => {
            draft.photo = Some(Some(file_id.clone()));
            return advance(ctx, draft);
        }
        // A donor's slip sent before it is asked for: kept for that step, not taken for the
        // answer to this one (its caption, if any, is).
        Input::Photo { file_id, caption }
            if draft.mode == Mode::Report && draft.photo.is_none() =>
        {
            draft.photo = Some(Some(file_id.clone()));
            let caption = caption.clone().unwrap_or_default();
            if caption.trim().is_empty() {
                ctx.reply_text(ctx.t("donations.photo_kept_early", &[]));
                return advance(ctx, draft);
            }
            caption.trim().to_string()
        }
        Input::Photo { caption, .. } => caption.clone().unwrap_or_default(),
        Input::Document(document) => document.caption.clone().unwrap_or_default(),
        Input::Button { .. }
        | Input::GroupMigrated { .. }
        | Input::BotRemoved
        | Input::Withdrawn { .. }
        | Input::Forwarded { .. }
        // An edit of the message that answered a step comes through `on_edit` instead.
        | Input::Edited { .. }
        | Input::Unusable => String::new(),
    };
    // A photo or file without a caption answers no typed question: asked again, saying so.
    if text.is_empty() && matches!(ctx.event.input, Input::Photo { .. } | Input::Document(_)) {
        ctx.reply_text(ctx.t("donations.file_is_no_answer", &[]));
        return advance(ctx, draft);
    }
    take_answer(ctx, draft, text)
}

/// Takes `text` as the answer to the step the draft waits on, then asks what comes next.
fn take_answer(ctx: &mut Ctx, mut draft: Draft, text: String) -> CoreResult {
    let Some(step) = draft.next_step() else {
        return finish(ctx, draft);
    };
    if let Some(message_id) = ctx.event.message_id
        && !draft.answered.contains(&(message_id, step))
    {
        draft.answered.push((message_id, step));
    }
    let before = draft.clone();
    if step.part().is_some() || step == Step::Kind {
        draft.typed_answer = true;
    }
    let typed = text.clone();
    let text = crate::thai::without_polite_ending(&text).to_string();
    // A figure is no name (the amount answered again, or a slip): it would be printed on the
    // proof and the register as the donor, the goods, the school or the network. Refused in
    // the question's words, and asked again.
    if let Some(field) = step.name_field()
        && parse_amount_answer(&text).is_ok()
    {
        let field = Arg::Html(ctx.t(field, &[]));
        let refused = ctx.t(
            "donations.name_is_a_figure",
            &[("typed", text.as_str().into()), ("field", field)],
        );
        ctx.reply_text(refused);
        ctx.start_dialogue(AREA, Box::new(draft));
        return Ok(());
    }
    match step {
        Step::Kind => {
            if text.starts_with("สิ่งของ") || text.starts_with("ของ") {
                draft.gift = Some(Gift::empty_goods());
            } else if let Some(rest) = text.strip_prefix("เงิน") {
                draft.gift = Some(Gift::Money);
                // "เงิน 800 บาท" answers the amount too.
                draft.amount = parse_amount_answer(rest).ok();
            } else if let Ok(amount) = parse_amount_answer(&text) {
                // An amount typed straight away ("1,500") can only be money.
                draft.gift = Some(Gift::Money);
                draft.amount = Some(amount);
            }
        }
        Step::Item => {
            draft.gift = Some(Gift::Goods {
                item: text,
                quantity: None,
            });
        }
        Step::Amount => match parse_amount_answer(&text) {
            Ok(amount) => draft.amount = Some(amount),
            Err(error) => {
                // "ไม่ทราบ": the proof needs a figure, so say what to type instead.
                let unsure = ["ไม่ทราบ", "ไม่รู้", "ไม่แน่ใจ"]
                    .iter()
                    .any(|word| text.starts_with(word));
                let problem = match draft.gift {
                    Some(Gift::Goods { .. }) if unsure => ctx.t("donations.value_unknown", &[]),
                    _ if unsure => ctx.t("donations.amount_unknown", &[]),
                    _ => ctx.explain(&error),
                };
                ctx.reply_text(problem);
                ctx.start_dialogue(AREA, Box::new(draft));
                return Ok(());
            }
        },
        Step::Purpose => apply_purpose_text(&mut draft, &text),
        // "ไม่ทราบ" is no school's name: a gift to a school needs the school.
        Step::School if crate::thai::says_there_is_none(&text) => {
            let mut asked = question(ctx, &draft, Step::School, None);
            asked.text = ctx.t("donations.school_needed", &[]);
            ctx.reply(asked);
            ctx.start_dialogue(AREA, Box::new(draft));
            return Ok(());
        }
        Step::School => draft.school = Choice::Typed(text),
        // No name is the anonymous donor the step's button offers.
        Step::Donor if crate::thai::is_skip_word(&text) => {
            draft.donor = Some(Donor::from_typed(crate::donations::ANONYMOUS, None));
        }
        Step::Donor if !text.is_empty() => draft.donor = Some(Donor::from_typed(&text, None)),
        Step::Donor => {}
        Step::Network => {
            draft.network = if crate::thai::says_there_is_none(&text) {
                Choice::Nothing
            } else {
                Choice::Typed(text)
            };
        }
        Step::Method => {
            let goods = matches!(draft.gift, Some(Gift::Goods { .. }));
            draft.method = Method::from_text(&text).filter(|m| m.fits(goods));
        }
        // `ไม่มีสลิป`, `ไม่มีรูปค่ะ`: the skip button said in words.
        Step::Photo if crate::thai::says_there_is_none(&text) => {
            draft.photo = Some(None);
        }
        // A day typed to the slip's question ("เมื่อวานค่ะ": they transferred yesterday) is the
        // gift's day, as at the date's question (the check shows it, to change); other words
        // are said to be no slip. Either way the slip is asked for again.
        Step::Photo => {
            let answer = received_date_answer(&typed, ctx.today());
            let said = match read_received_on(answer, ctx.today()) {
                Ok(date) => {
                    draft.received_on = Some(date);
                    ctx.t("donations.slip_step_took_day", &[("date", Arg::Date(date))])
                }
                Err(NotAReceivedDay::Unreadable(DateError::Empty | DateError::Unrecognised)) => ctx
                    .t(
                        "donations.typed_is_no_slip",
                        &[("typed", Arg::from(typed.as_str()))],
                    ),
                Err(problem) => day_answer_refusal(ctx, draft.mode, answer, problem),
            };
            ctx.reply_text(said);
        }
        // The one-line form's rules (a day to come, a year long gone); a closed fiscal year is
        // asked about when the record is numbered, as for a line.
        Step::Received => {
            let answer = received_date_answer(&typed, ctx.today());
            match read_received_on(answer, ctx.today()) {
                Ok(date) => {
                    draft.received_on = Some(date);
                    draft.asking_received = false;
                }
                // Refused in this question's words, which say what to type next, with the
                // question's own choices under them (วันนี้).
                Err(problem) => {
                    let mut asked = question(ctx, &draft, Step::Received, None);
                    asked.text = day_answer_refusal(ctx, draft.mode, answer, problem);
                    ctx.reply(asked);
                    ctx.start_dialogue(AREA, Box::new(draft));
                    return Ok(());
                }
            }
        }
        Step::Confirm
            if matches!(
                text.as_str(),
                "ยืนยัน"
                    | "ส่ง"
                    | "ตกลง"
                    | "บันทึก"
                    | "ถูกต้อง"
                    | "ใช่"
                    | "ok"
            ) =>
        {
            draft.confirmed = true;
        }
        Step::Confirm if text == "แก้ไข" => draft.choosing_edit = true,
        Step::Confirm | Step::ChooseEdit => {}
    }
    // A choice the typed text did not make is asked again, saying so, not silently.
    if matches!(
        step,
        Step::Kind | Step::Method | Step::Confirm | Step::ChooseEdit
    ) && draft.next_step() == Some(step)
    {
        let notice = ctx.t(
            "donations.choice_not_understood",
            &[("typed", Arg::from(typed.as_str()))],
        );
        ctx.reply_text(notice);
    }
    match check_typed_text(ctx, &draft) {
        Ok(()) => advance(ctx, draft),
        Err(CoreError::Refusal { key, args }) => {
            // The answer is refused, the question stays open for a shorter one.
            let problem = ctx.t(key, &args);
            ctx.reply_text(problem);
            ctx.start_dialogue(AREA, Box::new(before));
            Ok(())
        }
        Err(error) => Err(error),
    }
}

impl Step {
    /// The part of the draft a typed answer to this step sets ([`Draft::reopen`]); `None` for
    /// the steps whose typed answer is no value to change (the kind, a photo, the check).
    fn part(self) -> Option<&'static str> {
        Some(match self {
            Step::Item => "item",
            Step::Amount => "amount",
            Step::Purpose => "purpose",
            Step::School => "school",
            Step::Donor => "donor",
            Step::Network => "network",
            Step::Method => "method",
            Step::Received => "received",
            Step::Kind | Step::Photo | Step::ChooseEdit | Step::Confirm => return None,
        })
    }

    /// The name a step asks for, as the locale names it: a figure is never one.
    fn name_field(self) -> Option<&'static str> {
        match self {
            Step::Item => Some("donations.field_item"),
            Step::School => Some("donations.field_school"),
            Step::Donor => Some("donations.field_donor"),
            Step::Network => Some("donations.field_network"),
            _ => None,
        }
    }
}

/// The person edited their message `message_id` while their draft is open: when it answered
/// a step, that answer is replaced by the new `text` and the draft goes on (the check again,
/// for a report, or the question it waited on); otherwise the dialogue is handed back.
pub fn on_edit(
    ctx: &mut Ctx,
    dialogue: Dialogue,
    message_id: i64,
    text: &str,
) -> CoreResult<Option<Dialogue>> {
    let part = dialogue.state.downcast_ref::<Draft>().and_then(|draft| {
        let (_, step) = draft
            .answered
            .iter()
            .rev()
            .find(|(id, _)| *id == message_id)?;
        step.part()
    });
    let Some(part) = part else {
        return Ok(Some(dialogue));
    };
    let mut draft = *dialogue
        .state
        .downcast::<Draft>()
        .expect("a draft, looked at above");
    draft.reopen(part);
    take_answer(ctx, draft, text.to_string())?;
    Ok(None)
}

/// A button of a draft (`d:<what>`), pressed by the person the draft belongs to.
pub fn on_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    let Some(mut draft) = ctx.take_dialogue::<Draft>(AREA) else {
        ctx.answer_button_with("donations.button_not_yours", &[]);
        return Ok(());
    };
    let (what, value) = data.split_once(':').unwrap_or((data, ""));
    match (what, value) {
        ("cancel", _) => {
            let text = ctx.t("core.cancelled", &[]);
            ctx.reply_text(text);
            return Ok(());
        }
        ("kind", "money") => draft.gift = Some(Gift::Money),
        ("kind", "goods") => {
            draft.gift = Some(Gift::empty_goods());
        }
        ("anon", _) => draft.donor = Some(Donor::from_typed(crate::donations::ANONYMOUS, None)),
        ("purpose", code) => {
            if let Some(purpose) = Purpose::from_code(code) {
                draft.purpose = Some(purpose);
                draft.unclear_purpose = None;
                if purpose != Purpose::School {
                    draft.school = Choice::Unset;
                }
            }
        }
        ("sch", "add") => {
            if let Choice::Typed(typed) = &draft.school {
                match names::add_from_draft(ctx, List::Schools, typed) {
                    Ok((id, name)) => draft.school = Choice::Known(id, name),
                    Err(error) => {
                        ctx.start_dialogue(AREA, Box::new(draft));
                        return Err(error);
                    }
                }
            }
        }
        ("net", "add") => {
            if let Choice::Typed(typed) = &draft.network {
                match names::add_from_draft(ctx, List::Networks, typed) {
                    Ok((id, name)) => draft.network = Choice::Known(id, name),
                    Err(error) => {
                        ctx.start_dialogue(AREA, Box::new(draft));
                        return Err(error);
                    }
                }
            }
        }
        ("sch", "asis") => {
            if let Choice::Typed(typed) = &draft.school {
                draft.school = Choice::Unlisted(names::bare_name(List::Schools, typed));
            }
        }
        ("sch", id) => {
            if let Some((id, name)) = known(ctx, List::Schools, id)? {
                draft.school = Choice::Known(id, name);
            }
        }
        ("net", "none") => draft.network = Choice::Nothing,
        ("net", id) => {
            if let Some((id, name)) = known(ctx, List::Networks, id)? {
                draft.network = Choice::Known(id, name);
            }
        }
        ("method", code) => {
            let goods = matches!(draft.gift, Some(Gift::Goods { .. }));
            draft.method = Method::from_code(code).filter(|m| m.fits(goods));
        }
        ("photo", _) => draft.photo = Some(None),
        // Only while the date is asked: a stale press changes no date unseen.
        ("day", "today") if draft.asking_received => {
            draft.received_on = Some(ctx.today());
            draft.asking_received = false;
        }
        ("again", _) => draft.same_again = true,
        ("year", _) => draft.closed_year_kept = true,
        ("send", _) => draft.confirmed = true,
        ("edit", "") => draft.choosing_edit = true,
        ("edit", part) => draft.reopen(part),
        _ => {}
    }
    ctx.answer_button(None);
    advance(ctx, draft)
}

/// A complete staff draft that is the same donation as the record `number` (same day, donor,
/// amount and purpose: typed twice, or sent again): asked before a second number is taken.
pub fn ask_same_again(ctx: &mut Ctx, draft: Draft, number: &str) {
    let text = ctx.t(
        "donations.same_as_recorded",
        &[("number", Arg::from(number))],
    );
    let buttons = vec![
        vec![button(
            ctx.t("donations.record_again_button", &[]),
            "again".into(),
        )],
        vec![button(
            ctx.t("donations.cancel_button", &[]),
            "cancel".into(),
        )],
    ];
    ctx.reply(OutMessage::text(text).with_buttons(buttons));
    ctx.start_dialogue(AREA, Box::new(draft));
}

/// A complete staff draft received on a day of a closed fiscal year (`year`): its number
/// would be that year's, and the year's reported totals would change; asked before it is taken,
/// as a mistyped date is the likelier story. The date can be changed from here, the record then
/// shown to check: a record typed step by step is not to be cancelled and typed all over again
/// for its date.
pub fn ask_closed_year(ctx: &mut Ctx, draft: Draft, received_on: NaiveDate, year: i32) {
    let text = ctx.t(
        "donations.received_in_closed_year",
        &[
            ("date", Arg::Date(received_on)),
            ("year", Arg::from(year)),
            ("this_year", Arg::from(fiscal_year(ctx.today()))),
        ],
    );
    let buttons = vec![
        vec![button(
            ctx.t(
                "donations.record_in_closed_year_button",
                &[("year", Arg::from(year))],
            ),
            "year".into(),
        )],
        vec![button(
            ctx.t("donations.change_received_on_button", &[]),
            "edit:received".into(),
        )],
        vec![button(
            ctx.t("donations.cancel_button", &[]),
            "cancel".into(),
        )],
    ];
    ctx.reply(OutMessage::text(text).with_buttons(buttons));
    ctx.start_dialogue(AREA, Box::new(draft));
}

/// The parts of a draft that can be changed from the check step (`d:edit:<part>`).
const EDITABLE: &[(&str, &str)] = &[
    ("amount", "donations.edit_amount"),
    ("purpose", "donations.edit_purpose"),
    ("donor", "donations.edit_donor"),
    ("network", "donations.edit_network"),
];
/// Of a staff record: the day the office received the gift.
const EDITABLE_IN_A_RECORD: &[(&str, &str)] = &[("received", "donations.edit_received_on")];
/// Of a donor's report: the day they gave, and how (staff record what the office received,
/// not how).
const EDITABLE_IN_A_REPORT: &[(&str, &str)] = &[
    ("received", "donations.edit_given_on"),
    ("method", "donations.edit_method"),
    ("photo", "donations.edit_photo"),
];

fn edit_choices(ctx: &Ctx, draft: &Draft) -> Vec<Vec<Button>> {
    let goods = matches!(draft.gift, Some(Gift::Goods { .. }));
    let item = goods.then_some(("item", "donations.edit_item"));
    let by_mode: &[(&str, &str)] = match draft.mode {
        Mode::Report => EDITABLE_IN_A_REPORT,
        Mode::Staff => EDITABLE_IN_A_RECORD,
    };
    let buttons: Vec<Button> = item
        .into_iter()
        .chain(EDITABLE.iter().copied())
        .chain(by_mode.iter().copied())
        .map(|(part, label)| button(ctx.t(label, &[]), format!("edit:{part}")))
        .collect();
    buttons.chunks(2).map(<[Button]>::to_vec).collect()
}

fn known(ctx: &Ctx, list: List, id: &str) -> CoreResult<Option<(i64, String)>> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    Ok(store::names::name_of(ctx.conn, list, id)?.map(|name| (id, name)))
}
