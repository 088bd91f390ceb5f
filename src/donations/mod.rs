//! Donations, in three parts along the work:
//! - [`register`]: recording money and goods with gap-free numbers per fiscal year, the proof
//!   of donation, voids, totals and checks of claimed totals, the lists of networks and
//!   schools, and the register's export and import;
//! - [`donor_reports`]: donors reporting their own gifts from a private chat, confirmed by staff;
//! - [`scholarship_fund`]: allocations to students from the scholarship fund.

mod donor_reports;
pub mod register;
pub(crate) mod scholarship_fund;

use crate::core::{Access, Capability, CommandSpec, CoreResult, Ctx, Dialogue, Role};
use crate::i18n::Arg;
use crate::thai::format_number;

const AREA: &str = "donations";

/// How an anonymous donor is recorded.
const ANONYMOUS: &str = "ไม่ประสงค์ออกนาม";

const STAFF: Access = Access::Roles(&[Role::Staff]);
const STAFF_AND_PRINCIPALS: Access = Access::Roles(&[Role::Staff, Role::Principals]);

pub static CAPABILITY: Capability = Capability {
    area: AREA,
    commands: &COMMANDS,
    on_button: Some(on_button),
    on_dialogue: Some(donor_reports::on_dialogue),
    on_private_text: Some(donor_reports::on_private_text),
    on_private_file: Some(donor_reports::on_private_file),
    on_morning: Some(donor_reports::on_morning),
    describe_dialogue: Some(describe_dialogue),
    ask_again: Some(ask_again),
    offers: Some(offers),
    summarize: Some(register::summary::summarize),
    forwarded_record: Some(register::record::forwarded_record),
    on_dialogue_edit: Some(donor_reports::on_dialogue_edit),
    describe_edited: Some(describe_edited),
    glued_argument: Some(glued_argument),
    chatter: Some(chatter),
    shorthand: Some(shorthand),
    english_words: &[
        ("donate", "donate"),
        ("donation", "donate"),
        ("donate item", "donate_item"),
        ("donate goods", "donate_item"),
        ("receipt", "receipt"),
        ("donations", "donations"),
        ("donation totals", "donations"),
        ("report donation", "report_donation"),
        ("report a donation", "report_donation"),
        ("my donations", "my_donations"),
        ("pending donations", "pending_donations"),
        ("schools", "schools"),
        ("networks", "networks"),
    ],
    instead_of_refused: Some(instead_of_refused),
    ..Capability::NOTHING
};

/// A donor refused a proof or a void (`ใบอนุโมทนา`, staff's commands) finds their own gifts and
/// proofs in `การบริจาคของฉัน`.
fn instead_of_refused(refused: &str) -> Option<&'static str> {
    matches!(refused, "receipt" | "void_donation").then_some("my_donations")
}

/// A report card's button words followed by chat, not a report's code.
fn chatter(spec: &CommandSpec, args: &str) -> bool {
    matches!(spec.name, "confirm_report" | "ask_donor" | "reject_report")
        && donor_reports::card_words_chatter(args)
}

/// Everyday words for voiding a record or asking for its proof, followed by a record's full
/// number (`ยกเลิก 12/2569 ซ้ำ`, `แก้ไข 3/2570 ชื่อผิด`, `ใบเสร็จ 12/2569`): a number with its
/// year is a record's, never chat. A record is corrected by voiding it and recording it again.
fn shorthand(word: &str, rest: &str) -> Option<&'static str> {
    // "ขอใบเสร็จเลขที่ 1/2569": the number's own word is no part of the everyday word.
    let word = word.strip_suffix("เลขที่").unwrap_or(word);
    let Some(((_, Some(_)), _)) = register::parse::split_number(rest) else {
        return None;
    };
    match word {
        "ยกเลิก" | "ลบ" | "แก้ไข" | "แก้" | "ยกเลิกรายการ" | "ลบรายการ" | "แก้ไขรายการ" => {
            Some("void_donation")
        }
        "ใบเสร็จ" | "ขอใบเสร็จ" | "ใบเสร็จรับเงิน" | "หลักฐาน" | "ขอหลักฐาน" | "ขอใบอนุโมทนา" => {
            Some("receipt")
        }
        _ => None,
    }
}

/// A period glued to the totals and summaries (`ยอดบริจาคปีนี้`, `สรุปทุนปีงบ 2569`), a
/// fiscal year to the export, `ทั้งหมด` to the proofs of a month.
fn glued_argument(spec: &CommandSpec, rest: &str, today: chrono::NaiveDate) -> bool {
    match spec.name {
        "donations" | "fund_summary" => crate::thai::parse_period(rest, today).is_ok(),
        "export" => rest.starts_with("ปีงบ"),
        "receipt" => rest.starts_with("ทั้งหมด"),
        _ => false,
    }
}

/// An edit of a message that made a record: a donation, a donor's report, or a staff
/// member's message to a donor.
fn describe_edited(ctx: &Ctx, message_id: i64) -> rusqlite::Result<Option<String>> {
    match register::record::describe_edited(ctx, message_id)? {
        Some(answer) => Ok(Some(answer)),
        None => donor_reports::describe_edited(ctx, message_id),
    }
}

const fn command(
    name: &'static str,
    thai: &'static [&'static str],
    access: Access,
    button: bool,
    handler: fn(&mut Ctx, &str) -> CoreResult,
) -> CommandSpec {
    CommandSpec {
        name,
        thai,
        access,
        in_menu: true,
        button,
        handler,
    }
}

