using OgpCoCreate.Common;

namespace OgpCoCreate.Institutions;

public static class InstitutionRules
{
    public const int MaxFocalPoints = 10;
    public const int MaxAlternates = 10;

    public static void Validate(InstitutionDefinition? d)
    {
        var v = new Validation();
        if (d is null)
        {
            v.Require(false, "definition", "This field is required.").ThrowIfInvalid();
            return;
        }
        v.Localized(d.Name, "name", 300)
            .Text(d.Acronym, "acronym", 40, required: false)
            .Require(Enum.IsDefined(d.Kind), "kind", $"One of {string.Join(", ", Enum.GetNames<InstitutionKind>())}.")
            .ThrowIfInvalid();
    }

    /// <summary>A blank acronym is no acronym.</summary>
    public static InstitutionDefinition Normalize(InstitutionDefinition d) =>
        string.IsNullOrWhiteSpace(d.Acronym) ? d with { Acronym = null } : d;

    /// <summary>One person holds one seat: focal point or alternate, never both, never twice.</summary>
    public static void ValidateFocalPoints(IReadOnlyList<string>? focalPoints, IReadOnlyList<string>? alternates)
    {
        var v = new Validation().List(focalPoints, "focalPoints", MaxFocalPoints).List(alternates, "alternates", MaxAlternates);
        CheckIds(v, focalPoints ?? [], "focalPoints");
        CheckIds(v, alternates ?? [], "alternates");
        v.Unique((focalPoints ?? []).Concat(alternates ?? []), "alternates", "A person is either a focal point or an alternate, and listed once:");
        v.ThrowIfInvalid();
    }

    private static void CheckIds(Validation v, IReadOnlyList<string> ids, string field)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            v.Require(!string.IsNullOrWhiteSpace(ids[i]) && ids[i].Length <= 450, $"{field}[{i}]", "Give an account id.");
        }
    }
}
