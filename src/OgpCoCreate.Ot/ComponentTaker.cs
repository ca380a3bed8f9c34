namespace OgpCoCreate.Ot;

/// <summary>
/// Walks an op, handing out its components in pieces of at most n code points (ot-text-unicode's
/// <c>makeTake</c>). Past the end of the op it hands out skips, because every op implicitly
/// keeps the rest of the document. Inserts or deletes can be made indivisible: transform never
/// splits an insert, compose never splits a delete.
/// </summary>
internal struct ComponentTaker(TextOp op)
{
    private readonly TextOp _op = op;
    private int _index;

    // How far into the current component we are, in code points and (for text) in UTF-16 units.
    private int _offset;
    private int _textOffset;

    /// <summary>The kind of the component the next take starts in, or null at the end of the op.</summary>
    public readonly TextOpComponentKind? PeekKind => _index < _op.Count ? _op[_index].Kind : null;

    /// <summary>Takes up to <paramref name="maxLength"/> code points (more if the piece is an indivisible kind).</summary>
    public TextOpComponent Take(int maxLength, TextOpComponentKind indivisible)
    {
        if (_index == _op.Count)
        {
            return TextOpComponent.Trusted(TextOpComponentKind.Skip, maxLength, null);
        }

        var c = _op[_index];
        return c.Kind == indivisible || c.Length - _offset <= maxLength ? TakeRemainder() : TakePart(c, maxLength);
    }

    /// <summary>Takes whatever is left of the current component; false at the end of the op.</summary>
    public bool TryTakeRest(out TextOpComponent component)
    {
        if (_index == _op.Count)
        {
            component = default;
            return false;
        }

        component = TakeRemainder();
        return true;
    }

    private TextOpComponent TakeRemainder()
    {
        var c = _op[_index];
        var result = _offset == 0
            ? c
            : TextOpComponent.Trusted(c.Kind, c.Length - _offset, c.Text?.Substring(_textOffset));
        _index++;
        _offset = 0;
        _textOffset = 0;
        return result;
    }

    private TextOpComponent TakePart(TextOpComponent c, int length)
    {
        string? text = null;
        if (c.Text is not null)
        {
            var end = CodePoints.Advance(c.Text, _textOffset, length);
            text = c.Text[_textOffset..end];
            _textOffset = end;
        }

        _offset += length;
        return TextOpComponent.Trusted(c.Kind, length, text);
    }
}
