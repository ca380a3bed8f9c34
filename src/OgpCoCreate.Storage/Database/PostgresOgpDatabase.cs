using System.Data.Common;
using Npgsql;

namespace OgpCoCreate.Storage.Database;

/// <summary>The cluster store: a PostgreSQL database shared by every node.</summary>
public sealed class PostgresOgpDatabase(NpgsqlDataSource dataSource) : OgpDatabase
{
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

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await DataSource.OpenConnectionAsync(cancellationToken);
}
