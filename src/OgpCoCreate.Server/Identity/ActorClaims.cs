using System.Security.Claims;
using OgpCoCreate.Security;

namespace OgpCoCreate.Identity;

public static class ActorClaims
{
    /// <summary>The actor grains see: built only from the authenticated principal, never from the request body.</summary>
    public static Actor ToActor(this ClaimsPrincipal principal)
    {
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        // Not Identity.Name: that is the e-mail, and actor names end up in the public journal.
        var name = principal.FindFirstValue(OgpClaimsPrincipalFactory.DisplayNameClaim) ?? id;
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet();
        var institutions = principal.FindAll(OgpRoles.InstitutionClaim).Select(c => c.Value).ToHashSet();
        return new Actor(id, name, roles, institutions);
    }
}
