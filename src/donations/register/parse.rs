//! Reading the one-line commands: `บริจาค 500 บาท จาก … เพื่อ … เครือข่าย … หมายเหตุ …`.
//! Pure functions, no database.

use std::collections::VecDeque;

use chrono::NaiveDate;

use crate::thai::{is_digit, normalize_digits, parse_amount, parse_past_date, parse_year};

/// Words that start a part of a command line. `จาก` and `โดย` both name the donor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Donor,
    Purpose,
    Network,
    Note,
    DonorKind,
    Quantity,
    Value,
    Recipient,
    School,
    FiscalYear,
    /// The day a gift was received, when not today (`วันที่ 30 ก.ย. 2569`).
    Received,
}

/// "ชื่อ นางสมศรี มีสุข", as a donor says who gives: the donor, as a word of its own only
/// (glued, it begins other words).
const NAME_WORD: &str = "ชื่อ";

/// How a gift came, glued before the day it came ("โอนเมื่อวาน", "รับวันนี้").
const GIVING_VERBS: [&str; 5] = ["ได้รับ", "ได้โอน", "รับ", "โอน", "ให้"];

/// `line` without a leading verb of giving and its object ("โอน 1,000 บาท", "ได้รับเงิน 500",
/// "โอนไป 2,000"), which people type before the amount: only where an amount follows it.
pub fn without_giving_verb(line: &str) -> &str {
    let line = line.trim_start();
    GIVING_VERBS
        .iter()
        .filter_map(|verb| line.strip_prefix(verb))
        .map(|rest| {
            let rest = rest.trim_start();
            ["เงิน", "ไป"]
                .iter()
                .find_map(|word| rest.strip_prefix(word))
                .unwrap_or(rest)
                .trim_start()
        })
        .find(|rest| rest.starts_with(is_digit))
        .unwrap_or(line)
}

/// Whether `word` is a figure that reads as an amount of at least 100 baht ("3000", "๓,๐๐๐"):
/// inside a name or after a first gift, a sign of a second one. Smaller figures are the names'
/// own ("สพป.พัทลุง เขต 2", "โรงเรียน 12 โรงเรียน", in seed 003).
pub fn is_an_amount(word: &str) -> bool {
    const SMALLEST_SATANG: i64 = 100 * 100;
    word.starts_with(is_digit) && parse_amount(word).is_ok_and(|satang| satang >= SMALLEST_SATANG)
}

/// The received date's own marker, as staff have always typed it.
const RECEIVED_WORD: &str = "วันที่";

const MARKER_WORDS: [(&str, Marker); 22] = [
    ("จาก", Marker::Donor),
    ("โดย", Marker::Donor),
    (NAME_WORD, Marker::Donor),
    ("เพื่อ", Marker::Purpose),
    ("เครือข่าย", Marker::Network),
    ("หมายเหตุ", Marker::Note),
    ("ประเภท", Marker::DonorKind),
    ("จำนวน", Marker::Quantity),
    ("มูลค่าประมาณ", Marker::Value),
    ("มูลค่ารวม", Marker::Value),
    ("มูลค่า", Marker::Value),
    ("ให้", Marker::Recipient),
    ("โรงเรียน", Marker::School),
    ("ปีงบประมาณ", Marker::FiscalYear),
    ("ปีงบ", Marker::FiscalYear),
    (RECEIVED_WORD, Marker::Received),
    ("รับวันที่", Marker::Received),
    ("รับเมื่อ", Marker::Received),
    ("ได้รับเมื่อ", Marker::Received),
    ("เมื่อ", Marker::Received),
    ("from", Marker::Donor),
    ("for", Marker::Purpose),
];

/// A command line cut into its leading text and its marked parts.
#[derive(Debug, Default, PartialEq)]
pub struct Parts {
    /// Text before the first marker: the amount, or the goods' description.
    pub head: String,
    parts: Vec<(Marker, String)>,
    /// A marker word standing alone a second time outside the note ("… จาก นายเอ เพื่อ ทุน และ
    /// 3,000 บาท จาก นายบี"): likely a second record typed on the same line.
    pub repeated: Option<String>,
    /// A part was read from inside a word, where a name glued to it was taken to end
    /// ("จากนายส้มเพื่อทุนการศึกษา"): a reading of the words, to be checked before it is taken.
    pub cut_inside_a_word: bool,
}

impl Parts {
    pub fn get(&self, marker: Marker) -> Option<&str> {
        self.parts
            .iter()
            .find(|(m, _)| *m == marker)
            .map(|(_, text)| text.as_str())
    }
}

