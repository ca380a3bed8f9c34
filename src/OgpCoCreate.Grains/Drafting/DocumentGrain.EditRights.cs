using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Drafting;

/// <summary>
/// Who may change the text, confirmed as the rest of the domain confirms it: focal points against the
/// institutions' lists, forum members against the plan's forum seats — not the claims of a token that may
/// outlive a removal. A decision is kept a few seconds per person, so typing (an op per keystroke) does
/// not ask three grains each time; a removal takes effect within that time.
/// </summary>
public sealed partial class DocumentGrain
{
    private static readonly TimeSpan EditRightsLifetime = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, (bool Allowed, DateTimeOffset At)> editRights = new(StringComparer.Ordinal);

    private async Task RequireEditRights(Actor actor)
    {
        var current = await RequireCommitment();
        if (!await MayEditText(actor, current))
        {
            throw DomainException.Forbidden(!DraftingRules.IsOpenForText(current.Status)
                ? $"This commitment is {current.Status.ToString().ToLowerInvariant()}: its texts can no longer be edited."
                : "Only the secretariat, forum members and the focal points of the lead or supporting institutions can edit this text.");
        }
    }

    private async Task<bool> MayEditText(Actor actor, CommitmentView current)
    {
        if (actor is null || !actor.IsAuthenticated || !DraftingRules.IsOpenForText(current.Status))
        {
            return false;
        }
        if (actor.IsSecretariat)
        {
            return true;
        }
        var now = clock.GetUtcNow();
        if (editRights.TryGetValue(actor.UserId, out var known) && now - known.At < EditRightsLifetime)
        {
            return known.Allowed;
        }
        var confirmed = await GrainFactory.ConfirmAsync(actor, current.Details.SupportingInstitutionIds.Prepend(current.Details.LeadInstitutionId));
        var plan = await GrainFactory.GetGrain<IActionPlanGrain>(current.PlanId).Get();
        var allowed = DraftingRules.CanEditText(confirmed, current, plan);
        editRights[actor.UserId] = (allowed, now);
        return allowed;
    }
}
