namespace OgpCoCreate.Ot.Tests;

public sealed class CodePointBufferTests
{
    [Fact]
    public void Length_counts_code_points_not_utf16_units()
    {
        var buffer = new CodePointBuffer("a😀b👻");

        Assert.Equal(4, buffer.Length);
        Assert.Equal(0x1F600, buffer[1]);
        Assert.Equal("a😀b👻", buffer.ToString());
    }

    [Fact]
    public void Apply_inserts_and_deletes_around_astral_characters()
    {
        var buffer = new CodePointBuffer("😀😀😀");

        buffer.Apply(TextOp.Parse("[1,\"👻\"]"));
        buffer.Apply(TextOp.Parse("[3,{\"d\":1},\"x\"]"));
        buffer.Apply(TextOp.Parse("[{\"d\":\"😀\"}]"));

        Assert.Equal("👻😀x", buffer.ToString());
        Assert.Equal(3, buffer.Length);
    }

    [Fact]
    public void Apply_handles_several_components_in_one_op()
    {
        var buffer = new CodePointBuffer("The quick brown fox");

        buffer.Apply(TextOp.Parse("[4,{\"d\":\"quick\"},\"slow\",6,\"ish\",{\"d\":4},\" cat\"]"));

        Assert.Equal("The slow brownish cat", buffer.ToString());
    }

    [Fact]
    public void Apply_grows_the_buffer_for_long_inserts()
    {
        var buffer = new CodePointBuffer();
        var text = string.Concat(Enumerable.Repeat("ab😀", 10_000));

        buffer.Apply(TextOp.Insert(0, text));
        buffer.Apply(TextOp.Insert(15_000, "|"));

        Assert.Equal(30_001, buffer.Length);
        Assert.Equal(text[..20_000] + "|" + text[20_000..], buffer.ToString());
    }

    [Fact]
    public void Apply_refuses_a_skip_past_the_end_without_changing_the_document()
    {
        var buffer = new CodePointBuffer("a😀b");

        var error = Assert.Throws<OtException>(() => buffer.Apply(TextOp.Parse("[\"x\",4,\"y\"]")));

        Assert.Contains("reaches code point 4, but the document has only 3 code points", error.Message, StringComparison.Ordinal);
        Assert.Equal("a😀b", buffer.ToString());
    }

    [Fact]
    public void Apply_refuses_a_delete_past_the_end_without_changing_the_document()
    {
        var buffer = new CodePointBuffer("abc");

        var error = Assert.Throws<OtException>(() => buffer.Apply(TextOp.Parse("[\"x\",2,{\"d\":2}]")));

        Assert.Contains("component 2 (a delete of 2 code point(s)) reaches code point 4", error.Message, StringComparison.Ordinal);
        Assert.Equal("abc", buffer.ToString());
    }

    [Fact]
    public void Apply_refuses_a_string_delete_whose_text_differs_from_the_document()
    {
        var buffer = new CodePointBuffer("hello world");

        var error = Assert.Throws<OtException>(() => buffer.Apply(TextOp.Parse("[\"X\",6,{\"d\":\"there\"}]")));

        Assert.Contains("deletes \"there\" at code point 6, but the document has \"world\" there", error.Message, StringComparison.Ordinal);
        Assert.Equal("hello world", buffer.ToString());
    }

    [Fact]
    public void Substring_reads_across_the_gap()
    {
        var buffer = new CodePointBuffer("0123456789");
        buffer.Apply(TextOp.Insert(5, "😀"));
        buffer.Apply(TextOp.Insert(3, "x"));

        Assert.Equal("012x34😀56789", buffer.ToString());
        Assert.Equal("34😀5", buffer.Substring(4, 4));
        Assert.Equal("012", buffer.Substring(0, 3));
        Assert.Equal("789", buffer.Substring(9, 3));
        Assert.Equal(string.Empty, buffer.Substring(12, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Substring(10, 3));
    }

    [Fact]
    public void Apply_agrees_with_string_apply_over_many_random_edits()
    {
        var random = new Random(1234);
        var text = "start 😀";
        var buffer = new CodePointBuffer(text);
        for (var i = 0; i < 2000; i++)
        {
            var length = CodePoints.Count(text);
            var position = random.Next(length + 1);
            var delete = random.Next(Math.Min(3, length - position) + 1);
            var insert = random.Next(4) switch
            {
                0 => string.Empty,
                1 => "😅",
                2 => "ب",
                _ => ((char)('a' + random.Next(26))).ToString(),
            };
            var op = TextOp.Splice(position, delete, insert);

            text = TextUnicode.Apply(text, op);
            buffer.Apply(op);
        }

        Assert.Equal(text, buffer.ToString());
        Assert.Equal(CodePoints.Count(text), buffer.Length);
    }

    [Fact]
    public void A_lone_surrogate_in_the_initial_text_counts_as_one_code_point_and_survives()
    {
        var buffer = new CodePointBuffer("a\ud800b");

        buffer.Apply(TextOp.Insert(2, "x"));

        Assert.Equal(4, buffer.Length);
        Assert.Equal("a\ud800xb", buffer.ToString());
    }
}
