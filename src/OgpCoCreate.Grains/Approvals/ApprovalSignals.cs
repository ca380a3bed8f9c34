using System.Collections.Concurrent;

namespace OgpCoCreate.Approvals;

/// <summary>
/// How the live texts tell the approval workflow that the content changed, cheaply: at most one one-way
/// message per document per <see cref="Window"/> (the first edit of a burst). That is enough because the
/// workflow, on a signal, re-checks the content shortly after AND once more after the window has passed, so
/// the last edits of a burst, whose signals were dropped here, are seen too.
/// </summary>
public static class ApprovalSignals
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private static readonly ConcurrentDictionary<string, long> LastSent = new(StringComparer.Ordinal);

    /// <summary>Called by a document after an op is durable; <paramref name="documentId"/> is <c>{commitmentId}/{field}</c>.</summary>
    public static void DocumentChanged(IGrainFactory grains, string documentId)
    {
        var now = Environment.TickCount64;
        if (LastSent.TryGetValue(documentId, out var last) && now - last < (long)Window.TotalMilliseconds)
        {
            return;
        }
        LastSent[documentId] = now;
        var slash = documentId.LastIndexOf('/');
        if (slash > 0)
        {
            grains.GetGrain<IApprovalGrain>(documentId[..slash]).ContentChanged().Ignore();
        }
    }

    /// <summary>Called by a commitment after each durable change (structured fields, status).</summary>
    public static void CommitmentChanged(IGrainFactory grains, string commitmentId) =>
        grains.GetGrain<IApprovalGrain>(commitmentId).ContentChanged().Ignore();
}
