namespace OgpCoCreate.Ot;

/// <summary>
/// Code-point arithmetic on UTF-16 strings. ShareDB's text-unicode type counts positions in
/// Unicode code points, while a C# string indexes UTF-16 units (an emoji is two units).
/// A lone surrogate (invalid UTF-16) counts as one code point here, so documents that somehow
/// contain one still have a well-defined length; ops themselves refuse lone surrogates.
/// </summary>
internal static class CodePoints
{
    /// <summary>Number of code points in <paramref name="text"/>.</summary>
    public static int Count(ReadOnlySpan<char> text)
    {
        var pairs = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                pairs++;
                i++;
            }
        }

        return text.Length - pairs;
    }

    /// <summary>
    /// The UTF-16 index reached by moving <paramref name="codePoints"/> code points forward from
    /// <paramref name="utf16Start"/>, or -1 if the text ends first.
    /// </summary>
    public static int Advance(ReadOnlySpan<char> text, int utf16Start, int codePoints)
    {
        var i = utf16Start;
        for (; codePoints > 0; codePoints--)
        {
            if (i >= text.Length)
            {
                return -1;
            }

            i += IsPairAt(text, i) ? 2 : 1;
        }

        return i;
    }

    /// <summary>True if a surrogate pair (one astral code point) starts at <paramref name="index"/>.</summary>
    public static bool IsPairAt(ReadOnlySpan<char> text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]);

    /// <summary>UTF-16 index of the first unpaired surrogate, or -1 if the text is well-formed.</summary>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!char.IsSurrogate(c))
            {
                continue;
            }

            if (IsPairAt(text, i))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    /// <summary>
    /// The substring covering code points [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).
    /// The caller guarantees the range is inside the text.
    /// </summary>
    public static string Slice(string text, int start, int length)
    {
        var from = Advance(text, 0, start);
        var to = Advance(text, from, length);
        return text.Substring(from, to - from);
    }
}
