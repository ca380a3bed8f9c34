namespace OgpCoCreate.Ot;

/// <summary>What a <see cref="TextOpComponent"/> does at the current position.</summary>
public enum TextOpComponentKind : byte
{
    /// <summary>Keep (retain) code points of the original document. JSON: a positive number.</summary>
    Skip = 1,

    /// <summary>Insert text. JSON: a non-empty string.</summary>
    Insert = 2,

    /// <summary>Remove code points of the original document. JSON: <c>{"d": n}</c> or <c>{"d": "text"}</c>.</summary>
    Delete = 3,
}
