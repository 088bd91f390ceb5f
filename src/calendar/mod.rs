//! The work calendar: deadlines with owners and target groups, recurring deadlines, workflow
//! templates from the office's manuals, and reminders that are never lost and never repeated.
//!
//! Who may do what is in [`audience`]; when reminders fall is in [`schedule`]; the scheduler
//! itself is [`reminders`].

mod audience;
mod deadlines;
mod listing;
mod parse;
mod pick;
mod reminders;
mod schedule;
mod store;
mod templates;
mod view;

use crate::core::{Access, Capability, CommandSpec, Role};

/// The capability's area: the prefix of its buttons, dialogues and noted messages.
const AREA: &str = "calendar";

pub static CAPABILITY: Capability = Capability {
    area: AREA,
    commands: &COMMANDS,
    on_button: Some(deadlines::on_button),
    on_dialogue: Some(pick::on_typed),
    describe_dialogue: Some(describe_dialogue),
    ask_again: Some(ask_again),
    on_tick: Some(reminders::on_tick),
    describe_edited: Some(deadlines::describe_edited),
    glued_argument: Some(glued_argument),
    on_private_text: Some(listing::on_private_text),
    chatter: Some(deadlines::is_chatter),
    english_words: &[
        ("deadlines", "calendar"),
        ("calendar", "calendar"),
        ("overdue", "overdue"),
        ("add deadline", "deadline"),
        ("templates", "templates"),
    ],
    ..Capability::NOTHING
};

/// The only dialogue of the calendar: which of two dates was meant.
fn describe_dialogue(ctx: &crate::core::Ctx, _: &crate::core::Dialogue) -> String {
    ctx.t("calendar.pending_pick", &[])
}

fn ask_again(
    ctx: &mut crate::core::Ctx,
    dialogue: crate::core::Dialogue,
) -> crate::core::CoreResult {
    if let Ok(pending) = dialogue.state.downcast::<pick::Pending>() {
        pick::ask_again(ctx, *pending);
    }
    Ok(())
}

/// A period glued to the listing (`ปฏิทินสัปดาห์นี้`), a date to a new deadline
/// (`เพิ่มกำหนดการพรุ่งนี้ ส่งรายงาน`).
fn glued_argument(spec: &CommandSpec, rest: &str, today: chrono::NaiveDate) -> bool {
    match spec.name {
        "calendar" | "deadlineinfo" => crate::thai::parse_coming_period(rest, today).is_ok(),
        "done" => rest
            .strip_prefix(deadlines::DONE_TAIL)
            .and_then(parse::leading_id)
            .is_some(),
        "deadline" => {
            let date = rest.split_whitespace().next().unwrap_or_default();
            crate::thai::parse_date(date, today).is_ok()
        }
        _ => false,
    }
}

/// Staff change the calendar; every registered group reads its own part of it.
const STAFF: Access = Access::Roles(&[Role::Staff]);
const READERS: [Role; 3] = [Role::Staff, Role::Principals, Role::Officers];
const EVERY_GROUP: Access = Access::Roles(&READERS);

static COMMANDS: [CommandSpec; 11] = [
    CommandSpec {
        name: "deadline",
        thai: &["เพิ่มกำหนดการ"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: deadlines::add,
    },
    CommandSpec {
        name: "calendar",
        thai: &["ปฏิทิน"],
        access: EVERY_GROUP,
        in_menu: true,
        button: true,
        handler: listing::calendar,
    },
    CommandSpec {
        name: "overdue",
        thai: &["เลยกำหนด"],
        access: EVERY_GROUP,
        in_menu: true,
        button: true,
        handler: listing::overdue,
    },
    CommandSpec {
        name: "done",
        thai: &["เสร็จ"],
        access: EVERY_GROUP,
        in_menu: true,
        button: false,
        handler: deadlines::done,
    },
    CommandSpec {
        name: "postpone",
        thai: &["เลื่อน"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: deadlines::postpone,
    },
    CommandSpec {
        name: "deldeadline",
        thai: &["ลบกำหนดการ"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: deadlines::delete,
    },
    CommandSpec {
        name: "leadtime",
        thai: &["แจ้งล่วงหน้า"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: deadlines::lead_time,
    },
    CommandSpec {
        name: "deadlineinfo",
        thai: &["กำหนดการ"],
        access: EVERY_GROUP,
        in_menu: true,
        button: false,
        handler: deadlines::details,
    },
    CommandSpec {
        name: "templates",
        thai: &["แม่แบบงาน"],
        access: STAFF,
        in_menu: true,
        button: true,
        handler: templates::list,
    },
    CommandSpec {
        name: "startwork",
        thai: &["เริ่มงาน"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: templates::start,
    },
    CommandSpec {
        name: "addtemplate",
        thai: &["เพิ่มแม่แบบ"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: templates::add,
    },
];
