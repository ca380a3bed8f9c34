namespace OgpCoCreate.Ot.Tests;

/// <summary>Ops come from browsers: every malformed op must be refused with a message that says what is wrong.</summary>
public sealed class TextOpParseTests
{
    [Theory]
    [InlineData("{\"d\":1}", "not an array")]
    [InlineData("\"hello\"", "not an array")]
    [InlineData("3", "not an array")]
    [InlineData("null", "not an array")]
    public void Parse_refuses_json_that_is_not_an_array(string json, string expected) =>
        AssertRefused(json, expected, "an op is a list of skip counts, insert strings and {\"d\": n} deletes");

    [Fact]
    public void Parse_refuses_text_that_is_not_json() =>
        AssertRefused("[3, \"hi\"", "not valid JSON");

    [Fact]
    public void Parse_refuses_a_boolean_component_and_names_its_index() =>
        AssertRefused("[1,\"x\",true]", "Component 2 is a boolean; an op is a list of skip counts, insert strings and {\"d\": n} deletes");

    [Fact]
    public void Parse_refuses_a_null_component() =>
        AssertRefused("[null]", "Component 0 is null;");

    [Fact]
    public void Parse_refuses_a_nested_array() =>
        AssertRefused("[1,[2]]", "Component 1 is an array;");

    [Theory]
    [InlineData("[1.5,\"x\"]", "Component 0 is the fraction 1.5")]
    [InlineData("[2,{\"d\":0.25}]", "Component 1's \"d\" is the fraction 0.25")]
    public void Parse_refuses_fractional_counts(string json, string expected) =>
        AssertRefused(json, expected, "whole number");

    [Theory]
    [InlineData("[0,\"x\"]", "Component 0 is a skip of 0")]
    [InlineData("[-3,\"x\"]", "Component 0 is a skip of -3")]
    [InlineData("[-0,\"x\"]", "Component 0 is a skip of -0")]
    [InlineData("[-2.0,\"x\"]", "Component 0 is a skip of -2.0")]
    public void Parse_refuses_zero_and_negative_skips(string json, string expected) =>
        AssertRefused(json, expected, "must be at least 1");

    [Theory]
    [InlineData("[{\"d\":0}]", "Component 0's \"d\" is a delete count of 0")]
    [InlineData("[{\"d\":-4}]", "Component 0's \"d\" is a delete count of -4")]
    public void Parse_refuses_zero_and_negative_delete_counts(string json, string expected) =>
        AssertRefused(json, expected, "must be at least 1");

    [Fact]
    public void Parse_refuses_an_empty_insert() =>
        AssertRefused("[1,\"\"]", "Component 1 is an empty insert string", "at least one character");

    [Fact]
    public void Parse_refuses_an_empty_string_delete() =>
        AssertRefused("[1,{\"d\":\"\"}]", "Component 1 is an empty delete", "at least one character");

    [Theory]
    [InlineData("[{\"d\":1,\"x\":2}]", "Component 0 has an unexpected key \"x\"")]
    [InlineData("[{\"D\":1}]", "Component 0 has an unexpected key \"D\"")]
    [InlineData("[{\"i\":\"text\"}]", "Component 0 has an unexpected key \"i\"")]
    public void Parse_refuses_objects_with_keys_other_than_d(string json, string expected) =>
        AssertRefused(json, expected, "a delete must be exactly {\"d\": n}");

    [Fact]
    public void Parse_refuses_an_object_without_d() =>
        AssertRefused("[3,{}]", "Component 1 is an object without the key \"d\"", "a delete must be exactly");

    [Fact]
    public void Parse_refuses_an_object_with_d_twice() =>
        AssertRefused("[{\"d\":1,\"d\":2}]", "Component 0 has the key \"d\" twice");

    [Theory]
    [InlineData("[{\"d\":true}]", "Component 0's \"d\" is a boolean")]
    [InlineData("[{\"d\":null}]", "Component 0's \"d\" is null")]
    [InlineData("[{\"d\":[1]}]", "Component 0's \"d\" is an array")]
    [InlineData("[{\"d\":{\"d\":1}}]", "Component 0's \"d\" is an object")]
    public void Parse_refuses_a_delete_whose_d_is_not_a_count_or_text(string json, string expected) =>
        AssertRefused(json, expected, "a delete must be exactly");

    [Theory]
    [InlineData("[2147483648,\"x\"]", "Component 0 is a skip of 2147483648, which is too large")]
    [InlineData("[1e20,\"x\"]", "Component 0 is a skip of 1e20, which is too large")]
    [InlineData("[1e999,\"x\"]", "Component 0 is a skip of 1e999, which is too large")]
    [InlineData("[{\"d\":9007199254740993}]", "Component 0's \"d\" is a delete count of 9007199254740993, which is too large")]
    public void Parse_refuses_counts_too_large_for_a_document(string json, string expected) =>
        AssertRefused(json, expected, "at most 2147483647");

    [Fact]
    public void Parse_refuses_merged_skips_that_overflow() =>
        AssertRefused("[2147483647,2147483647,\"x\"]", "too long");

    [Theory]
    [InlineData("[\"\\ud83d\"]")]
    [InlineData("[1,{\"d\":\"a\\udc00\"}]")]
    public void Parse_refuses_text_with_unpaired_surrogates(string json) =>
        AssertRefused(json, "not valid Unicode");

    [Fact]
    public void Parse_accepts_all_three_component_kinds()
    {
        var op = TextOp.Parse("[3,\"hi\",{\"d\":2},1,{\"d\":\"x😀\"}]");

        Assert.Equal(
            [
                TextOpComponent.Skip(3),
                TextOpComponent.Insert("hi"),
                TextOpComponent.Delete(2),
                TextOpComponent.Skip(1),
                TextOpComponent.Delete("x😀"),
            ],
            op.Components.ToArray());
        Assert.Equal(2, op[4].Length);
    }

    [Theory]
    [InlineData("[3,\"x\",5]", "[3,\"x\"]")]
    [InlineData("[4]", "[]")]
    [InlineData("[]", "[]")]
    [InlineData("[1,2,\"a\",\"b\"]", "[3,\"ab\"]")]
    [InlineData("[{\"d\":\"a\"},{\"d\":\"b\"}]", "[{\"d\":\"ab\"}]")]
    [InlineData("[{\"d\":\"a\"},{\"d\":2}]", "[{\"d\":3}]")]
    [InlineData("[3.0,\"x\",{\"d\":2e0}]", "[3,\"x\",{\"d\":2}]")]
    public void Parse_normalizes_trailing_skips_and_neighbours_like_js_normalize(string json, string normalized) =>
        Assert.Equal(normalized, TextOp.Parse(json).ToJson());

    [Fact]
    public void Parse_accepts_whitespace_and_unicode_escapes()
    {
        var op = TextOp.Parse(" [ 1 , \"\\ud83d\\ude00\\n\" ] ");

        Assert.Equal("[1,\"😀\\n\"]", op.ToJson());
        Assert.Equal(2, op[1].Length);
    }

    private static void AssertRefused(string json, params string[] expectedFragments)
    {
        var error = Assert.Throws<OtException>(() => TextOp.Parse(json));
        foreach (var fragment in expectedFragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }
    }
}
