//! What a question asks for that an answer may not give: a time ("วันสอบ NT ปีนี้วันไหน",
//! "ตู้วันละบาทเปิดนับเงินมื้อใด๋"), or another organisation's affairs ("อบต.หื้อทุนละอ่อนก่อ",
//! "มูลนิธิกระจกเงารับบริจาคคอมพิวเตอร์เก่าไหม"). Such questions share an entry's topic words,
//! so the words alone rank that entry first and high; whether its answer says what was asked
//! is a signal of the decision to answer ([`super::matcher::signals`]). On the colloquial dev
//! set, of the questions that ask "when" and whose first entry's answer names no time, 75 were
//! out of scope and 4 answered right; of those naming an organisation the first entry never
//! mentions, 68 out of scope and 2 right.

use std::sync::OnceLock;

use regex::Regex;

use crate::thai::{month_abbr, month_name};

/// Other bodies people ask the office about, which it does not speak for: local government,
/// the secondary-education area offices, funds and foundations, hospitals, the revenue
/// department, universities, watchdogs. Each as it is typed; a word that is also part of
/// everyday words (วัด in วัดผล and จังหวัด, ศาล in ศาลา) is not one of them.
const ORGANISATIONS: [&str; 24] = [
    "อบต",
    "อบจ",
    "เทศบาล",
    "สพม",
    "กศน",
    "กสศ",
    "กยศ",
    "ช.พ.ค",
    "มูลนิธิ",
    "กาชาด",
    "โรงพยาบาล",
    "รพ.",
    "สรรพากร",
    "ตำรวจ",
    "กระทรวง",
    "มหาวิทยาลัย",
    "มหาลัย",
    "คุรุสภา",
    "ป.ป.ช",
    "สตง",
    "ministry",
    "hospital",
    "foundation",
    "university",
];

/// Which of [`ORGANISATIONS`] `text` names, as bits. An abbreviation of Thai consonants only
/// (อบต, อบจ, กศน…) counts where a dot, a space or the line's edge is on one side of it: Thai is
/// written without spaces, and อบต is also inside ตอบตรง, อบจ inside ชอบจัง.
pub fn organisations(text: &str) -> u32 {
    static NAMED: OnceLock<Vec<Regex>> = OnceLock::new();
    let patterns = NAMED.get_or_init(|| {
        ORGANISATIONS
            .iter()
            .map(|name| {
                let name = regex::escape(name);
                let pattern = if name.chars().all(|c| ('ก'..='ฮ').contains(&c)) {
                    format!("(?:^|[^ก-๛]){name}|{name}(?:[^ก-๛]|$)")
                } else {
                    name
                };
                Regex::new(&format!("(?i){pattern}")).expect("a valid pattern")
            })
            .collect()
    });
    patterns
        .iter()
        .enumerate()
        .filter(|(_, pattern)| {
            pattern.find_iter(text).any(|found| {
                let after = text[found.end()..].trim_start();
                !OURS.iter().any(|ours| after.starts_with(ours))
            })
        })
        .fold(0, |named, (bit, _)| named | 1 << bit)
}

/// Words after an organisation's name that make it the asker's own ("มูลนิธิเราจะมอบทุน", our
/// foundation would give scholarships): a donor speaking for their body, not a question about
/// another body's affairs.
const OURS: [&str; 6] = ["เรา", "ของเรา", "ผม", "ของผม", "ดิฉัน", "ของดิฉัน"];

/// Whether `question` asks when, or how long: เมื่อไหร่, วันไหน, มื้อใด๋ (northeastern "which
/// day"), วันที่เท่าไหร่, กี่โมง, กี่วัน, นานไหม, when (asking, not "when I visited"), what date,
/// how long.
pub fn asks_for_a_time(question: &str) -> bool {
    static ASKS: OnceLock<Regex> = OnceLock::new();
    ASKS.get_or_init(|| {
        Regex::new(
            r"(?i)เมื่อ\s*ไห?ร|เมื่อ\s*ใด|(วัน|เดือน|ปี|ช่วง|ตอน|มื้อ)\s*(ไหน|ใด|ไหร|ได๋)|วันที่\s*เท่า|กี่\s*(โมง|วัน|เดือน)|นาน\s*(ไหม|มั้ย|แค่ไหน|เท่า)|^\s*when\b|\bwhen\s+(is|are|was|do|does|did|will|can|should|would)\b|\bwhat\s+(date|time|day)\b|\bhow\s+long\b",
        )
        .expect("a valid pattern")
    })
    .is_match(question)
}

