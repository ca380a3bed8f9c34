using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;
using OgpCoCreate.Security;
using static OgpCoCreate.Consultations.ConsultationLimits;

namespace OgpCoCreate.Consultations;

/// <summary>Contributions: ideas, anchored comments and replies (with their references checked), supports and reports.</summary>
public sealed partial class ConsultationRoundGrain
{
    public async Task<ContributionView> Contribute(Actor actor, NewContribution contribution)
    {
        RequireCreated();
        RequireAuthenticated(actor);
        if (!RoundRules.AcceptsContributions(S.Status, S.OpenedAt, S.ClosesAt, Now))
        {
            throw DomainException.Conflict(S.Status switch
            {
                RoundStatus.Scheduled => $"The round is not open yet (it opens on {S.OpensAt:yyyy-MM-dd HH:mm} UTC).",
                RoundStatus.Open => $"The round closed on {S.ClosesAt:yyyy-MM-dd HH:mm} UTC: contributions are no longer accepted.",
                _ => $"The round is {S.Status.ToString().ToLowerInvariant()}: contributions are no longer accepted.",
            });
        }
        if (S.Contributions.Count >= MaxContributionsPerRound)
        {
            throw DomainException.Conflict($"The round has reached its {MaxContributionsPerRound} contributions.");
        }
        RoundRules.ValidateShape(contribution, S.Scope);
        var record = await CheckReferences(contribution);

        var retryAfter = await GrainFactory.GetGrain<IContributorGrain>(actor.UserId).TryTakeSlot();
        if (retryAfter is { } wait)
        {
            throw new DomainException(TooManyRequests,
                $"Too many contributions: at most {ContributionsPerWindow} per minute. Try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds.",
                new Dictionary<string, string[]> { ["retryAfter"] = [((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture)] });
        }

        record.Id = $"c{S.NextNumber}";
        record.AuthorId = actor.UserId;
        record.AuthorName = RoundRules.PublicName(actor.DisplayName);
        record.At = Now;
        S.NextNumber++;
        S.Contributions.Add(record);
        var a = record.Anchor;
        await Save(actor, "ContributionPosted", new
        {
            id = record.Id,
            kind = record.Kind,
            parentId = record.ParentId,
            axisId = record.AxisId,
            institutionId = record.InstitutionId,
            commitmentId = record.CommitmentId,
            anchor = a is null ? null : new { a.DocumentId, a.Version, a.Start, a.End, quoteSha256 = RoundRules.Digest(a.Quote) },
            contentSha256 = RoundRules.Digest(record.Title, record.Body),
            length = record.Body.Length,
        });

        var publicView = await ViewOne(record, Anonymous);
        Publisher.Publish(record.Kind == ContributionKind.Reply ? "ReplyAdded" : "ContributionAdded", new { roundId = Id, contribution = publicView });
        return await ViewOne(record, actor);
    }

    public async Task<ContributionView> Support(Actor actor, string contributionId)
    {
        RequireCreated();
        RequireAuthenticated(actor);
        var c = Find(contributionId);
        if (!RoundRules.AcceptsContributions(S.Status, S.OpenedAt, S.ClosesAt, Now))
        {
            throw DomainException.Conflict("The round is not open: supports are counted only while it is open.");
        }
        if (c.Hidden)
        {
            throw DomainException.Conflict("This contribution was hidden by the moderators: it cannot be supported.");
        }
        if (c.Supporters.Contains(actor.UserId))
        {
            throw DomainException.Conflict("You already support this contribution: each person counts once.");
        }
        c.Supporters.Add(actor.UserId);
        await Save(actor, "ContributionSupported", new { id = c.Id, supports = c.Supporters.Count });
        Publisher.Publish("SupportChanged", new { roundId = Id, contributionId = c.Id, supports = c.Supporters.Count });
        return await ViewOne(c, actor);
    }

    public async Task<ContributionView> Report(Actor actor, string contributionId, string reason)
    {
        RequireCreated();
        RequireAuthenticated(actor);
        var c = Find(contributionId);
        if (S.Status == RoundStatus.Published)
        {
            throw DomainException.Conflict("The round's report is published: the moderators no longer review it.");
        }
        if (c.Reports.Any(r => r.ById == actor.UserId && !r.Dismissed))
        {
            throw DomainException.Conflict("You already reported this contribution; the moderators will look at it.");
        }
        RoundRules.ValidateReason(reason);
        c.Reports.Add(new ReportRecord { ById = actor.UserId, ByName = RoundRules.PublicName(actor.DisplayName), Reason = reason.Trim(), At = Now });
        await Save(actor, "ContributionReported", new { id = c.Id, reasonSha256 = RoundRules.Digest(reason) });
        return await ViewOne(c, actor);
    }

    private async Task<ContributionRecord> CheckReferences(NewContribution c)
    {
        var v = new Validation();
        var record = new ContributionRecord { Kind = c.Kind, Body = c.Body!, Title = c.Title?.Trim() };
        switch (c.Kind)
        {
            case ContributionKind.Idea:
            {
                var plan = await Plan(S.PlanId);
                v.Require(plan.Axes.Any(a => a.Id == c.AxisId), "axisId", $"'{c.AxisId}' is not an axis of plan '{plan.Id}'.");
                if (!string.IsNullOrWhiteSpace(c.InstitutionId))
                {
                    v.Require(plan.InstitutionIds.Contains(c.InstitutionId), "institutionId", $"'{c.InstitutionId}' is not an institution of plan '{plan.Id}'.");
                }
                record.AxisId = c.AxisId;
                record.InstitutionId = string.IsNullOrWhiteSpace(c.InstitutionId) ? null : c.InstitutionId;
                break;
            }
            case ContributionKind.Comment:
            {
                var commitmentId = c.Anchor is { } a ? DraftingRules.ParseDocumentId(a.DocumentId)!.Value.CommitmentId : c.CommitmentId!;
                if (!S.CommitmentIds.Contains(commitmentId))
                {
                    v.Require(false, c.Anchor is null ? "commitmentId" : "anchor.documentId", $"Commitment '{commitmentId}' is not consulted on in this round.");
                    break;
                }
                var commitment = await GrainFactory.GetGrain<ICommitmentGrain>(commitmentId).Get();
                record.CommitmentId = commitmentId;
                record.AxisId = commitment?.Details.AxisId;
                record.InstitutionId = commitment?.Details.LeadInstitutionId;
                if (c.Anchor is { } anchor)
                {
                    await CheckAnchor(v, anchor);
                    record.Anchor = anchor;
                }
                break;
            }
            case ContributionKind.Reply:
            {
                var parent = S.Contributions.FirstOrDefault(p => p.Id == c.ParentId);
                if (parent is null)
                {
                    v.Require(false, "parentId", $"There is no contribution '{c.ParentId}' in this round.");
                    break;
                }
                v.Require(!parent.Hidden, "parentId", "That contribution was hidden by the moderators: it takes no replies.")
                    .Require(parent.Depth + 1 <= MaxReplyDepth, "parentId", $"Threads go at most {MaxReplyDepth} replies deep: reply higher up.");
                record.ParentId = parent.Id;
                record.Depth = parent.Depth + 1;
                record.AxisId = parent.AxisId;
                record.InstitutionId = parent.InstitutionId;
                record.CommitmentId = parent.CommitmentId;
                break;
            }
        }
        v.ThrowIfInvalid();
        return record;
    }

    /// <summary>The anchor must be a real passage of that version: inside the text, and quoting it exactly.</summary>
    private async Task CheckAnchor(Validation v, TextAnchor anchor)
    {
        DocumentSnapshot snapshot;
        try
        {
            snapshot = await GrainFactory.GetGrain<IDocumentGrain>(anchor.DocumentId).GetTextAt(anchor.Version);
        }
        catch (DomainException e) when (e.Kind is DomainErrorKind.Invalid or DomainErrorKind.NotFound)
        {
            v.Require(false, "anchor.version", e.Message);
            return;
        }
        var text = new CodePointBuffer(snapshot.Text);
        var length = text.Length;
        if (anchor.End > length)
        {
            v.Require(false, "anchor.end", $"The passage [{anchor.Start}, {anchor.End}) is outside the text, which has {length} characters at version {anchor.Version}.");
            return;
        }
        var slice = text.Substring(anchor.Start, anchor.End - anchor.Start);
        v.Require(string.Equals(slice, anchor.Quote, StringComparison.Ordinal), "anchor.quote",
            $"The quote does not match the text at version {anchor.Version} between {anchor.Start} and {anchor.End}.");
    }
}
