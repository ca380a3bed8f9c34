using System.Security.Claims;
using OgpCoCreate.Security;

namespace OgpCoCreate.Identity;

public static class ActorClaims
{
    /// <summary>The actor grains see: built only from the authenticated principal, never from the request body.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var name = principal.FindFirstValue(OgpClaimsPrincipalFactory.DisplayNameClaim) ?? principal.Identity?.Name ?? id;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        var institutions = principal.FindAll(OgpRoles.InstitutionClaim).Select(c => c.Value).ToHashSet();
        return new Actor(id, name, roles, institutions);
    }
}
