using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OgpCoCreate.Drafting;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Storage.Drafting;

/// <summary>
/// The op log of live documents, with group commit: one writer drains every append waiting at that moment
/// (from any document) into a single transaction, so one fsync confirms many keystrokes. Appends complete
/// only after their transaction committed; a failed commit fails its appends and every later append of the
/// same documents until they reload (<see cref="Reset"/>), so a later op can never be durable without an
/// earlier one. Snapshots and named versions go through the same writer: a second writer would only wait
/// for SQLite's single write lock (synchronously, on the calling grain's thread, for up to seconds while
/// the group commits keep taking it).
/// </summary>
public sealed partial class SqlDocumentLog : IDocumentLog, IAsyncDisposable
{
    private const int MaxBatch = 2_000;

    private readonly OgpDatabase database;
    private readonly ILogger<SqlDocumentLog> logger;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, Exception> poisoned = new(StringComparer.Ordinal);
    private readonly Task writer;

    public SqlDocumentLog(OgpDatabase database, ILogger<SqlDocumentLog> logger)
    {
        this.database = database;
        this.logger = logger;
        writer = Task.Run(WriteLoop);
    }

    /// <summary>A write waiting for the next group commit.</summary>
    private abstract record PendingWrite(string DocumentId, TaskCompletionSource Done);

    private sealed record PendingAppend(string DocumentId, StoredOp Op, TaskCompletionSource Done) : PendingWrite(DocumentId, Done);

    private sealed record PendingSnapshot(string DocumentId, StoredSnapshot Snapshot, TaskCompletionSource Done) : PendingWrite(DocumentId, Done);

    private sealed record PendingNamedVersion(string DocumentId, NamedVersion Version, TaskCompletionSource Done) : PendingWrite(DocumentId, Done);

    /// <summary>How many commits and appends the writer made (for benchmarks and the dashboard).</summary>
    public long Commits => Interlocked.Read(ref commits);

    public long Appends => Interlocked.Read(ref appends);

    private long commits;
    private long appends;

    public Task AppendAsync(string documentId, StoredOp op)
    {
        if (poisoned.TryGetValue(documentId, out var error))
        {
            return Task.FromException(new InvalidOperationException($"Earlier appends of {documentId} failed; the document must reload.", error));
        }
        return Enqueue(new PendingAppend(documentId, op, NewCompletion()));
    }

    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task Enqueue(PendingWrite pending) =>
        queue.Writer.TryWrite(pending) ? pending.Done.Task : Task.FromException(new ObjectDisposedException(nameof(SqlDocumentLog)));

    public void Reset(string documentId) => poisoned.TryRemove(documentId, out _);

    private async Task WriteLoop()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
            {
                // Only ops must never follow a failed op; a snapshot is of a version that is already durable.
                if (item is PendingAppend && poisoned.TryGetValue(item.DocumentId, out var error))
                {
                    item.Done.TrySetException(new InvalidOperationException($"Earlier appends of {item.DocumentId} failed; the document must reload.", error));
                    continue;
                }
                batch.Add(item);
            }
            if (batch.Count == 0)
            {
                continue;
            }
            try
            {
                await CommitAsync(batch);
                Interlocked.Increment(ref commits);
                Interlocked.Add(ref appends, batch.Count(item => item is PendingAppend));
                foreach (var item in batch)
                {
                    item.Done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                LogCommitFailed(logger, batch.Count, e);
                foreach (var item in batch)
                {
                    if (item is PendingAppend)
                    {
                        poisoned[item.DocumentId] = e;
                    }
                    item.Done.TrySetException(e);
                }
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await database.BeginWriteAsync(connection);
        var statements = batch.Select(Statement).ToList();
        if (connection.CanCreateBatch)
        {
            // PostgreSQL: every insert of the group commit in one round trip (Npgsql's DbBatch), not one per op.
            await using var dbBatch = connection.CreateBatch();
            dbBatch.Transaction = transaction;
            foreach (var (sql, parameters) in statements)
            {
                var command = dbBatch.CreateBatchCommand();
                command.CommandText = sql;
                foreach (var (name, value) in parameters)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }
                dbBatch.BatchCommands.Add(command);
            }
            await dbBatch.ExecuteNonQueryAsync();
        }
        else
        {
            // SQLite runs in this process: a statement costs no round trip, and one command per kind of insert,
            // reused with new values, is prepared once per commit.
            var commands = new Dictionary<string, DbCommand>(StringComparer.Ordinal);
            try
            {
                foreach (var (sql, parameters) in statements)
                {
                    if (!commands.TryGetValue(sql, out var command))
                    {
                        command = connection.Command(sql, transaction);
                        foreach (var (name, _) in parameters)
                        {
                            command.With(name, null);
                        }
                        commands[sql] = command;
                    }
                    foreach (var (name, value) in parameters)
                    {
                        command.Parameters[name].Value = value ?? DBNull.Value;
                    }
                    await command.ExecuteNonQueryAsync();
                }
            }
            finally
            {
                foreach (var command in commands.Values)
                {
                    await command.DisposeAsync();
                }
            }
        }
        await transaction.CommitAsync();
    }

