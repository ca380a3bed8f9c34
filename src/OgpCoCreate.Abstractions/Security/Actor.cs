namespace OgpCoCreate.Security;

/// <summary>
/// The authenticated person on whose behalf a grain call is made. Built by the server from the signed-in
/// principal (never from request bodies), and checked again by the grains: defence in depth.
/// </summary>
[GenerateSerializer, Immutable, Alias("ogp.Actor")]
public sealed record Actor(
    [property: Id(0)] string UserId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] IReadOnlySet<string> Roles,
    [property: Id(3)] IReadOnlySet<string> Institutions)
{
    /// <summary>The system itself (seeding, reminders, migrations).</summary>
    public static Actor System { get; } = new("system", "OgpCoCreate", new HashSet<string> { OgpRoles.Admin }, new HashSet<string>());

    public bool IsAdmin => Roles.Contains(OgpRoles.Admin);
    public bool IsSecretariat => IsAdmin || Roles.Contains(OgpRoles.Secretariat);
    public bool IsMsfMember => Roles.Contains(OgpRoles.MsfMember);
    public bool IsFocalPointOf(string institutionId) => Roles.Contains(OgpRoles.FocalPoint) && Institutions.Contains(institutionId);
    public bool IsAuthenticated => !string.IsNullOrEmpty(UserId);
}
