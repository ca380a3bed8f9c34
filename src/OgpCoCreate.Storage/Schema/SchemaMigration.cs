namespace OgpCoCreate.Storage.Schema;

/// <summary>
/// One numbered, never-edited step of the schema. Steps are applied in order, each in its own transaction,
/// and recorded in <c>ogp_schema_version</c>, so start-up is idempotent and an old store is upgraded in place.
/// </summary>
public sealed record SchemaMigration(int Version, string Name, Func<Database.SqlDialect, string> Sql);
