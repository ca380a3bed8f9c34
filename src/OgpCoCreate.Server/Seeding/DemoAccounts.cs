using OgpCoCreate.Security;

namespace OgpCoCreate.Seeding;

public sealed record DemoAccount(string Email, string DisplayName, string Language, IReadOnlyList<string> Roles, IReadOnlyList<string> Institutions);

/// <summary>The documented demo accounts (README), one per role. Demo data only.</summary>
public static class DemoAccounts
{
    public static IReadOnlyList<DemoAccount> All { get; } =
    [
        new("secretariat@ogp.local", "Secrétariat PGO (Unité de l'administration électronique)", "fr", [OgpRoles.Secretariat], []),
        new("focal.finance@ogp.local", "Point focal — Ministère des Finances", "fr", [OgpRoles.FocalPoint], ["finance"]),
        new("focal.inai@ogp.local", "نقطة الاتصال — هيئة النفاذ إلى المعلومة", "ar", [OgpRoles.FocalPoint], ["inai"]),
        new("focal.egov@ogp.local", "Focal point — E-Government Unit", "en", [OgpRoles.FocalPoint], ["egov"]),
        new("msf.gov@ogp.local", "Co-président gouvernemental du comité mixte", "fr", [OgpRoles.MsfMember], []),
        new("msf.cso@ogp.local", "Co-présidente société civile du comité mixte", "fr", [OgpRoles.MsfMember], []),
        new("participant@ogp.local", "مواطنة مشاركة", "ar", [OgpRoles.Participant], []),
    ];
}
