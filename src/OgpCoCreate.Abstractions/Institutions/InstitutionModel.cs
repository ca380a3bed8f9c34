using OgpCoCreate.Common;

namespace OgpCoCreate.Institutions;

public enum InstitutionKind
{
    Ministry,
    IndependentAuthority,
    Cso,
    Municipality,
    Parliament,
    Other,
}

[GenerateSerializer, Immutable, Alias("ogp.InstitutionDefinition")]
public sealed record InstitutionDefinition(
    [property: Id(0)] LocalizedText Name,
    [property: Id(1)] InstitutionKind Kind,
    [property: Id(2)] string? Acronym);

[GenerateSerializer, Immutable, Alias("ogp.InstitutionView")]
public sealed record InstitutionView(
    [property: Id(0)] string Id,
    [property: Id(1)] LocalizedText Name,
    [property: Id(2)] InstitutionKind Kind,
    [property: Id(3)] string? Acronym,
    [property: Id(4)] IReadOnlyList<string> FocalPoints,
    [property: Id(5)] IReadOnlyList<string> Alternates,
    [property: Id(6)] IReadOnlyList<string> Leads,
    [property: Id(7)] IReadOnlyList<string> Supports,
    [property: Id(8)] int Version,
    [property: Id(9)] DateTimeOffset UpdatedAt)
{
    /// <summary>Focal points and alternates alike act for the institution.</summary>
    public bool Lists(string userId) =>
        !string.IsNullOrEmpty(userId) && (FocalPoints.Contains(userId) || Alternates.Contains(userId));
}
