using System.Text.Json;

namespace OgpCoCreate.Journal;

/// <summary>
/// What changed between two versions of a record, for the journal's "what changed" and to recognise a
/// command that changes nothing. Compared as JSON, the form the journal and the storage keep: records holding
/// lists compare by reference in C#, which would see a change in every edit.
/// </summary>
public static class Changes
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The camelCase names of the top-level properties whose values differ.</summary>
    public static IReadOnlyList<string> Between<T>(T before, T after)
        where T : class
    {
        var old = JsonSerializer.SerializeToElement(before, Options);
        var @new = JsonSerializer.SerializeToElement(after, Options);
        return [.. @new.EnumerateObject()
            .Where(p => !old.TryGetProperty(p.Name, out var previous) || !JsonElement.DeepEquals(previous, p.Value))
            .Select(p => p.Name)];
    }

    public static bool Same<T>(T a, T b) =>
        JsonElement.DeepEquals(JsonSerializer.SerializeToElement(a, Options), JsonSerializer.SerializeToElement(b, Options));
}
