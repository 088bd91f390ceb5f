//! The house rules of ARCHITECTURE.md, checked on the source: which top-level module may
//! import which, no cycle between them, and SQL only in store modules.
//!
//! Reads `src/` as text (`crate::…` paths outside comments and `#[cfg(test)]` modules), so
//! it sees `use` lines and inline paths alike.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The messengers' front doors.
const ADAPTERS: &[&str] = &["telegram", "line", "console"];
/// The office's work, one folder each.
const CAPABILITIES: &[&str] = &["donations", "complaints", "calendar", "faq"];
/// What every capability may use: no chat, no capability.
const PLUMBING: &[&str] = &["office", "thai", "db", "documents", "i18n", "config"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The top-level module a file belongs to (`src/faq/ask.rs` → `faq`, `src/i18n.rs` → `i18n`).
fn top_module(file: &Path) -> String {
    let relative = file.strip_prefix(src()).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    first.to_string_lossy().trim_end_matches(".rs").to_string()
}

/// The file's code without comments and without its unit-test module.
fn code_of(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let mut code = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let line = match line.find("//") {
            // A `//` inside a string literal (a URL) is rare in paths; cutting there only
            // loses text after it.
            Some(at) => &line[..at],
            None => line,
        };
        code.push_str(line);
        code.push('\n');
    }
    code
}

/// Top-level modules named by `crate::x` and `crate::{x, y::z}` in `code`.
fn imported_modules(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let path = regex::Regex::new(r"crate::(\w+)").unwrap();
    for capture in path.captures_iter(code) {
        found.insert(capture[1].to_string());
    }
    let group = regex::Regex::new(r"crate::\{([^;]*)\}").unwrap();
    for capture in group.captures_iter(code) {
        let mut depth = 0;
        let mut item = String::new();
        for c in capture[1].chars().chain([',']) {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        found.insert(name);
                    }
                    item.clear();
                    continue;
                }
                _ => {}
            }
            if depth == 0 {
                item.push(c);
            }
        }
    }
    found
}

/// Every import between top-level modules: (from, to) → the files that make it.
fn module_graph() -> BTreeMap<(String, String), Vec<String>> {
    let mut graph: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for file in rust_files(&src()) {
        let from = top_module(&file);
        if from == "lib" || from == "main" {
            continue;
        }
        for to in imported_modules(&code_of(&file)) {
            if to != from {
                let shown = file.strip_prefix(src()).unwrap().display().to_string();
                graph.entry((from.clone(), to)).or_default().push(shown);
            }
        }
    }
    graph
}

fn layer(module: &str) -> &'static str {
    if ADAPTERS.contains(&module) {
        "adapter"
    } else if CAPABILITIES.contains(&module) {
        "capability"
    } else if PLUMBING.contains(&module) {
        "plumbing"
    } else if module == "core" {
        "core"
    } else {
        "unknown"
    }
}

fn allowed(from: &str, to: &str) -> bool {
    matches!(
        (layer(from), layer(to)),
        (_, "plumbing") | ("adapter" | "capability", "core")
    )
}

#[test]
fn every_top_level_module_has_a_layer() {
    let unknown: Vec<String> = rust_files(&src())
        .iter()
        .map(|f| top_module(f))
        .filter(|m| m != "lib" && m != "main" && layer(m) == "unknown")
        .collect();
    assert!(
        unknown.is_empty(),
        "give these modules a layer in this test and in ARCHITECTURE.md: {unknown:?}"
    );
}

