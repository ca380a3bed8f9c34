namespace OgpCoCreate.Ot;

/// <summary>
/// ShareDB's <c>text-unicode</c> OT type (npm <c>ot-text-unicode@4.0.0</c>), ported to C# so that
/// every result (apply, transform, compose, transformPosition, invert) is exactly what the JS
/// package returns. All positions and lengths are in Unicode code points.
/// The functions are split over the <c>TextUnicode.*.cs</c> files, one concern per file.
/// </summary>
public static partial class TextUnicode
{
    /// <summary>The type's name, as ShareDB registers it.</summary>
    public const string Name = "text-unicode";

    /// <summary>The type's URI, as ShareDB registers it.</summary>
    public const string Uri = "http://sharejs.org/types/text-unicode";

    /// <summary>How much of a text to quote in an error message before cutting it short.</summary>
    private const int QuoteLimit = 40;

    private static string Quote(string text)
    {
        if (CodePoints.Count(text) > QuoteLimit)
        {
            text = CodePoints.Slice(text, 0, QuoteLimit) + "…";
        }

        return "\"" + text.Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
    }

    private static string Describe(TextOpComponent c) => c.Kind switch
    {
        TextOpComponentKind.Skip => $"a skip of {c.Length}",
        TextOpComponentKind.Insert => $"an insert of {c.Length} code point(s)",
        TextOpComponentKind.Delete => $"a delete of {c.Length} code point(s)",
        _ => $"a component of unknown kind {(int)c.Kind}",
    };
}
