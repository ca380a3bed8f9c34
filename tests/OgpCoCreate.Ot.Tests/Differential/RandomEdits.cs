namespace OgpCoCreate.Ot.Tests.Differential;

/// <summary>
/// Random documents and valid ops from a seed. The text mixes ASCII words with astral emoji
/// (including multi-code-point sequences), Arabic, combining marks and characters JSON must escape,
/// so code-point counting and JSON output are exercised along with the OT logic.
/// </summary>
internal sealed class RandomEdits(int seed)
{
    private static readonly string[] Words =
    [
        "the ", "vorpal ", "blade ", "went ", "snicker-snack ", "a", "b", "xyz", " ", "Jabberwock ",
    ];

    private static readonly string[] Astral =
    [
        "😀", "👻", "🤖", "💃", "🤟", "𝕏", "🇫🇷", "👩‍💻", "🏳️‍🌈", "𐍈",
    ];

    private static readonly string[] Arabic = ["مرحبا ", "بسم ", "ال", "ب", "ة"];

    private static readonly string[] Awkward = ["é", "e\u0301", "中文", "\n", "\t", "\"", "\\", "\u0001", "\u2028", "<&>", "\u007f"];

    private readonly Random _random = new(seed);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>A short random text; about a fifth of the pieces are astral characters.</summary>
    public string Text(int minPieces, int maxPieces)
    {
        var pieces = _random.Next(minPieces, maxPieces + 1);
        var text = string.Empty;
        for (var i = 0; i < pieces; i++)
        {
            text += _random.Next(10) switch
            {
                0 or 1 => Pick(Astral),
                2 or 3 => Pick(Arabic),
                4 => Pick(Awkward),
                _ => Pick(Words),
            };
        }

        return text;
    }

    public string Document() => Text(0, 14);

    /// <summary>A random op that applies to <paramref name="doc"/>: a few skips, inserts and deletes, in random order at each spot.</summary>
    public TextOp Op(string doc)
    {
        var codePoints = SplitCodePoints(doc);
        var builder = new TextOpBuilder();
        var position = 0;
        var steps = 1 + _random.Next(6);
        for (var step = 0; step < steps; step++)
        {
            var remaining = codePoints.Count - position;
            var skip = _random.Next(Math.Min(remaining, 6) + 1);
            builder.Skip(skip);
            position += skip;
            remaining -= skip;

            var insertFirst = _random.Next(2) == 0;
            var insert = _random.Next(3) == 0 ? string.Empty : Text(1, 3);
            if (insertFirst)
            {
                builder.Insert(insert);
            }

            if (remaining > 0 && _random.Next(3) != 0)
            {
                var count = 1 + _random.Next(Math.Min(remaining, 8));
                if (_random.Next(2) == 0)
                {
                    builder.Delete(count);
                }
                else
                {
                    builder.Delete(string.Concat(codePoints.GetRange(position, count)));
                }

                position += count;
            }

            if (!insertFirst)
            {
                builder.Insert(insert);
            }
        }

        // Inserting at the very end of the document is an edge worth hitting often.
        if (_random.Next(5) == 0)
        {
            builder.Skip(codePoints.Count - position).Insert(Text(1, 2));
        }

        return builder.Build();
    }

    /// <summary>Valid components in a random, not normalized order (neighbours of one kind, trailing skips).</summary>
    public List<TextOpComponent> RawComponents()
    {
        var components = new List<TextOpComponent>();
        var count = _random.Next(8);
        for (var i = 0; i < count; i++)
        {
            components.Add(_random.Next(4) switch
            {
                0 => TextOpComponent.Skip(1 + _random.Next(5)),
                1 => TextOpComponent.Insert(Text(1, 2)),
                2 => TextOpComponent.Delete(1 + _random.Next(5)),
                _ => TextOpComponent.Delete(Text(1, 2)),
            });
        }

        return components;
    }

    public static List<string> SplitCodePoints(string text)
    {
        var result = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            result.Add(text.Substring(i, width));
            i += width - 1;
        }

        return result;
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];
}
