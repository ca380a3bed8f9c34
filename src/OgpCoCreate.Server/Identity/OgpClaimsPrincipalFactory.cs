using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OgpCoCreate.Identity;

/// <summary>Adds the display name to the principal so grains can journal a readable actor name.</summary>
public sealed class OgpClaimsPrincipalFactory(UserManager<OgpUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<OgpUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "ogp:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(OgpUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        // Never fall back to the e-mail: the display name is journaled and the journal is public.
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? $"user-{user.Id[..Math.Min(8, user.Id.Length)]}" : user.DisplayName));
        return identity;
    }
}
