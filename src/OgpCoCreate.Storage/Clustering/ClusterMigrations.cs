using OgpCoCreate.Storage.Schema;

namespace OgpCoCreate.Storage.Clustering;

/// <summary>
/// The tables a cluster shares through the database (versions 20–29 of the storage layer's numbering).
/// Same SQL on SQLite and PostgreSQL: the embedded store has them too (unused there), so one schema history
/// serves both.
/// </summary>
public static class ClusterMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        // Orleans' membership table (our own IMembershipTable, see SqlMembershipTable): one version row per
        // cluster id, updated in the same transaction as every membership row change; one row per silo
        // incarnation (address, port, generation).
        new(20, "cluster membership", _ => """
            CREATE TABLE IF NOT EXISTS ogp_cluster_versions (
                cluster_id TEXT NOT NULL PRIMARY KEY,
                version    INTEGER NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS ogp_cluster_members (
                cluster_id      TEXT NOT NULL,
                address         TEXT NOT NULL,
                port            INTEGER NOT NULL,
                generation      INTEGER NOT NULL,
                silo_name       TEXT NOT NULL,
                host_name       TEXT NOT NULL,
                status          INTEGER NOT NULL,
                proxy_port      INTEGER NOT NULL,
                suspect_times   TEXT NULL,
                start_time      TEXT NOT NULL,
                i_am_alive_time TEXT NOT NULL,
                etag            INTEGER NOT NULL,
                PRIMARY KEY (cluster_id, address, port, generation));
            """),
        // ASP.NET Core data-protection keys (they encrypt cookies and bearer tokens): shared by every node of a
        // cluster so a token issued by one node is accepted by all.
        new(21, "data-protection keys", _ => """
            CREATE TABLE IF NOT EXISTS ogp_data_protection_keys (
                friendly_name TEXT NOT NULL PRIMARY KEY,
                xml           TEXT NOT NULL,
                created_at    TEXT NOT NULL);
            """),
    ];
}
