//! User-facing text, loaded from `locales/<lang>/<area>.toml`. The key `area.name` is the
//! entry `name` of the file `<area>.toml`. Placeholders are `{name}`; every argument is
//! HTML-escaped unless it is marked as already-safe HTML, because replies use Telegram's
//! HTML parse mode and user-supplied text must never become markup.

use std::collections::HashMap;
use std::fmt::Write;

use crate::thai::ExplainArg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    Th,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_lowercase().as_str() {
            "th" | "thai" | "ไทย" => Some(Lang::Th),
            "en" | "english" | "อังกฤษ" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Every locale file, per language: (area, Thai text, English text).
const FILES: &[(&str, &str, &str)] = &[
    (
        "donations",
        include_str!("../locales/th/donations.toml"),
        include_str!("../locales/en/donations.toml"),
    ),
    (
        "donations_files",
        include_str!("../locales/th/donations_files.toml"),
        include_str!("../locales/en/donations_files.toml"),
    ),
    (
        "complaints",
        include_str!("../locales/th/complaints.toml"),
        include_str!("../locales/en/complaints.toml"),
    ),
    (
        "calendar",
        include_str!("../locales/th/calendar.toml"),
        include_str!("../locales/en/calendar.toml"),
    ),
    (
        "faq",
        include_str!("../locales/th/faq.toml"),
        include_str!("../locales/en/faq.toml"),
    ),
    (
        "core",
        include_str!("../locales/th/core.toml"),
        include_str!("../locales/en/core.toml"),
    ),
    (
        "console",
        include_str!("../locales/th/console.toml"),
        include_str!("../locales/en/console.toml"),
    ),
    (
        "thai",
        include_str!("../locales/th/thai.toml"),
        include_str!("../locales/en/thai.toml"),
    ),
    (
        "line",
        include_str!("../locales/th/line.toml"),
        include_str!("../locales/en/line.toml"),
    ),
];

/// An argument for a placeholder.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Plain text, escaped on substitution.
    Text(String),
    /// Markup produced by this program from escaped parts.
    Html(String),
    /// A date, written the way the text's language writes it ("15 มิ.ย. 2569", "15 Jun 2569").
    Date(chrono::NaiveDate),
    /// A date with its weekday, as the text's language writes it ("ศุกร์ 4 ธ.ค. 2569",
    /// "Fri 4 Dec 2569"): how a date a person typed is echoed back.
    DateWithWeekday(chrono::NaiveDate),
    /// A weekday's name in the text's language ("ศุกร์", "Friday").
    Weekday(chrono::Weekday),
    /// A month's name in the text's language ("มิถุนายน", "June").
    Month(u32),
}

/// A parser's explanation names its dates, weekdays and months in the reader's language.
impl From<ExplainArg> for Arg {
    fn from(value: ExplainArg) -> Self {
        match value {
            ExplainArg::Text(text) => Arg::Text(text),
            ExplainArg::Date(date) => Arg::Date(date),
            ExplainArg::DateWithWeekday(date) => Arg::DateWithWeekday(date),
            ExplainArg::Weekday(weekday) => Arg::Weekday(weekday),
            ExplainArg::Month(month) => Arg::Month(month),
        }
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
/// A whole number as its digits.
macro_rules! arg_from_number {
    ($($number:ty),*) => {$(
        impl From<$number> for Arg {
            fn from(n: $number) -> Self {
                Arg::Text(n.to_string())
            }
        }
    )*};
}
arg_from_number!(i64, usize, u32, i32);

pub struct Locales {
    th: HashMap<String, String>,
    en: HashMap<String, String>,
}

impl Locales {
    /// Parses the embedded locale files; they are part of the binary, so a broken file is a
    /// build defect that the tests catch, not a runtime condition.
    pub fn load() -> Locales {
        let mut th = HashMap::new();
        let mut en = HashMap::new();
        for (area, th_text, en_text) in FILES {
            flatten(area, th_text, &mut th);
            flatten(area, en_text, &mut en);
        }
        Locales { th, en }
    }

    fn table(&self, lang: Lang) -> &HashMap<String, String> {
        match lang {
            Lang::Th => &self.th,
            Lang::En => &self.en,
        }
    }

    /// The raw template, falling back to Thai and then to the key itself so that a missing
    /// entry shows up visibly instead of as an empty message.
    pub fn template<'a>(&'a self, lang: Lang, key: &'a str) -> &'a str {
        self.table(lang)
            .get(key)
            .or_else(|| self.th.get(key))
            .map(String::as_str)
            .unwrap_or_else(|| {
                log::error!("missing locale key {key}");
                key
            })
    }

    /// The text for `key` with its placeholders filled, as Telegram HTML.
    pub fn text(&self, lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
        fill(lang, self.template(lang, key), args)
    }

    pub fn keys(&self, lang: Lang) -> Vec<&str> {
        let mut keys: Vec<&str> = self.table(lang).keys().map(String::as_str).collect();
        keys.sort();
        keys
    }
}

fn flatten(area: &str, text: &str, into: &mut HashMap<String, String>) {
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            log::error!("locale file {area} does not parse: {e}");
            return;
        }
    };
    for (key, value) in table {
        if let toml::Value::String(s) = value {
            into.insert(format!("{area}.{key}"), s);
        }
    }
}

