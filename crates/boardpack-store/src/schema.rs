//! Opening the database: connection settings and versioned migrations.
//!
//! The schema's version is SQLite's `PRAGMA user_version`: 0 for a new file, N after
//! migration `N` of [`MIGRATIONS`] has run. Each migration runs in its own immediate
//! transaction that also sets the version, so a crash leaves the file at a whole version,
//! and two processes opening a new library at once migrate it once. Not for queries.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, TransactionBehavior};

use crate::{Context, Result, StoreError};

/// The migrations, in version order: entry `i` takes the schema from version `i` to
/// `i + 1`. Append only; never edit a released one.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_track.sql"),
];

/// How long a write waits for another process's write to finish before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Statements kept prepared: the write path alone uses about 25.
const STATEMENT_CACHE: usize = 64;

/// Opens the file, creating its folder, and migrates it.
pub(crate) fn open(file: &Path) -> Result<Connection> {
    if let Some(dir) = file.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::Sql(format!("creating the folder {}: {e}", dir.display())))?;
    }
    let what = format!("opening {}", file.display());
    let conn = Connection::open(file).ctx(&what)?;
    prepare(conn, true)
}

/// A new in-memory database, migrated.
pub(crate) fn open_in_memory() -> Result<Connection> {
    let conn = Connection::open_in_memory().ctx("opening an in-memory database")?;
    prepare(conn, false)
}

/// Sets the connection up and brings the schema up to date.
fn prepare(mut conn: Connection, wal: bool) -> Result<Connection> {
    conn.busy_timeout(BUSY_TIMEOUT)
        .ctx("setting the busy timeout")?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    // Checked before anything writes to the file, so a newer library is left untouched.
    check_not_newer(user_version(&conn)?)?;
    if wal {
        // Returns the mode now in force; "wal" unless the file system cannot do it, in
        // which case SQLite keeps its rollback journal, which is just as safe.
        let _mode: String = conn
            .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
            .ctx("switching to WAL mode")?;
    }
    // A 64 MiB page cache (SQLite's default is 2 MiB): bulk writes to large indexes
    // (passages, track mentions) otherwise re-read pages from disk for every insert.
    conn.execute_batch(
        "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536;",
    )
    .ctx("setting the connection's pragmas")?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// The schema version recorded in the file.
pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .ctx("reading the schema version")
}

fn check_not_newer(found: i64) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    if found > known {
        return Err(StoreError::TooNew { found, known });
    }
    Ok(())
}

/// Runs the migrations the file has not had, one transaction each.
fn migrate(conn: &mut Connection) -> Result<()> {
    let known = MIGRATIONS.len() as i64;
    // The common case takes no write lock, so opening never waits for another writer.
    if user_version(conn)? == known {
        return Ok(());
    }
    loop {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .ctx("starting a migration")?;
        // Read again under the write lock: another process may have migrated meanwhile.
        let version = user_version(&tx)?;
        check_not_newer(version)?;
        if version == known {
            return Ok(());
        }
        let next = version + 1;
        let sql = MIGRATIONS[version as usize];
        tx.execute_batch(sql)
            .ctx(&format!("migrating the schema to version {next}"))?;
        tx.pragma_update(None, "user_version", next)
            .ctx("recording the schema version")?;
        tx.commit()
            .ctx(&format!("committing schema version {next}"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_bring_a_new_database_to_the_newest_version() {
        let conn = open_in_memory().unwrap();
        assert_eq!(user_version(&conn).unwrap(), MIGRATIONS.len() as i64);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // meta, files, papers, passages and nine fact tables (version 1); four track
        // tables, link reviews and status overrides (version 2).
        assert_eq!(tables, 19);
    }

    #[test]
    fn a_failed_migration_leaves_the_version_unchanged() {
        let mut conn = Connection::open_in_memory().unwrap();
        // A table the first migration creates already exists: the migration fails.
        conn.execute_batch("CREATE TABLE papers (x INTEGER)")
            .unwrap();
        assert!(migrate(&mut conn).is_err());
        assert_eq!(user_version(&conn).unwrap(), 0);
        let meta: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'meta'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            meta, 0,
            "the migration's earlier statements were rolled back"
        );
    }

    #[test]
    fn migration_files_are_numbered_in_order() {
        // The files under migrations/ must be 0001_..., 0002_... with no gaps, one per
        // entry of MIGRATIONS.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/migrations");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        names.sort();
        assert_eq!(names.len(), MIGRATIONS.len());
        for (i, n) in names.iter().enumerate() {
            assert!(n.starts_with(&format!("{:04}_", i + 1)), "{n}");
        }
    }
}
