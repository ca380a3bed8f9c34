namespace OgpCoCreate.Ot.Tests;

public sealed class TextUnicodeTests
{
    [Fact]
    public void Apply_counts_positions_in_code_points()
    {
        Assert.Equal("a😀Xb", TextUnicode.Apply("a😀b", TextOp.Parse("[2,\"X\"]")));
        Assert.Equal("ab", TextUnicode.Apply("a😀b", TextOp.Parse("[1,{\"d\":1}]")));
    }

    [Fact]
    public void Apply_refuses_a_skip_past_the_end()
    {
        var error = Assert.Throws<OtException>(() => TextUnicode.Apply("ab", TextOp.Parse("[3,\"x\"]")));

        Assert.Contains("component 0 (a skip of 3) reaches code point 3, but the document has only 2 code points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_refuses_a_delete_past_the_end_where_js_would_silently_clip_it()
    {
        var error = Assert.Throws<OtException>(() => TextUnicode.Apply("ab", TextOp.Parse("[1,{\"d\":5}]")));

        Assert.Contains("reaches code point 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_refuses_a_string_delete_that_does_not_match_the_document()
    {
        var error = Assert.Throws<OtException>(() => TextUnicode.Apply("abcdef", TextOp.Parse("[1,{\"d\":\"bcx\"}]")));

        Assert.Contains("deletes \"bcx\" at code point 1, but the document has \"bcd\" there", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckAppliesTo_accepts_an_op_that_ends_exactly_at_the_end()
    {
        TextUnicode.CheckAppliesTo(TextOp.Parse("[3,\"x\",{\"d\":2}]"), 5);
        TextUnicode.CheckAppliesTo(TextOp.Parse("[\"only an insert\"]"), 0);
    }

    [Fact]
    public void CheckAppliesTo_refuses_an_op_longer_than_the_document_with_a_clear_message()
    {
        var error = Assert.Throws<OtException>(() => TextUnicode.CheckAppliesTo(TextOp.Parse("[3,\"x\",{\"d\":3}]"), 5));

        Assert.Equal(
            "The op does not fit the document: component 2 (a delete of 3 code point(s)) reaches code point 6, but the document has only 5 code points. "
            + "The op was probably made for another version of the document.",
            error.Message);
    }

    [Fact]
    public void Transform_puts_the_left_insert_first_at_the_same_position()
    {
        var mine = TextOp.Insert(1, "X");
        var theirs = TextOp.Insert(1, "Y");

        Assert.Equal("[1,\"X\"]", TextUnicode.Transform(mine, theirs, Side.Left).ToJson());
        Assert.Equal("[2,\"X\"]", TextUnicode.Transform(mine, theirs, Side.Right).ToJson());
    }

    [Fact]
    public void Transform_does_not_delete_twice_what_both_ops_deleted()
    {
        var mine = TextOp.Parse("[1,{\"d\":\"bcd\"}]");
        var theirs = TextOp.Parse("[2,{\"d\":\"cde\"}]");

        Assert.Equal("[1,{\"d\":\"b\"}]", TextUnicode.Transform(mine, theirs, Side.Left).ToJson());
    }

    [Fact]
    public void Transformed_ops_converge_on_the_same_document()
    {
        const string doc = "héllo 😀 wörld";
        var a = TextOp.Parse("[2,{\"d\":3},\"😅\",3,\"x\"]");
        var b = TextOp.Parse("[1,\"ب\",5,{\"d\":\"😀 w\"}]");

        var viaA = TextUnicode.Apply(TextUnicode.Apply(doc, a), TextUnicode.Transform(b, a, Side.Right));
        var viaB = TextUnicode.Apply(TextUnicode.Apply(doc, b), TextUnicode.Transform(a, b, Side.Left));

        Assert.Equal(viaA, viaB);
    }

    [Fact]
    public void Compose_is_the_same_as_applying_both_ops()
    {
        const string doc = "abc😀def";
        var first = TextOp.Parse("[2,\"XY\",{\"d\":2}]");
        var second = TextOp.Parse("[1,{\"d\":\"bX\"},2,\"!\"]");

        var composed = TextUnicode.Compose(first, second);

        Assert.Equal(TextUnicode.Apply(TextUnicode.Apply(doc, first), second), TextUnicode.Apply(doc, composed));
    }

    [Theory]
    [InlineData(0, "[\"ab\"]", 0)]
    [InlineData(1, "[1,\"ab\"]", 1)]
    [InlineData(2, "[1,\"ab\"]", 4)]
    [InlineData(5, "[1,{\"d\":2}]", 3)]
    [InlineData(2, "[1,{\"d\":2}]", 1)]
    [InlineData(3, "[1,\"😀\"]", 4)]
    public void TransformPosition_moves_cursors_like_ot_text_unicode(int cursor, string op, int expected) =>
        Assert.Equal(expected, TextUnicode.TransformPosition(cursor, TextOp.Parse(op)));

    [Fact]
    public void Invert_undoes_an_op_with_recorded_deletes()
    {
        const string doc = "one 😀 two";
        var op = TextUnicode.MakeInvertible(TextOp.Parse("[1,{\"d\":3},2,\"X\",{\"d\":1}]"), doc);

        var inverse = TextUnicode.Invert(op);

        Assert.Equal("[1,{\"d\":\"ne \"},2,\"X\",{\"d\":\"t\"}]", op.ToJson());
        Assert.Equal(doc, TextUnicode.Apply(TextUnicode.Apply(doc, op), inverse));
    }

    [Fact]
    public void Invert_refuses_an_op_whose_deletes_do_not_record_the_text()
    {
        var error = Assert.Throws<OtException>(() => TextUnicode.Invert(TextOp.Parse("[1,{\"d\":3}]")));

        Assert.Contains("component 1 deletes 3 code point(s) without recording the deleted text", error.Message, StringComparison.Ordinal);
        Assert.False(TextUnicode.IsInvertible(TextOp.Parse("[1,{\"d\":3}]")));
    }

    [Fact]
    public void MakeInvertible_reads_deleted_text_from_a_buffer_too()
    {
        var buffer = new CodePointBuffer("ab😀cd");

        var op = TextUnicode.MakeInvertible(TextOp.Delete(1, 3), buffer);

        Assert.Equal("[1,{\"d\":\"b😀c\"}]", op.ToJson());
    }

    [Fact]
    public void Splice_builds_a_normalized_op_from_a_trace_patch()
    {
        Assert.Equal("[3,{\"d\":2},\"xy\"]", TextOp.Splice(3, 2, "xy").ToJson());
        Assert.Equal("[\"x\"]", TextOp.Splice(0, 0, "x").ToJson());
        Assert.Equal("[5,{\"d\":1}]", TextOp.Splice(5, 1, string.Empty).ToJson());
        Assert.True(TextOp.Splice(7, 0, string.Empty).IsNoop);
    }

    [Fact]
    public void TextOpComponent_factories_refuse_empty_or_invalid_components()
    {
        Assert.Throws<OtException>(() => TextOpComponent.Skip(0));
        Assert.Throws<OtException>(() => TextOpComponent.Delete(-1));
        Assert.Throws<OtException>(() => TextOpComponent.Insert(string.Empty));
        var error = Assert.Throws<OtException>(() => TextOpComponent.Insert("a\udc00"));
        Assert.Contains("unpaired UTF-16 surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckValidOp_accepts_every_op_the_library_builds()
    {
        TextUnicode.CheckValidOp(TextOp.Parse("[1,\"x\",{\"d\":2},3,{\"d\":\"😀\"}]"));
        TextUnicode.CheckValidOp(TextOp.Empty);
    }

    [Fact]
    public void BaseLength_and_LengthChange_describe_what_the_op_needs_and_does()
    {
        var op = TextOp.Parse("[3,\"😀x\",{\"d\":4},2,\"y\"]");

        Assert.Equal(9, op.BaseLength);
        Assert.Equal(-1, op.LengthChange);
    }
}
