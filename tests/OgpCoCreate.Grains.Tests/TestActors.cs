using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests;

public static class TestActors
{
    public static Actor Secretariat { get; } = new("u-sec", "Secretariat", new HashSet<string> { OgpRoles.Secretariat }, new HashSet<string>());
    public static Actor Participant { get; } = new("u-part", "Participant", new HashSet<string> { OgpRoles.Participant }, new HashSet<string>());
    public static Actor MsfMember { get; } = new("u-msf", "Forum member", new HashSet<string> { OgpRoles.MsfMember }, new HashSet<string>());

    public static Actor FocalPointOf(string institution) =>
        new($"u-fp-{institution}", $"Focal point {institution}", new HashSet<string> { OgpRoles.FocalPoint }, new HashSet<string> { institution });
}
