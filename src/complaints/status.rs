//! The life of a case: which status may follow which.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Filed, nobody has taken it yet (the acknowledgement deadline runs).
    New,
    Acknowledged,
    InProgress,
    /// The officers asked the filer for more; a reply from the filer resumes the work.
    AwaitingInfo,
    /// Sent on to another agency.
    Forwarded,
    Done,
    /// Closed without a result (out of scope, duplicate, withdrawn); needs a reason.
    Dismissed,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::New,
        Status::Acknowledged,
        Status::InProgress,
        Status::AwaitingInfo,
        Status::Forwarded,
        Status::Done,
        Status::Dismissed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Acknowledged => "acknowledged",
            Status::InProgress => "in_progress",
            Status::AwaitingInfo => "awaiting_info",
            Status::Forwarded => "forwarded",
            Status::Done => "done",
            Status::Dismissed => "dismissed",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn name_key(self) -> String {
        format!("complaints.status_{}", self.code())
    }

    /// The Thai word an officer types in `สถานะ <เลขเรื่อง> <คำ>`.
    pub fn keyword(self) -> &'static str {
        match self {
            Status::New => "ใหม่",
            Status::Acknowledged => "รับเรื่อง",
            Status::InProgress => "กำลังดำเนินการ",
            Status::AwaitingInfo => "ขอข้อมูลเพิ่ม",
            Status::Forwarded => "ส่งต่อ",
            Status::Done => "เสร็จสิ้น",
            Status::Dismissed => "ยุติ",
        }
    }

    /// Short forms officers type for the keyword (`เสร็จ` for `เสร็จสิ้น`).
    fn short_forms(self) -> &'static [&'static str] {
        match self {
            Status::New | Status::Forwarded | Status::Dismissed => &[],
            Status::Acknowledged => &["รับ"],
            Status::InProgress => &["ดำเนินการ"],
            Status::AwaitingInfo => &["ขอข้อมูล"],
            Status::Done => &["เสร็จ"],
        }
    }

    /// Reads the start of `text` as a status word and returns the rest (the agency or the
    /// reason). A word is the keyword, its short form, the Latin code or one of `labels` (the
    /// names the bot itself shows, e.g. `รับเรื่องแล้ว`), so an officer may copy what the bot
    /// printed. The longest word wins: `รับเรื่องแล้ว` is not `รับเรื่อง` followed by `แล้ว`.
    pub fn parse_leading<'t>(
        text: &'t str,
        labels: &[(Status, String)],
    ) -> Option<(Status, &'t str)> {
        let text = text.trim();
        let fixed = Status::ALL.into_iter().flat_map(|s| {
            [s.keyword(), s.code()]
                .into_iter()
                .chain(s.short_forms().iter().copied())
                .map(move |word| (s, word))
        });
        let shown = labels.iter().map(|(s, label)| (*s, label.as_str()));
        fixed
            .chain(shown)
            .filter(|(s, _)| *s != Status::New)
            .filter_map(|(s, word)| {
                let head = text.get(..word.len())?;
                let rest = &text[word.len()..];
                (!word.is_empty()
                    && head.eq_ignore_ascii_case(word)
                    && (rest.is_empty() || rest.starts_with(char::is_whitespace)))
                .then(|| (s, word.len(), rest.trim()))
            })
            .max_by_key(|(_, length, _)| *length)
            .map(|(s, _, rest)| (s, rest))
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::Dismissed)
    }

    /// The statuses that may follow this one.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            New => &[Acknowledged, InProgress, AwaitingInfo, Forwarded, Dismissed],
            Acknowledged => &[InProgress, AwaitingInfo, Forwarded, Done, Dismissed],
            InProgress => &[AwaitingInfo, Forwarded, Done, Dismissed],
            AwaitingInfo => &[InProgress, Forwarded, Done, Dismissed],
            Forwarded => &[InProgress, Done, Dismissed],
            Done | Dismissed => &[],
        }
    }

    pub fn can_become(self, next: Status) -> bool {
        self.next().contains(&next)
    }

    /// Whether the move needs words after the keyword: the agency for ส่งต่อ, the reason for
    /// ยุติ.
    pub fn needs_detail(self) -> bool {
        matches!(self, Status::Forwarded | Status::Dismissed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_cases_stay_closed_and_every_open_case_can_close() {
        for status in Status::ALL {
            assert_eq!(Status::from_code(status.code()), Some(status));
            if status.is_closed() {
                assert!(status.next().is_empty());
            } else {
                assert!(status.can_become(Status::Dismissed), "{status:?}");
            }
            assert!(!status.can_become(Status::New));
            assert!(!status.can_become(status), "{status:?} to itself");
        }
    }

    #[test]
    fn a_result_needs_the_case_to_be_taken_first() {
        assert!(!Status::New.can_become(Status::Done));
        assert!(Status::New.can_become(Status::Acknowledged));
        assert!(Status::Acknowledged.can_become(Status::Done));
        assert!(Status::AwaitingInfo.can_become(Status::InProgress));
        assert!(!Status::InProgress.can_become(Status::Acknowledged));
    }

    #[test]
    fn keywords_are_read_with_their_detail() {
        assert_eq!(
            Status::parse_leading("ส่งต่อ สำนักงานศึกษาธิการจังหวัด", &[]),
            Some((Status::Forwarded, "สำนักงานศึกษาธิการจังหวัด"))
        );
        assert_eq!(
            Status::parse_leading("ยุติ ซ้ำกับเรื่องเดิม", &[]),
            Some((Status::Dismissed, "ซ้ำกับเรื่องเดิม"))
        );
        assert_eq!(
            Status::parse_leading("เสร็จสิ้น", &[]),
            Some((Status::Done, ""))
        );
        assert_eq!(
            Status::parse_leading("in_progress", &[]),
            Some((Status::InProgress, ""))
        );
        assert_eq!(Status::parse_leading("ใหม่", &[]), None);
        assert_eq!(Status::parse_leading("เสร็จ", &[]), Some((Status::Done, "")));
        assert_eq!(Status::parse_leading("รับเรื่องแล้ว", &[]), None);
        let shown = [(Status::Acknowledged, "รับเรื่องแล้ว".to_string())];
        assert_eq!(
            Status::parse_leading("รับเรื่องแล้ว", &shown),
            Some((Status::Acknowledged, ""))
        );
        assert!(Status::Forwarded.needs_detail() && Status::Dismissed.needs_detail());
    }
}
