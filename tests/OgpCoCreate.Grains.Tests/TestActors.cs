using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests;

public static class TestActors
{
    public static Actor Secretariat { get; } = Person("u-sec", OgpRoles.Secretariat);
    public static Actor Admin { get; } = Person("u-admin", OgpRoles.Admin);
    public static Actor Participant { get; } = Person("u-part", OgpRoles.Participant);
    public static Actor MsfMember { get; } = Person("u-msf", OgpRoles.MsfMember);

    /// <summary>What the server builds for a request without a sign-in.</summary>
    public static Actor Anonymous { get; } = new("", "", new HashSet<string>(), new HashSet<string>());

    public static Actor FocalPointOf(string institution) => FocalPoint($"u-fp-{institution}", institution);

    public static Actor FocalPoint(string userId, string institution) =>
        new(userId, $"Focal point {institution}", new HashSet<string> { OgpRoles.FocalPoint }, new HashSet<string> { institution });

    public static Actor Person(string userId, params string[] roles) =>
        new(userId, userId, new HashSet<string>(roles), new HashSet<string>());
}
