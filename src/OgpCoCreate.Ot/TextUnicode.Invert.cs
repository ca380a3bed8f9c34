namespace OgpCoCreate.Ot;

public static partial class TextUnicode
{
    /// <summary>True if every delete records its text, so <see cref="Invert"/> can undo the op.</summary>
    public static bool IsInvertible(TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        foreach (var c in op.Components)
        {
            if (c.IsDelete && c.Text is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The op that undoes <paramref name="op"/>: inserts become deletes and string-form deletes
    /// become inserts. Needs the deleted text; call <see cref="MakeInvertible(TextOp, string)"/> first
    /// if the op has number-form deletes.
    /// </summary>
    public static TextOp Invert(TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var result = new TextOpBuilder();
        for (var i = 0; i < op.Count; i++)
        {
            var c = op[i];
            result.Append(c.Kind switch
            {
                TextOpComponentKind.Insert => TextOpComponent.Trusted(TextOpComponentKind.Delete, c.Length, c.Text),
                TextOpComponentKind.Delete when c.Text is not null => TextOpComponent.Trusted(TextOpComponentKind.Insert, c.Length, c.Text),
                TextOpComponentKind.Delete => throw new OtException(
                    $"Cannot invert the op: component {i} deletes {c.Length} code point(s) without recording the deleted text. "
                    + "Call MakeInvertible(op, document) first."),
                _ => c,
            });
        }

        return result.Build();
    }

    /// <summary>Fills in the deleted text of number-form deletes from <paramref name="doc"/>, the document the op applies to.</summary>
    public static TextOp MakeInvertible(TextOp op, string doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return MakeInvertible(op, CodePoints.Count(doc), (start, length) => CodePoints.Slice(doc, start, length));
    }

    /// <summary>Fills in the deleted text of number-form deletes from <paramref name="doc"/>, the document the op applies to.</summary>
    public static TextOp MakeInvertible(TextOp op, CodePointBuffer doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return MakeInvertible(op, doc.Length, doc.Substring);
    }

    /// <summary>Turns string-form deletes into number-form ones (drops the undo information).</summary>
    public static TextOp StripInvertible(TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var result = new TextOpBuilder();
        foreach (var c in op.Components)
        {
            result.Append(c.WithoutDeletedText());
        }

        return result.Build();
    }

    private static TextOp MakeInvertible(TextOp op, int docLength, Func<int, int, string> slice)
    {
        ArgumentNullException.ThrowIfNull(op);
        CheckAppliesTo(op, docLength);
        var result = new TextOpBuilder();
        var position = 0;
        foreach (var c in op.Components)
        {
            result.Append(c.IsDelete && c.Text is null
                ? TextOpComponent.Trusted(TextOpComponentKind.Delete, c.Length, slice(position, c.Length))
                : c);
            position += c.IsInsert ? 0 : c.Length;
        }

        return result.Build();
    }
}
