using Microsoft.Extensions.Logging;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Storage.Schema;

/// <summary>Brings the database to the newest schema at start-up; safe to run on every start and on every node.</summary>
public sealed partial class SchemaMigrator(OgpDatabase database, IEnumerable<SchemaMigration> migrations, ILogger<SchemaMigrator> logger)
{
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        var duplicate = ordered.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two schema migrations claim version {duplicate.Key}.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var createTransaction = await database.BeginWriteAsync(connection, cancellationToken))
        {
            // PostgreSQL: CREATE TABLE IF NOT EXISTS is not safe against itself on several nodes at once.
            await LockAsync(connection, createTransaction, cancellationToken);
            await using var create = connection.Command(
                "CREATE TABLE IF NOT EXISTS ogp_schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);", createTransaction);
            await create.ExecuteNonQueryAsync(cancellationToken);
            await createTransaction.CommitAsync(cancellationToken);
        }

        var applied = 0;
        foreach (var migration in ordered)
        {
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
            // Several nodes may start together: one applies, the others wait and then see it applied.
            await LockAsync(connection, transaction, cancellationToken);
            await using (var check = connection.Command("SELECT COUNT(*) FROM ogp_schema_version WHERE version = @v", transaction).With("@v", migration.Version))
            {
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    await transaction.RollbackAsync(cancellationToken);
                    continue;
                }
            }
            var sql = migration.Sql(database.Dialect);
            if (!string.IsNullOrWhiteSpace(sql))
            {
                await using var apply = connection.Command(sql, transaction);
                await apply.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var record = connection.Command("INSERT INTO ogp_schema_version (version, name, applied_at) VALUES (@v, @n, @at)", transaction)
                .With("@v", migration.Version).With("@n", migration.Name).With("@at", DateTimeOffset.UtcNow.ToString("O")))
            {
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            LogApplied(logger, migration.Version, migration.Name, database.Description);
            applied++;
        }
        return applied;
    }

    private async Task LockAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Dialect == SqlDialect.Postgres)
        {
            await using var lockCommand = connection.Command("SELECT pg_advisory_xact_lock(7478213);", transaction);
            lockCommand.CommandTimeout = 300;
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COALESCE(MAX(version), 0) FROM ogp_schema_version");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied schema version {Version} ({Name}) to {Database}")]
    private static partial void LogApplied(ILogger logger, int version, string name, string database);
}
