//! What can be filed: the five complaint categories and the five service requests of the
//! office's service list (seed 003, "ข้อมูลงานให้บริการ").

/// A complaint (ร้องเรียน/ร้องทุกข์, anonymous by default) or a service request (คำร้อง,
/// named by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Complaint,
    Request,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Complaint => "complaint",
            Kind::Request => "request",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        [Kind::Complaint, Kind::Request]
            .into_iter()
            .find(|k| k.code() == code)
    }

    /// The command that files one (`/start complain` runs `/complain`; a closed case points
    /// its filer to it).
    pub fn command_name(self) -> &'static str {
        match self {
            Kind::Complaint => "complain",
            Kind::Request => "request",
        }
    }

    /// First character of its case numbers.
    pub fn prefix(self) -> char {
        match self {
            Kind::Complaint => 'ร',
            Kind::Request => 'ค',
        }
    }

    pub fn from_prefix(prefix: char) -> Option<Kind> {
        [Kind::Complaint, Kind::Request]
            .into_iter()
            .find(|k| k.prefix() == prefix)
    }

    pub fn anonymous_by_default(self) -> bool {
        self == Kind::Complaint
    }

    pub fn categories(self) -> &'static [Category] {
        match self {
            Kind::Complaint => &COMPLAINT_CATEGORIES,
            Kind::Request => &REQUEST_CATEGORIES,
        }
    }

    pub fn name_key(self) -> &'static str {
        match self {
            Kind::Complaint => "complaints.kind_complaint",
            Kind::Request => "complaints.kind_request",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// Stored in the database and used in button data.
    pub code: &'static str,
    pub kind: Kind,
}

impl Category {
    pub fn name_key(self) -> String {
        format!("complaints.category_{}", self.code)
    }

    /// The words, short of the name, that choose it where the kind of matter is asked or
    /// after the command ("ร้องเรียน ครู"): one locale text, the words separated by spaces.
    pub fn words_key(self) -> String {
        format!("complaints.category_{}_words", self.code)
    }

    pub fn from_code(code: &str) -> Option<Category> {
        COMPLAINT_CATEGORIES
            .iter()
            .chain(REQUEST_CATEGORIES.iter())
            .find(|c| c.code == code)
            .copied()
    }
}

const fn complaint(code: &'static str) -> Category {
    Category {
        code,
        kind: Kind::Complaint,
    }
}

const fn request(code: &'static str) -> Category {
    Category {
        code,
        kind: Kind::Request,
    }
}

/// ไม่ได้รับความเป็นธรรม/ไม่โปร่งใส, ขอความช่วยเหลือ, แจ้งเบาะแส,
/// ร้องเรียนข้าราชการครูและบุคลากรทางการศึกษา, เรื่องอื่นๆ.
pub const COMPLAINT_CATEGORIES: [Category; 5] = [
    complaint("unfair"),
    complaint("help"),
    complaint("tipoff"),
    complaint("personnel"),
    complaint("other"),
];

/// ขอคำปรึกษา/ข้อคิดเห็นเสนอแนะ: also where a question the Q&A cannot answer is filed.
pub const CONSULT: Category = request("consult");

/// One-stop service, ขอข้อมูลข่าวสาร, Service Link, ขอคำปรึกษา/ข้อเสนอแนะ,
/// หน่วยปฏิบัติการเคลื่อนที่เร็ว.
pub const REQUEST_CATEGORIES: [Category; 5] = [
    request("one_stop"),
    request("information"),
    request("service_link"),
    CONSULT,
    request("rapid"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_belong_to_their_kind() {
        for kind in [Kind::Complaint, Kind::Request] {
            assert_eq!(Kind::from_code(kind.code()), Some(kind));
            assert_eq!(Kind::from_prefix(kind.prefix()), Some(kind));
            for category in kind.categories() {
                assert_eq!(Category::from_code(category.code), Some(*category));
                assert_eq!(category.kind, kind);
            }
        }
        assert!(Kind::Complaint.anonymous_by_default());
        assert!(!Kind::Request.anonymous_by_default());
    }

    /// A word that chooses a kind of matter is taken as the choice even where it is also a
    /// command's word (`intake::names_a_choice`), so none may be one: "ช่วยเหลือ" and "help"
    /// open the menu, and are not the help category's words.
    #[test]
    fn no_word_of_a_category_is_a_command() {
        use crate::core::commands::{parse, parse_english};
        use crate::i18n::{Lang, Locales};
        let capabilities = crate::capabilities();
        let specs: Vec<_> = capabilities
            .iter()
            .flat_map(|capability| capability.commands.iter())
            .collect();
        let locales = Locales::load();
        for lang in [Lang::Th, Lang::En] {
            for category in COMPLAINT_CATEGORIES.iter().chain(&REQUEST_CATEGORIES) {
                let words = locales.text(lang, &category.words_key(), &[]);
                assert!(!words.trim().is_empty(), "{}", category.words_key());
                for word in words.split_whitespace() {
                    assert!(
                        parse(word, &specs, None).is_none()
                            && parse_english(word, &capabilities, |_, _| false).is_none(),
                        "{word} ({}) is a command",
                        category.code
                    );
                }
            }
        }
    }
}
