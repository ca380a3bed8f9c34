using System.Globalization;
using System.Text.Json;

namespace OgpCoCreate.Ot;

/// <summary>
/// Strict reader for ShareDB text-unicode op JSON. Ops arrive from browsers and other clients, so
/// every refusal names the component (by its index in the JSON array, counting from 0) and says
/// what a valid one looks like.
/// </summary>
internal static class TextOpJsonReader
{
    private const string OpShape = "an op is a list of skip counts, insert strings and {\"d\": n} deletes";
    private const string DeleteShape = "a delete must be exactly {\"d\": n} with n ≥ 1 or {\"d\": \"text\"}";

    public static TextOp Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new OtException($"The op is not valid JSON ({e.Message}); {OpShape}, e.g. [3,\"hi\",{{\"d\":2}}].", e);
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static TextOp Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Array)
        {
            throw new OtException($"The op is {Describe(json)}, not an array; {OpShape}, e.g. [3,\"hi\",{{\"d\":2}}].");
        }

        var builder = new TextOpBuilder();
        var index = 0;
        foreach (var element in json.EnumerateArray())
        {
            builder.Append(ReadComponent(element, index));
            index++;
        }

        return builder.Build();
    }

    private static TextOpComponent ReadComponent(JsonElement element, int index)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                var skip = ReadCount(element, $"Component {index}", "a skip");
                return TextOpComponent.Skip(skip);
            case JsonValueKind.String:
                var text = ReadString(element, $"Component {index}");
                if (text.Length == 0)
                {
                    throw new OtException($"Component {index} is an empty insert string; an insert must contain at least one character.");
                }

                return TextOpComponent.Insert(text);
            case JsonValueKind.Object:
                return ReadDelete(element, index);
            default:
                throw new OtException($"Component {index} is {Describe(element)}; {OpShape}.");
        }
    }

    private static TextOpComponent ReadDelete(JsonElement element, int index)
    {
        JsonElement? d = null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "d")
            {
                throw new OtException($"Component {index} has an unexpected key \"{property.Name}\"; {DeleteShape}.");
            }

            if (d is not null)
            {
                throw new OtException($"Component {index} has the key \"d\" twice; {DeleteShape}.");
            }

            d = property.Value;
        }

        if (d is not { } value)
        {
            throw new OtException($"Component {index} is an object without the key \"d\"; {DeleteShape}.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return TextOpComponent.Delete(ReadCount(value, $"Component {index}'s \"d\"", "a delete count"));
            case JsonValueKind.String:
                var text = ReadString(value, $"Component {index}'s \"d\"");
                if (text.Length == 0)
                {
                    throw new OtException($"Component {index} is an empty delete {{\"d\": \"\"}}; a delete string must contain at least one character.");
                }

                return TextOpComponent.Delete(text);
            default:
                throw new OtException($"Component {index}'s \"d\" is {Describe(value)}; {DeleteShape}.");
        }
    }

    /// <summary>A positive whole number that fits in an int. 3.0 and 3e0 are accepted (JSON.parse gives 3 for them).</summary>
    private static int ReadCount(JsonElement element, string where, string what)
    {
        var raw = element.GetRawText();
        if (element.TryGetInt32(out var count))
        {
            return count > 0
                ? count
                : throw new OtException($"{where} is {what} of {raw}; {what} must be at least 1 (counts are positive whole numbers of code points).");
        }

        if (!element.TryGetDouble(out var value) || double.IsInfinity(value))
        {
            throw new OtException($"{where} is {what} of {raw}, which is too large; counts must be at most {int.MaxValue}.");
        }

        if (value != Math.Floor(value))
        {
            throw new OtException($"{where} is the fraction {raw}; {what} must be a whole number of code points.");
        }

        if (value <= 0)
        {
            throw new OtException($"{where} is {what} of {raw}; {what} must be at least 1 (counts are positive whole numbers of code points).");
        }

        if (value > int.MaxValue)
        {
            throw new OtException($"{where} is {what} of {raw}, which is too large; counts must be at most {int.MaxValue}.");
        }

        return (int)value;
    }

    private static string ReadString(JsonElement element, string where)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // System.Text.Json refuses escaped lone surrogates such as "\ud800".
            throw new OtException($"{where} is a string that is not valid Unicode (an unpaired surrogate escape?); text must be valid Unicode.", e);
        }
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "the number " + element.GetRawText(),
        _ => element.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
