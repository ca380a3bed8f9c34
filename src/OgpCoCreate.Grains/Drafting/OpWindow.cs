namespace OgpCoCreate.Drafting;

/// <summary>The most recent accepted ops, in version order: what incoming ops are transformed over.</summary>
internal sealed class OpWindow
{
    private readonly List<AcceptedOp> ops = [];

    /// <summary>The version just before the first op kept.</summary>
    public long Base { get; private set; }

    public long Head => ops.Count == 0 ? Base : ops[^1].Version;

    public void Reset(long baseVersion)
    {
        ops.Clear();
        Base = baseVersion;
    }

    public void Add(AcceptedOp op) => ops.Add(op);

    /// <summary>The ops with a version greater than <paramref name="version"/> (which must be ≥ Base).</summary>
    public IEnumerable<AcceptedOp> After(long version)
    {
        for (var i = (int)Math.Max(0, version - Base); i < ops.Count; i++)
        {
            yield return ops[i];
        }
    }

    public AcceptedOp? Find(string clientId, long seq) => ops.FindLast(o => o.Seq == seq && o.ClientId == clientId);

    /// <summary>Drops the oldest ops beyond <paramref name="max"/>, never one not yet broadcast.</summary>
    public void TrimTo(int max, long keepAfter)
    {
        // Trim in chunks so the cost is amortised, not a list shift per op.
        if (ops.Count <= max + 256)
        {
            return;
        }
        var drop = (int)Math.Min(ops.Count - max, Math.Max(0, keepAfter - Base));
        if (drop > 0)
        {
            ops.RemoveRange(0, drop);
            Base += drop;
        }
    }
}