/// `d` as `lang` writes it: "15 มิ.ย. 2569", "15 Jun 2569".
pub fn format_date(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::Th => crate::thai::format_date(d),
        Lang::En => crate::thai::format_date_en(d),
    }
}

/// `d` with its weekday as `lang` writes it: "ศุกร์ 4 ธ.ค. 2569", "Fri 4 Dec 2569".
pub fn format_date_with_weekday(lang: Lang, d: chrono::NaiveDate) -> String {
    match lang {
        Lang::Th => crate::thai::format_date_with_weekday(d),
        Lang::En => crate::thai::format_date_with_weekday_en(d),
    }
}

/// The name of `weekday` in `lang`: "ศุกร์", "Friday".
fn weekday_name(lang: Lang, weekday: chrono::Weekday) -> &'static str {
    match lang {
        Lang::Th => crate::thai::weekday_name(weekday),
        Lang::En => crate::thai::weekday_name_en(weekday),
    }
}

/// The name of `month` (1–12) in `lang`: "มิถุนายน", "June".
fn month_name(lang: Lang, month: u32) -> &'static str {
    match lang {
        Lang::Th => crate::thai::month_name(month),
        Lang::En => crate::thai::month_name_en(month),
    }
}

/// `period` as `lang` names it: "ปีงบประมาณ 2569", "fiscal year 2569".
pub fn period_label(lang: Lang, period: &crate::thai::Period) -> String {
    match lang {
        Lang::Th => period.label(),
        Lang::En => period.label_en(),
    }
}

/// Replaces `{name}` placeholders in a `lang` template; unknown placeholders are left as
/// written.
pub fn fill(lang: Lang, template: &str, args: &[(&str, Arg)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if let Some(word) = count_word(name, args) {
                    out.push_str(word);
                    rest = &after[close + 1..];
                    continue;
                }
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, Arg::Text(t))) => out.push_str(&escape_html(t)),
                    Some((_, Arg::Html(h))) => out.push_str(h),
                    Some((_, Arg::Date(d))) => out.push_str(&format_date(lang, *d)),
                    Some((_, Arg::DateWithWeekday(d))) => {
                        out.push_str(&format_date_with_weekday(lang, *d));
                    }
                    Some((_, Arg::Weekday(weekday))) => {
                        out.push_str(weekday_name(lang, *weekday));
                    }
                    Some((_, Arg::Month(month))) => out.push_str(month_name(lang, *month)),
                    None => {
                        let _ = write!(out, "{{{name}}}");
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `{count|record|records}`: the first form when the argument `count` is 1, the second
/// otherwise (English texts; Thai words do not change with a count). `None` for any other
/// placeholder, or when the argument is missing.
fn count_word<'t>(placeholder: &'t str, args: &[(&str, Arg)]) -> Option<&'t str> {
    let (name, forms) = placeholder.split_once('|')?;
    let (one, many) = forms.split_once('|')?;
    let count = args.iter().find_map(|(n, arg)| match arg {
        Arg::Text(text) if *n == name => Some(text.as_str()),
        _ => None,
    })?;
    Some(if count.trim() == "1" { one } else { many })
}

