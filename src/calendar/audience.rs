//! Who a deadline is for: which group is reminded, who sees it and who may mark it done.
//!
//! - The staff group (and staff members privately) sees the whole office calendar, including
//!   deadlines addressed to principals or to the complaints officers, and may change any of it.
//! - The principals' group sees the deadlines addressed to principals (ผู้บริหาร or ทั้งหมด).
//!   Such a deadline is every school's: a principal's done there says their school is done and
//!   tells the staff group; staff close the deadline.
//! - The complaints officers' group sees and may mark done the deadlines addressed to it.
//! - Admins in their private chat act for every group.

use crate::core::{Ctx, OutMessage, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    Staff,
    Principals,
    Officers,
    /// The staff and the principals' groups.
    All,
}

impl Audience {
    pub const EVERY: [Audience; 4] = [
        Audience::Staff,
        Audience::Principals,
        Audience::Officers,
        Audience::All,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Audience::Staff => "staff",
            Audience::Principals => "principals",
            Audience::Officers => "officers",
            Audience::All => "all",
        }
    }

    pub fn from_code(code: &str) -> Option<Audience> {
        Audience::EVERY.into_iter().find(|a| a.code() == code)
    }

    /// The word after `แจ้ง`: บุคลากร, ผู้บริหาร, เจ้าหน้าที่รับเรื่อง or ทั้งหมด (and the Latin codes).
    pub fn parse(word: &str) -> Option<Audience> {
        match word.trim() {
            "ทั้งหมด" | "ทุกกลุ่ม" | "all" => Some(Audience::All),
            other => Role::parse(other).map(Audience::for_role),
        }
    }

    pub fn for_role(role: Role) -> Audience {
        match role {
            Role::Staff => Audience::Staff,
            Role::Principals => Audience::Principals,
            Role::Officers => Audience::Officers,
        }
    }

    /// The groups that receive its reminders.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Audience::Staff => &[Role::Staff],
            Audience::Principals => &[Role::Principals],
            Audience::Officers => &[Role::Officers],
            Audience::All => &[Role::Staff, Role::Principals],
        }
    }

    /// Locale key of "กลุ่มบุคลากร", "กลุ่มบุคลากรและกลุ่มผู้บริหารสถานศึกษา", …
    pub fn name_key(self) -> &'static str {
        match self {
            Audience::Staff => "calendar.audience_staff",
            Audience::Principals => "calendar.audience_principals",
            Audience::Officers => "calendar.audience_officers",
            Audience::All => "calendar.audience_all",
        }
    }

    /// Whether a person acting as `role` sees deadlines for this audience.
    fn seen_by(self, role: Role) -> bool {
        match role {
            Role::Staff => true,
            Role::Principals => matches!(self, Audience::Principals | Audience::All),
            Role::Officers => self == Audience::Officers,
        }
    }
}

/// The audiences whose deadlines this person may see here, for SQL as ",staff,all," (matched
/// with `instr`, so the list stays one parameter).
pub fn visible_list(ctx: &Ctx) -> String {
    let mut list = String::from(",");
    for audience in Audience::EVERY {
        if may_see(ctx, audience) {
            list.push_str(audience.code());
            list.push(',');
        }
    }
    list
}

pub fn may_see(ctx: &Ctx, audience: Audience) -> bool {
    Role::ALL
        .into_iter()
        .any(|role| ctx.acts_as(role) && audience.seen_by(role))
}

/// Staff (and admins privately) change the calendar; officers only mark done what is theirs,
/// and principals say what their school has done.
pub fn may_edit(ctx: &Ctx) -> bool {
    ctx.acts_as(Role::Staff)
}

/// The audience of a deadline added without `แจ้ง`: the group it was added in. In a private
/// chat it is the staff group (only staff add deadlines); `true` says the default came from a
/// private chat, so the reply can say where the reminders will go.
pub fn default_audience(ctx: &Ctx) -> (Audience, bool) {
    match ctx.chat_role {
        Some(role) if !ctx.is_private() => (Audience::for_role(role), false),
        _ => (Audience::Staff, true),
    }
}

/// Tells each group of `roles` (one message each, none to the group the command came from)
/// what was added for it: `text` gives the message for a role.
pub fn announce(
    ctx: &mut Ctx,
    roles: &[Role],
    text: impl Fn(&Ctx, Role) -> String,
) -> rusqlite::Result<()> {
    for &role in roles {
        if ctx.chat_role == Some(role) && !ctx.is_private() {
            continue;
        }
        let text = ctx.in_group_language(|ctx| text(ctx, role));
        ctx.post_to(role, OutMessage::text(text))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_group_words_name_audiences() {
        assert_eq!(Audience::parse("บุคลากร"), Some(Audience::Staff));
        assert_eq!(Audience::parse("ผู้บริหาร"), Some(Audience::Principals));
        assert_eq!(Audience::parse("ทั้งหมด"), Some(Audience::All));
        assert_eq!(Audience::parse("เจ้าหน้าที่รับเรื่อง"), Some(Audience::Officers));
        assert_eq!(Audience::parse("ครู"), None);
        for audience in Audience::EVERY {
            assert_eq!(Audience::from_code(audience.code()), Some(audience));
        }
    }

    #[test]
    fn principals_see_only_what_is_addressed_to_them() {
        assert!(Audience::Principals.seen_by(Role::Principals));
        assert!(Audience::All.seen_by(Role::Principals));
        assert!(!Audience::Staff.seen_by(Role::Principals));
        assert!(!Audience::Officers.seen_by(Role::Principals));
        assert!(Audience::Officers.seen_by(Role::Staff));
        assert!(!Audience::All.seen_by(Role::Officers));
    }
}