    private static (string Sql, (string Name, object? Value)[] Parameters) Statement(PendingWrite item) => item switch
    {
        PendingAppend append => (
            "INSERT INTO doc_ops (document_id, version, op, client_id, seq, author_id, author_name, at) VALUES (@d, @v, @op, @c, @s, @a, @an, @at)",
            [("@d", append.DocumentId), ("@v", append.Op.Version), ("@op", append.Op.OpJson), ("@c", append.Op.ClientId), ("@s", append.Op.Seq),
             ("@a", append.Op.AuthorId), ("@an", append.Op.AuthorName), ("@at", Time(append.Op.At))]),
        PendingSnapshot snapshot => (
            "INSERT INTO doc_snapshots (document_id, version, text, at) VALUES (@d, @v, @t, @at) ON CONFLICT DO NOTHING",
            [("@d", snapshot.DocumentId), ("@v", snapshot.Snapshot.Version), ("@t", snapshot.Snapshot.Text), ("@at", Time(snapshot.Snapshot.At))]),
        PendingNamedVersion named => (
            "INSERT INTO doc_named_versions (document_id, version, name, author_id, author_name, at) VALUES (@d, @v, @n, @a, @an, @at) ON CONFLICT DO NOTHING",
            [("@d", named.DocumentId), ("@v", named.Version.Version), ("@n", named.Version.Name), ("@a", named.Version.AuthorId),
             ("@an", named.Version.AuthorName), ("@at", Time(named.Version.At))]),
        _ => throw new InvalidOperationException($"Unknown write {item.GetType().Name}."),
    };

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O");

    public async Task<StoredSnapshot?> LatestSnapshotAsync(string documentId, long atOrBefore = long.MaxValue)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "SELECT version, text, at FROM doc_snapshots WHERE document_id = @d AND version <= @v ORDER BY version DESC LIMIT 1")
            .With("@d", documentId).With("@v", atOrBefore);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new StoredSnapshot(reader.GetInt64(0), reader.GetString(1), ParseTime(reader.GetString(2)))
            : null;
    }

    public async Task<IReadOnlyList<StoredOp>> ReadAsync(string documentId, long afterVersion, long upToVersion = long.MaxValue, int limit = int.MaxValue)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "SELECT version, op, client_id, seq, author_id, author_name, at FROM doc_ops WHERE document_id = @d AND version > @from AND version <= @to ORDER BY version LIMIT @limit")
            .With("@d", documentId).With("@from", afterVersion).With("@to", upToVersion).With("@limit", (long)limit);
        var ops = new List<StoredOp>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ops.Add(new StoredOp(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5), ParseTime(reader.GetString(6))));
        }
        return ops;
    }

    /// <summary>Committed with the next group commit (see the class remarks for why not in a transaction of its own).</summary>
    public Task SaveSnapshotAsync(string documentId, StoredSnapshot snapshot) =>
        Enqueue(new PendingSnapshot(documentId, snapshot, NewCompletion()));

    public Task SaveNamedVersionAsync(string documentId, NamedVersion version) =>
        Enqueue(new PendingNamedVersion(documentId, version, NewCompletion()));

    public async Task<IReadOnlyList<NamedVersion>> NamedVersionsAsync(string documentId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "SELECT version, name, author_id, author_name, at FROM doc_named_versions WHERE document_id = @d ORDER BY version, at")
            .With("@d", documentId);
        var result = new List<NamedVersion>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new NamedVersion(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), ParseTime(reader.GetString(4))));
        }
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await writer;
    }

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    [LoggerMessage(Level = LogLevel.Error, Message = "A group commit of {Count} document op(s) failed")]
    private static partial void LogCommitFailed(ILogger logger, int count, Exception exception);
}
