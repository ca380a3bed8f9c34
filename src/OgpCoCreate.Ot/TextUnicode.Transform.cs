namespace OgpCoCreate.Ot;

public static partial class TextUnicode
{
    /// <summary>
    /// Transforms <paramref name="op"/> so it applies after <paramref name="other"/>, both having
    /// been made on the same document. When both insert at the same place, the op on
    /// <see cref="Side.Left"/> keeps its insert first. Text deleted by both ops is deleted once.
    /// Keeps string-form deletes where ot-text-unicode keeps them.
    /// </summary>
    public static TextOp Transform(TextOp op, TextOp other, Side side)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(other);
        if (side is not Side.Left and not Side.Right)
        {
            throw new ArgumentOutOfRangeException(nameof(side), side, "Side must be Left or Right.");
        }

        var result = new TextOpBuilder();
        var taker = new ComponentTaker(op);
        foreach (var otherComponent in other.Components)
        {
            switch (otherComponent.Kind)
            {
                case TextOpComponentKind.Skip:
                    TransformOverSkip(ref taker, otherComponent.Length, result);
                    break;
                case TextOpComponentKind.Insert:
                    // Our insert at the same spot goes first only on the left; either way we skip theirs.
                    if (side == Side.Left && taker.PeekKind == TextOpComponentKind.Insert && taker.TryTakeRest(out var ours))
                    {
                        result.Append(ours);
                    }

                    result.Append(TextOpComponent.Skip(otherComponent.Length));
                    break;
                case TextOpComponentKind.Delete:
                    TransformOverDelete(ref taker, otherComponent.Length, result);
                    break;
            }
        }

        while (taker.TryTakeRest(out var rest))
        {
            result.Append(rest);
        }

        return result.Build();
    }

    /// <summary>The other op keeps <paramref name="length"/> code points: our components over them pass through.</summary>
    private static void TransformOverSkip(ref ComponentTaker taker, int length, TextOpBuilder result)
    {
        while (length > 0)
        {
            var ours = taker.Take(length, TextOpComponentKind.Insert);
            result.Append(ours);
            if (!ours.IsInsert)
            {
                length -= ours.Length;
            }
        }
    }

    /// <summary>
    /// The other op deleted <paramref name="length"/> code points: our skips and deletes over them
    /// vanish (the text is gone already), our inserts there survive.
    /// </summary>
    private static void TransformOverDelete(ref ComponentTaker taker, int length, TextOpBuilder result)
    {
        while (length > 0)
        {
            var ours = taker.Take(length, TextOpComponentKind.Insert);
            if (ours.IsInsert)
            {
                result.Append(ours);
            }
            else
            {
                length -= ours.Length;
            }
        }
    }
}
