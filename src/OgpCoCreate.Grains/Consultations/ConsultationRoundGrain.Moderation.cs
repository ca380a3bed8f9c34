using OgpCoCreate.Approvals;
using OgpCoCreate.Common;
using OgpCoCreate.Security;
using static OgpCoCreate.Consultations.ConsultationLimits;

namespace OgpCoCreate.Consultations;

/// <summary>Moderation by the secretariat and forum members: hide and restore with a reason, dismiss reports, the queue.</summary>
public sealed partial class ConsultationRoundGrain
{
    public async Task<ContributionView> Hide(Actor actor, string contributionId, string reason)
    {
        RequireCreated();
        RequireModerator(actor);
        var c = Find(contributionId);
        if (c.Hidden)
        {
            throw DomainException.Conflict("This contribution is already hidden.");
        }
        RequireNotPublished();
        RoundRules.ValidateReason(reason);
        c.Hidden = true;
        c.HiddenReason = reason.Trim();
        c.HiddenById = actor.UserId;
        c.HiddenByName = RoundRules.PublicName(actor.DisplayName);
        c.HiddenAt = Now;
        c.Draft = null;
        foreach (var r in c.Reports)
        {
            r.Dismissed = true;
        }
        await Save(actor, "ContributionHidden", new { id = c.Id, reasonSha256 = RoundRules.Digest(reason) });
        Publisher.Publish("ContributionHidden", new { roundId = Id, contributionId = c.Id });
        return await ViewOne(c, actor);
    }

    public async Task<ContributionView> Restore(Actor actor, string contributionId, string reason)
    {
        RequireCreated();
        RequireModerator(actor);
        var c = Find(contributionId);
        if (!c.Hidden)
        {
            throw DomainException.Conflict("This contribution is not hidden.");
        }
        RequireNotPublished();
        RoundRules.ValidateReason(reason);
        c.Hidden = false;
        c.HiddenReason = null;
        c.HiddenById = null;
        c.HiddenByName = null;
        c.HiddenAt = null;
        await Save(actor, "ContributionRestored", new { id = c.Id, reasonSha256 = RoundRules.Digest(reason) });
        Publisher.Publish("ContributionRestored", new { roundId = Id, contribution = await ViewOne(c, Anonymous) });
        return await ViewOne(c, actor);
    }

    public async Task<ContributionView> DismissReports(Actor actor, string contributionId)
    {
        RequireCreated();
        RequireModerator(actor);
        var c = Find(contributionId);
        var open = c.Reports.Where(r => !r.Dismissed).ToList();
        if (open.Count == 0)
        {
            throw DomainException.Conflict("This contribution has no report to dismiss.");
        }
        foreach (var r in open)
        {
            r.Dismissed = true;
        }
        await Save(actor, "ReportsDismissed", new { id = c.Id, reports = open.Count });
        return await ViewOne(c, actor);
    }

    public async Task<IReadOnlyList<ContributionView>> GetModerationQueue(Actor actor)
    {
        RequireCreated();
        RequireModerator(actor);
        var queue = S.Contributions.Where(c => c.Hidden || c.Reports.Any(r => !r.Dismissed))
            .OrderByDescending(c => c.Hidden ? 0 : 1)
            .ThenByDescending(c => c.Reports.Count(r => !r.Dismissed))
            .ThenBy(c => c.At)
            .ToList();
        return await ViewMany(queue, actor);
    }

    private static void RequireModerator(Actor actor)
    {
        RequireAuthenticated(actor);
        if (!RoundRules.IsModerator(actor))
        {
            throw DomainException.Forbidden("Only moderators (the secretariat and forum members) can do this.");
        }
    }
}
