using Microsoft.Extensions.Logging;
using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Journal;
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

    // ---- responses --------------------------------------------------------------------------------------

    public async Task<RoundReport> GetReport(Actor viewer)
    {
        RequireCreated();
        // The report is the public record: everyone gets the public view, whoever asks.
        var contributions = await ViewMany(S.Contributions, Anonymous);
        return new RoundReport(Summary(), S.Rules, Counts(), contributions, Now);
    }

    // ---- views ------------------------------------------------------------------------------------------

    private static Actor Anonymous { get; } = new("", "", new HashSet<string>(), new HashSet<string>());

    // ---- checks -----------------------------------------------------------------------------------------

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Round {RoundId}: could not notify {UserId}")]
    private static partial void LogNotifyFailed(ILogger logger, string roundId, string userId, Exception exception);
}
