using OgpCoCreate.Realtime;
using OgpCoCreate.Security;
using Orleans.Concurrency;

namespace OgpCoCreate.Consultations;

/// <summary>
/// One public consultation round of a plan, keyed by its id (e.g. <c>tn-nap5-r1</c>): its definition and
/// status, every contribution with its supports, reports and moderation, and the reasoned responses.
/// Live events go to the topic <c>round:{id}</c> (client methods <c>ContributionAdded</c>, <c>ReplyAdded</c>,
/// <c>SupportChanged</c>, <c>ContributionHidden</c>, <c>ContributionRestored</c>, <c>ResponsesPublished</c>,
/// <c>RoundChanged</c>).
/// </summary>
[Alias("ogp.IConsultationRoundGrain")]
public interface IConsultationRoundGrain : ITopicPublisherGrain
{
    /// <summary>Announces the round (secretariat); it is Scheduled until opened. Called through the plan's index.</summary>
    [Alias("Create")]
    Task<RoundView> Create(Actor actor, string planId, RoundDefinition definition);

    /// <summary>The round as <paramref name="viewer"/> may see it (anonymous: an actor without id); null if none.</summary>
    [Alias("Get")]
    Task<RoundView?> Get(Actor viewer);

    [Alias("GetSummary"), AlwaysInterleave]
    Task<RoundSummary?> GetSummary();

    /// <summary>Changes the definition while the round is still scheduled (secretariat, If-Match).</summary>
    [Alias("Update")]
    Task<RoundView> Update(Actor actor, RoundDefinition definition, int? expectedVersion);

    /// <summary>
    /// Scheduled → Open. Refused while the round was announced less than the plan's notice period ago,
    /// unless the secretariat gives <paramref name="overrideReason"/>, which is recorded.
    /// </summary>
    [Alias("Open")]
    Task<RoundView> Open(Actor actor, string? overrideReason);

    /// <summary>Open → Closed (secretariat); contributions stop (they also stop by themselves at the closing time).</summary>
    [Alias("Close")]
    Task<RoundView> Close(Actor actor);

    /// <summary>Closed → Answered, only when every contribution has a published, final response.</summary>
    [Alias("MarkAnswered")]
    Task<RoundView> MarkAnswered(Actor actor);

    /// <summary>Answered → Published: the report is final and the round is frozen.</summary>
    [Alias("Publish")]
    Task<RoundView> Publish(Actor actor);

    [Alias("Contribute")]
    Task<ContributionView> Contribute(Actor actor, NewContribution contribution);

    /// <summary>+1, once per person; a second time is refused (409).</summary>
    [Alias("Support")]
    Task<ContributionView> Support(Actor actor, string contributionId);

    [Alias("Report")]
    Task<ContributionView> Report(Actor actor, string contributionId, string reason);

    /// <summary>Moderators (secretariat, forum members): hides with a reason, kept for moderators.</summary>
    [Alias("Hide")]
    Task<ContributionView> Hide(Actor actor, string contributionId, string reason);

    [Alias("Restore")]
    Task<ContributionView> Restore(Actor actor, string contributionId, string reason);

    /// <summary>Moderators: the reports were looked at and the contribution stays visible.</summary>
    [Alias("DismissReports")]
    Task<ContributionView> DismissReports(Actor actor, string contributionId);

    /// <summary>Moderators: reported or hidden contributions, most reported first.</summary>
    [Alias("GetModerationQueue")]
    Task<IReadOnlyList<ContributionView>> GetModerationQueue(Actor actor);

    /// <summary>
    /// Drafts (or replaces the draft of) the response to a contribution: the secretariat, or a focal point of
    /// the institution the contribution concerns. A justification is required for every status but
    /// Unanswered/UnderReview; <see cref="ResponseStatus.Unanswered"/> discards the draft.
    /// </summary>
    [Alias("DraftResponse")]
    Task<ContributionView> DraftResponse(Actor actor, string contributionId, ResponseInput response);

    /// <summary>Publishes every draft together (secretariat) and notifies the authors; returns how many.</summary>
    [Alias("PublishResponses")]
    Task<int> PublishResponses(Actor actor);

    /// <summary>The public report: counts by status, axis, institution, and every contribution with its response.</summary>
    [Alias("GetReport")]
    Task<RoundReport> GetReport(Actor viewer);
}

/// <summary>A plan's consultation rounds and settings (notice period), keyed by the plan id.</summary>
[Alias("ogp.IConsultationIndexGrain")]
public interface IConsultationIndexGrain : IGrainWithStringKey
{
    [Alias("GetSettings"), AlwaysInterleave]
    Task<ConsultationSettings> GetSettings();

    /// <summary>Sets the notice period (days between announcing a round and opening it), secretariat.</summary>
    [Alias("SetNoticeDays")]
    Task<ConsultationSettings> SetNoticeDays(Actor actor, int days);

    /// <summary>Announces a new round of this plan (secretariat): gives it the next id and creates it.</summary>
    [Alias("CreateRound")]
    Task<RoundView> CreateRound(Actor actor, RoundDefinition definition);
}

/// <summary>
/// A person taking part in consultations, keyed by user id: the rate limit on their contributions, across
/// every round. (Their notifications go to the approvals feature's <c>INotificationsGrain</c>.)
/// </summary>
[Alias("ogp.IContributorGrain")]
public interface IContributorGrain : IGrainWithStringKey
{
    /// <summary>Takes one contribution slot: null when taken, else how long until one frees up.</summary>
    [Alias("TryTakeSlot")]
    Task<TimeSpan?> TryTakeSlot();
}
