using OgpCoCreate.Ot;

namespace OgpCoCreate.Drafting;

public static class TextDiff
{
    /// <summary>
    /// One op that turns <paramref name="from"/> into <paramref name="to"/>: keep the common prefix and suffix,
    /// replace the middle. Used to restore an old version as a new op.
    /// </summary>
    public static TextOp OpFromTo(string from, string to)
    {
        var a = from.EnumerateRunes().Select(r => r.Value).ToArray();
        var b = to.EnumerateRunes().Select(r => r.Value).ToArray();
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }
        var deleted = a.Length - prefix - suffix;
        var inserted = string.Concat(b.Skip(prefix).Take(b.Length - prefix - suffix).Select(char.ConvertFromUtf32));
        return TextOp.Splice(prefix, deleted, inserted);
    }
}
