//! Polite endings of chat lines: the particles (`ค่ะ`, `ครับ`, drawn out as `ค่าา`, `ครับบบ`) and
//! the faces and hands (`🙏`, `😊`) people close a line with, found and taken off so that
//! what is read is the value the person meant.

/// The length of `particle` at the end of `text`, its last letter drawn out included.
pub fn particle_at_end(text: &str, particle: &str) -> Option<usize> {
    let last = particle.chars().last()?;
    let drawn_out = text.len() - text.trim_end_matches(last).len();
    let kept = text.len() - drawn_out + last.len_utf8();
    (drawn_out > 0 && text[..kept].ends_with(particle))
        .then(|| particle.len() + drawn_out - last.len_utf8())
}

/// The length of `particle` at the start of `text`, its last letter drawn out included.
pub fn particle_at_start(text: &str, particle: &str) -> Option<usize> {
    let last = particle.chars().last()?;
    let rest = text.strip_prefix(particle)?;
    Some(text.len() - rest.trim_start_matches(last).len())
}

/// The polite particles a typed answer may end with: central, then the regional and chat forms
/// (northern เจ้า, northeastern เด้อ, คร้าบ…).
const ENDINGS: [&str; 12] = [
    "ค่ะ",
    "คะ",
    "ครับ",
    "คับ",
    "จ้า",
    "จ้ะ",
    "จ๊ะ",
    "เจ้า",
    "เด้อ",
    "คร้าบ",
    "ค้าบ",
    "ฮะ",
];

/// `text` without a polite particle it starts with, as one is said after the words that lead
/// in to an amount ("ค่ะ 500 บาท" of "โอนแล้วค่ะ 500 บาท", "นะคะ ๓๐๐" of "โอนแล้วนะคะ ๓๐๐"):
/// only a whole particle, นะ before it or alone, followed by a space or a digit (not the คะ of
/// คะแนน).
pub fn without_polite_start(text: &str) -> &str {
    let typed = text.trim_start();
    let ends_here =
        |rest: &str| rest.starts_with(|c: char| c.is_whitespace() || super::is_digit(c));
    let after_na = typed.strip_prefix("นะ");
    let from = after_na.unwrap_or(typed);
    ENDINGS
        .iter()
        .find_map(|particle| Some(&from[particle_at_start(from, particle)?..]))
        .or(after_na)
        .filter(|rest| ends_here(rest))
        .map_or(typed, str::trim_start)
}

/// A short typed answer without the polite ending it was typed with (`นายสมชาย ใจดีครับ`,
/// `สองพันบาทค่ะ`, `ไม่ระบุนะคะ`, `ได้ครับผม 🙏`): the value the person meant. Only the
/// particles that cannot end a name or an amount are taken (not `นะ` alone, nor `ค่า` unless
/// drawn out); a text that is nothing but them says nothing (`ค่ะ` alone gives "").
pub fn without_polite_ending(text: &str) -> &str {
    let typed = text.trim();
    let mut rest = without_closing_marks(typed);
    rest = rest
        .strip_suffix("ผม")
        .filter(|r| r.ends_with("ครับ"))
        .unwrap_or(rest);
    let mut taken = false;
    // `ค่า` only drawn out (`ค่าา`): once, it may end มูลค่า.
    let drawn_out_ka = |rest: &str| particle_at_end(rest, "ค่า").filter(|&l| l > "ค่า".len());
    // A particle is a whole syllable: `จ้า` is not taken off the end of `เจ้า`, which would
    // leave its leading vowel behind.
    let whole =
        |rest: &str, length: usize| !rest[..rest.len() - length].ends_with(is_leading_vowel);
    while let Some(length) = ENDINGS
        .iter()
        .filter_map(|particle| particle_at_end(rest, particle))
        .chain(drawn_out_ka(rest))
        .find(|&length| whole(rest, length))
    {
        rest = rest[..rest.len() - length].trim_end();
        taken = true;
    }
    if !taken {
        return typed;
    }
    if let Some(length) = particle_at_end(rest, "นะ") {
        rest = rest[..rest.len() - length].trim_end();
    }
    rest
}

/// เ แ โ ใ ไ: written before the consonant they are sounded after.
fn is_leading_vowel(character: char) -> bool {
    ('\u{0E40}'..='\u{0E44}').contains(&character)
}

/// A line that skips a question rather than answers it: `ข้าม`, `ไม่ระบุ`, `ไม่มีค่ะ`, `-`,
/// `skip`, `none`, with or without a polite ending.
pub fn is_skip_word(text: &str) -> bool {
    let typed = without_polite_ending(text).trim();
    matches!(typed, "ข้าม" | "ไม่ระบุ" | "ไม่มี" | "-")
        || ["skip", "none"]
            .iter()
            .any(|w| typed.eq_ignore_ascii_case(w))
}

