//! Numbered schema files from `migrations/`, applied in order at start-up.
//! `PRAGMA user_version` records how many have been applied.
//!
//! A migration may also load shipped data (the FAQ knowledge base from `data/faq.toml`, the
//! public holidays): its data step, declared by whoever owns the data and handed in by the
//! core, runs right after its SQL in the same transaction, so the schema and its data arrive
//! together or not at all, and the data file stays the single source of what is shipped.

use rusqlite::{Connection, Transaction};

/// Loads data into the tables a migration has just created.
pub type DataStep = fn(&Transaction) -> rusqlite::Result<()>;

/// In place of a migration's name: the data step runs at every start, after the migrations, in
/// a transaction of its own. For shipped data that changes without the schema changing (the
/// Q&A's phrasings, with every evaluation half folded in): such a step finds for itself whether
/// there is anything to bring, and is cheap when there is not.
pub const AT_EVERY_START: &str = "at every start";

/// Every file in `migrations/`, in order. A test checks this list against the folder.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "001_core.sql",
        include_str!("../../migrations/001_core.sql"),
    ),
    (
        "002_donations.sql",
        include_str!("../../migrations/002_donations.sql"),
    ),
    (
        "003_complaints.sql",
        include_str!("../../migrations/003_complaints.sql"),
    ),
    (
        "004_calendar.sql",
        include_str!("../../migrations/004_calendar.sql"),
    ),
    ("005_faq.sql", include_str!("../../migrations/005_faq.sql")),
    (
        "006_faq_requests.sql",
        include_str!("../../migrations/006_faq_requests.sql"),
    ),
    (
        "007_outbox_ids_never_reused.sql",
        include_str!("../../migrations/007_outbox_ids_never_reused.sql"),
    ),
    (
        "008_office.sql",
        include_str!("../../migrations/008_office.sql"),
    ),
    (
        "009_faq_new_shipped_entries.sql",
        include_str!("../../migrations/009_faq_new_shipped_entries.sql"),
    ),
    (
        "010_line.sql",
        include_str!("../../migrations/010_line.sql"),
    ),
    (
        "011_import_duplicates.sql",
        include_str!("../../migrations/011_import_duplicates.sql"),
    ),
    (
        "012_allocation_voids.sql",
        include_str!("../../migrations/012_allocation_voids.sql"),
    ),
    (
        "013_faq_office_details_own_lines.sql",
        include_str!("../../migrations/013_faq_office_details_own_lines.sql"),
    ),
    (
        "014_card_copies.sql",
        include_str!("../../migrations/014_card_copies.sql"),
    ),
    (
        "015_sent_log.sql",
        include_str!("../../migrations/015_sent_log.sql"),
    ),
    (
        "016_faq_more_shipped_entries.sql",
        include_str!("../../migrations/016_faq_more_shipped_entries.sql"),
    ),
    (
        "017_groups_suspended.sql",
        include_str!("../../migrations/017_groups_suspended.sql"),
    ),
    (
        "018_donation_messages.sql",
        include_str!("../../migrations/018_donation_messages.sql"),
    ),
    (
        "019_faq_more_phrasings.sql",
        include_str!("../../migrations/019_faq_more_phrasings.sql"),
    ),
    (
        "020_forwarded_offers.sql",
        include_str!("../../migrations/020_forwarded_offers.sql"),
    ),
    (
        "021_recorded_messages.sql",
        include_str!("../../migrations/021_recorded_messages.sql"),
    ),
    (
        "022_faq_phrasings_from_documents.sql",
        include_str!("../../migrations/022_faq_phrasings_from_documents.sql"),
    ),
    (
        "023_faq_entries_from_documents.sql",
        include_str!("../../migrations/023_faq_entries_from_documents.sql"),
    ),
    (
        "024_donation_write_cost.sql",
        include_str!("../../migrations/024_donation_write_cost.sql"),
    ),
    (
        "025_donation_messages_recorded.sql",
        include_str!("../../migrations/025_donation_messages_recorded.sql"),
    ),
    (
        "026_holiday_names_en.sql",
        include_str!("../../migrations/026_holiday_names_en.sql"),
    ),
    (
        "027_faq_phrasings_from_questions.sql",
        include_str!("../../migrations/027_faq_phrasings_from_questions.sql"),
    ),
    (
        "028_faq_phrasings_from_more_questions.sql",
        include_str!("../../migrations/028_faq_phrasings_from_more_questions.sql"),
    ),
    (
        "029_faq_phrasings_from_the_seventh_and_eighth_halves.sql",
        include_str!("../../migrations/029_faq_phrasings_from_the_seventh_and_eighth_halves.sql"),
    ),
    (
        "030_faq_phrasings_from_the_ninth_half.sql",
        include_str!("../../migrations/030_faq_phrasings_from_the_ninth_half.sql"),
    ),
    (
        "031_faq_phrasings_from_the_tenth_half.sql",
        include_str!("../../migrations/031_faq_phrasings_from_the_tenth_half.sql"),
    ),
    (
        "032_faq_phrasings_from_the_eleventh_half.sql",
        include_str!("../../migrations/032_faq_phrasings_from_the_eleventh_half.sql"),
    ),
    (
        "033_faq_phrasings_from_the_twelfth_half.sql",
        include_str!("../../migrations/033_faq_phrasings_from_the_twelfth_half.sql"),
    ),
    (
        "034_faq_phrasings_from_the_thirteenth_half.sql",
        include_str!("../../migrations/034_faq_phrasings_from_the_thirteenth_half.sql"),
    ),
    (
        "035_faq_phrasings_from_the_fourteenth_half.sql",
        include_str!("../../migrations/035_faq_phrasings_from_the_fourteenth_half.sql"),
    ),
    (
        "036_faq_phrasings_from_the_fifteenth_half.sql",
        include_str!("../../migrations/036_faq_phrasings_from_the_fifteenth_half.sql"),
    ),
    (
        "037_donation_reports_given_on.sql",
        include_str!("../../migrations/037_donation_reports_given_on.sql"),
    ),
    (
        "038_faq_phrasings_from_the_sixteenth_half.sql",
        include_str!("../../migrations/038_faq_phrasings_from_the_sixteenth_half.sql"),
    ),
    (
        "039_donation_reports_donor_answered_at.sql",
        include_str!("../../migrations/039_donation_reports_donor_answered_at.sql"),
    ),
    (
        "040_faq_phrasings_from_the_seventeenth_half.sql",
        include_str!("../../migrations/040_faq_phrasings_from_the_seventeenth_half.sql"),
    ),
    (
        "041_calendar_done_reports.sql",
        include_str!("../../migrations/041_calendar_done_reports.sql"),
    ),
    (
        "042_donation_reports_one_per_record.sql",
        include_str!("../../migrations/042_donation_reports_one_per_record.sql"),
    ),
    (
        "043_faq_phrasings_from_the_eighteenth_half.sql",
        include_str!("../../migrations/043_faq_phrasings_from_the_eighteenth_half.sql"),
    ),
    (
        "044_faq_complaint_working_days_in_answers.sql",
        include_str!("../../migrations/044_faq_complaint_working_days_in_answers.sql"),
    ),
    (
        "045_faq_phrasings_from_the_nineteenth_half.sql",
        include_str!("../../migrations/045_faq_phrasings_from_the_nineteenth_half.sql"),
    ),
    (
        "046_faq_phrasings_from_the_twentieth_half.sql",
        include_str!("../../migrations/046_faq_phrasings_from_the_twentieth_half.sql"),
    ),
    (
        "047_faq_phrasings_from_the_twenty_first_half.sql",
        include_str!("../../migrations/047_faq_phrasings_from_the_twenty_first_half.sql"),
    ),
    (
        "048_faq_phrasings_from_the_twenty_second_half.sql",
        include_str!("../../migrations/048_faq_phrasings_from_the_twenty_second_half.sql"),
    ),
    (
        "049_faq_phrasings_from_the_twenty_third_half.sql",
        include_str!("../../migrations/049_faq_phrasings_from_the_twenty_third_half.sql"),
    ),
    (
        "050_faq_phrasings_from_the_twenty_fourth_half.sql",
        include_str!("../../migrations/050_faq_phrasings_from_the_twenty_fourth_half.sql"),
    ),
    (
        "051_faq_entry_subjects.sql",
        include_str!("../../migrations/051_faq_entry_subjects.sql"),
    ),
    (
        "052_faq_phrasings_from_the_twenty_fifth_half.sql",
        include_str!("../../migrations/052_faq_phrasings_from_the_twenty_fifth_half.sql"),
    ),
    (
        "053_faq_phrasings_from_the_twenty_sixth_and_seventh_halves.sql",
        include_str!(
            "../../migrations/053_faq_phrasings_from_the_twenty_sixth_and_seventh_halves.sql"
        ),
    ),
    (
        "054_faq_subject_of_transfers.sql",
        include_str!("../../migrations/054_faq_subject_of_transfers.sql"),
    ),
    (
        "055_faq_phrasings_from_the_twenty_eighth_half.sql",
        include_str!("../../migrations/055_faq_phrasings_from_the_twenty_eighth_half.sql"),
    ),
    (
        "056_faq_phrasings_from_the_twenty_ninth_half.sql",
        include_str!("../../migrations/056_faq_phrasings_from_the_twenty_ninth_half.sql"),
    ),
    (
        "057_faq_subject_of_office_sources.sql",
        include_str!("../../migrations/057_faq_subject_of_office_sources.sql"),
    ),
    (
        "058_faq_phrasings_from_the_thirtieth_half.sql",
        include_str!("../../migrations/058_faq_phrasings_from_the_thirtieth_half.sql"),
    ),
    (
        "059_faq_phrasings_from_the_thirty_first_half.sql",
        include_str!("../../migrations/059_faq_phrasings_from_the_thirty_first_half.sql"),
    ),
    (
        "060_faq_phrasings_from_the_thirty_second_half.sql",
        include_str!("../../migrations/060_faq_phrasings_from_the_thirty_second_half.sql"),
    ),
    (
        "061_faq_phrasings_from_the_thirty_third_half.sql",
        include_str!("../../migrations/061_faq_phrasings_from_the_thirty_third_half.sql"),
    ),
    (
        "062_faq_phrasings_from_the_thirty_fourth_half.sql",
        include_str!("../../migrations/062_faq_phrasings_from_the_thirty_fourth_half.sql"),
    ),
    (
        "063_faq_phrasings_from_the_thirty_fifth_half.sql",
        include_str!("../../migrations/063_faq_phrasings_from_the_thirty_fifth_half.sql"),
    ),
    (
        "064_faq_phrasings_from_the_thirty_sixth_half.sql",
        include_str!("../../migrations/064_faq_phrasings_from_the_thirty_sixth_half.sql"),
    ),
    (
        "065_faq_shipped_phrasings_fingerprint.sql",
        include_str!("../../migrations/065_faq_shipped_phrasings_fingerprint.sql"),
    ),
];

