using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace OgpCoCreate.Storage.Database;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. <c>synchronous=FULL</c> makes every committed
/// transaction reach the disk before the commit returns, so an acknowledged write survives <c>kill -9</c>
/// and power loss alike; WAL keeps readers from blocking the single writer.
/// </summary>
public sealed class SqliteOgpDatabase : OgpDatabase
{
    private readonly string connectionString;

    public SqliteOgpDatabase(string filePath)
    {
        FilePath = Path.GetFullPath(filePath);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var wal = connection.Command("PRAGMA journal_mode=WAL;");
        wal.ExecuteNonQuery();
    }

    public string FilePath { get; }

    public string ConnectionString => connectionString;

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override string Description => $"sqlite:{FilePath}";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.Command("PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        // Immediate: take the write lock now (waiting up to busy_timeout) rather than fail with SQLITE_BUSY
        // when a deferred transaction tries to upgrade its read lock.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
