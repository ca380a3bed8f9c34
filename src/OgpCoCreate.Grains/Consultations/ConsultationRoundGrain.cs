using Microsoft.Extensions.Logging;
using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Drafting;
using OgpCoCreate.Institutions;
using OgpCoCreate.Journal;
using OgpCoCreate.Ot;
using OgpCoCreate.Plans;
using OgpCoCreate.Realtime;
using OgpCoCreate.Security;
using static OgpCoCreate.Consultations.ConsultationLimits;

namespace OgpCoCreate.Consultations;

/// <summary>
/// One consultation round. Commands check, in this order: the round exists (404), the actor may do it (403),
/// the version the client read is current (412), the round's status and window allow it (409), the input is
/// valid (400), and the person is within their rate limit (429). Nothing is changed, and nothing journaled,
/// until every check has passed. The public journal records every event with digests instead of what people
/// wrote (so hidden content is never republished), and published responses in full.
/// </summary>
[GrainType("consultation-round")]
public sealed partial class ConsultationRoundGrain(
    [PersistentState("round", "ogp")] IPersistentState<RoundState> state,
    TimeProvider clock,
    ILogger<ConsultationRoundGrain> logger) : Grain, IConsultationRoundGrain
{
    private readonly Dictionary<string, string> html = new(StringComparer.Ordinal);
    private AnchorTracker? anchors;
    private TopicPublisher? publisher;

    private RoundState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    private TopicPublisher Publisher => publisher ??= new TopicPublisher("round:" + Id, logger);

    private AnchorTracker Anchors => anchors ??= new AnchorTracker(GrainFactory);

    private DateTimeOffset Now => clock.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Outbox.Count > 0)
        {
            // A publication whose notifications were not all delivered before the last deactivation.
            this.RegisterGrainTimer(_ => DeliverOutbox(), TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }
        return base.OnActivateAsync(cancellationToken);
    }

    // ---- live topic -------------------------------------------------------------------------------------

    public Task SubscribeTopic(ITopicObserver observer)
    {
        Publisher.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeTopic(ITopicObserver observer)
    {
        Publisher.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    // ---- lifecycle --------------------------------------------------------------------------------------

    public async Task<RoundView> Create(Actor actor, string planId, RoundDefinition definition)
    {
        RequireSecretariat(actor, "Only the secretariat announces consultation rounds.");
        if (S.Created)
        {
            throw DomainException.Conflict($"Round '{Id}' already exists.");
        }
        new Validation().Slug(Id, "id").Slug(planId, "planId").ThrowIfInvalid();
        var plan = await Plan(planId);
        RoundRules.ValidateDefinition(definition, plan, Now);
        var settings = await GrainFactory.GetGrain<IConsultationIndexGrain>(planId).GetSettings();
        S.Created = true;
        S.PlanId = planId;
        Apply(definition);
        S.Status = RoundStatus.Scheduled;
        S.AnnouncedAt = Now;
        await Save(actor, "RoundAnnounced", new { planId, definition, announcedAt = S.AnnouncedAt, settings.NoticeDays });
        return await View(actor);
    }

    public async Task<RoundView?> Get(Actor viewer) => S.Created ? await View(viewer) : null;

    public Task<RoundSummary?> GetSummary() => Task.FromResult(S.Created ? Summary() : null);

    public async Task<RoundView> Update(Actor actor, RoundDefinition definition, int? expectedVersion)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat changes a consultation round.");
        Concurrency.CheckVersion(expectedVersion, S.Version, "The round");
        if (S.Status != RoundStatus.Scheduled)
        {
            throw DomainException.Conflict($"The round is {S.Status}: its definition can be changed only while it is scheduled.");
        }
        RoundRules.ValidateDefinition(definition, await Plan(S.PlanId), Now);
        var before = S.Definition();
        if (Changes.Same(before, definition))
        {
            return await View(actor);
        }
        Apply(definition);
        await Save(actor, "RoundChanged", new { changed = Changes.Between(before, definition), before, after = definition });
        PublishRoundChanged();
        return await View(actor);
    }

    public async Task<RoundView> Open(Actor actor, string? overrideReason)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat opens a consultation round.");
        if (S.Status != RoundStatus.Scheduled)
        {
            throw DomainException.Conflict($"The round is {S.Status}: only a scheduled round can be opened.");
        }
        if (Now >= S.ClosesAt)
        {
            throw DomainException.Conflict($"The round's closing time ({S.ClosesAt:u}) is past: change the dates before opening it.");
        }
        new Validation().Text(overrideReason, "overrideReason", MaxReasonLength, required: false).ThrowIfInvalid();
        var noticeDays = (await GrainFactory.GetGrain<IConsultationIndexGrain>(S.PlanId).GetSettings()).NoticeDays;
        var noticeEnds = S.AnnouncedAt.AddDays(noticeDays);
        NoticeOverride? notice = null;
        if (Now < noticeEnds)
        {
            if (string.IsNullOrWhiteSpace(overrideReason))
            {
                throw DomainException.Conflict(
                    $"The round was announced on {S.AnnouncedAt:yyyy-MM-dd HH:mm} UTC: the plan's notice period of {noticeDays} days ends on {noticeEnds:yyyy-MM-dd HH:mm} UTC. Open it then, or give a reason to open it earlier.",
                    new Dictionary<string, string[]> { ["overrideReason"] = [$"Opening before the {noticeDays}-day notice period is over needs a reason, which is published."] });
            }
            notice = new NoticeOverride(overrideReason.Trim(), RoundRules.PublicName(actor.DisplayName), Now, noticeDays);
        }
        S.Status = RoundStatus.Open;
        S.OpenedAt = Now;
        S.NoticeOverride = notice;
        await Save(actor, "RoundOpened", new { openedAt = S.OpenedAt, noticeDays, noticeEnds, overrideReason = notice?.Reason });
        PublishRoundChanged();
        return await View(actor);
    }

    public async Task<RoundView> Close(Actor actor)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat closes a consultation round.");
        if (S.Status != RoundStatus.Open)
        {
            throw DomainException.Conflict($"The round is {S.Status}: only an open round can be closed.");
        }
        S.Status = RoundStatus.Closed;
        S.ClosedAt = Now;
        await Save(actor, "RoundClosed", new { closedAt = S.ClosedAt, early = S.ClosedAt < S.ClosesAt });
        PublishRoundChanged();
        return await View(actor);
    }

    public async Task<RoundView> MarkAnswered(Actor actor)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat declares a round answered.");
        if (S.Status != RoundStatus.Closed)
        {
            throw DomainException.Conflict(S.Status == RoundStatus.Open
                ? "The round is still open: close it first, then answer every contribution."
                : $"The round is {S.Status}: only a closed round can be marked answered.");
        }
        var unanswered = S.Contributions.Where(c => c.NeedsResponse && !c.IsAnswered).Select(c => c.Id).ToList();
        var drafts = S.Contributions.Where(c => c.Draft is not null).Select(c => c.Id).ToList();
        if (unanswered.Count > 0 || drafts.Count > 0)
        {
            var errors = new Dictionary<string, string[]>();
            if (unanswered.Count > 0)
            {
                errors["unanswered"] = [.. unanswered];
            }
            if (drafts.Count > 0)
            {
                errors["drafts"] = [.. drafts];
            }
            throw DomainException.Conflict(
                (unanswered.Count > 0 ? $"{unanswered.Count} contribution(s) have no published reasoned response yet (Accepted, Partially accepted, Merged or Rejected, with a justification). " : "")
                + (drafts.Count > 0 ? $"{drafts.Count} draft response(s) are not published yet." : ""), errors);
        }
        S.Status = RoundStatus.Answered;
        await Save(actor, "RoundAnswered", new { contributions = S.Contributions.Count(c => c.NeedsResponse) });
        PublishRoundChanged();
        return await View(actor);
    }

    public async Task<RoundView> Publish(Actor actor)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat publishes a round's report.");
        if (S.Status != RoundStatus.Answered)
        {
            throw DomainException.Conflict($"The round is {S.Status}: only an answered round's report can be published.");
        }
        S.Status = RoundStatus.Published;
        await Save(actor, "RoundPublished", new { counts = Counts() });
        PublishRoundChanged();
        return await View(actor);
    }

    // ---- contributions ----------------------------------------------------------------------------------

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

    // ---- responses --------------------------------------------------------------------------------------

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

    public async Task<RoundReport> GetReport(Actor viewer)
    {
        RequireCreated();
        // The report is the public record: everyone gets the public view, whoever asks.
        var contributions = await ViewMany(S.Contributions, Anonymous);
        return new RoundReport(Summary(), S.Rules, Counts(), contributions, Now);
    }

    // ---- views ------------------------------------------------------------------------------------------

    private static Actor Anonymous { get; } = new("", "", new HashSet<string>(), new HashSet<string>());

    private async Task<RoundView> View(Actor viewer)
    {
        var contributions = await ViewMany(S.Contributions, viewer);
        var accepting = RoundRules.AcceptsContributions(S.Status, S.OpenedAt, S.ClosesAt, Now);
        var capabilities = new RoundCapabilities(
            Contribute: viewer.IsAuthenticated && accepting,
            Moderate: RoundRules.IsModerator(viewer),
            Respond: RoundRules.MayRespond(viewer) && RoundRules.AcceptsResponses(S.Status),
            PublishResponses: viewer.IsAuthenticated && viewer.IsSecretariat && RoundRules.AcceptsResponses(S.Status),
            Manage: viewer.IsAuthenticated && viewer.IsSecretariat);
        var noticeDays = (await GrainFactory.GetGrain<IConsultationIndexGrain>(S.PlanId).GetSettings()).NoticeDays;
        return new RoundView(Id, S.PlanId, S.Definition(), S.Status, S.AnnouncedAt, S.OpenedAt, S.ClosedAt, S.NoticeOverride, accepting,
            contributions, capabilities, S.Version, S.UpdatedAt, noticeDays);
    }

    private RoundSummary Summary() => new(Id, S.PlanId, S.Scope, S.Title, S.Status, S.OpensAt, S.ClosesAt, [.. S.CommitmentIds],
        S.Contributions.Count(c => c.NeedsResponse), S.Contributions.Count(c => c.NeedsResponse && c.IsAnswered),
        RoundRules.AcceptsContributions(S.Status, S.OpenedAt, S.ClosesAt, Now));

    private RoundCounts Counts()
    {
        var main = S.Contributions.Where(c => c.Kind != ContributionKind.Reply).ToList();
        var visible = main.Where(c => !c.Hidden).ToList();
        static Dictionary<string, int> By(IEnumerable<ContributionRecord> items, Func<ContributionRecord, string?> key) =>
            items.GroupBy(c => key(c) ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new RoundCounts(
            main.Count,
            main.Count(c => c.Hidden),
            S.Contributions.Count(c => c.Kind == ContributionKind.Reply),
            Enum.GetValues<ResponseStatus>().ToDictionary(s => s.ToString(), s => visible.Count(c => c.Status == s)),
            By(visible, c => c.AxisId),
            By(visible, c => c.InstitutionId),
            By(visible, c => c.CommitmentId));
    }

    private async Task<ContributionView> ViewOne(ContributionRecord c, Actor viewer) =>
        (await ViewMany([c], viewer))[0];

    private async Task<IReadOnlyList<ContributionView>> ViewMany(IReadOnlyList<ContributionRecord> items, Actor viewer)
    {
        var moderator = RoundRules.IsModerator(viewer);
        var responder = RoundRules.MayRespond(viewer);
        var anchored = items.Where(c => c.Anchor is not null).Select(c => (c.Id, c.Anchor!)).ToList();
        IReadOnlyDictionary<string, AnchorPosition> positions = new Dictionary<string, AnchorPosition>();
        if (anchored.Count > 0)
        {
            var failures = new List<(string DocumentId, Exception Error)>();
            positions = await Anchors.ResolveAsync(anchored, failures);
            foreach (var (documentId, error) in failures)
            {
                LogAnchorsFailed(logger, Id, documentId, error);
            }
        }
        return [.. items.Select(c => Project(c, viewer, moderator, responder, positions.GetValueOrDefault(c.Id)))];
    }

    private ContributionView Project(ContributionRecord c, Actor viewer, bool moderator, bool responder, AnchorPosition? position)
    {
        var mine = viewer.IsAuthenticated && c.AuthorId == viewer.UserId;
        var showContent = !c.Hidden || moderator || mine;
        return new ContributionView(
            c.Id, Id, c.Kind, c.ParentId,
            showContent ? c.AuthorName : "",
            c.At,
            showContent ? c.Title : null,
            showContent ? c.Body : null,
            showContent ? Html(c) : null,
            c.AxisId, c.InstitutionId, c.CommitmentId, c.Anchor, position,
            c.Supporters.Count,
            viewer.IsAuthenticated && c.Supporters.Contains(viewer.UserId),
            mine,
            c.Hidden,
            c.Status,
            c.Response?.View(),
            responder ? c.Draft?.View() : null,
            moderator ? new ModerationView([.. c.Reports.Where(r => !r.Dismissed).Select(r => new ReportView(r.ByName, r.Reason, r.At))], c.HiddenReason, c.HiddenByName, c.HiddenAt) : null,
            c.NeedsResponse);
    }

    private string Html(ContributionRecord c)
    {
        if (!html.TryGetValue(c.Id, out var rendered))
        {
            html[c.Id] = rendered = SafeMarkdown.ToHtml(c.Body);
        }
        return rendered;
    }

    private static string Excerpt(ContributionRecord c)
    {
        var text = (c.Title ?? c.Body).ReplaceLineEndings(" ").Trim();
        return text.Length <= 140 ? text : text[..140] + "…";
    }

    // ---- checks -----------------------------------------------------------------------------------------

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

    private ContributionRecord Find(string contributionId) =>
        S.Contributions.FirstOrDefault(c => c.Id == contributionId)
        ?? throw DomainException.NotFound($"There is no contribution '{contributionId}' in round '{Id}'.");

    private async Task<PlanView> Plan(string planId) =>
        await GrainFactory.GetGrain<IActionPlanGrain>(planId).Get()
        ?? throw DomainException.Invalid(new Dictionary<string, string[]> { ["planId"] = [$"There is no plan '{planId}'."] });

    private void RequireCreated()
    {
        if (!S.Created)
        {
            throw DomainException.NotFound($"There is no consultation round '{Id}'.");
        }
    }

    private void RequireNotPublished()
    {
        if (S.Status == RoundStatus.Published)
        {
            throw DomainException.Conflict("The round's report is published: moderation is closed.");
        }
    }

    private static void RequireAuthenticated(Actor actor)
    {
        if (actor is null || !actor.IsAuthenticated)
        {
            throw DomainException.Forbidden("Sign in first.");
        }
    }

    private static void RequireSecretariat(Actor actor, string message)
    {
        RequireAuthenticated(actor);
        if (!actor.IsSecretariat)
        {
            throw DomainException.Forbidden(message);
        }
    }

    private static void RequireModerator(Actor actor)
    {
        RequireAuthenticated(actor);
        if (!RoundRules.IsModerator(actor))
        {
            throw DomainException.Forbidden("Only moderators (the secretariat and forum members) can do this.");
        }
    }

    // ---- persistence and delivery -----------------------------------------------------------------------

    private void Apply(RoundDefinition d)
    {
        S.Scope = d.Scope;
        S.Title = d.Title;
        S.Rules = d.Rules;
        S.OpensAt = d.OpensAt;
        S.ClosesAt = d.ClosesAt;
        S.CommitmentIds = [.. d.CommitmentIds];
    }

    private async Task Save(Actor actor, string eventType, object payload)
    {
        S.Version++;
        S.UpdatedAt = Now;
        S.Record(actor with { DisplayName = RoundRules.PublicName(actor.DisplayName) }, eventType, payload, clock);
        await state.CommitAsync();
    }

    private void PublishRoundChanged() => Publisher.Publish("RoundChanged", new { roundId = Id, summary = Summary() });

    /// <summary>
    /// Delivers the notifications of a publication to the authors' notifications (the approvals feature's
    /// <see cref="INotificationsGrain"/>, one inbox per person, live on <c>inbox:{userId}</c>). They were committed with the
    /// publication; each one leaves the outbox once its inbox has stored it (delivery is idempotent by id),
    /// so a failure only delays it to the next publication or activation.
    /// </summary>
    private async Task DeliverOutbox()
    {
        if (S.Outbox.Count == 0)
        {
            return;
        }
        var delivered = new List<PendingNotification>();
        foreach (var pending in S.Outbox.ToList())
        {
            try
            {
                await GrainFactory.GetGrain<INotificationsGrain>(pending.UserId).Add(pending.Notification);
                delivered.Add(pending);
            }
            catch (Exception e)
            {
                LogNotifyFailed(logger, Id, pending.UserId, e);
            }
        }
        if (delivered.Count > 0)
        {
            S.Outbox.RemoveAll(delivered.Contains);
            try
            {
                await state.CommitAsync();
            }
            catch (Exception e)
            {
                // Delivered again later: the inbox ignores a notification id it already has.
                LogNotifyFailed(logger, Id, "(outbox)", e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Round {RoundId}: could not place anchors of {DocumentId}")]
    private static partial void LogAnchorsFailed(ILogger logger, string roundId, string documentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Round {RoundId}: could not notify {UserId}")]
    private static partial void LogNotifyFailed(ILogger logger, string roundId, string userId, Exception exception);
}
