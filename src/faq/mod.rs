//! The faq capability: the office's Q&A knowledge base, answered in chat and posted to the
//! groups.
//!
//! - [`ask`]: `ถาม …`, free text in a private chat, related questions, honest "not sure".
//! - [`browse`]: `คำถามที่พบบ่อย` topics → questions → answer, as buttons.
//! - [`escalate`]: a question filed as a named request (complaints capability), its answer
//!   saved as a new entry with one button; the log of unanswered questions.
//! - [`manage`]: staff add, edit, delete (softly), restore and list entries.
//! - [`posting`]: `ประกาศ` to the groups and the weekly "did you know" post.
//! - [`matcher`] finds the entries that answer a Thai question; [`index`] keeps it built
//!   over the live entries of [`store`].

mod ask;
mod browse;
mod classifier;
mod escalate;
mod index;
mod lexicon;
mod manage;
pub mod matcher;
mod posting;
mod render;
mod romanised;
mod segmenter;
mod specifics;
mod store;

use crate::core::{Access, AnswerLearning, Capability, CommandSpec, CoreResult, Ctx, Role};
use crate::db::AT_EVERY_START;

pub static CAPABILITY: Capability = Capability {
    area: "faq",
    commands: &COMMANDS,
    on_button: Some(on_button),
    on_private_text: Some(ask::on_private_text),
    on_morning: Some(posting::on_morning),
    on_tick: Some(index::build_if_changed),
    data_steps: &[
        ("005_faq.sql", store::load_shipped_knowledge_base),
        (
            "009_faq_new_shipped_entries.sql",
            store::load_new_shipped_entries,
        ),
        (
            "016_faq_more_shipped_entries.sql",
            store::load_new_shipped_entries,
        ),
        (
            "019_faq_more_phrasings.sql",
            store::load_new_shipped_entries,
        ),
        (
            "023_faq_entries_from_documents.sql",
            store::load_new_shipped_entries,
        ),
        (AT_EVERY_START, store::take_changed_shipped_entries),
    ],
    answer_learning: Some(&AnswerLearning {
        save_button: escalate::save_button,
    }),
    ..Capability::NOTHING
};

const STAFF: Access = Access::Roles(&[Role::Staff]);

/// What the answers about complaints state from the complaints settings (kept by complaints,
/// through the core's `RequestDesk`); unknown without it, or when the store cannot say.
fn answer_facts(ctx: &Ctx) -> render::AnswerFacts {
    render::AnswerFacts {
        complaint_working_days: ctx
            .request_desk()
            .and_then(|desk| (desk.working_days_to_answer)(ctx.conn).ok()),
    }
}

static COMMANDS: [CommandSpec; 10] = [
    CommandSpec {
        name: "ask",
        thai: &["ถาม"],
        access: Access::Anyone,
        in_menu: true,
        button: false,
        handler: ask::ask,
    },
    CommandSpec {
        name: "faq",
        thai: &["คำถามที่พบบ่อย"],
        access: Access::Anyone,
        in_menu: true,
        button: true,
        handler: browse::faq,
    },
    CommandSpec {
        name: "faq_add",
        thai: &["เพิ่มคำถาม"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: manage::add,
    },
    CommandSpec {
        name: "faq_edit",
        thai: &["แก้คำตอบ"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: manage::edit,
    },
    CommandSpec {
        name: "faq_delete",
        thai: &["ลบคำถาม"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: manage::delete,
    },
    CommandSpec {
        name: "faq_restore",
        thai: &["กู้คืนคำถาม"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: manage::restore,
    },
    CommandSpec {
        name: "faq_list",
        thai: &["คำถามทั้งหมด"],
        access: STAFF,
        in_menu: true,
        button: true,
        handler: manage::list,
    },
    CommandSpec {
        name: "faq_unanswered",
        thai: &["คำถามที่ยังไม่มีคำตอบ"],
        access: STAFF,
        in_menu: true,
        button: true,
        handler: escalate::unanswered,
    },
    CommandSpec {
        name: "faq_post",
        thai: &["ประกาศ"],
        access: STAFF,
        in_menu: true,
        button: false,
        handler: posting::post,
    },
    CommandSpec {
        name: "faq_weekly",
        thai: &["รู้หรือไม่"],
        // Members of a registered group switch it for their own group; naming other groups
        // (or switching from a private chat) is for staff, checked by the handler.
        access: Access::Roles(&[Role::Staff, Role::Principals, Role::Officers]),
        in_menu: true,
        button: false,
        handler: posting::weekly,
    },
];

/// Button data after `faq:`: an action and an id (an entry, a logged question or a
/// request's case), and for topic pages the page.
fn on_button(ctx: &mut Ctx, data: &str) -> CoreResult {
    let mut parts = data.split(':');
    let action = parts.next().unwrap_or_default();
    let id = parts.next().and_then(|n| n.parse::<i64>().ok());
    let page = parts.next().and_then(|n| n.parse::<usize>().ok());
    match (action, id) {
        ("topics", _) => browse::show_topics(ctx, browse::Shown::InPlace),
        ("menu", _) => browse::show_topics(ctx, browse::Shown::New),
        ("t", Some(member)) => browse::show_topic(ctx, member, page.unwrap_or(0)),
        ("q", Some(id)) => browse::show_entry(ctx, id),
        ("a", Some(id)) => ask::show_related(ctx, id),
        ("esc", Some(id)) => escalate::escalate(ctx, id),
        ("save", Some(id)) => escalate::save_as_entry(ctx, id),
        _ => {
            ctx.answer_button_with("core.button_expired", &[]);
            Ok(())
        }
    }
}
