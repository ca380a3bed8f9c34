using System.Data.Common;
using Npgsql;

namespace OgpCoCreate.Storage.Database;

/// <summary>The cluster store: a PostgreSQL database shared by every node.</summary>
public sealed class PostgresOgpDatabase(NpgsqlDataSource dataSource) : OgpDatabase
{
    /// <summary>Connections per node unless the connection string says otherwise: with PostgreSQL's default
    /// <c>max_connections</c> of 100, four nodes still leave room for administration.</summary>
    public const int DefaultMaxPoolSize = 20;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(DataSource.ConnectionString);
            return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    /// <summary>
    /// The data source for a connection string, with the project's defaults for what it leaves out: a bounded
    /// pool (<see cref="DefaultMaxPoolSize"/>), an application name visible in <c>pg_stat_activity</c>, and TCP
    /// keepalives so a connection to a restarted or unplugged server is found dead rather than waited on.
    /// </summary>
    public static PostgresOgpDatabase Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize"))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "OgpCoCreate";
        }
        if (!Mentions(connectionString, "Keepalive"))
        {
            builder.KeepAlive = 15;
        }
        return new PostgresOgpDatabase(NpgsqlDataSource.Create(builder.ConnectionString));
    }

    /// <summary>One line saying why PostgreSQL could not be used (for start-up messages without stack traces).</summary>
    public static string DescribeFailure(Exception e) => e switch
    {
        PostgresException pg => $"{pg.SqlState}: {pg.MessageText}",
        NpgsqlException { InnerException: { } inner } => inner.Message,
        _ => e.Message,
    };

    private static bool Mentions(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));

    /// <summary>A session-level advisory lock on a connection of its own, released (or dropped with the connection) on dispose.</summary>
    public override async Task<IAsyncDisposable> LockAsync(string name, CancellationToken cancellationToken = default)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var take = connection.Command("SELECT pg_advisory_lock(hashtext(@n))").With("@n", "ogp:" + name);
            // Waits as long as the holder works (seeding on a busy machine can take minutes), not the 30 s default.
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new Release(async () =>
        {
            try
            {
                await using var release = connection.Command("SELECT pg_advisory_unlock(hashtext(@n))").With("@n", "ogp:" + name);
                await release.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        });
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await DataSource.OpenConnectionAsync(cancellationToken);
}
