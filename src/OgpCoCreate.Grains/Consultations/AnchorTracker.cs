using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;
using OgpCoCreate.Security;

namespace OgpCoCreate.Consultations;

/// <summary>
/// Where the anchored passages of a round's comments are now. Per document it keeps, in memory, the text at
/// the last version it saw and every anchor transformed to that version; each read fetches only the ops
/// accepted since (one <see cref="IDocumentGrain.GetOps"/> call when nothing changed), so the cost of a read
/// follows the edits made meanwhile, not the number of comments times the length of the history.
/// A new anchor is brought forward once, from its own version, through the document's ops.
/// </summary>
public sealed class AnchorTracker(IGrainFactory grains)
{
    private const int OpsPage = 10_000;

    /// <summary>Longest current text returned for an edited passage (the quote is always kept in full).</summary>
    public const int MaxCurrentTextCodePoints = 4_000;

    private readonly Dictionary<string, TrackedDocument> documents = new(StringComparer.Ordinal);

    private sealed class TrackedDocument(long version, string text)
    {
        public long Version { get; set; } = version;
        public CodePointBuffer Text { get; } = new(text);
        public Dictionary<string, AnchorMath.Range> Anchors { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Forgets everything (e.g. after a document could not be read).</summary>
    public void Clear() => documents.Clear();

    /// <summary>
    /// The current position of each anchor, keyed by the id the caller gave it. An anchor whose document could
    /// not be read is left out (and its document listed in <paramref name="failures"/>).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, AnchorPosition>> ResolveAsync(IEnumerable<(string Id, TextAnchor Anchor)> anchors, List<(string DocumentId, Exception Error)> failures)
    {
        var result = new Dictionary<string, AnchorPosition>(StringComparer.Ordinal);
        foreach (var group in anchors.GroupBy(a => a.Anchor.DocumentId, StringComparer.Ordinal))
        {
            try
            {
                var document = await CatchUp(group.Key);
                await AddNew(group.Key, document, [.. group.Where(a => !document.Anchors.ContainsKey(a.Id))]);
                foreach (var (id, anchor) in group)
                {
                    result[id] = PositionOf(document, anchor, document.Anchors[id]);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Positions of this document stay unknown for this read (the comments still show their
                // quotes); the next read starts again from a fresh snapshot.
                documents.Remove(group.Key);
                failures.Add((group.Key, e));
            }
        }
        return result;
    }

    private async Task<TrackedDocument> CatchUp(string documentId)
    {
        var document = grains.GetGrain<IDocumentGrain>(documentId);
        if (!documents.TryGetValue(documentId, out var tracked))
        {
            var snapshot = await document.Open(Actor.System);
            documents[documentId] = tracked = new TrackedDocument(snapshot.Version, snapshot.Text);
            return tracked;
        }
        while (true)
        {
            var ops = await document.GetOps(tracked.Version, OpsPage);
            foreach (var op in ops)
            {
                tracked.Text.Apply(op.Op);
                foreach (var id in tracked.Anchors.Keys.ToList())
                {
                    tracked.Anchors[id] = AnchorMath.Transform(tracked.Anchors[id], op.Op);
                }
                tracked.Version = op.Version;
            }
            if (ops.Count < OpsPage)
            {
                return tracked;
            }
        }
    }

    private async Task AddNew(string documentId, TrackedDocument tracked, IReadOnlyList<(string Id, TextAnchor Anchor)> fresh)
    {
        if (fresh.Count == 0)
        {
            return;
        }
        var ranges = fresh.ToDictionary(a => a.Id, a => AnchorMath.Range.Of(a.Anchor.Start, a.Anchor.End), StringComparer.Ordinal);
        var from = fresh.Min(a => a.Anchor.Version);
        if (from < tracked.Version)
        {
            var versions = fresh.ToDictionary(a => a.Id, a => a.Anchor.Version, StringComparer.Ordinal);
            var document = grains.GetGrain<IDocumentGrain>(documentId);
            var at = from;
            while (at < tracked.Version)
            {
                var ops = await document.GetOps(at, OpsPage);
                if (ops.Count == 0)
                {
                    break;
                }
                foreach (var op in ops.TakeWhile(o => o.Version <= tracked.Version))
                {
                    foreach (var (id, version) in versions)
                    {
                        if (op.Version > version)
                        {
                            ranges[id] = AnchorMath.Transform(ranges[id], op.Op);
                        }
                    }
                    at = op.Version;
                }
                if (ops[^1].Version > tracked.Version || ops.Count < OpsPage)
                {
                    break;
                }
            }
        }
        foreach (var (id, range) in ranges)
        {
            tracked.Anchors[id] = range;
        }
    }

    private static AnchorPosition PositionOf(TrackedDocument document, TextAnchor anchor, AnchorMath.Range range)
    {
        var length = document.Text.Length;
        if (range.Removed || range.End > length)
        {
            var at = Math.Min(range.Start, length);
            return new AnchorPosition(document.Version, at, at, AnchorState.Removed, null);
        }
        var size = range.End - range.Start;
        var current = document.Text.Substring(range.Start, Math.Min(size, MaxCurrentTextCodePoints));
        var intact = size <= MaxCurrentTextCodePoints && string.Equals(current, anchor.Quote, StringComparison.Ordinal);
        return new AnchorPosition(document.Version, range.Start, range.End, intact ? AnchorState.Intact : AnchorState.Edited, intact ? null : current);
    }
}
