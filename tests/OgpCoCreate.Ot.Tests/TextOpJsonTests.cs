using System.Text;
using System.Text.Json;

namespace OgpCoCreate.Ot.Tests;

public sealed class TextOpJsonTests
{
    [Fact]
    public void ToJson_writes_compact_json_like_JSON_stringify()
    {
        var op = new TextOpBuilder().Skip(3).Insert("hi").Delete(2).Skip(1).Delete("x").Build();

        Assert.Equal("[3,\"hi\",{\"d\":2},1,{\"d\":\"x\"}]", op.ToJson());
        Assert.Equal("[]", TextOp.Empty.ToJson());
    }

    [Fact]
    public void ToJson_escapes_strings_exactly_like_JSON_stringify()
    {
        // JSON.stringify leaves non-ASCII, emoji, <, >, & and U+2028 alone and uses lowercase \u00xx.
        var op = TextOp.Insert(0, "a\"b\\c\b\f\n\r\t\u0001\u001f é😀<>&'\u2028\u007f");

        Assert.Equal("[\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f é😀<>&'\u2028\u007f\"]", op.ToJson());
    }

    [Fact]
    public void WriteTo_writes_the_same_text_as_ToJson_inside_a_larger_document()
    {
        var op = TextOp.Parse("[2,\"é😀<\",{\"d\":\"x\"}]");
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("op");
            op.WriteTo(writer);
            writer.WriteEndObject();
        }

        Assert.Equal("{\"op\":" + op.ToJson() + "}", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void JsonSerializer_reads_and_writes_ops_in_the_sharedb_format()
    {
        var message = new OpMessage(7, TextOp.Parse("[1,\"😀\",{\"d\":3}]"));

        var json = JsonSerializer.Serialize(message);
        var back = JsonSerializer.Deserialize<OpMessage>(json);

        Assert.Equal("{\"Version\":7,\"Op\":[1,\"😀\",{\"d\":3}]}", json);
        Assert.Equal(message.Op, back!.Op);
    }

    [Fact]
    public void JsonSerializer_refuses_a_bad_op_with_the_parse_message()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OpMessage>("{\"Version\":1,\"Op\":[true]}"));

        Assert.Contains("Component 0 is a boolean", error.Message, StringComparison.Ordinal);
        Assert.IsType<OtException>(error.InnerException);
    }

    [Fact]
    public void Ops_with_the_same_components_are_equal_and_hash_alike()
    {
        var a = TextOp.Parse("[1,\"x\",{\"d\":\"yz\"}]");
        var b = new TextOpBuilder().Skip(1).Insert("x").Delete("y").Delete("z").Build();

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, TextUnicode.StripInvertible(a));
    }

    private sealed record OpMessage(int Version, TextOp Op);
}
