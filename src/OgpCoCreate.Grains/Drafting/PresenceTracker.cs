using OgpCoCreate.Ot;

namespace OgpCoCreate.Drafting;

/// <summary>Who has the document open and where their cursor is, kept current through every op.</summary>
internal sealed class PresenceTracker
{
    private sealed record Entry(string UserId, string Name, Cursor? Cursor, DateTimeOffset LastSeen);

    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public void Set(string connectionId, string userId, string name, Cursor? cursor, DateTimeOffset now) =>
        entries[connectionId] = new Entry(userId, name, cursor, now);

    public bool Remove(string connectionId) => entries.Remove(connectionId);

    public bool RemoveOlderThan(DateTimeOffset cutoff)
    {
        var stale = entries.Where(e => e.Value.LastSeen < cutoff).Select(e => e.Key).ToList();
        stale.ForEach(k => entries.Remove(k));
        return stale.Count > 0;
    }

    public void Transform(TextOp op)
    {
        foreach (var (key, entry) in entries.Where(e => e.Value.Cursor is not null).ToList())
        {
            var c = entry.Cursor!;
            entries[key] = entry with { Cursor = new Cursor(TextUnicode.TransformPosition(c.Anchor, op), TextUnicode.TransformPosition(c.Focus, op)) };
        }
    }

    public IReadOnlyList<PresenceUser> Users() =>
        [.. entries.Select(e => new PresenceUser(e.Value.UserId, e.Value.Name, e.Value.Cursor, e.Key)).OrderBy(u => u.Name, StringComparer.Ordinal)];
}
