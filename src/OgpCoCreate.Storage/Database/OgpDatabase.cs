using System.Data.Common;

namespace OgpCoCreate.Storage.Database;

public enum SqlDialect
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The one relational database behind the product: an embedded SQLite file on a single node, PostgreSQL in a
/// cluster. Everything (grain state, journal, op logs, identity) lives in it, so one backup is the whole truth.
/// </summary>
public abstract class OgpDatabase
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>Where the data is, for logs and the health page (never contains a password).</summary>
    public abstract string Description { get; }

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A lock held across every node of a cluster until disposed, for start-up work that must run once at a
    /// time (seeding): a PostgreSQL advisory lock; on the embedded store (one node) a lock within the process.
    /// </summary>
    public virtual async Task<IAsyncDisposable> LockAsync(string name, CancellationToken cancellationToken = default)
    {
        var gate = LocalLocks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(() =>
        {
            gate.Release();
            return ValueTask.CompletedTask;
        });
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> LocalLocks = new(StringComparer.Ordinal);

    protected sealed class Release(Func<ValueTask> release) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync() => Interlocked.Exchange(ref released, 1) == 0 ? release() : ValueTask.CompletedTask;
    }

    /// <summary>Begins a write transaction that takes the write lock at once (SQLite: BEGIN IMMEDIATE).</summary>
    public virtual async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken);
}

public static class DbCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