static COMMANDS: [CommandSpec; 20] = [
    // Staff record (in their own words too: รับบริจาค, บันทึกบริจาค); a donor typing บริจาค in
    // a private chat is led to report instead.
    command(
        "donate",
        &["บริจาค", "รับบริจาค", "บันทึกบริจาค", "บันทึกรับบริจาค"],
        Access::Anyone,
        true,
        register::record::donate,
    ),
    command(
        "donate_item",
        &["บริจาคสิ่งของ"],
        Access::Anyone,
        false,
        register::record::donate_item,
    ),
    command(
        "receipt",
        &["ใบอนุโมทนา", "ใบอนุโมทนาบัตร"],
        STAFF,
        false,
        register::record::receipt,
    ),
    command(
        "void_donation",
        &["ยกเลิกบริจาค"],
        STAFF,
        false,
        register::record::void,
    ),
    command(
        "donations",
        // How staff ask for it in their own words too.
        &[
            "ยอดบริจาค",
            "สรุปยอดบริจาค",
            "สรุปยอด",
            "ทะเบียนบริจาค",
            "รายการบริจาค",
        ],
        STAFF_AND_PRINCIPALS,
        true,
        register::totals::donations_report,
    ),
    command(
        "check_total",
        &["ตรวจยอด"],
        STAFF_AND_PRINCIPALS,
        false,
        register::totals::check_total,
    ),
    command(
        "allocate",
        &["จัดสรรทุน"],
        STAFF,
        false,
        scholarship_fund::allocate,
    ),
    command(
        "fund_void",
        &["ยกเลิกทุน"],
        STAFF,
        false,
        scholarship_fund::void,
    ),
    command(
        "fund_balance",
        &["ยอดทุนคงเหลือ", "ยอดทุน", "ทุนคงเหลือ"],
        STAFF_AND_PRINCIPALS,
        true,
        scholarship_fund::balance,
    ),
    command(
        "fund_summary",
        &["สรุปทุน"],
        STAFF_AND_PRINCIPALS,
        false,
        scholarship_fund::summary,
    ),
    // Everyday words: the handlers ignore group chatter that is not one of their forms.
    command(
        "networks",
        &["เครือข่าย"],
        Access::Anyone,
        false,
        register::names::networks_command,
    ),
    command(
        "schools",
        &["โรงเรียน"],
        Access::Anyone,
        false,
        register::names::schools_command,
    ),
    command(
        "report_donation",
        &["แจ้งบริจาค"],
        Access::PrivateOnly,
        true,
        donor_reports::report_donation,
    ),
    command(
        "my_donations",
        &["การบริจาคของฉัน"],
        Access::PrivateOnly,
        true,
        donor_reports::my_donations,
    ),
    command(
        "pending_donations",
        &["รอยืนยัน"],
        STAFF,
        true,
        donor_reports::pending,
    ),
    // A report card's buttons, typed with the report's code.
    command(
        "confirm_report",
        &["ยืนยันรับ"],
        STAFF,
        false,
        donor_reports::typed_confirm,
    ),
    command(
        "ask_donor",
        &["ขอข้อมูลเพิ่ม"],
        STAFF,
        false,
        donor_reports::typed_ask_more,
    ),
    command(
        "reject_report",
        &["ปฏิเสธ"],
        STAFF,
        false,
        donor_reports::typed_reject,
    ),
    command(
        "export",
        &["ส่งออกทะเบียน"],
        STAFF,
        true,
        register::files::export,
    ),
    // The caption of a .csv/.xlsx file sent to the bot.
    command(
        "import",
        &["นำเข้าทะเบียน"],
        STAFF,
        false,
        register::files::import,
    ),
];

/// Recording a donation is the staff's: a donor reaches the same words by reporting instead
/// (`แจ้งบริจาค`), which the menu offers them.
fn offers(ctx: &Ctx, spec: &CommandSpec) -> bool {
    !matches!(spec.name, "donate" | "donate_item") || ctx.acts_as(Role::Staff)
}

/// A donation being recorded (with its amount once known), or a message to a donor.
fn describe_dialogue(ctx: &Ctx, dialogue: &Dialogue) -> String {
    match dialogue.state.downcast_ref::<register::draft::Draft>() {
        Some(draft) => match draft.amount {
            Some(satang) => ctx.t(
                "donations.pending_recording_amount",
                // The text says the currency itself.
                &[("amount", Arg::from(format_number(satang)))],
            ),
            None => ctx.t("donations.pending_recording", &[]),
        },
        None => ctx.t("donations.pending_donor_message", &[]),
    }
}

/// The record's next question (or its check) again, or the staff message's prompt or check.
fn ask_again(ctx: &mut Ctx, dialogue: Dialogue) -> CoreResult {
    match dialogue.state.downcast::<register::draft::Draft>() {
        Ok(draft) => register::draft::advance(ctx, *draft),
        Err(state) => match state.downcast::<donor_reports::StaffMessage>() {
            Ok(pending) => donor_reports::ask_again(ctx, *pending),
            Err(_) => Ok(()),
        },
    }
}

fn on_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    let (what, rest) = data.split_once(':').unwrap_or((data, ""));
    match what {
        "d" => register::draft::on_button(ctx, rest),
        "r" => donor_reports::on_button(ctx, rest),
        "cert" => register::files::certificate_button(ctx, rest),
        "imp" => register::files::record_held_button(ctx, rest),
        "sum" => register::summary::list_button(ctx, rest),
        donor_reports::AMOUNT_BUTTON => donor_reports::amount_button(ctx, rest),
        _ => {
            ctx.answer_button_with("core.button_expired", &[]);
            Ok(())
        }
    }
}
