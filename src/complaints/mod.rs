//! Complaints, tip-offs and service requests (seed 003 section 2): confidential intake in a
//! private chat, tracking codes, the officers' workflow in their group, and response
//! deadlines in working days.
//!
//! Anonymity is the point of this module. For an anonymous filing nothing identifying the
//! filer is stored or logged: see `migrations/003_complaints.sql`, [`privacy`] and
//! [`intake`].

mod case_text;
mod category;
pub mod code;
mod deadlines;
mod filer_view;
mod followup;
mod intake;
mod lifecycle;
mod officer_card;
mod officers;
mod privacy;
mod statistics;
mod status;
mod store;

use crate::core::{Access, Capability, CommandSpec, CoreResult, Ctx, Dialogue, RequestDesk, Role};

/// The capability's area: the prefix of its buttons, dialogues and noted messages.
const AREA: &str = "complaints";

pub static CAPABILITY: Capability = Capability {
    area: AREA,
    commands: &COMMANDS,
    on_button: Some(on_button),
    on_dialogue: Some(on_dialogue),
    on_private_text: Some(followup::on_private_text),
    private_text_first: true,
    on_tick: Some(deadlines::on_tick),
    on_morning: Some(deadlines::on_morning),
    request_desk: Some(&RequestDesk {
        file_question: intake::file_question,
        case_number,
        latest_office_answer,
        working_days_to_answer: deadlines::working_days_to_answer,
    }),
    describe_dialogue: Some(describe_dialogue),
    ask_again: Some(ask_again),
    dialogue_takes_files: Some(intake::takes_files),
    dialogue_choice: Some(intake::names_a_choice),
    on_withdrawn: Some(withdraw_attachment),
    on_dialogue_edit: Some(officers::on_dialogue_edit),
    describe_edited: Some(officers::describe_edited),
    glued_argument: Some(glued_argument),
    chatter: Some(chatter),
    english_words: &[
        ("complain", "complain"),
        ("complaint", "complain"),
        ("report", "complain"),
        ("tip-off", "complain"),
        ("request", "request"),
        ("track", "track"),
        ("status", "track"),
        ("follow up", "followup"),
        ("followup", "followup"),
        ("open cases", "open_cases"),
        ("case report", "case_report"),
    ],
    instead_of_refused: Some(instead_of_refused),
    ..Capability::NOTHING
};

/// Someone refused an officer's command on cases (`สถานะ`, `ดูเรื่อง`, `เรื่องค้าง`…) follows
/// their own filing with its tracking code.
fn instead_of_refused(refused: &str) -> Option<&'static str> {
    matches!(
        refused,
        "case_status" | "case" | "open_cases" | "case_report" | "close_case" | "acknowledge"
    )
    .then_some("track")
}

/// A card's button words followed by chat, not a case number.
fn chatter(spec: &CommandSpec, args: &str) -> bool {
    matches!(
        spec.name,
        "acknowledge" | "ask_filer" | "forward" | "close_case"
    ) && officers::card_words_chatter(args)
}

/// A case number glued to the officers' commands (`ดูเรื่องร-2569-0007`), a period to the
/// statistics (`สรุปเรื่องร้องเรียนปีนี้`).
fn glued_argument(spec: &CommandSpec, rest: &str, today: chrono::NaiveDate) -> bool {
    match spec.name {
        "case_report" => crate::thai::parse_period(rest, today).is_ok(),
        "answer" | "case_status" | "assign" | "case" => code::split_case_number(rest).is_some(),
        _ => false,
    }
}

const OFFICERS: Access = Access::Roles(&[Role::Officers]);

