//! The in-memory search index over the live entries, kept in the core's memory and rebuilt
//! on first use and whenever the entries changed since it was built.

use crate::core::{CoreResult, Ctx};

use super::matcher::{Document, Hit, Matcher};
use super::store::{self, Entry};

#[derive(Default)]
struct SearchIndex {
    /// The entries' version the matcher was built from.
    built_from: Option<i64>,
    matcher: Option<Matcher>,
}

/// The live entries best matching `query`, best first.
pub fn search(ctx: &mut Ctx, query: &str, limit: usize) -> CoreResult<Vec<Hit>> {
    let conn = ctx.conn;
    let version = store::version(conn)?;
    let index = ctx.memory.extension::<SearchIndex>("faq");
    let matcher = match &index.matcher {
        Some(matcher) if index.built_from == Some(version) => matcher,
        _ => {
            let documents: Vec<Document> = store::live_entries(conn)?
                .into_iter()
                .map(document)
                .collect();
            index.built_from = Some(version);
            index.matcher.insert(Matcher::new(&documents))
        }
    };
    Ok(matcher.search(query, limit))
}

fn document(entry: Entry) -> Document {
    Document {
        id: entry.id,
        question: entry.question,
        alt: entry.alt,
        tags: entry.tags,
        answer: entry.answer,
    }
}