/// Splits `text` at the markers in `allowed`, which may come in any order. Each marker counts
/// once; a repeated marker word is ordinary text of the part it appears in. A marker is a
/// word of its own, except that `จาก`/`โดย` may be glued to the donor ("จากนายสมชาย"),
/// `เพื่อ` to a purpose ("เพื่อทุนการศึกษา"), `มูลค่า` to a number and `หมายเหตุ:` to its text.
/// Right after `จาก`/`โดย`, `เครือข่าย` and `โรงเรียน` start the donor's name: in
/// "จาก เครือข่าย ตะโหมด" the donor is the network (seed 003 lists networks as donors).
/// A polite ending is no part of the line nor of any part (`… จาก นางสาวมาลี ดีงามค่ะ`).
/// A marker glued inside a word also starts its part where the reading is plain (see
/// [`glued_inside`]): "1,000บาทจากนายส้ม", "จากนายส้มเพื่อทุนการศึกษา".
pub fn split_parts(text: &str, allowed: &[Marker]) -> Parts {
    let text = crate::thai::without_polite_ending(text);
    let mut result = Parts::default();
    let mut current: Option<Marker> = None;
    let mut words: Vec<&str> = Vec::new();
    let mut used: Vec<Marker> = Vec::new();
    // A marker the line says as a word of its own is that word: the same one glued inside a
    // name ("จาก มูลนิธิเพื่อโรงเรียนชนบท เพื่อ ทุนการศึกษา") is the name's.
    let said: Vec<Marker> = text
        .split_whitespace()
        .filter_map(marker_at)
        .map(|(marker, _)| marker)
        .filter(|marker| allowed.contains(marker))
        .collect();
    let mut pending: VecDeque<&str> = text.split_whitespace().collect();
    let flush = |result: &mut Parts, current: Option<Marker>, words: &mut Vec<&str>| {
        // Each part may close politely too (`จาก นายสมชาย ใจดีค่ะ เพื่อ …`).
        let text = crate::thai::without_polite_ending(&words.join(" ")).to_string();
        words.clear();
        match current {
            None => result.head = text,
            Some(marker) => result.parts.push((marker, text)),
        }
    };
    while let Some(word) = pending.pop_front() {
        let marked = marker_at(word).filter(|(marker, _)| allowed.contains(marker));
        // The donor's word again, glued to a second name after a second amount ("… จากนายเอ
        // 3000 จากนายบี"): a second record, as plainly as the word standing alone again.
        let second_gift = |marker: Marker, rest: &str| {
            marker == Marker::Donor
                && !rest.is_empty()
                && words.iter().any(|word| is_an_amount(word))
        };
        if let Some((marker, rest)) = marked
            && (rest.is_empty() || second_gift(marker, rest))
            && used.contains(&marker)
            && current != Some(Marker::Note)
            && result.repeated.is_none()
        {
            let word = word.strip_suffix(rest).unwrap_or(word);
            result.repeated = Some(word.to_string());
        }
        // A note says what it says: "โอน เมื่อ 10.30 น." in it is no received date. (`วันที่`,
        // a marker of its own long before the everyday words, still ends a note.)
        let in_a_note = current == Some(Marker::Note);
        let found = marked
            .filter(|(marker, _)| !used.contains(marker))
            .filter(|(marker, _)| {
                !(in_a_note && *marker == Marker::Received && !word.starts_with(RECEIVED_WORD))
            });
        let names_the_donor = |marker: Marker| {
            current == Some(Marker::Donor)
                && words.is_empty()
                && matches!(marker, Marker::Network | Marker::School)
        };
        let piece = match found {
            Some((marker, _)) if names_the_donor(marker) => word,
            Some((marker, rest)) => {
                flush(&mut result, current, &mut words);
                used.push(marker);
                current = Some(marker);
                rest
            }
            None => word,
        };
        let taken = [said.as_slice(), &used].concat();
        let glued = (current != Some(Marker::Note))
            .then(|| glued_inside(piece, &words, allowed, &taken))
            .flatten();
        match glued {
            Some(cut) => {
                words.push(&piece[..cut.at]);
                pending.push_front(&piece[cut.at..]);
                result.cut_inside_a_word |= !cut.after_the_amount;
            }
            None if piece.is_empty() => {}
            None => words.push(piece),
        }
    }
    flush(&mut result, current, &mut words);
    result
}

/// Where a marker glued inside `text` starts its part, and how plain that is.
struct GluedCut {
    at: usize,
    /// Right after an amount ("1000จาก…", "1,000บาทจาก…"): where figures and บาท end is no
    /// reading of anyone's name.
    after_the_amount: bool,
}

/// A marker of `allowed`, not among `taken`, glued inside `text` (the part's words so far
/// are `before`), where what it starts is plain: right after an amount; or `จาก`/`โดย` before
/// a name that starts with a title or an organisation's word ("ตัวจากร้านสมใจ"), `เพื่อ` before
/// a purpose ("นายส้มเพื่อทุนการศึกษา"), where a name is taken to end (to be checked).
/// Elsewhere a marker's letters inside a word are the word's ("ขนส่งโดยสาร", "ร้านชื่อดัง").
fn glued_inside(
    text: &str,
    before: &[&str],
    allowed: &[Marker],
    taken: &[Marker],
) -> Option<GluedCut> {
    // Only where a Thai marker's word (or a giving verb before the day) begins: a long word
    // is not read again from every letter.
    let begins_a_marker = |tail: &str| {
        MARKER_WORDS
            .iter()
            .map(|(word, _)| *word)
            .chain(GIVING_VERBS)
            .any(|word| !word.is_ascii() && tail.starts_with(word))
    };
    text.char_indices().skip(1).find_map(|(at, _)| {
        let tail = &text[at..];
        if !begins_a_marker(tail) {
            return None;
        }
        let (marker, rest) = marker_at(tail)?;
        if !allowed.contains(&marker) || taken.contains(&marker) {
            return None;
        }
        let so_far = [before, &[&text[..at]]].concat().join(" ");
        if parse_amount(&so_far).is_ok() {
            return Some(GluedCut {
                at,
                after_the_amount: true,
            });
        }
        let plain = match marker {
            Marker::Donor => DonorKind::of_titled_name(rest).is_some(),
            // `marker_at` takes a glued เพื่อ only before a purpose it knows.
            Marker::Purpose => true,
            _ => false,
        };
        plain.then_some(GluedCut {
            at,
            after_the_amount: false,
        })
    })
}

/// Words an answer to "on what day was it received (given)?" may put before the day, echoing
/// the question ("รับบริจาคไว้เมื่อวันที่เท่าไร", "บริจาค (โอนเงินหรือส่งมอบสิ่งของ) เมื่อวันที่
/// เท่าไร"): how the gift came and when, each a word of its own or glued to the next
/// ("โอนเมื่อ 3 มิ.ย.", "รับไว้เมื่อวันที่ 3"), after the [`GIVING_VERBS`]. A word comes before
/// the shorter one it begins with.
const WORDS_BEFORE_THE_DAY: [&str; 8] = ["บริจาค", "ส่งมอบ", "ส่ง", "ไว้", "ไป", "แล้ว", "เมื่อ", "เงิน"];

