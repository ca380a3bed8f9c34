using OgpCoCreate.Realtime;
using OgpCoCreate.Security;
using Orleans.Concurrency;

namespace OgpCoCreate.Approvals;

/// <summary>
/// The approval workflow of one commitment, keyed by the commitment id (e.g. <c>tn-nap5-01</c>). Every
/// approval is bound to a content version (a hash over the structured fields and each live text's version):
/// a later edit makes it stale, visibly, until it is given again.
/// </summary>
[Alias("ogp.IApprovalGrain")]
public interface IApprovalGrain : ITopicPublisherGrain
{
    /// <summary>The workflow against the content as it is now (staleness is recomputed on every read).</summary>
    [Alias("Get")]
    Task<ApprovalView> Get();

    /// <summary>The slots this person may act for now, and in which capacity.</summary>
    [Alias("EntitlementsOf")]
    Task<IReadOnlyList<SlotEntitlement>> EntitlementsOf(Actor actor);

    /// <summary>Approves the content the client saw (<paramref name="contentHash"/>); 412 if it changed since.</summary>
    [Alias("Approve")]
    Task<ApprovalView> Approve(Actor actor, string slot, string contentHash, string? comment);

    /// <summary>Asks for changes (reason required); the reason becomes a task on the commitment.</summary>
    [Alias("RequestChanges")]
    Task<ApprovalView> RequestChanges(Actor actor, string slot, string? reason, string? contentHash);

    /// <summary>Takes back an approval given for the slot.</summary>
    [Alias("Withdraw")]
    Task<ApprovalView> Withdraw(Actor actor, string slot, string? comment);

    /// <summary>Marks a request for changes as dealt with (the commitment's editors, or whoever may act for its slot).</summary>
    [Alias("ResolveTask")]
    Task<ApprovalView> ResolveTask(Actor actor, string taskId, string? note);

    /// <summary>The content that was approved or refused at <paramref name="hash"/>, or null if no decision was made on it.</summary>
    [Alias("GetContent"), AlwaysInterleave]
    Task<ApprovedContent?> GetContent(string hash);

    /// <summary>What this person has to do on this commitment (their inbox), optionally for one institution.</summary>
    [Alias("InboxFor")]
    Task<IReadOnlyList<InboxItem>> InboxFor(Actor actor, string? institutionId);

    /// <summary>
    /// Told by the commitment and its live texts that something changed (after it is durable). One-way and
    /// cheap: the workflow re-checks its content shortly after, marks approvals stale and pushes that live.
    /// </summary>
    [OneWay, AlwaysInterleave, Alias("ContentChanged")]
    Task ContentChanged();
}

/// <summary>The delegations of one institution's signature (keyed by the institution id).</summary>
[Alias("ogp.IDelegationsGrain")]
public interface IDelegationsGrain : IGrainWithStringKey
{
    [Alias("Get"), AlwaysInterleave]
    Task<IReadOnlyList<DelegationView>> Get();

    /// <summary>A focal point delegates to one of the institution's alternates for [start, end].</summary>
    [Alias("Delegate")]
    Task<DelegationView> Delegate(Actor actor, string toUserId, DateTimeOffset start, DateTimeOffset end, string? note);

    /// <summary>Ends a delegation now (a focal point of the institution, or the delegate).</summary>
    [Alias("Revoke")]
    Task<DelegationView> Revoke(Actor actor, string delegationId);
}

/// <summary>The approval policy and the adoption of one plan (keyed by the plan id).</summary>
[Alias("ogp.IPlanAdoptionGrain")]
public interface IPlanAdoptionGrain : IGrainWithStringKey
{
    /// <summary>Interleaves: approval workflows read it while the adoption reads them.</summary>
    [Alias("Settings"), AlwaysInterleave]
    Task<PlanApprovalSettings> Settings();

    [Alias("SetPolicy")]
    Task<PlanApprovalSettings> SetPolicy(Actor actor, ApprovalPolicy policy, int? expectedVersion);

    /// <summary>Every commitment's approval state and what is still missing before adoption.</summary>
    [Alias("Status")]
    Task<AdoptionView> Status();

    /// <summary>The secretariat adopts the plan once every active commitment's chain is complete on its current content.</summary>
    [Alias("Adopt")]
    Task<AdoptionView> Adopt(Actor actor, string? comment);
}

/// <summary>A person's in-app notifications and live inbox (keyed by user id; topic <c>inbox:{userId}</c>).</summary>
[Alias("ogp.INotificationsGrain")]
public interface INotificationsGrain : ITopicPublisherGrain
{
    [Alias("Add")]
    Task Add(Notification notification);

    [Alias("List")]
    Task<NotificationsView> List(bool unreadOnly, int limit);

    /// <summary>Marks the given notifications read (all when <paramref name="ids"/> is null).</summary>
    [Alias("MarkRead")]
    Task<NotificationsView> MarkRead(IReadOnlyList<string>? ids);

    /// <summary>Tells the live inbox page to reload (nothing is stored).</summary>
    [OneWay, Alias("Touch")]
    Task Touch(string commitmentId);
}

/// <summary>Who holds a role: grains cannot see Identity, the server answers (e.g. the secretariat to escalate to).</summary>
public interface IApprovalDirectory
{
    Task<IReadOnlyList<string>> UsersInRoleAsync(string role);
}
