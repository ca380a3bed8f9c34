using OgpCoCreate.Ot;

namespace OgpCoCreate.Consultations;

/// <summary>
/// How an anchored passage [start, end) follows its text through later ops. The end uses
/// <see cref="TextUnicode.TransformPosition"/> as is (text inserted exactly at the end stays outside the
/// passage); the start is its mirror image (text inserted exactly at the start stays outside too). So the
/// passage only grows with text typed strictly inside it, and it collapses (start ≥ end) exactly when
/// every code point it covered has been deleted; once collapsed it stays "removed" for good.
/// </summary>
public static class AnchorMath
{
    /// <summary>A range being tracked; <see cref="Removed"/> is sticky.</summary>
    public readonly record struct Range(int Start, int End, bool Removed)
    {
        public static Range Of(int start, int end) => new(start, end, start >= end);
    }

    public static Range Transform(Range range, TextOp op)
    {
        if (range.Removed)
        {
            // Keep a caret where the passage was (for showing "removed here"), nothing more.
            var at = TextUnicode.TransformPosition(range.Start, op);
            return new Range(at, at, true);
        }
        var start = TransformStart(range.Start, op);
        var end = TextUnicode.TransformPosition(range.End, op);
        return start >= end ? new Range(Math.Min(start, end), Math.Min(start, end), true) : new Range(start, end, false);
    }

    /// <summary>
    /// Like <see cref="TextUnicode.TransformPosition"/>, but an insert exactly at the position moves it
    /// after the inserted text (the start of a passage sticks to the passage, not to what is typed before it).
    /// </summary>
    public static int TransformStart(int cursor, TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentOutOfRangeException.ThrowIfNegative(cursor);
        var position = 0; // walks the new document
        for (var i = 0; i < op.Count && cursor >= position; i++)
        {
            var c = op[i];
            switch (c.Kind)
            {
                case TextOpComponentKind.Skip:
                    if (cursor == position)
                    {
                        return cursor;
                    }
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
}