static COMMANDS: [CommandSpec; 15] = [
    CommandSpec {
        name: "complain",
        thai: &["ร้องเรียน", "ร้องทุกข์", "แจ้งเบาะแส"],
        access: Access::Anyone,
        in_menu: true,
        button: true,
        handler: intake::complain,
    },
    CommandSpec {
        name: "request",
        thai: &["คำร้อง", "ขอรับบริการ"],
        access: Access::Anyone,
        in_menu: true,
        button: true,
        handler: intake::request,
    },
    CommandSpec {
        name: "track",
        thai: &["ติดตาม", "ติดตามเรื่อง"],
        access: Access::Anyone,
        in_menu: true,
        button: false,
        handler: followup::track,
    },
    CommandSpec {
        name: "followup",
        thai: &["ตอบกลับ"],
        access: Access::Anyone,
        in_menu: true,
        button: false,
        handler: followup::follow_up,
    },
    CommandSpec {
        name: "answer",
        thai: &["ตอบ"],
        access: OFFICERS,
        in_menu: true,
        button: false,
        handler: officers::answer,
    },
    CommandSpec {
        name: "case_status",
        thai: &["สถานะ"],
        access: OFFICERS,
        in_menu: true,
        button: false,
        handler: officers::set_status,
    },
    // The card's buttons, typed with the case number.
    CommandSpec {
        name: "acknowledge",
        thai: &["รับเรื่อง"],
        access: OFFICERS,
        in_menu: false,
        button: false,
        handler: officers::typed_acknowledge,
    },
    CommandSpec {
        name: "ask_filer",
        thai: &["ขอข้อมูลเพิ่ม"],
        access: OFFICERS,
        in_menu: false,
        button: false,
        handler: officers::typed_ask_filer,
    },
    CommandSpec {
        name: "forward",
        thai: &["ส่งต่อ"],
        access: OFFICERS,
        in_menu: false,
        button: false,
        handler: officers::typed_forward,
    },
    CommandSpec {
        name: "close_case",
        thai: &["ปิดเรื่อง"],
        access: OFFICERS,
        in_menu: false,
        button: false,
        handler: officers::typed_close,
    },
    CommandSpec {
        name: "assign",
        thai: &["มอบหมาย"],
        access: OFFICERS,
        in_menu: true,
        button: false,
        handler: officers::assign,
    },
    CommandSpec {
        name: "open_cases",
        thai: &["เรื่องค้าง"],
        access: OFFICERS,
        in_menu: true,
        button: true,
        handler: officers::open_cases,
    },
    CommandSpec {
        name: "case",
        thai: &["ดูเรื่อง"],
        access: OFFICERS,
        in_menu: true,
        button: false,
        handler: officers::show_case,
    },
    CommandSpec {
        name: "case_report",
        thai: &["สรุปเรื่องร้องเรียน"],
        access: OFFICERS,
        in_menu: true,
        button: true,
        handler: statistics::summary,
    },
    CommandSpec {
        name: "complaint_settings",
        thai: &["ตั้งค่าเรื่องร้องเรียน"],
        access: Access::Admin,
        in_menu: true,
        button: false,
        handler: deadlines::settings_command,
    },
];

fn on_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    let (action, rest) = data.split_once(':').unwrap_or((data, ""));
    match action {
        "ack" | "info" | "fwd" | "close" => officers::on_button(ctx, action, rest),
        "chk" => officers::on_check_button(ctx, rest),
        _ => intake::on_button(ctx, data),
    }
}

/// A filing in progress, or what an officer is about to do to a case (a question to its
/// filer, forwarding, closing, dismissing).
fn describe_dialogue(ctx: &Ctx, dialogue: &Dialogue) -> String {
    match dialogue.state.downcast_ref::<officers::Prompt>() {
        Some(prompt) => officers::describe(ctx, prompt),
        None => ctx.t("complaints.pending_filing", &[]),
    }
}

fn ask_again(ctx: &mut Ctx, dialogue: Dialogue) -> CoreResult {
    match dialogue.state.downcast::<intake::Draft>() {
        Ok(draft) => {
            intake::ask_again(ctx, *draft);
            Ok(())
        }
        Err(state) => match state.downcast::<officers::Prompt>() {
            Ok(prompt) => officers::ask_again(ctx, *prompt),
            Err(_) => Ok(()),
        },
    }
}

fn on_dialogue(ctx: &mut Ctx, dialogue: Dialogue) -> CoreResult {
    match dialogue.state.downcast::<intake::Draft>() {
        Ok(draft) => intake::on_message(ctx, *draft),
        Err(state) => match state.downcast::<officers::Prompt>() {
            Ok(prompt) => officers::on_prompt_answer(ctx, *prompt),
            Err(_) => Ok(()),
        },
    }
}

/// A case's number as it is shown (`ค-2569-0001`).
/// The sender took back a message (LINE's unsend): the file it carried is dropped from their
/// complaint draft or from the case it was filed with, and never shown again. Nothing is
/// answered: the message is gone from the chat, and the filer may be anonymous.
fn withdraw_attachment(ctx: &mut Ctx, file_id: &str) -> CoreResult {
    let from_draft = intake::withdraw_from_draft(ctx, file_id);
    let from_case = store::withdraw_attachment(ctx.conn, file_id)?;
    if from_draft || from_case {
        log::info!("complaints: a file was taken back by its sender");
    }
    Ok(())
}

fn case_number(conn: &rusqlite::Connection, case_id: i64) -> rusqlite::Result<Option<String>> {
    Ok(store::load(conn, case_id)?.map(|case| case.number.format()))
}

/// The office's latest answer on a case, if it has one.
fn latest_office_answer(
    conn: &rusqlite::Connection,
    case_id: i64,
) -> rusqlite::Result<Option<String>> {
    Ok(store::messages(conn, case_id)?
        .into_iter()
        .rev()
        .find(|m| m.author == store::Author::Office)
        .map(|m| m.body))
}
