namespace OgpCoCreate.Ot;

/// <summary>
/// One step of a <see cref="TextOp"/>: skip n code points, insert text, or delete n code points
/// (optionally remembering the deleted text so the op can be inverted).
/// Lengths are in Unicode code points, never UTF-16 units.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ogp.ot.TextOpComponent")]
public readonly struct TextOpComponent : IEquatable<TextOpComponent>
{
    private TextOpComponent(TextOpComponentKind kind, int length, string? text)
    {
        Kind = kind;
        Length = length;
        Text = text;
    }

    [Id(0)]
    public TextOpComponentKind Kind { get; }

    /// <summary>Code points skipped, inserted or deleted. Always greater than zero.</summary>
    [Id(1)]
    public int Length { get; }

    /// <summary>The inserted text; for a delete, the deleted text if it was recorded; otherwise null.</summary>
    [Id(2)]
    public string? Text { get; }

    public bool IsSkip => Kind == TextOpComponentKind.Skip;

    public bool IsInsert => Kind == TextOpComponentKind.Insert;

    public bool IsDelete => Kind == TextOpComponentKind.Delete;

    /// <summary>True for a delete written as <c>{"d": "text"}</c>, which is what makes an op invertible.</summary>
    public bool HasDeletedText => Kind == TextOpComponentKind.Delete && Text is not null;

    /// <summary>Keep the next <paramref name="count"/> code points.</summary>
    public static TextOpComponent Skip(int count)
    {
        if (count <= 0)
        {
            throw new OtException($"A skip must cover at least one code point, but got {count}.");
        }

        return new TextOpComponent(TextOpComponentKind.Skip, count, null);
    }

    /// <summary>Insert <paramref name="text"/> (non-empty, well-formed UTF-16).</summary>
    public static TextOpComponent Insert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            throw new OtException("An insert must contain at least one character.");
        }

        ThrowIfLoneSurrogate(text, "inserted");
        return new TextOpComponent(TextOpComponentKind.Insert, CodePoints.Count(text), text);
    }

    /// <summary>Delete the next <paramref name="count"/> code points without recording them.</summary>
    public static TextOpComponent Delete(int count)
    {
        if (count <= 0)
        {
            throw new OtException($"A delete must remove at least one code point, but got {count}.");
        }

        return new TextOpComponent(TextOpComponentKind.Delete, count, null);
    }

    /// <summary>Delete <paramref name="deletedText"/>, which must be the text at the current position.</summary>
    public static TextOpComponent Delete(string deletedText)
    {
        ArgumentNullException.ThrowIfNull(deletedText);
        if (deletedText.Length == 0)
        {
            throw new OtException("A delete must remove at least one character.");
        }

        ThrowIfLoneSurrogate(deletedText, "deleted");
        return new TextOpComponent(TextOpComponentKind.Delete, CodePoints.Count(deletedText), deletedText);
    }

    /// <summary>For the OT algorithms, whose slices of valid components are valid by construction.</summary>
    internal static TextOpComponent Trusted(TextOpComponentKind kind, int length, string? text) =>
        new(kind, length, text);

    /// <summary>The same delete without its text (a number-form delete); other kinds are returned as is.</summary>
    public TextOpComponent WithoutDeletedText() =>
        HasDeletedText ? new TextOpComponent(TextOpComponentKind.Delete, Length, null) : this;

    public bool Equals(TextOpComponent other) =>
        Kind == other.Kind && Length == other.Length && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TextOpComponent other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Length, Text is null ? 0 : StringComparer.Ordinal.GetHashCode(Text));

    public static bool operator ==(TextOpComponent left, TextOpComponent right) => left.Equals(right);

    public static bool operator !=(TextOpComponent left, TextOpComponent right) => !left.Equals(right);

    /// <summary>The component as ShareDB JSON, e.g. <c>3</c>, <c>"hi"</c>, <c>{"d":2}</c>.</summary>
    public override string ToString() => TextOpJsonWriter.Write(this);

    private static void ThrowIfLoneSurrogate(string text, string what)
    {
        var index = CodePoints.IndexOfLoneSurrogate(text);
        if (index >= 0)
        {
            throw new OtException(
                $"The {what} text has an unpaired UTF-16 surrogate (U+{(int)text[index]:X4}) at UTF-16 index {index}; text must be valid Unicode.");
        }
    }
}