/// The day in an answer to "on what day was it received (given)?": the whole answer when it
/// reads as a day ("วันที่ 3", "เมื่อวาน"), else the day after the question's words and before a
/// polite ending ("โอนวันที่ 3 มิ.ย. ค่ะ", "รับไว้เมื่อ 3 ธ.ค."); else the answer without its
/// polite ending, for the day's reader to refuse. Other words before a day are not taken off:
/// "ไม่แน่ใจ วันที่ 3", "ไม่ใช่ 3 มิ.ย." may say it is not that day.
pub fn received_date_answer(answer: &str, today: NaiveDate) -> &str {
    let reads = |text: &str| parse_past_date(text, today).is_ok();
    let typed = answer.trim();
    if reads(typed) {
        return typed;
    }
    let said = crate::thai::without_polite_ending(typed);
    let mut rest = said;
    loop {
        if reads(rest) {
            return rest;
        }
        let after = GIVING_VERBS
            .iter()
            .chain(WORDS_BEFORE_THE_DAY.iter())
            .find_map(|word| rest.strip_prefix(word));
        match after {
            Some(after) => rest = after.trim_start(),
            None => return said,
        }
    }
}

/// Whether `line` begins as a part of a record does: with a marker's word (`เครือข่าย
/// ตะโหมด`, `เพื่อ ทุน`), a donor's name by its title or organisation's word, or a purpose
/// (`โรงเรียน บ้านนา` after a `เพื่อ` that ended the line before), though a command may have
/// the same word (`เครือข่าย`, `โรงเรียน`).
pub fn starts_a_part(line: &str) -> bool {
    line.split_whitespace()
        .next()
        .is_some_and(|word| marker_at(word).is_some())
        || DonorKind::of_titled_name(line).is_some()
        || !matches!(parse_purpose(line), PurposeText::Unknown(_))
}

fn marker_at(word: &str) -> Option<(Marker, &str)> {
    // "เมื่อวาน" alone says when the gift came: the received date, not the end of a name; so
    // does "โอนเมื่อวาน" (transferred yesterday), the verb glued on.
    let day = GIVING_VERBS
        .iter()
        .find_map(|verb| word.strip_prefix(verb))
        .unwrap_or(word);
    if crate::thai::is_relative_day(day) {
        return Some((Marker::Received, day));
    }
    let word_lower = word.to_lowercase();
    for (marker_word, marker) in MARKER_WORDS {
        if word_lower == marker_word {
            return Some((marker, ""));
        }
        let Some(rest) = word.strip_prefix(marker_word) else {
            continue;
        };
        let glued = match marker {
            Marker::Donor => !marker_word.is_ascii() && marker_word != NAME_WORD,
            Marker::Purpose => matches!(
                parse_purpose(rest),
                PurposeText::Scholarship | PurposeText::Office | PurposeText::School(_)
            ),
            Marker::Value | Marker::FiscalYear | Marker::Received => {
                rest.starts_with(|c: char| is_digit(c) || c == '฿')
            }
            Marker::Note => rest.starts_with(':'),
            // "ให้ ด.ช.ก้อง ดีมาก โรงเรียนบ้านนา": the school glued to its name is still the
            // school, not the end of the child's name.
            Marker::School => !rest.is_empty(),
            _ => false,
        };
        if glued {
            return Some((marker, rest.trim_start_matches(':')));
        }
    }
    None
}

/// The three funds a donation may go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Scholarship,
    School,
    Office,
}

impl Purpose {
    pub const ALL: [Purpose; 3] = [Purpose::Scholarship, Purpose::School, Purpose::Office];

    pub fn code(self) -> &'static str {
        match self {
            Purpose::Scholarship => "scholarship",
            Purpose::School => "school",
            Purpose::Office => "office",
        }
    }

    pub fn from_code(code: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Purpose::Scholarship => "donations.purpose_scholarship",
            Purpose::School => "donations.purpose_school",
            Purpose::Office => "donations.purpose_office",
        }
    }
}

/// What the text after `เพื่อ` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurposeText {
    Scholarship,
    Office,
    /// A school, with its name when one was given.
    School(Option<String>),
    Unknown(String),
}

/// Begin a scholarship purpose. "ทุน" alone is the office's shorthand for it, but other funds
/// begin with the same word (ทุนซ่อมหลังคา, ทุนอาหารกลางวัน): those are asked, not taken.
const SCHOLARSHIP_WORDS: [&str; 9] = [
    "ทุนการศึกษา",
    "ทุนเรียน",
    "ทุนนักเรียน",
    "ทุนเด็ก",
    "ทุนช่วยเหลือนักเรียน",
    "ทุนให้นักเรียน",
    "ทุนให้เด็ก",
    "ทุนสำหรับนักเรียน",
    "scholarship",
];
/// Name a scholarship anywhere in a purpose, so that one naming two purposes is asked.
const SCHOLARSHIP_MENTIONS: [&str; 2] = ["ทุน", "scholarship"];
const SCHOLARSHIP_SHORTHAND: &str = "ทุน";
const OFFICE_WORDS: [&str; 6] = [
    "สำนักงาน",
    "พัฒนาสำนักงาน",
    "สพป",
    "เขตพื้นที่",
    "พัฒนาเขตพื้นที่",
    "office",
];
const SCHOOL_WORDS: [&str; 6] = ["โรงเรียน", "สถานศึกษา", "ร.ร.", "รร.", "รร", "school"];

/// Says a school is supported: "สนับสนุนโรงเรียน", as the purpose's own button reads, and
/// "สนับสนุนสถานศึกษา", as the proof of donation writes it.
const SUPPORT_WORD: &str = "สนับสนุน";

