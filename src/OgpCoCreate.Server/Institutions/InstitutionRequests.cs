using OgpCoCreate.Common;

namespace OgpCoCreate.Institutions;

/// <summary>Registers an institution (id lower-case, e.g. <c>finance</c>) for a plan.</summary>
public sealed record CreateInstitutionRequest(string? Id, string? PlanId, LocalizedText? Name, InstitutionKind? Kind, string? Acronym);

/// <summary>Names in ar/fr/en, kind and acronym.</summary>
public sealed record UpdateInstitutionRequest(LocalizedText? Name, InstitutionKind? Kind, string? Acronym);

/// <summary>Account ids of the focal points and of their alternates (both act for the institution).</summary>
public sealed record FocalPointsRequest(IReadOnlyList<string>? FocalPoints, IReadOnlyList<string>? Alternates);
