using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace OgpCoCreate.Publishing;

/// <summary>
/// The UI's words in one language, read from the same dictionaries as the pages (<c>wwwroot/i18n/{lang}.json</c>,
/// checked by <c>npm run check-i18n</c>): the DOCX and the print view say exactly what the pages say.
/// A missing key shows as the key itself, visibly, as on the pages.
/// </summary>
public sealed class PublishingLabels
{
    public static IReadOnlyList<string> Languages { get; } = ["ar", "fr", "en"];

    private static readonly Dictionary<string, string> Locales = new() { ["ar"] = "ar-TN", ["fr"] = "fr-TN", ["en"] = "en-GB" };

    private readonly IReadOnlyDictionary<string, string> words;

    public PublishingLabels(string language, IReadOnlyDictionary<string, string> words)
    {
        Language = language;
        this.words = words;
        Culture = CultureInfo.GetCultureInfo(Locales[language]);
    }

    public string Language { get; }

    public bool RightToLeft => Language == "ar";

    public CultureInfo Culture { get; }

    public string this[string key] => words.TryGetValue(key, out var text) ? text : key;

    /// <summary>The label of a key with {placeholders} filled in.</summary>
    public string Format(string key, params (string Name, object? Value)[] values)
    {
        var text = this[key];
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", Convert.ToString(value, Culture), StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>The label of an enum value in one of the pages' groups (<c>commitmentStatus.Approved</c>), or the value itself.</summary>
    public string Enum(string group, string? value) =>
        value is null ? "" : words.TryGetValue($"{group}.{value}", out var text) ? text : value;

    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public string Period(DateOnly start, DateOnly end) => $"{Date(start)} – {Date(end)}";

    /// <summary>An instant as a UTC date and time.</summary>
    public string Instant(DateTimeOffset at) =>
        at.UtcDateTime.ToString("d MMMM yyyy", Culture) + (RightToLeft ? "، " : ", ") + at.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC";

    public string Number(long n) => n.ToString("N0", Culture);

    public string YesNo(bool value) => this[value ? "publishing.doc.yes" : "publishing.doc.no"];

    /// <summary>Flattens a dictionary file into dotted keys (plural groups give <c>key.one</c>, <c>key.other</c>…).</summary>
    public static Dictionary<string, string> Flatten(JsonElement root)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonElement node, string prefix)
        {
            foreach (var property in node.EnumerateObject())
            {
                var name = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                if (property.Value.ValueKind == JsonValueKind.Object)
                {
                    Walk(property.Value, name);
                }
                else if (property.Value.ValueKind == JsonValueKind.String)
                {
                    result[name] = property.Value.GetString()!;
                }
            }
        }
        Walk(root, "");
        return result;
    }
}

/// <summary>Loads <see cref="PublishingLabels"/> from the web root, re-reading a dictionary when its file changes.</summary>
public sealed class PublishingLabelsProvider(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Modified, long Length, PublishingLabels Labels)> cache = new();

    /// <summary>ar, fr or en; anything else is null (the caller answers 400).</summary>
    public static string? Normalize(string? language) =>
        string.IsNullOrWhiteSpace(language) ? "fr" : PublishingLabels.Languages.FirstOrDefault(l => l == language.Trim().ToLowerInvariant());

    public PublishingLabels For(string language)
    {
        var file = environment.WebRootFileProvider.GetFileInfo($"i18n/{language}.json");
        if (!file.Exists)
        {
            return new PublishingLabels(language, new Dictionary<string, string>());
        }
        if (cache.TryGetValue(language, out var cached) && cached.Modified == file.LastModified && cached.Length == file.Length)
        {
            return cached.Labels;
        }
        using var stream = file.CreateReadStream();
        using var document = JsonDocument.Parse(stream);
        var labels = new PublishingLabels(language, PublishingLabels.Flatten(document.RootElement));
        cache[language] = (file.LastModified, file.Length, labels);
        return labels;
    }
}
