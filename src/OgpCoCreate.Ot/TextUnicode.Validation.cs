namespace OgpCoCreate.Ot;

public static partial class TextUnicode
{
    /// <summary>
    /// Checks the invariants every <see cref="TextOp"/> built through this library has: positive
    /// lengths, non-empty well-formed text whose code point count matches, no two neighbours of the
    /// same kind, no trailing skip. Useful for ops that arrived through a binary serializer, which
    /// bypasses the factories. Throws <see cref="OtException"/> naming the bad component.
    /// </summary>
    public static void CheckValidOp(TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        for (var i = 0; i < op.Count; i++)
        {
            var c = op[i];
            if (c.Kind is not (TextOpComponentKind.Skip or TextOpComponentKind.Insert or TextOpComponentKind.Delete))
            {
                throw new OtException($"Component {i} is of unknown kind {(int)c.Kind}.");
            }

            if (c.Length <= 0)
            {
                throw new OtException($"Component {i} ({c.Kind}) has length {c.Length}; lengths must be at least 1.");
            }

            CheckText(i, c);
            if (i > 0 && op[i - 1].Kind == c.Kind)
            {
                throw new OtException($"Components {i - 1} and {i} are both of kind {c.Kind}; they should have been merged (the op is not normalized).");
            }
        }

        if (op.Count > 0 && op[^1].IsSkip)
        {
            throw new OtException("The op ends with a skip; trailing skips should have been removed (the op is not normalized).");
        }
    }

    /// <summary>A normalized op from any components: neighbours of one kind merged, trailing skip removed.</summary>
    public static TextOp Normalize(IEnumerable<TextOpComponent> components) => TextOp.FromComponents(components);

    private static void CheckText(int i, TextOpComponent c)
    {
        if (c.IsSkip && c.Text is not null)
        {
            throw new OtException($"Component {i} is a skip that carries text.");
        }

        if (c.IsInsert && c.Text is null)
        {
            throw new OtException($"Component {i} is an insert without text.");
        }

        if (c.Text is null)
        {
            return;
        }

        if (CodePoints.IndexOfLoneSurrogate(c.Text) >= 0)
        {
            throw new OtException($"Component {i} has text with an unpaired UTF-16 surrogate; text must be valid Unicode.");
        }

        var count = CodePoints.Count(c.Text);
        if (count != c.Length)
        {
            throw new OtException($"Component {i} says it covers {c.Length} code point(s) but its text has {count}.");
        }
    }
}
