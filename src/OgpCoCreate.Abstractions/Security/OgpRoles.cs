namespace OgpCoCreate.Security;

public static class OgpRoles
{
    public const string Admin = "Admin";
    public const string Secretariat = "Secretariat";
    public const string MsfMember = "MsfMember";
    public const string FocalPoint = "FocalPoint";
    public const string Participant = "Participant";

    public static IReadOnlyList<string> All { get; } = [Admin, Secretariat, MsfMember, FocalPoint, Participant];

    /// <summary>Claim type binding a focal point to an institution id (one claim per institution).</summary>
    public const string InstitutionClaim = "ogp:institution";
}
