namespace OgpCoCreate.Ot;

public static partial class TextUnicode
{
    /// <summary>
    /// One op with the effect of applying <paramref name="first"/> and then <paramref name="second"/>
    /// (which was made on the document <paramref name="first"/> produces).
    /// </summary>
    public static TextOp Compose(TextOp first, TextOp second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);

        var result = new TextOpBuilder();
        var taker = new ComponentTaker(first);
        foreach (var component in second.Components)
        {
            switch (component.Kind)
            {
                case TextOpComponentKind.Skip:
                    ComposeSkip(ref taker, component.Length, result);
                    break;
                case TextOpComponentKind.Insert:
                    result.Append(component);
                    break;
                case TextOpComponentKind.Delete:
                    ComposeDelete(ref taker, component, result);
                    break;
            }
        }

        while (taker.TryTakeRest(out var rest))
        {
            result.Append(rest);
        }

        return result.Build();
    }

    /// <summary>
    /// The second op keeps <paramref name="length"/> code points of the first op's output: the first
    /// op's components there pass through. Its deletes produce no output, so they cost no length.
    /// </summary>
    private static void ComposeSkip(ref ComponentTaker taker, int length, TextOpBuilder result)
    {
        while (length > 0)
        {
            var firstPart = taker.Take(length, TextOpComponentKind.Delete);
            result.Append(firstPart);
            if (!firstPart.IsDelete)
            {
                length -= firstPart.Length;
            }
        }
    }

    /// <summary>
    /// The second op deletes part of the first op's output: original text the first op kept is
    /// deleted (carrying the matching slice of the deleted text, if recorded), text the first op
    /// inserted simply never appears, and the first op's own deletes are kept.
    /// </summary>
    private static void ComposeDelete(ref ComponentTaker taker, TextOpComponent delete, TextOpBuilder result)
    {
        var length = delete.Length;
        var offset = 0; // code points of the delete dealt with so far
        var textOffset = 0; // the same, as a UTF-16 index into delete.Text
        while (offset < length)
        {
            var firstPart = taker.Take(length - offset, TextOpComponentKind.Delete);
            if (firstPart.IsDelete)
            {
                result.Append(firstPart);
                continue;
            }

            string? deletedText = null;
            if (delete.Text is not null)
            {
                var end = CodePoints.Advance(delete.Text, textOffset, firstPart.Length);
                deletedText = delete.Text[textOffset..end];
                textOffset = end;
            }

            if (firstPart.IsSkip)
            {
                result.Append(TextOpComponent.Trusted(TextOpComponentKind.Delete, firstPart.Length, deletedText));
            }

            offset += firstPart.Length;
        }
    }
}
