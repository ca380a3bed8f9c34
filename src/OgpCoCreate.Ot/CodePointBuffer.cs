namespace OgpCoCreate.Ot;

/// <summary>
/// A mutable document that applies <see cref="TextOp"/>s in place: a gap buffer of code points
/// (one int each), so positions in ops map straight to array indexes with no UTF-16 scanning,
/// and an edit near the previous one moves only the text in between. Applying an op never copies
/// the whole document (unlike <see cref="TextUnicode.Apply"/> on a string).
/// Not thread-safe; a grain owns one.
/// </summary>
public sealed class CodePointBuffer
{
    private const int MinimumCapacity = 64;

    // Code points live in [0, _gapStart) and [_gapEnd, _items.Length); the gap is free space.
    private int[] _items;
    private int _gapStart;
    private int _gapEnd;

    public CodePointBuffer()
        : this(string.Empty)
    {
    }

    public CodePointBuffer(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var length = CodePoints.Count(text);
        _items = new int[Math.Max(MinimumCapacity, length + (length / 2))];
        _gapStart = Decode(text, _items, 0);
        _gapEnd = _items.Length;
    }

    /// <summary>Document length in code points.</summary>
    public int Length => _items.Length - (_gapEnd - _gapStart);

    /// <summary>The code point at <paramref name="index"/> (a lone surrogate is returned as its own value).</summary>
    public int this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The document has {Length} code points.");
            }

            return _items[index < _gapStart ? index : index + (_gapEnd - _gapStart)];
        }
    }

    /// <summary>
    /// Applies <paramref name="op"/> in place. Checks first that it fits (no skip or delete past the
    /// end, string-form deletes match the text) and throws <see cref="OtException"/> without
    /// changing anything if not.
    /// </summary>
    public void Apply(TextOp op)
    {
        CheckCanApply(op);
        var position = 0;
        foreach (var c in op.Components)
        {
            switch (c.Kind)
            {
                case TextOpComponentKind.Skip:
                    position += c.Length;
                    break;
                case TextOpComponentKind.Insert:
                    MoveGapTo(position);
                    EnsureGap(c.Length);
                    _gapStart = Decode(c.Text!, _items, _gapStart);
                    position += c.Length;
                    break;
                case TextOpComponentKind.Delete:
                    MoveGapTo(position);
                    _gapEnd += c.Length;
                    break;
            }
        }
    }

    /// <summary>Throws <see cref="OtException"/> if <paramref name="op"/> does not fit this document; changes nothing.</summary>
    public void CheckCanApply(TextOp op)
    {
        ArgumentNullException.ThrowIfNull(op);
        TextUnicode.CheckAppliesTo(op, Length);
        var position = 0;
        for (var i = 0; i < op.Count; i++)
        {
            var c = op[i];
            if (c.HasDeletedText && !Matches(position, c.Text!))
            {
                throw TextUnicode.DeletedTextMismatch(i, c, position, Substring(position, c.Length));
            }

            position += c.IsInsert ? 0 : c.Length;
        }
    }

    /// <summary>The text of code points [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    public string Substring(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if ((long)start + length > Length)
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"[{start}, {start + (long)length}) is outside the document's {Length} code points.");
        }

        var front = Math.Clamp(_gapStart - start, 0, length);
        ReadOnlySpan<int> first = _items.AsSpan(Math.Min(start, _gapStart), front);
        ReadOnlySpan<int> second = _items.AsSpan(_gapEnd + Math.Max(0, start - _gapStart), length - front);
        return Encode(first, second);
    }

    public override string ToString() => Encode(_items.AsSpan(0, _gapStart), _items.AsSpan(_gapEnd));

    private bool Matches(int start, string text)
    {
        var index = start;
        for (var i = 0; i < text.Length; i++, index++)
        {
            int expected = text[i];
            if (CodePoints.IsPairAt(text, i))
            {
                expected = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }

            if (this[index] != expected)
            {
                return false;
            }
        }

        return true;
    }

    private void MoveGapTo(int position)
    {
        if (position < _gapStart)
        {
            var count = _gapStart - position;
            Array.Copy(_items, position, _items, _gapEnd - count, count);
            _gapStart -= count;
            _gapEnd -= count;
        }
        else if (position > _gapStart)
        {
            var count = position - _gapStart;
            Array.Copy(_items, _gapEnd, _items, _gapStart, count);
            _gapStart += count;
            _gapEnd += count;
        }
    }

    private void EnsureGap(int needed)
    {
        if (_gapEnd - _gapStart >= needed)
        {
            return;
        }

        // Grow by half again (at least enough) so a long run of inserts is amortized O(1) each.
        var tail = _items.Length - _gapEnd;
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max((long)_items.Length + (_items.Length / 2), (long)Length + needed + MinimumCapacity));
        var grown = new int[capacity];
        Array.Copy(_items, 0, grown, 0, _gapStart);
        Array.Copy(_items, _gapEnd, grown, capacity - tail, tail);
        _gapEnd = capacity - tail;
        _items = grown;
    }

    /// <summary>Writes the code points of <paramref name="text"/> at <paramref name="index"/>; returns the index after them.</summary>
    private static int Decode(string text, int[] target, int index)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (CodePoints.IsPairAt(text, i))
            {
                target[index++] = char.ConvertToUtf32(text[i], text[i + 1]);
                i++;
            }
            else
            {
                target[index++] = text[i];
            }
        }

        return index;
    }

    private static string Encode(ReadOnlySpan<int> first, ReadOnlySpan<int> second)
    {
        var length = Utf16Length(first) + Utf16Length(second);
        var chars = length <= 1024 ? stackalloc char[length] : new char[length];
        var at = Write(first, chars);
        Write(second, chars[at..]);
        return new string(chars);
    }

    private static int Utf16Length(ReadOnlySpan<int> codePoints)
    {
        var length = codePoints.Length;
        foreach (var cp in codePoints)
        {
            if (cp > 0xFFFF)
            {
                length++;
            }
        }

        return length;
    }

    private static int Write(ReadOnlySpan<int> codePoints, Span<char> target)
    {
        var at = 0;
        foreach (var cp in codePoints)
        {
            if (cp > 0xFFFF)
            {
                var offset = cp - 0x10000;
                target[at++] = (char)(0xD800 + (offset >> 10));
                target[at++] = (char)(0xDC00 + (offset & 0x3FF));
            }
            else
            {
                target[at++] = (char)cp;
            }
        }

        return at;
    }
}