/// A line that says there is none of what an optional question asks for, or that the person
/// does not know it: a skip word, or `ไม่มี…`, `ไม่ระบุ…`, `ไม่ทราบ`, `ไม่รู้`, `ไม่แน่ใจ`,
/// `ไม่ได้อยู่…`, `บ่มี`, `no …` (`ไม่มีเครือข่ายครับ`, `ไม่มีสลิปค่ะ`): what the question's
/// no-answer button says, in words.
pub fn says_there_is_none(text: &str) -> bool {
    const NONE: [&str; 11] = [
        "ไม่มี",
        "ไม่ระบุ",
        "ไม่ทราบ",
        "ไม่รู้",
        "ไม่แน่ใจ",
        "ไม่ได้อยู่",
        "ไม่อยู่ใน",
        "ไม่ได้สังกัด",
        "ไม่สังกัด",
        "บ่มี",
        "บ่ฮู้",
    ];
    let typed = without_polite_ending(text).trim();
    is_skip_word(text)
        || NONE.iter().any(|word| typed.starts_with(word))
        || typed.eq_ignore_ascii_case("no")
        || typed.to_ascii_lowercase().starts_with("no ")
}

/// Whether `text` is nothing but a polite ending and the words that make a request of it
/// (`ค่ะ`, `ได้ไหมคะ`, `หน่อยครับ`, `ด้วยนะคะ`, `ด่วนครับ`, `please`): typed after a command,
/// it asks for the command and says nothing more.
pub fn is_only_asking(text: &str) -> bool {
    const ASKING: [&str; 20] = [
        "หน่อย",
        "ได้ไหม",
        "ได้มั้ย",
        "ได้มั๊ย",
        "ได้ไม๊",
        "ได้บ่",
        "ได้ป่ะ",
        "ได้ปะ",
        "ได้เปล่า",
        "ด้วย",
        "นะ",
        "ที",
        "ด่วนมาก",
        "ด่วนๆ",
        "ด่วน",
        "please",
        "pls",
        "plz",
        "urgent",
        "asap",
    ];
    let mut rest = without_polite_ending(text).trim();
    while let Some(shorter) = ASKING.iter().find_map(|word| rest.strip_suffix(word)) {
        rest = without_polite_ending(shorter).trim();
    }
    rest.is_empty()
}

/// `text` without the marks that close a chat line: spaces, punctuation, and the faces, hearts
/// and hands (`🙏`, `😊`, `❤️`) people end a polite line with (every symbol from U+2000 on).
pub fn without_closing_marks(text: &str) -> &str {
    text.trim_end_matches(|c: char| {
        c.is_whitespace() || c.is_ascii_punctuation() || c >= '\u{2000}'
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_with_nothing_more_is_only_asking() {
        for typed in [
            "",
            "ค่ะ",
            "ได้ไหมคะ",
            "ด่วนครับ",
            "urgent",
            "หน่อยครับ",
            "ด้วยนะครับ",
            "ทีค่ะ",
            "please",
            "ได้บ่เจ้า",
        ] {
            assert!(is_only_asking(typed), "{typed}");
        }
        for typed in ["ครู", "ครูตีลูกค่ะ", "500 บาท", "ครูตีด้วย", "นายสมชาย ใจดี", "ขอที"]
        {
            assert!(!is_only_asking(typed), "{typed}");
        }
    }

    #[test]
    fn skip_words_are_read_with_their_polite_endings() {
        for typed in ["ข้าม", "ไม่มีค่ะ", "ไม่ระบุครับ", "-", "Skip", "none"]
        {
            assert!(is_skip_word(typed), "{typed}");
        }
        for typed in ["ไม่มีสลิปค่ะ", "ข้ามไปก่อน", "ไม่", ""]
        {
            assert!(!is_skip_word(typed), "{typed}");
        }
    }

    #[test]
    fn none_said_in_words_is_read_as_none() {
        for typed in [
            "ไม่มีเครือข่ายครับ",
            "ไม่มีสลิปค่ะ",
            "ไม่ทราบค่ะ",
            "ไม่ได้อยู่ในเครือข่ายไหน",
            "บ่มีเจ้า",
            "no network",
            "ข้าม",
        ] {
            assert!(says_there_is_none(typed), "{typed}");
        }
        for typed in ["เครือข่ายตะโหมด", "นายไม่มีชื่อ", "ไม่", "north", ""]
        {
            assert!(!says_there_is_none(typed), "{typed}");
        }
    }

    #[test]
    fn polite_endings_come_off_typed_answers_but_names_keep_their_letters() {
        for (typed, meant) in [
            ("นายสมชาย ใจดีครับ", "นายสมชาย ใจดี"),
            ("สองพันบาทค่ะ", "สองพันบาท"),
            ("ไม่ระบุค่าา", "ไม่ระบุ"),
            ("ไม่ระบุค่ะะ", "ไม่ระบุ"),
            ("ไม่ระบุนะคะ", "ไม่ระบุ"),
            ("ยืนยันครับผม 🙏", "ยืนยัน"),
            ("บริษัท ตัวอย่าง จำกัด", "บริษัท ตัวอย่าง จำกัด"),
            ("เอ.บี.ซี.", "เอ.บี.ซี."),
            ("ของมีมูลค่า", "ของมีมูลค่า"),
            ("ร้านป้านะ", "ร้านป้านะ"),
            ("ค่ะ", ""),
            ("ครับผม 🙏", ""),
            ("  500 บาท จ้า ", "500 บาท"),
            ("สมศรี ใจดี เจ้า", "สมศรี ใจดี"),
            ("500 บาทเจ้า", "500 บาท"),
            ("สมศรี ใจดีคร้าบ", "สมศรี ใจดี"),
            ("ไม่ระบุเด้อ", "ไม่ระบุ"),
            ("คุณแจ้", "คุณแจ้"),
        ] {
            assert_eq!(without_polite_ending(typed), meant, "{typed}");
        }
    }
}
