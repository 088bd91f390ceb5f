//! What one capability offers another, owned by the core so capabilities never import each
//! other. A capability declares what it provides in its [`Capability`](super::Capability);
//! a user asks [`Ctx`] for it and copes with its absence (a build without that capability).

use rusqlite::Connection;

use super::context::{CoreResult, Ctx};
use super::event::Button;

/// Requests for the officers (kept by complaints), as the Q&A's "ask the staff" uses them.
pub struct RequestDesk {
    /// Files a question nobody could answer as a named request; its case id.
    pub file_question: fn(&mut Ctx, &str) -> CoreResult<i64>,
    /// The case's number as people see it (`12/2570`).
    pub case_number: fn(&Connection, i64) -> rusqlite::Result<Option<String>>,
    /// The office's latest answer on the case, if any.
    pub latest_office_answer: fn(&Connection, i64) -> rusqlite::Result<Option<String>>,
    /// The working days a case has to be taken up and to get its result, as the office has
    /// set them: what the Q&A tells someone who asks how long a complaint takes.
    pub working_days_to_answer: fn(&Connection) -> rusqlite::Result<(u32, u32)>,
}

/// Knowledge learnt from officers' answers (kept by the Q&A).
pub struct AnswerLearning {
    /// A button that saves the answer on this case as knowledge, when it came from a
    /// question waiting for one.
    pub save_button: fn(&Ctx, i64) -> rusqlite::Result<Option<Button>>,
}