/// Whether `answer` names a time or a length of time: a month, a day of the month, a number of
/// days, weeks, months or years, working days, office hours, a term, a fiscal or school year,
/// "every year", "at once", or the complaint deadlines the office sets
/// (`{complaint_ack_days}`).
pub fn names_a_time(answer: &str) -> bool {
    static NAMES: OnceLock<Regex> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            let months: Vec<String> = (1..=12)
                .flat_map(|month| {
                    // Not "ก.ค." in "ก.ค.ศ." (the teachers' civil service commission).
                    [
                        regex::escape(month_name(month)),
                        format!("{}(?:[^ก-ฮ]|$)", regex::escape(month_abbr(month))),
                    ]
                })
                .collect();
            Regex::new(&format!(
                r"{}|วันที่\s*\d|\d+\s*(วัน|สัปดาห์|เดือน|ปี|ชั่วโมง)|วันทำการ|เวลา|\d{{1,2}}[.:]\d{{2}}\s*น|ทุกปี|ทุกเดือน|ภาคเรียน|ปีงบประมาณ|ปีการศึกษา|ทันที|วันจันทร์|วันศุกร์|\{{complaint_\w+_days\}}",
                months.join("|")
            ))
            .expect("a valid pattern")
        })
        .is_match(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_questions_that_ask_when() {
        for question in [
            "วันสอบ NT ปีนี้วันไหนหนิ",
            "ตู้วันละบาทเปิดนับเงินมื้อใด๋",
            "ตารางสอบ O-NET ป.6 ปีนี้วันที่เท่าไหร่คะ",
            "ได้ใบเสร็จเมื่อไหร่คะ",
            "ร้องเรียนแล้วกี่วันถึงจะรู้ผล",
            "When is the office open?",
            "how long does it take",
        ] {
            assert!(asks_for_a_time(question), "{question}");
        }
        for question in [
            "ปีนี้ตู้วันละบาทได้เงินเต้าใดแล้วเจ้า",
            "บริจาคได้ที่ไหน",
            "วันละบาทคืออะไร",
            "whenever I can",
            "the toilets were broken when I visited",
        ] {
            assert!(!asks_for_a_time(question), "{question}");
        }
    }

    #[test]
    fn tells_answers_that_name_a_time() {
        for answer in [
            "ปีงบประมาณเริ่ม 1 ตุลาคม",
            "ภายใน 15 วัน",
            "ภายใน {complaint_ack_days} วันทำการ",
            "ภายในเดือน ก.ค. ของทุกปี",
            "เปิด 08.30 น.",
        ] {
            assert!(names_a_time(answer), "{answer}");
        }
        for answer in [
            "แจ้ง ก.ค.ศ. ตามระเบียบ",
            "ติดต่อกลุ่มส่งเสริมการศึกษา",
            "ชั้น ป.3 และ ป.6",
        ] {
            assert!(!names_a_time(answer), "{answer}");
        }
    }

    #[test]
    fn finds_other_organisations_as_typed() {
        assert_ne!(organisations("อบต.หื้อทุนละอ่อนก่อ"), 0);
        assert_ne!(organisations("Does the Ministry give scholarships?"), 0);
        assert_ne!(organisations("อบตให้ทุนไหม"), 0);
        assert_ne!(organisations("ทุนของอบต.กับของเขต"), 0);
        assert_eq!(organisations("ผลการวัดผลของจังหวัด ที่ศาลาประชาคม"), 0);
        assert_eq!(organisations("บอทบ่ตอบตรงเลย ชอบจังเลย"), 0);
        assert_eq!(organisations("มูลนิธิเราจะมอบทุน 10 ทุนให้เด็กในเขต"), 0);
        assert_eq!(organisations("มูลนิธิกระจกเงา"), organisations("มูลนิธิเด็ก"));
    }
}
