using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Security;
using static OgpCoCreate.Consultations.ConsultationLimits;

namespace OgpCoCreate.Consultations;

/// <summary>Reasoned responses: drafted by the responsible institution or the secretariat, published together.</summary>
public sealed partial class ConsultationRoundGrain
{
    public async Task<ContributionView> DraftResponse(Actor actor, string contributionId, ResponseInput response)
    {
        RequireCreated();
        RequireAuthenticated(actor);
        if (!RoundRules.MayRespond(actor))
        {
            throw DomainException.Forbidden("Only the secretariat and the focal points of the institutions concerned answer contributions.");
        }
        var c = Find(contributionId);
        await RequireResponderOf(actor, c);
        if (!RoundRules.AcceptsResponses(S.Status))
        {
            throw DomainException.Conflict(S.Status == RoundStatus.Scheduled
                ? "The round has not opened yet: there is nothing to answer."
                : "The round's report is published: its responses are final.");
        }
        if (!c.NeedsResponse)
        {
            throw DomainException.Conflict(c.Hidden
                ? "This contribution was hidden by the moderators: its moderation reason stands as the answer."
                : "Replies are part of the discussion; answer the idea or comment they belong to.");
        }
        RoundRules.ValidateResponse(response, await Plan(S.PlanId));
        if (response.Status == ResponseStatus.Unanswered)
        {
            if (c.Draft is null)
            {
                return await ViewOne(c, actor);
            }
            c.Draft = null;
            await Save(actor, "ResponseDraftDiscarded", new { id = c.Id });
            return await ViewOne(c, actor);
        }
        c.Draft = new ResponseRecord
        {
            Status = response.Status,
            MergedIntoCommitmentId = response.MergedIntoCommitmentId,
            Justification = string.IsNullOrWhiteSpace(response.Justification) ? null : response.Justification.Trim(),
            ById = actor.UserId,
            ByName = RoundRules.PublicName(actor.DisplayName),
            At = Now,
        };
        // Drafts are work in progress: the public journal records that one was written, not what it says.
        await Save(actor, "ResponseDrafted", new { id = c.Id, status = response.Status, justificationSha256 = RoundRules.Digest(c.Draft.Justification) });
        return await ViewOne(c, actor);
    }

    public async Task<int> PublishResponses(Actor actor)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat publishes the responses.");
        if (!RoundRules.AcceptsResponses(S.Status))
        {
            throw DomainException.Conflict($"The round is {S.Status}: responses can be published from its opening until its report is published.");
        }
        var drafted = S.Contributions.Where(c => c.Draft is not null).ToList();
        if (drafted.Count == 0)
        {
            throw DomainException.Conflict("There is no draft response to publish.");
        }
        S.PublicationCount++;
        var published = new List<object>();
        foreach (var c in drafted)
        {
            var draft = c.Draft!;
            draft.At = Now;
            c.Response = draft;
            c.Draft = null;
            published.Add(new { id = c.Id, status = draft.Status, mergedIntoCommitmentId = draft.MergedIntoCommitmentId, justification = draft.Justification, draftedBy = draft.ByName });
            if (!string.IsNullOrEmpty(c.AuthorId) && c.AuthorId != actor.UserId)
            {
                // Worded by the reader's page from its kind; Text says which contribution and how it was answered.
                S.Outbox.Add(new PendingNotification
                {
                    UserId = c.AuthorId,
                    Notification = new Notification($"{Id}:{c.Id}:{S.PublicationCount}", NotificationKind.ConsultationResponse, Now, c.CommitmentId, null,
                        draft.ByName, $"{Id}/{c.Id} {draft.Status}: {Excerpt(c)}", null, Read: false),
                });
            }
        }
        await Save(actor, "ResponsesPublished", new { publication = S.PublicationCount, responses = published });
        Publisher.Publish("ResponsesPublished", new
        {
            roundId = Id,
            responses = drafted.Select(c => new { contributionId = c.Id, status = c.Status, response = c.Response!.View() }).ToList(),
            summary = Summary(),
        });
        await DeliverOutbox();
        return drafted.Count;
    }

    private async Task RequireResponderOf(Actor actor, ContributionRecord c)
    {
        if (actor.IsSecretariat)
        {
            return;
        }
        var institutions = new List<string>();
        if (c.InstitutionId is not null)
        {
            institutions.Add(c.InstitutionId);
        }
        if (c.CommitmentId is not null && await GrainFactory.GetGrain<ICommitmentGrain>(c.CommitmentId).Get() is { } commitment)
        {
            institutions.Add(commitment.Details.LeadInstitutionId);
            institutions.AddRange(commitment.Details.SupportingInstitutionIds);
        }
        var confirmed = await GrainFactory.ConfirmAsync(actor, institutions);
        if (!institutions.Any(confirmed.IsFocalPointOf))
        {
            throw DomainException.Forbidden(institutions.Count == 0
                ? "This contribution names no institution: the secretariat answers it."
                : "Only the secretariat and the focal points of the institutions this contribution concerns answer it.");
        }
    }
}
