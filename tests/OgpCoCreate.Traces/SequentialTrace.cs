namespace OgpCoCreate.Traces;

/// <summary>
/// A sequential editing trace (shared/traces README section 2; also the <c>derived/*.server-order</c> files):
/// a start text, transactions of patches applied in order, and the text expected at the end.
/// </summary>
public sealed record SequentialTrace(string Name, string StartContent, string EndContent, IReadOnlyList<TracePatch[]> Transactions)
{
    public int PatchCount => Transactions.Sum(t => t.Length);

    /// <summary>Reads a <c>*.json.gz</c> sequential trace; <see cref="Name"/> is its file name.</summary>
    public static SequentialTrace Load(string path)
    {
        using var document = GzipJson.ReadDocument(path);
        var root = document.RootElement;
        var transactions = new List<TracePatch[]>();
        foreach (var txn in root.GetProperty("txns").EnumerateArray())
        {
            transactions.Add(TracePatch.ListFromJson(txn.GetProperty("patches")));
        }

        return new SequentialTrace(
            Path.GetFileName(path),
            root.GetProperty("startContent").GetString()!,
            root.GetProperty("endContent").GetString()!,
            transactions);
    }
}
