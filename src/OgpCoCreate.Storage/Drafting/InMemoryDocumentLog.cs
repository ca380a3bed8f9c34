using System.Collections.Concurrent;
using OgpCoCreate.Drafting;

namespace OgpCoCreate.Storage.Drafting;

/// <summary>
/// A document log in memory: for unit tests of the sequencer's logic and for the in-memory benchmark.
/// Never used by the product (nothing here survives a restart).
/// </summary>
public sealed class InMemoryDocumentLog : IDocumentLog
{
    private readonly ConcurrentDictionary<string, DocumentData> documents = new(StringComparer.Ordinal);

    private sealed class DocumentData
    {
        public List<StoredOp> Ops { get; } = [];
        public List<StoredSnapshot> Snapshots { get; } = [];
        public List<NamedVersion> Named { get; } = [];
    }

    private DocumentData For(string documentId) => documents.GetOrAdd(documentId, _ => new DocumentData());

    public int OpCount(string documentId) => documents.TryGetValue(documentId, out var d) ? d.Ops.Count : 0;

    public Task AppendAsync(string documentId, StoredOp op)
    {
        var data = For(documentId);
        lock (data)
        {
            if (data.Ops.Count > 0 && data.Ops[^1].Version != op.Version - 1)
            {
                throw new InvalidOperationException($"Gap in {documentId}: {op.Version} after {data.Ops[^1].Version}.");
            }
            data.Ops.Add(op);
        }
        return Task.CompletedTask;
    }

    public Task<StoredSnapshot?> LatestSnapshotAsync(string documentId, long atOrBefore = long.MaxValue)
    {
        var data = For(documentId);
        lock (data)
        {
            return Task.FromResult(data.Snapshots.Where(s => s.Version <= atOrBefore).MaxBy(s => s.Version));
        }
    }

    public Task<IReadOnlyList<StoredOp>> ReadAsync(string documentId, long afterVersion, long upToVersion = long.MaxValue, int limit = int.MaxValue)
    {
        var data = For(documentId);
        lock (data)
        {
            IReadOnlyList<StoredOp> result = [.. data.Ops.Where(o => o.Version > afterVersion && o.Version <= upToVersion).Take(limit)];
            return Task.FromResult(result);
        }
    }

    public Task SaveSnapshotAsync(string documentId, StoredSnapshot snapshot)
    {
        var data = For(documentId);
        lock (data)
        {
            data.Snapshots.Add(snapshot);
        }
        return Task.CompletedTask;
    }

    public Task SaveNamedVersionAsync(string documentId, NamedVersion version)
    {
        var data = For(documentId);
        lock (data)
        {
            data.Named.Add(version);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NamedVersion>> NamedVersionsAsync(string documentId)
    {
        var data = For(documentId);
        lock (data)
        {
            IReadOnlyList<NamedVersion> result = [.. data.Named];
            return Task.FromResult(result);
        }
    }

    public void Reset(string documentId)
    {
    }
}