/// Escapes the three characters Telegram's HTML mode requires.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// The bot's HTML texts as plain text (the console, captions, messengers without HTML):
/// tags dropped, entities decoded.
pub fn html_to_plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_plain_text_with_entities_decoded() {
        assert_eq!(
            html_to_plain("<b>เลขที่</b> 1 &lt;x&gt; &amp;"),
            "เลขที่ 1 <x> &"
        );
    }

    #[test]
    fn thai_and_english_have_exactly_the_same_keys() {
        let locales = Locales::load();
        let th = locales.keys(Lang::Th);
        let en = locales.keys(Lang::En);
        let missing_en: Vec<_> = th.iter().filter(|k| !en.contains(k)).collect();
        let missing_th: Vec<_> = en.iter().filter(|k| !th.contains(k)).collect();
        assert!(
            missing_en.is_empty(),
            "keys missing in English: {missing_en:?}"
        );
        assert!(
            missing_th.is_empty(),
            "keys missing in Thai: {missing_th:?}"
        );
        assert!(th.len() > 20);
    }

    #[test]
    fn every_locale_file_is_embedded_and_parses() {
        for lang in ["th", "en"] {
            let dir = format!("{}/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
            for entry in std::fs::read_dir(&dir).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                let area = name.trim_end_matches(".toml");
                let embedded = FILES.iter().find(|(a, _, _)| *a == area);
                let (_, th, en) =
                    embedded.unwrap_or_else(|| panic!("{dir}/{name} is not in FILES"));
                let text = if lang == "th" { th } else { en };
                toml::from_str::<toml::Table>(text)
                    .unwrap_or_else(|e| panic!("{lang}/{name}: {e}"));
            }
        }
    }

    #[test]
    fn placeholders_in_both_languages_match() {
        let locales = Locales::load();
        let names = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n))
                // `{count|record|records}` names `count`, as `{count}` beside it does.
                .map(|n| n.split('|').next().unwrap_or(n).to_string())
                .collect();
            v.sort();
            v.dedup();
            v
        };
        for key in locales.keys(Lang::Th) {
            assert_eq!(
                names(locales.template(Lang::Th, key)),
                names(locales.template(Lang::En, key)),
                "placeholders differ for {key}"
            );
        }
    }

    #[test]
    fn arguments_are_escaped_unless_marked_html() {
        let out = fill(
            Lang::Th,
            "{a} and {b} and {missing}",
            &[
                ("a", Arg::from("<b>x&y</b>")),
                ("b", Arg::Html("<i>ok</i>".into())),
            ],
        );
        assert_eq!(
            out,
            "&lt;b&gt;x&amp;y&lt;/b&gt; and <i>ok</i> and {missing}"
        );
    }

    #[test]
    fn an_unclosed_brace_is_kept_verbatim() {
        assert_eq!(fill(Lang::Th, "a { b", &[]), "a { b");
    }

    /// English counts take the word's singular for one: "1 record", "2 records", "1,000 records".
    #[test]
    fn a_count_chooses_the_form_of_its_word() {
        let template = "{count} {count|record|records}";
        for (count, expected) in [
            ("1", "1 record"),
            ("2", "2 records"),
            ("0", "0 records"),
            ("1,000", "1,000 records"),
        ] {
            assert_eq!(
                fill(Lang::En, template, &[("count", Arg::from(count))]),
                expected
            );
        }
        assert_eq!(
            fill(Lang::En, "{count|record|records}", &[]),
            "{count|record|records}"
        );
    }

    #[test]
    fn a_date_is_written_as_its_language_writes_it() {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap();
        let args = [("on", Arg::Date(date))];
        assert_eq!(fill(Lang::Th, "{on}", &args), "15 มิ.ย. 2569");
        assert_eq!(fill(Lang::En, "{on}", &args), "15 Jun 2569");
        let friday = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let args = [
            ("on", Arg::DateWithWeekday(friday)),
            ("day", Arg::Weekday(chrono::Weekday::Fri)),
            ("month", Arg::Month(12)),
        ];
        let template = "{on}: {day}, {month}";
        assert_eq!(
            fill(Lang::Th, template, &args),
            "ศุกร์ 4 ธ.ค. 2569: ศุกร์, ธันวาคม"
        );
        assert_eq!(
            fill(Lang::En, template, &args),
            "Fri 4 Dec 2569: Friday, December"
        );
    }
}