/// A database as it was before the migration `name` (the schema only, no data steps): what a
/// test of that migration starts from.
#[cfg(test)]
pub fn schema_before(conn: &mut Connection, name: &str) -> rusqlite::Result<()> {
    let before = MIGRATIONS
        .iter()
        .position(|(listed, _)| *listed == name)
        .unwrap_or_else(|| panic!("no migration {name}"));
    apply(conn, &MIGRATIONS[..before], &[])
}

/// Applies the migrations not yet applied, each with the `data_steps` (by the name of the
/// migration they belong to) of its own, then the data steps that run [`AT_EVERY_START`].
pub fn apply_migrations(
    conn: &mut Connection,
    data_steps: &[(&str, DataStep)],
) -> rusqlite::Result<()> {
    for (name, _) in data_steps {
        if *name != AT_EVERY_START && !MIGRATIONS.iter().any(|(listed, _)| listed == name) {
            log::error!("data step for unknown migration {name}");
            return Err(rusqlite::Error::InvalidParameterName(format!(
                "data step for unknown migration {name}"
            )));
        }
    }
    apply(conn, MIGRATIONS, data_steps)
}

fn apply(
    conn: &mut Connection,
    migrations: &[(&str, &str)],
    data_steps: &[(&str, DataStep)],
) -> rusqlite::Result<()> {
    let applied: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (index, (name, sql)) in migrations.iter().enumerate().skip(applied.max(0) as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql).map_err(|e| {
            log::error!("migration {name} failed: {e}");
            e
        })?;
        for (_, data_step) in data_steps.iter().filter(|(of, _)| of == name) {
            data_step(&tx).map_err(|e| {
                log::error!("data step of migration {name} failed: {e}");
                e
            })?;
        }
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
        log::info!("applied migration {name}");
    }
    let tx = conn.transaction()?;
    for (_, data_step) in data_steps.iter().filter(|(of, _)| *of == AT_EVERY_START) {
        data_step(&tx).map_err(|e| {
            log::error!("data step at the start failed: {e}");
            e
        })?;
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_the_migrations_folder_is_listed_in_order() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let listed: Vec<String> = MIGRATIONS.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(listed, on_disk);
    }

    #[test]
    fn a_data_step_for_an_unlisted_migration_is_refused() {
        fn nothing(_: &Transaction) -> rusqlite::Result<()> {
            Ok(())
        }
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(apply_migrations(&mut conn, &[("999_unknown.sql", nothing)]).is_err());
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, 0, "nothing was applied");
    }

    #[test]
    fn migrations_apply_to_a_new_database_and_are_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply_migrations(&mut conn, &[]).unwrap();
        apply_migrations(&mut conn, &[]).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version as usize, MIGRATIONS.len());
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('outbox','groups','audit_log','processed_updates')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 4);
    }

    #[test]
    fn a_data_step_runs_after_its_sql_and_a_failing_one_undoes_the_migration() {
        fn fill(tx: &Transaction) -> rusqlite::Result<()> {
            tx.execute("INSERT INTO shipped (word) VALUES ('ทุน')", [])
                .map(|_| ())
        }
        fn fail(tx: &Transaction) -> rusqlite::Result<()> {
            fill(tx)?;
            tx.execute("INSERT INTO no_such_table VALUES (1)", [])
                .map(|_| ())
        }
        let migrations = [("001_shipped.sql", "CREATE TABLE shipped (word TEXT);")];
        let version = |conn: &Connection| -> i64 {
            conn.pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap()
        };

        let mut conn = Connection::open_in_memory().unwrap();
        assert!(apply(&mut conn, &migrations, &[("001_shipped.sql", fail)]).is_err());
        assert_eq!(version(&conn), 0);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'shipped'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            tables, 0,
            "the SQL of a migration whose data step failed is undone"
        );

        apply(&mut conn, &migrations, &[("001_shipped.sql", fill)]).unwrap();
        apply(&mut conn, &migrations, &[("001_shipped.sql", fill)]).unwrap();
        assert_eq!(version(&conn), 1);
        let words: i64 = conn
            .query_row("SELECT count(*) FROM shipped", [], |r| r.get(0))
            .unwrap();
        assert_eq!(words, 1, "the data step ran once, with its migration");
    }

    #[test]
    fn a_data_step_at_every_start_runs_after_the_migrations_each_time() {
        fn count(tx: &Transaction) -> rusqlite::Result<()> {
            tx.execute("INSERT INTO starts DEFAULT VALUES", [])
                .map(|_| ())
        }
        let migrations = [(
            "001_starts.sql",
            "CREATE TABLE starts (n INTEGER PRIMARY KEY);",
        )];
        let mut conn = Connection::open_in_memory().unwrap();
        for _ in 0..3 {
            apply(&mut conn, &migrations, &[(AT_EVERY_START, count)]).unwrap();
        }
        let starts: i64 = conn
            .query_row("SELECT count(*) FROM starts", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            starts, 3,
            "once at each start, the table there from the first"
        );
        let mut real = Connection::open_in_memory().unwrap();
        assert!(
            apply_migrations(&mut real, &[(AT_EVERY_START, |_| Ok(()))]).is_ok(),
            "no migration of that name is needed"
        );
        assert!(
            apply_migrations(&mut real, &[(AT_EVERY_START, count)]).is_err(),
            "a failing step at the start is an error (there is no table `starts`)"
        );
    }

    #[test]
    fn the_audit_log_refuses_updates_and_deletes() {
        let mut conn = Connection::open_in_memory().unwrap();
        apply_migrations(&mut conn, &[]).unwrap();
        conn.execute(
            "INSERT INTO audit_log (at, action) VALUES ('2026-01-01T00:00:00Z', 'test')",
            [],
        )
        .unwrap();
        assert!(
            conn.execute("UPDATE audit_log SET action = 'x'", [])
                .is_err()
        );
        assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    }
}
