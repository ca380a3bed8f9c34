namespace OgpCoCreate.Ot;

public static partial class TextUnicode
{
    /// <summary>
    /// Where a cursor at code point <paramref name="cursor"/> ends up after <paramref name="op"/>.
    /// An insert exactly at the cursor leaves the cursor before the inserted text; a cursor inside
    /// a deleted range moves to the start of that range (same as ot-text-unicode).
    /// </summary>
    public static int TransformPosition(int cursor, TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentOutOfRangeException.ThrowIfNegative(cursor);

        var position = 0; // walks the new document
        for (var i = 0; i < op.Count && cursor > position; i++)
        {
            var c = op[i];
            switch (c.Kind)
            {
                case TextOpComponentKind.Skip:
                    position += c.Length;
                    break;
                case TextOpComponentKind.Insert:
                    position += c.Length;
                    cursor += c.Length;
                    break;
                case TextOpComponentKind.Delete:
                    cursor -= Math.Min(c.Length, cursor - position);
                    break;
            }
        }

        return cursor;
    }

    /// <summary>Transforms both ends of a selection (anchor and focus may be in either order).</summary>
    public static (int Anchor, int Focus) TransformSelection((int Anchor, int Focus) selection, TextOp op) =>
        (TransformPosition(selection.Anchor, op), TransformPosition(selection.Focus, op));
}
