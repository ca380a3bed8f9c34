using System.Text.Json;

namespace OgpCoCreate.Traces;

/// <summary>
/// One edit of a trace, <c>[position, deleteCount, insertText]</c> in code points: remove
/// <see cref="DeleteCount"/> code points at <see cref="Position"/>, then insert <see cref="InsertText"/> there.
/// </summary>
public readonly record struct TracePatch(int Position, int DeleteCount, string InsertText)
{
    public static TracePatch FromJson(JsonElement patch) =>
        new(patch[0].GetInt32(), patch[1].GetInt32(), patch[2].GetString()!);

    /// <summary>A txn's <c>patches</c> array.</summary>
    public static TracePatch[] ListFromJson(JsonElement patches)
    {
        var converted = new TracePatch[patches.GetArrayLength()];
        var i = 0;
        foreach (var patch in patches.EnumerateArray())
        {
            converted[i++] = FromJson(patch);
        }

        return converted;
    }
}
