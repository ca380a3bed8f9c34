using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Storage.Schema;

/// <summary>The storage layer's own tables. Versions 1–99 belong here; other layers number theirs above.</summary>
public static class CoreMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "grain state and journal", dialect => dialect switch
        {
            SqlDialect.Sqlite => """
                CREATE TABLE IF NOT EXISTS grain_state (
                    grain_type TEXT NOT NULL,
                    grain_key  TEXT NOT NULL,
                    state_name TEXT NOT NULL,
                    etag       INTEGER NOT NULL,
                    payload    TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (grain_type, grain_key, state_name));
                CREATE TABLE IF NOT EXISTS journal (
                    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
                    at         TEXT NOT NULL,
                    actor_id   TEXT NOT NULL,
                    actor_name TEXT NOT NULL,
                    grain_type TEXT NOT NULL,
                    grain_key  TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    payload    TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS ix_journal_grain ON journal (grain_type, grain_key, seq);
                """,
            _ => """
                CREATE TABLE IF NOT EXISTS grain_state (
                    grain_type TEXT NOT NULL,
                    grain_key  TEXT NOT NULL,
                    state_name TEXT NOT NULL,
                    etag       BIGINT NOT NULL,
                    payload    TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (grain_type, grain_key, state_name));
                CREATE TABLE IF NOT EXISTS journal (
                    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    at         TEXT NOT NULL,
                    actor_id   TEXT NOT NULL,
                    actor_name TEXT NOT NULL,
                    grain_type TEXT NOT NULL,
                    grain_key  TEXT NOT NULL,
                    event_type TEXT NOT NULL,
                    payload    TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS ix_journal_grain ON journal (grain_type, grain_key, seq);
                """,
        }),
        new(2, "live documents: op log, snapshots, named versions", dialect => $"""
            CREATE TABLE IF NOT EXISTS doc_ops (
                document_id TEXT NOT NULL,
                version     BIGINT NOT NULL,
                op          TEXT NOT NULL,
                client_id   TEXT NOT NULL,
                seq         BIGINT NOT NULL,
                author_id   TEXT NOT NULL,
                author_name TEXT NOT NULL,
                at          TEXT NOT NULL,
                PRIMARY KEY (document_id, version)){(dialect == SqlDialect.Sqlite ? " WITHOUT ROWID" : "")};
            CREATE TABLE IF NOT EXISTS doc_snapshots (
                document_id TEXT NOT NULL,
                version     BIGINT NOT NULL,
                text        TEXT NOT NULL,
                at          TEXT NOT NULL,
                PRIMARY KEY (document_id, version));
            CREATE TABLE IF NOT EXISTS doc_named_versions (
                document_id TEXT NOT NULL,
                version     BIGINT NOT NULL,
                name        TEXT NOT NULL,
                author_id   TEXT NOT NULL,
                author_name TEXT NOT NULL,
                at          TEXT NOT NULL,
                PRIMARY KEY (document_id, version, name));
            """),
        // 10: approvals (issue 5) — Orleans' durable reminders, in the same database (Reminders/SqlReminderTable).
        new(10, "reminders", _ => OgpCoCreate.Storage.Reminders.SqlReminderTable.Schema),
    ];
}
