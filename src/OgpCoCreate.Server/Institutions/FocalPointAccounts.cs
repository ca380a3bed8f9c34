using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using OgpCoCreate.Identity;
using OgpCoCreate.Security;

namespace OgpCoCreate.Institutions;

/// <summary>
/// Mirrors an institution's focal points and alternates (the grain, the source of truth) into Identity: each
/// listed account carries the <c>ogp:institution</c> claim and the FocalPoint role, which its tokens and
/// cookies get at the next sign-in or refresh. Accounts no longer listed lose the claim (and the role when
/// they are bound to no institution any more) and their security stamp changes, which ends their cookie and
/// refresh-token sessions. Their current access token keeps the claim until it expires, but the grains
/// already refuse them: a focal point acts only while the institution lists it.
/// </summary>
public sealed class FocalPointAccounts(UserManager<OgpUser> users)
{
    /// <summary>Idempotent: reconciles against everyone holding the claim, so a retry repairs a half-done run.</summary>
    public async Task MirrorAsync(InstitutionView institution)
    {
        var claim = new Claim(OgpRoles.InstitutionClaim, institution.Id);
        var listed = institution.FocalPoints.Concat(institution.Alternates).ToHashSet();
        foreach (var user in await users.GetUsersForClaimAsync(claim))
        {
            if (!listed.Contains(user.Id))
            {
                await Unbind(user, claim);
            }
        }
        foreach (var userId in listed)
        {
            if (await users.FindByIdAsync(userId) is { } user)
            {
                await Bind(user, claim);
            }
        }
    }

    private async Task Bind(OgpUser user, Claim claim)
    {
        var claims = await users.GetClaimsAsync(user);
        if (!claims.Any(c => c.Type == claim.Type && c.Value == claim.Value))
        {
            Check(await users.AddClaimAsync(user, claim));
        }
        if (!await users.IsInRoleAsync(user, OgpRoles.FocalPoint))
        {
            Check(await users.AddToRoleAsync(user, OgpRoles.FocalPoint));
        }
    }

    private async Task Unbind(OgpUser user, Claim claim)
    {
        var held = (await users.GetClaimsAsync(user)).Where(c => c.Type == claim.Type).ToList();
        foreach (var c in held.Where(c => c.Value == claim.Value))
        {
            Check(await users.RemoveClaimAsync(user, c));
        }
        if (held.All(c => c.Value == claim.Value) && await users.IsInRoleAsync(user, OgpRoles.FocalPoint))
        {
            Check(await users.RemoveFromRoleAsync(user, OgpRoles.FocalPoint));
        }
        Check(await users.UpdateSecurityStampAsync(user));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not update the focal point's account: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
