using System.Text;

namespace OgpCoCreate.Ot;

public static partial class TextUnicode
{
    /// <summary>
    /// Applies <paramref name="op"/> to <paramref name="doc"/> and returns the new document.
    /// Unlike JS (which silently clips a delete at the end of the document and never looks at
    /// the text of a string-form delete), this refuses with an <see cref="OtException"/> when a
    /// skip or delete goes past the end or a recorded deleted text differs from the document:
    /// either means the op was made for another version of the document.
    /// Copies the whole string; for many ops on one document use <see cref="CodePointBuffer"/>.
    /// </summary>
    public static string Apply(string doc, TextOp op)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(op);

        var capacity = (long)doc.Length;
        foreach (var c in op.Components)
        {
            capacity += c.IsInsert ? c.Text!.Length : 0;
        }

        var result = new StringBuilder((int)Math.Min(capacity, int.MaxValue / 2));
        var at = 0; // UTF-16 index into doc
        var position = 0; // code point index into doc
        for (var i = 0; i < op.Count; i++)
        {
            var c = op[i];
            switch (c.Kind)
            {
                case TextOpComponentKind.Skip:
                case TextOpComponentKind.Delete:
                    var end = CodePoints.Advance(doc, at, c.Length);
                    if (end < 0)
                    {
                        throw PastEnd(i, c, (long)position + c.Length, CodePoints.Count(doc));
                    }

                    if (c.IsSkip)
                    {
                        result.Append(doc, at, end - at);
                    }
                    else if (c.Text is not null && !doc.AsSpan(at, end - at).SequenceEqual(c.Text))
                    {
                        throw DeletedTextMismatch(i, c, position, doc[at..end]);
                    }

                    at = end;
                    position += c.Length;
                    break;
                case TextOpComponentKind.Insert:
                    result.Append(c.Text);
                    break;
                default:
                    throw new OtException($"Component {i} is of unknown kind {(int)c.Kind}.");
            }
        }

        result.Append(doc, at, doc.Length - at);
        return result.ToString();
    }

    /// <summary>
    /// Refuses (with a message a person can act on) an op that skips or deletes past the end of a
    /// document of <paramref name="docLength"/> code points. Cheap: O(components), no text access.
    /// A server calls this before mutating anything. It cannot check the text of string-form
    /// deletes; <see cref="CodePointBuffer.Apply"/> and <see cref="Apply"/> do that as well.
    /// </summary>
    public static void CheckAppliesTo(TextOp op, int docLength)
    {
        ArgumentNullException.ThrowIfNull(op);
        CheckValidOp(op);
        long position = 0;
        for (var i = 0; i < op.Count; i++)
        {
            var c = op[i];
            if (c.IsInsert)
            {
                continue;
            }

            position += c.Length;
            if (position > docLength)
            {
                throw PastEnd(i, c, position, docLength);
            }
        }
    }

    internal static OtException PastEnd(int index, TextOpComponent c, long reach, int docLength) =>
        new($"The op does not fit the document: component {index} ({Describe(c)}) reaches code point {reach}, "
            + $"but the document has only {docLength} code points. The op was probably made for another version of the document.");

    internal static OtException DeletedTextMismatch(int index, TextOpComponent c, int position, string actual) =>
        new($"Component {index} deletes {Quote(c.Text!)} at code point {position}, but the document has {Quote(actual)} there. "
            + "The op was probably made for another version of the document.");
}