#[test]
fn imports_point_one_way_adapters_core_capabilities_plumbing() {
    let offenders: Vec<String> = module_graph()
        .into_iter()
        .filter(|((from, to), _)| !allowed(from, to))
        .map(|((from, to), files)| {
            format!(
                "{from} ({}) → {to} ({}): {files:?}",
                layer(&from),
                layer(&to)
            )
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "imports against the rule (adapters → core → capabilities → plumbing; a capability \
         never imports another capability or an adapter; see ARCHITECTURE.md):\n{}",
        offenders.join("\n")
    );
}

#[test]
fn there_is_no_import_cycle_between_top_level_modules() {
    let graph = module_graph();
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in graph.keys() {
        next.entry(from).or_default().push(to);
    }
    // Depth-first search; a module met again while still on the path closes a cycle.
    fn visit<'a>(
        module: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(at) = path.iter().position(|m| *m == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module);
            return Some(cycle);
        }
        if !done.insert(module) {
            return None;
        }
        path.push(module);
        for to in next.get(module).into_iter().flatten() {
            if let Some(cycle) = visit(to, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for module in next.keys() {
        let cycle = visit(module, &next, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "import cycle: {}",
            cycle.unwrap().join(" → ")
        );
    }
}

/// Whether a file of a capability or of the core may hold SQL: its store modules (and the
/// core's outbox, a store of owed messages).
fn may_hold_sql(file: &Path) -> bool {
    let relative = file.strip_prefix(src()).unwrap();
    let name = relative.file_name().unwrap().to_string_lossy();
    name == "store.rs"
        || relative.components().any(|c| c.as_os_str() == "store")
        || relative == Path::new("core/outbox.rs")
}

#[test]
fn sql_lives_only_in_store_modules() {
    let sql = regex::Regex::new(
        r"\.(prepare_cached|prepare|execute|execute_batch|query_row|query_map|pragma_update|pragma_query_value|transaction)\(",
    )
    .unwrap();
    let mut offenders = Vec::new();
    for file in rust_files(&src()) {
        let module = top_module(&file);
        let checked = module == "core"
            || CAPABILITIES.contains(&module.as_str())
            || ADAPTERS.contains(&module.as_str());
        if !checked || may_hold_sql(&file) {
            continue;
        }
        let code = code_of(&file);
        let count = sql.find_iter(&code).count();
        if count > 0 {
            offenders.push(format!(
                "{}: {count}",
                file.strip_prefix(src()).unwrap().display()
            ));
        }
    }
    assert!(
        offenders.is_empty(),
        "SQL outside store modules (move it into the capability's store.rs, typed rows out):\n{}",
        offenders.join("\n")
    );
}

/// A view: a file that words and lays out messages (`view.rs`, `render.rs`, `*_view.rs`,
/// `*_card.rs`, `*_text.rs`). It takes typed values, never the connection.
fn is_view(file: &Path) -> bool {
    let name = file.file_name().unwrap().to_string_lossy();
    matches!(name.as_ref(), "view.rs" | "render.rs")
        || ["_view.rs", "_card.rs", "_text.rs"]
            .iter()
            .any(|end| name.ends_with(end))
}

#[test]
fn views_take_typed_values_not_the_connection() {
    let mut offenders = Vec::new();
    let mut views = 0;
    for file in rust_files(&src()) {
        let module = top_module(&file);
        if !(CAPABILITIES.contains(&module.as_str()) || module == "core") || !is_view(&file) {
            continue;
        }
        views += 1;
        if code_of(&file).contains("conn") {
            offenders.push(file.strip_prefix(src()).unwrap().display().to_string());
        }
    }
    assert!(views >= 4, "the views were found: {views}");
    assert!(
        offenders.is_empty(),
        "views reading the database (load the rows in the handler, pass them in): {offenders:?}"
    );
}

#[test]
fn the_checks_see_what_they_check() {
    let found = imported_modules(
        "use crate::core::{Ctx, Role};\nuse crate::{faq, thai::{a, b}};\nlet x = crate::office::f();",
    );
    let expected: BTreeSet<String> = ["core", "faq", "thai", "office"]
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(found, expected);
    assert!(!allowed("donations", "faq"));
    assert!(!allowed("core", "donations"));
    assert!(!allowed("office", "core"));
    assert!(allowed("faq", "core"));
    assert!(allowed("telegram", "core"));
}