/// Words people type before a purpose in place of เพื่อ: "ให้ทุนการศึกษา", "สำหรับโรงเรียนบ้านนา",
/// "เป็นทุนการศึกษา". Read off only where a purpose follows.
const PURPOSE_LEAD_INS: [&str; 5] = ["ให้กับ", "ให้แก่", "ให้", "สำหรับ", "เป็น"];

/// Whether `words` begin with a word said in place of เพื่อ ([`PURPOSE_LEAD_INS`]).
pub fn led_in_as_a_purpose(words: &str) -> bool {
    PURPOSE_LEAD_INS
        .iter()
        .any(|lead_in| words.trim_start().starts_with(lead_in))
}

pub fn parse_purpose(text: &str) -> PurposeText {
    let text = text.trim();
    if let Some(purpose) = PURPOSE_LEAD_INS
        .iter()
        .filter_map(|lead_in| text.strip_prefix(lead_in))
        .map(parse_purpose)
        .find(|purpose| !matches!(purpose, PurposeText::Unknown(_)))
    {
        return purpose;
    }
    let lower = text.to_lowercase();
    if let Some(rest) = text.strip_prefix(SUPPORT_WORD)
        && let PurposeText::School(name) = parse_purpose(rest)
    {
        return PurposeText::School(name);
    }
    // Two purposes in one ("ทุนการศึกษา และ พัฒนาสำนักงาน") are asked, not the first taken.
    let names_another = |others: &[&[&str]]| {
        others.iter().flat_map(|words| words.iter()).any(|w| {
            lower
                .char_indices()
                .skip(1)
                .any(|(at, _)| lower[at..].starts_with(w))
        })
    };
    let compact: String = lower.split_whitespace().collect();
    if compact == SCHOLARSHIP_SHORTHAND || SCHOLARSHIP_WORDS.iter().any(|w| compact.starts_with(w))
    {
        return if names_another(&[&OFFICE_WORDS, &SCHOOL_WORDS]) {
            PurposeText::Unknown(text.to_string())
        } else {
            PurposeText::Scholarship
        };
    }
    if OFFICE_WORDS.iter().any(|w| lower.starts_with(w)) {
        return if names_another(&[&SCHOLARSHIP_MENTIONS, &SCHOOL_WORDS]) {
            PurposeText::Unknown(text.to_string())
        } else {
            PurposeText::Office
        };
    }
    for word in SCHOOL_WORDS {
        if lower.starts_with(word) {
            let name = text[word.len()..].trim();
            return PurposeText::School((!name.is_empty()).then(|| name.to_string()));
        }
    }
    PurposeText::Unknown(text.to_string())
}

/// The words a donor's name starts with: an organisation's, with the kind it says, and a
/// person's title. Foundations, temples, clubs and associations have no kind of their own:
/// they stay with people, as they always were, so their names are not shown to principals.
const DONOR_NAME_STARTS: [(&str, DonorKind); 34] = [
    ("บริษัท", DonorKind::Company),
    ("บจก", DonorKind::Company),
    ("บมจ", DonorKind::Company),
    ("หจก", DonorKind::Company),
    ("ห้าง", DonorKind::Company),
    ("ร้าน", DonorKind::Company),
    ("เครือข่าย", DonorKind::Network),
    ("โรงเรียน", DonorKind::School),
    ("ร.ร.", DonorKind::School),
    ("สถานศึกษา", DonorKind::School),
    ("บุคลากร", DonorKind::Staff),
    ("ข้าราชการ", DonorKind::Staff),
    ("เจ้าหน้าที่", DonorKind::Staff),
    ("คณะครู", DonorKind::Staff),
    ("มูลนิธิ", DonorKind::Person),
    ("วัด", DonorKind::Person),
    ("ชมรม", DonorKind::Person),
    ("สมาคม", DonorKind::Person),
    ("สหกรณ์", DonorKind::Person),
    // "นาง" begins "นางสาว" too.
    ("นาย", DonorKind::Person),
    ("นาง", DonorKind::Person),
    ("น.ส.", DonorKind::Person),
    ("ด.ช.", DonorKind::Person),
    ("ด.ญ.", DonorKind::Person),
    ("เด็กชาย", DonorKind::Person),
    ("เด็กหญิง", DonorKind::Person),
    ("คุณ", DonorKind::Person),
    ("ดร.", DonorKind::Person),
    ("ครู", DonorKind::Person),
    ("พระ", DonorKind::Person),
    ("ผศ.", DonorKind::Person),
    ("รศ.", DonorKind::Person),
    ("ว่าที่", DonorKind::Person),
    ("ครอบครัว", DonorKind::Person),
];

/// Who a donor is; companies, networks and schools are public, people are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DonorKind {
    Person,
    Company,
    Network,
    School,
    Staff,
}

