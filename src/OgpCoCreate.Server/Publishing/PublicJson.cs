using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace OgpCoCreate.Publishing;

/// <summary>How public data is serialized: camelCase, enums as names, Arabic and French left readable (not \u-escaped).</summary>
public static class PublicJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>For downloads people open in an editor.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            // Served as application/json with nosniff, never inlined in HTML: quotes, ampersands and Arabic stay readable.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>The last line of defence for names shown publicly: a name that looks like an e-mail address keeps only its local part.</summary>
public static partial class PublicNames
{
    public static string Mask(string? name) => string.IsNullOrEmpty(name) ? name ?? "" : EmailLike().Replace(name, m => m.Groups[1].Value);

    public static string? MaskOrNull(string? name) => name is null ? null : Mask(name);

    public static bool LooksLikeEmail(string? text) => !string.IsNullOrEmpty(text) && EmailLike().IsMatch(text);

    [GeneratedRegex(@"([^\s@<>()""',;:]+)@[^\s@<>()""',;:]+\.[^\s@<>()""',;:]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLike();
}
