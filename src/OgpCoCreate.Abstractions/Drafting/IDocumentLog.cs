namespace OgpCoCreate.Drafting;

/// <summary>A document's op as stored: the op is its text-unicode JSON.</summary>
public sealed record StoredOp(long Version, string OpJson, string ClientId, long Seq, string AuthorId, string AuthorName, DateTimeOffset At);

public sealed record StoredSnapshot(long Version, string Text, DateTimeOffset At);

/// <summary>
/// The durable op log and snapshots of live documents. Appends are durable when their task completes
/// (the implementation may group-commit many appends in one transaction); appends of one document are
/// committed in the order they were made, so a later op is never durable without the earlier ones.
/// </summary>
public interface IDocumentLog
{
    Task<StoredSnapshot?> LatestSnapshotAsync(string documentId, long atOrBefore = long.MaxValue);

    Task<IReadOnlyList<StoredOp>> ReadAsync(string documentId, long afterVersion, long upToVersion = long.MaxValue, int limit = int.MaxValue);

    /// <summary>Durable on completion. Fails (and keeps failing for this document until <see cref="Reset"/>) if a commit fails.</summary>
    Task AppendAsync(string documentId, StoredOp op);

    Task SaveSnapshotAsync(string documentId, StoredSnapshot snapshot);

    Task SaveNamedVersionAsync(string documentId, NamedVersion version);

    Task<IReadOnlyList<NamedVersion>> NamedVersionsAsync(string documentId);

    /// <summary>Called when a document (re)activates: forget an earlier failure, the state is reloaded from what is durable.</summary>
    void Reset(string documentId);
}
