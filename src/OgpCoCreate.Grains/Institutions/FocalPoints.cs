using OgpCoCreate.Security;

namespace OgpCoCreate.Institutions;

public static class FocalPoints
{
    /// <summary>
    /// The actor, keeping only the institutions it really acts for among <paramref name="institutionIds"/>: its
    /// sign-in must carry the institution (the <c>ogp:institution</c> claim) AND the institution must list it
    /// as focal point or alternate now. The claim alone is not enough because a token outlives a removal (up
    /// to its expiry); the grain's list is the truth and takes effect at once.
    /// </summary>
    public static async Task<Actor> ConfirmAsync(this IGrainFactory grains, Actor actor, IEnumerable<string> institutionIds)
    {
        if (!actor.IsAuthenticated || !actor.Roles.Contains(OgpRoles.FocalPoint))
        {
            return actor with { Institutions = new HashSet<string>() };
        }
        var claimed = institutionIds.Where(id => !string.IsNullOrEmpty(id) && actor.Institutions.Contains(id)).Distinct().ToList();
        var views = await Task.WhenAll(claimed.Select(id => grains.GetGrain<IInstitutionGrain>(id).Get()));
        var confirmed = views.OfType<InstitutionView>().Where(v => v.Lists(actor.UserId)).Select(v => v.Id).ToHashSet();
        return actor with { Institutions = confirmed };
    }
}
