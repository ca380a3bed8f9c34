using Microsoft.AspNetCore.Identity;

namespace OgpCoCreate.Identity;

public sealed class OgpUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>ar, fr or en: the language the UI opens in for this person.</summary>
    public string PreferredLanguage { get; set; } = "fr";
}