impl DonorKind {
    pub const ALL: [DonorKind; 5] = [
        DonorKind::Person,
        DonorKind::Company,
        DonorKind::Network,
        DonorKind::School,
        DonorKind::Staff,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DonorKind::Person => "person",
            DonorKind::Company => "company",
            DonorKind::Network => "network",
            DonorKind::School => "school",
            DonorKind::Staff => "staff",
        }
    }

    pub fn from_code(code: &str) -> Option<DonorKind> {
        DonorKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Organisations may be named in reports to principals; individuals may not.
    pub fn is_public(self) -> bool {
        matches!(
            self,
            DonorKind::Company | DonorKind::Network | DonorKind::School
        )
    }

    pub fn label_key(self) -> &'static str {
        match self {
            DonorKind::Person => "donations.kind_person",
            DonorKind::Company => "donations.kind_company",
            DonorKind::Network => "donations.kind_network",
            DonorKind::School => "donations.kind_school",
            DonorKind::Staff => "donations.kind_staff",
        }
    }

    /// The kind a donor's name suggests ("บริษัท …", "เครือข่าย…", "โรงเรียน…"); a person
    /// when its first word says nothing.
    pub fn guess(name: &str) -> DonorKind {
        DonorKind::of_titled_name(name).unwrap_or(DonorKind::Person)
    }

    /// The kind said by the title or organisation's word `name` starts with ("นายสมชาย",
    /// "บริษัท ก จำกัด"); `None` when it starts with neither. Such a word is what tells a
    /// donor's name in a line where จาก was left out.
    pub fn of_titled_name(name: &str) -> Option<DonorKind> {
        let name = name.trim();
        DONOR_NAME_STARTS
            .iter()
            .find(|(start, _)| name.starts_with(start))
            .map(|(_, kind)| *kind)
    }

    /// The kind typed after `ประเภท`.
    pub fn parse(text: &str) -> Option<DonorKind> {
        let text = text.trim().to_lowercase();
        let kind = match text.as_str() {
            "บุคคล" | "บุคคลทั่วไป" | "person" => DonorKind::Person,
            "บริษัท" | "ห้างร้าน" | "ร้านค้า" | "บริษัทห้างร้าน" | "company" => {
                DonorKind::Company
            }
            "เครือข่าย" | "network" => DonorKind::Network,
            "โรงเรียน" | "สถานศึกษา" | "school" => {
                DonorKind::School
            }
            "บุคลากร" | "บุคลากรในสำนักงาน" | "staff" => {
                DonorKind::Staff
            }
            _ => return None,
        };
        Some(kind)
    }
}

/// The donor as typed: a name, or `ไม่ประสงค์ออกนาม`.
pub fn is_anonymous(name: &str) -> bool {
    let compact: String = name.split_whitespace().collect();
    matches!(
        compact.to_lowercase().as_str(),
        "ไม่ประสงค์ออกนาม"
            | "ไม่ออกนาม"
            | "ผู้ไม่ประสงค์ออกนาม"
            | "ไม่ขอออกนาม"
            | "ไม่ระบุชื่อ"
            | "ไม่ต้องระบุชื่อ"
            | "ไม่ต้องใส่ชื่อ"
            | "ไม่ใส่ชื่อ"
            | "anonymous"
    )
}

/// A register number as typed: "12/2569", "12/69", "เลขที่ 12", "๑๒". Without a year it is
/// in the current fiscal year (`None`).
/// Words typed before a register number (`เลขที่ 12/2569`, `ที่ 12/2569`, `#12`), longest first.
const NUMBER_LEAD_INS: [&str; 5] = ["เลขที่", "เลข", "ที่", "no.", "#"];

fn without_lead_in(text: &str) -> &str {
    let text = text.trim_start();
    NUMBER_LEAD_INS
        .iter()
        .find_map(|lead_in| text.strip_prefix(lead_in))
        .unwrap_or(text)
        .trim_start()
}

pub fn parse_number(text: &str) -> Option<(i64, Option<i32>)> {
    let text = normalize_digits(text.trim());
    let text = without_lead_in(&text).trim();
    let (number, year) = match text.split_once('/') {
        Some((number, year)) => (number.trim(), Some(parse_year(year).ok()?)),
        None => (text, None),
    };
    let number: i64 = number.parse().ok().filter(|n| *n > 0)?;
    Some((number, year))
}

/// A register number as it is shown, and read back by [`parse_number`]: "12/2569".
pub fn number_label(number: i64, fiscal_year: i64) -> String {
    format!("{number}/{fiscal_year}")
}

