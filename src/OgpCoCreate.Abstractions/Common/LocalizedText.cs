namespace OgpCoCreate.Common;

/// <summary>A name or short text in the platform's three languages (Arabic, French, English).</summary>
[GenerateSerializer, Immutable, Alias("ogp.LocalizedText")]
public sealed record LocalizedText(
    [property: Id(0)] string Ar,
    [property: Id(1)] string Fr,
    [property: Id(2)] string En)
{
    public string For(string language) => language switch
    {
        "ar" => Ar,
        "fr" => Fr,
        _ => En,
    };

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsComplete => !string.IsNullOrWhiteSpace(Ar) && !string.IsNullOrWhiteSpace(Fr) && !string.IsNullOrWhiteSpace(En);
}