/// Splits "12/2569 เหตุผล…" into the number and the rest.
pub fn split_number(text: &str) -> Option<((i64, Option<i32>), &str)> {
    let text = without_lead_in(text);
    let (first, rest) = match text.find(char::is_whitespace) {
        Some(i) => (&text[..i], text[i..].trim()),
        None => (text, ""),
    };
    Some((parse_number(first)?, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DONATION: [Marker; 4] = [
        Marker::Donor,
        Marker::Purpose,
        Marker::Network,
        Marker::Note,
    ];

    #[test]
    fn parts_may_come_in_any_order() {
        let a = split_parts(
            "500 บาท จาก นายสมชาย ใจดี เพื่อ ทุนการศึกษา เครือข่าย ตะโหมด หมายเหตุ โอนแล้ว",
            &DONATION,
        );
        let b = split_parts(
            "500 บาท หมายเหตุ โอนแล้ว เครือข่าย ตะโหมด โดย นายสมชาย ใจดี เพื่อ ทุนการศึกษา",
            &DONATION,
        );
        for parts in [a, b] {
            assert_eq!(parts.head, "500 บาท");
            assert_eq!(parts.get(Marker::Donor), Some("นายสมชาย ใจดี"));
            assert_eq!(parts.get(Marker::Purpose), Some("ทุนการศึกษา"));
            assert_eq!(parts.get(Marker::Network), Some("ตะโหมด"));
            assert_eq!(parts.get(Marker::Note), Some("โอนแล้ว"));
        }
    }

    /// "เมื่อวาน" and "รับเมื่อ 3 ธ.ค." ended up in the donor's name or were dropped.
    #[test]
    fn the_received_day_said_in_everyday_words() {
        let markers = [DONATION.as_slice(), &[Marker::Received]].concat();
        let parts = split_parts("500 จาก นายก ใจดี เมื่อวาน เพื่อ สำนักงาน", &markers);
        assert_eq!(parts.get(Marker::Donor), Some("นายก ใจดี"));
        assert_eq!(parts.get(Marker::Received), Some("เมื่อวาน"));
        assert_eq!(parts.get(Marker::Purpose), Some("สำนักงาน"));
        for line in [
            "500 จาก นายก ใจดี รับเมื่อ 3 ธ.ค. เพื่อ สำนักงาน",
            "500 จาก นายก ใจดี เมื่อ 3 ธ.ค. เพื่อ สำนักงาน",
            "500 จาก นายก ใจดี เมื่อ3 ธ.ค. เพื่อ สำนักงาน",
        ] {
            let parts = split_parts(line, &markers);
            assert_eq!(parts.get(Marker::Donor), Some("นายก ใจดี"), "{line}");
            assert_eq!(parts.get(Marker::Received), Some("3 ธ.ค."), "{line}");
        }
        // In a note, everyday date words are the note's.
        let markers = [DONATION.as_slice(), &[Marker::Received]].concat();
        let parts = split_parts("500 จาก นายก หมายเหตุ โอน เมื่อ 10.30 น.", &markers);
        assert_eq!(parts.get(Marker::Note), Some("โอน เมื่อ 10.30 น."));
        assert_eq!(parts.get(Marker::Received), None);
        // Without the received date among the markers, the words stay where they are.
        let parts = split_parts("500 จาก นายก เมื่อวาน", &DONATION);
        assert_eq!(parts.get(Marker::Donor), Some("นายก เมื่อวาน"));
    }

    #[test]
    fn a_donor_named_after_the_word_for_name() {
        let markers = [DONATION.as_slice(), &[Marker::Received]].concat();
        let parts = split_parts("2,000 บาท เพื่อทุนการศึกษา โอนเมื่อวาน ชื่อ นางสมศรี มีสุข", &markers);
        assert_eq!(parts.get(Marker::Donor), Some("นางสมศรี มีสุข"));
        assert_eq!(parts.get(Marker::Purpose), Some("ทุนการศึกษา"));
        assert_eq!(parts.get(Marker::Received), Some("เมื่อวาน"));
        // Glued, it begins other words.
        let parts = split_parts("500 จาก ร้านชื่อดัง เพื่อ สำนักงาน", &markers);
        assert_eq!(parts.get(Marker::Donor), Some("ร้านชื่อดัง"));
    }

    #[test]
    fn glued_markers_and_names_that_start_like_markers() {
        let parts = split_parts("1000 จากนางสาวมะลิ เพื่อทุนการศึกษา", &DONATION);
        assert_eq!(parts.get(Marker::Donor), Some("นางสาวมะลิ"));
        assert_eq!(parts.get(Marker::Purpose), Some("ทุนการศึกษา"));
        let parts = split_parts("1000 จาก บริษัท เพื่อนแท้ จำกัด เพื่อ สำนักงาน", &DONATION);
        assert_eq!(parts.get(Marker::Donor), Some("บริษัท เพื่อนแท้ จำกัด"));
        assert_eq!(parts.get(Marker::Purpose), Some("สำนักงาน"));
        let parts = split_parts("150,000 จาก เครือข่ายตะโหมด เพื่อ สำนักงาน", &DONATION);
        assert_eq!(parts.get(Marker::Donor), Some("เครือข่ายตะโหมด"));
        assert_eq!(parts.get(Marker::Network), None);
        // A network or school named right after จาก is the donor, not an empty donor.
        let parts = split_parts("500 บาท จาก เครือข่าย ตะโหมด เพื่อ สำนักงาน", &DONATION);
        assert_eq!(parts.get(Marker::Donor), Some("เครือข่าย ตะโหมด"));
        assert_eq!(parts.get(Marker::Network), None);
        let parts = split_parts("500 โดย โรงเรียน บ้านนา เพื่อ ทุน เครือข่าย ตะโหมด", &DONATION);
        assert_eq!(parts.get(Marker::Donor), Some("โรงเรียน บ้านนา"));
        assert_eq!(parts.get(Marker::Network), Some("ตะโหมด"));
    }

    #[test]
    fn markers_glued_inside_words_where_the_reading_is_plain() {
        // Right after the amount: where the figures end, nothing to check.
        for line in ["1,000บาทจากนายส้ม", "1000จากนายส้ม", "500 บาทจาก นายส้ม"]
        {
            let parts = split_parts(line, &DONATION);
            assert!(parts.head.starts_with(['1', '5']), "{line}: {parts:?}");
            assert_eq!(parts.get(Marker::Donor), Some("นายส้ม"), "{line}");
            assert!(!parts.cut_inside_a_word, "{line}");
        }
        // Where a name glued to the next part ends is a reading: to be checked.
        let parts = split_parts("1000จากนายส้มเพื่อทุนการศึกษา", &DONATION);
        assert_eq!(parts.head, "1000");
        assert_eq!(parts.get(Marker::Donor), Some("นายส้ม"));
        assert_eq!(parts.get(Marker::Purpose), Some("ทุนการศึกษา"));
        assert!(parts.cut_inside_a_word);
        let markers = [DONATION.as_slice(), &[Marker::Value]].concat();
        let parts = split_parts("เก้าอี้ 10 ตัวจากร้านสมใจ มูลค่า 5,000", &markers);
        assert_eq!(parts.head, "เก้าอี้ 10 ตัว");
        assert_eq!(parts.get(Marker::Donor), Some("ร้านสมใจ"));
        assert_eq!(parts.get(Marker::Value), Some("5,000"));
        assert!(parts.cut_inside_a_word);
    }

    #[test]
    fn a_marker_s_letters_inside_a_name_are_the_name_s() {
        for (line, donor) in [
            (
                "500 จาก บริษัท ขนส่งโดยสาร จำกัด เพื่อ สำนักงาน",
                "บริษัท ขนส่งโดยสาร จำกัด",
            ),
            // เพื่อ said as a word of its own elsewhere: the glued one is the name's.
            (
                "500 จาก มูลนิธิเพื่อโรงเรียนชนบท เพื่อ ทุนการศึกษา",
                "มูลนิธิเพื่อโรงเรียนชนบท",
            ),
            // Not before a purpose the register knows.
            ("500 จาก มูลนิธิเพื่อการศึกษา", "มูลนิธิเพื่อการศึกษา"),
            // Not before a title or an organisation's word.
            ("500 จาก ร้านลูกจากทอง เพื่อ สำนักงาน", "ร้านลูกจากทอง"),
        ] {
            let parts = split_parts(line, &DONATION);
            assert_eq!(parts.get(Marker::Donor), Some(donor), "{line}");
            assert!(!parts.cut_inside_a_word, "{line}");
            assert_eq!(parts.repeated, None, "{line}");
        }
        // A note says what it says.
        let parts = split_parts("500 เพื่อ สำนักงาน หมายเหตุ 1,000จากนายข", &DONATION);
        assert_eq!(parts.get(Marker::Note), Some("1,000จากนายข"));
        assert_eq!(parts.get(Marker::Donor), None);
    }

    #[test]
    fn a_school_glued_to_its_name_is_the_school() {
        let parts = split_parts(
            "3,000 ให้ ด.ช.ก้อง ดีมาก โรงเรียนบ้านนา",
            &[Marker::Recipient, Marker::School, Marker::Note],
        );
        assert_eq!(parts.get(Marker::Recipient), Some("ด.ช.ก้อง ดีมาก"));
        assert_eq!(parts.get(Marker::School), Some("บ้านนา"));
        // Where a school is no part of the line, it stays in the donor's name.
        let parts = split_parts("500 จาก โรงเรียนบ้านนา เพื่อ สำนักงาน", &DONATION);
        assert_eq!(parts.get(Marker::Donor), Some("โรงเรียนบ้านนา"));
    }

    #[test]
    fn a_repeated_marker_is_text() {
        let parts = split_parts("5 จาก ก หมายเหตุ ส่งจาก ข จาก ค", &DONATION);
        assert_eq!(parts.get(Marker::Donor), Some("ก"));
        assert_eq!(parts.get(Marker::Note), Some("ส่งจาก ข จาก ค"));
        assert_eq!(parts.repeated, None, "the note says what it likes");
        let parts = split_parts(
            "5,000 จาก นายเอ เพื่อ ทุน และ 3,000 บาท จาก นายบี เพื่อ สำนักงาน",
            &DONATION,
        );
        assert_eq!(parts.repeated.as_deref(), Some("จาก"));
        // The second donor glued to its จาก after a second amount: two records, not one name
        // "นายเอ 3000 จากนายบี" numbered with the first amount.
        for line in [
            "2000 จากนายเอ 3000 จากนายบี เพื่อทุนการศึกษา",
            "2000 จาก นายเอ 3,000 บาท จากบริษัท บี จำกัด",
        ] {
            let parts = split_parts(line, &DONATION);
            assert_eq!(parts.repeated.as_deref(), Some("จาก"), "{line}");
        }
        // A name that says where its people are from is one donor.
        let parts = split_parts("500 จาก คณะครู จากโรงเรียนบ้านนา", &DONATION);
        assert_eq!(parts.repeated, None);
        assert_eq!(parts.get(Marker::Donor), Some("คณะครู จากโรงเรียนบ้านนา"));
    }

    #[test]
    fn purposes() {
        assert_eq!(parse_purpose("ทุนการศึกษา"), PurposeText::Scholarship);
        assert_eq!(parse_purpose("สำนักงาน"), PurposeText::Office);
        assert_eq!(
            parse_purpose("โรงเรียน บ้านนา"),
            PurposeText::School(Some("บ้านนา".into()))
        );
        assert_eq!(
            parse_purpose("โรงเรียนบ้านนา"),
            PurposeText::School(Some("บ้านนา".into()))
        );
        assert_eq!(parse_purpose("โรงเรียน"), PurposeText::School(None));
        assert_eq!(parse_purpose("สนับสนุนโรงเรียน"), PurposeText::School(None));
        assert_eq!(parse_purpose("สนับสนุนสถานศึกษา"), PurposeText::School(None));
        assert_eq!(
            parse_purpose("สนับสนุน โรงเรียนบ้านนา"),
            PurposeText::School(Some("บ้านนา".into()))
        );
        assert_eq!(
            parse_purpose("สนับสนุนกิจกรรม"),
            PurposeText::Unknown("สนับสนุนกิจกรรม".into())
        );
        assert_eq!(parse_purpose("ทำบุญ"), PurposeText::Unknown("ทำบุญ".into()));
        // Said with ให้, สำหรับ or เป็น in place of เพื่อ.
        assert_eq!(parse_purpose("ให้ทุนการศึกษา"), PurposeText::Scholarship);
        assert_eq!(parse_purpose("สำหรับ ทุนการศึกษา"), PurposeText::Scholarship);
        assert_eq!(
            parse_purpose("ให้โรงเรียนบ้านนา"),
            PurposeText::School(Some("บ้านนา".into()))
        );
        assert_eq!(
            parse_purpose("ให้เด็กยากจน"),
            PurposeText::Unknown("ให้เด็กยากจน".into())
        );
        assert_eq!(
            parse_purpose("ทุนการศึกษาสำหรับนักเรียนด้อยโอกาส"),
            PurposeText::Scholarship
        );
        assert_eq!(parse_purpose("พัฒนาสำนักงาน"), PurposeText::Office);
        assert_eq!(parse_purpose("ทุน"), PurposeText::Scholarship);
        assert_eq!(parse_purpose("ทุน การศึกษา"), PurposeText::Scholarship);
        assert_eq!(parse_purpose("ทุนเด็กยากจน"), PurposeText::Scholarship);
        // Other funds are not the scholarship fund: asked.
        assert_eq!(
            parse_purpose("ทุนซ่อมหลังคา"),
            PurposeText::Unknown("ทุนซ่อมหลังคา".into())
        );
        assert_eq!(
            parse_purpose("ทุนอาหารกลางวัน"),
            PurposeText::Unknown("ทุนอาหารกลางวัน".into())
        );
        // Two purposes at once are asked, not the first one taken.
        assert_eq!(
            parse_purpose("ทุนการศึกษา และ พัฒนาสำนักงาน"),
            PurposeText::Unknown("ทุนการศึกษา และ พัฒนาสำนักงาน".into())
        );
        assert_eq!(
            parse_purpose("สำนักงาน กับ ทุน"),
            PurposeText::Unknown("สำนักงาน กับ ทุน".into())
        );
    }

    #[test]
    fn donor_kinds_from_names() {
        assert_eq!(DonorKind::guess("บริษัท ห้างร้าน"), DonorKind::Company);
        assert_eq!(DonorKind::guess("เครือข่ายตะโหมด"), DonorKind::Network);
        assert_eq!(DonorKind::guess("โรงเรียน 12 โรงเรียน"), DonorKind::School);
        assert_eq!(DonorKind::guess("บุคลากรในสำนักงาน"), DonorKind::Staff);
        assert_eq!(DonorKind::guess("ดร.อนงค์ เชาวนะกิจ"), DonorKind::Person);
        assert_eq!(DonorKind::guess("หจก.รุ่งเรือง"), DonorKind::Company);
        // A title or an organisation's word tells a name; a name alone or a purpose does not.
        assert_eq!(
            DonorKind::of_titled_name("นางสาวมาลี ดีงาม"),
            Some(DonorKind::Person)
        );
        assert_eq!(
            DonorKind::of_titled_name("น.ส.มาลี"),
            Some(DonorKind::Person)
        );
        assert_eq!(
            DonorKind::of_titled_name("วัดป่าเจริญ"),
            Some(DonorKind::Person)
        );
        assert_eq!(DonorKind::of_titled_name("สมชาย ใจดี"), None);
        assert_eq!(DonorKind::of_titled_name("ทุนการศึกษา"), None);
        assert!(is_anonymous("ไม่ประสงค์ ออกนาม"));
        // Said as a donor says it at the name step.
        assert!(is_anonymous("ไม่ต้องใส่ชื่อ"));
        assert!(is_anonymous("ไม่ระบุ ชื่อ"));
        assert!(!is_anonymous("นายสมชาย"));
    }

    #[test]
    fn a_verb_of_giving_before_the_amount_is_no_part_of_it() {
        assert_eq!(without_giving_verb("โอน 1,000 บาท"), "1,000 บาท");
        assert_eq!(without_giving_verb("ได้รับเงิน 500 จาก นายก"), "500 จาก นายก");
        assert_eq!(without_giving_verb("โอนไป ๒,๐๐๐"), "๒,๐๐๐");
        assert_eq!(without_giving_verb("โอนเมื่อวาน 500"), "โอนเมื่อวาน 500");
        assert_eq!(without_giving_verb("ให้ทุน 500"), "ให้ทุน 500");
        assert_eq!(without_giving_verb("500 บาท"), "500 บาท");
    }

    #[test]
    fn register_numbers() {
        assert_eq!(parse_number("12/2569"), Some((12, Some(2569))));
        assert_eq!(parse_number("๑๒/๖๙"), Some((12, Some(2569))));
        assert_eq!(parse_number("เลขที่ 7"), Some((7, None)));
        assert_eq!(parse_number("#7"), Some((7, None)));
        assert_eq!(
            split_number("ที่ 1/2570 พิมพ์ผิด"),
            Some(((1, Some(2570)), "พิมพ์ผิด"))
        );
        assert_eq!(parse_number("0"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(
            split_number("12/2569 พิมพ์ยอดผิด"),
            Some(((12, Some(2569)), "พิมพ์ยอดผิด"))
        );
    }

    #[test]
    fn a_received_date_answer_is_read_whole_then_after_the_question_s_words() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        for (answer, date) in [
            ("3 ธ.ค.", "3 ธ.ค."),
            // Whole: "3" alone is no day, "วันที่ 3" is.
            ("วันที่ 3", "วันที่ 3"),
            ("วันที่ 3 ธ.ค. 2568", "วันที่ 3 ธ.ค. 2568"),
            ("วันที่๓/๑๒/๖๘", "วันที่๓/๑๒/๖๘"),
            ("เมื่อวานค่ะ", "เมื่อวาน"),
            ("รับเมื่อ 3 ธ.ค.", "3 ธ.ค."),
            ("โอนเมื่อวาน", "เมื่อวาน"),
            ("โอนวันที่ 3 มิ.ย. ค่ะ", "วันที่ 3 มิ.ย."),
            ("โอนเมื่อ 3 มิ.ย.", "3 มิ.ย."),
            ("รับไว้เมื่อวันที่ 4 มิ.ย. นะคะ", "วันที่ 4 มิ.ย."),
            ("โอนเงินไปแล้วเมื่อวานค่ะ", "เมื่อวาน"),
            ("ส่งมอบเมื่อ 2 มิ.ย.", "2 มิ.ย."),
            // A day to come is read, for its refusal to name it.
            ("โอนพรุ่งนี้ค่ะ", "พรุ่งนี้"),
        ] {
            assert_eq!(received_date_answer(answer, today), date, "{answer}");
        }
        // Other words before a day may say it is not that day: left for the day's reader to
        // refuse, as are the question's words before no day.
        assert_eq!(received_date_answer("ไม่แน่ใจ วันที่ 3", today), "ไม่แน่ใจ วันที่ 3");
        assert_eq!(received_date_answer("ไม่ใช่ 3 มิ.ย.ค่ะ", today), "ไม่ใช่ 3 มิ.ย.");
        assert_eq!(
            received_date_answer("โอนเมื่อไหร่ไม่รู้ค่ะ", today),
            "โอนเมื่อไหร่ไม่รู้"
        );
    }
}
