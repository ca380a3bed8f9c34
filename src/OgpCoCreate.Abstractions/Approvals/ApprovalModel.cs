using OgpCoCreate.Commitments;
using OgpCoCreate.Plans;

namespace OgpCoCreate.Approvals;

/// <summary>The steps of a commitment's approval chain, in order; the plan's adoption follows them all.</summary>
public enum ApprovalStage
{
    /// <summary>The lead institution's focal point.</summary>
    Lead = 1,

    /// <summary>Each supporting institution's focal point, in parallel.</summary>
    Supporting = 2,

    /// <summary>The forum's validation: both co-chairs, government and civil society.</summary>
    Forum = 3,
}

/// <summary>Where one signature of the chain stands. A withdrawn approval is <see cref="Pending"/> again.</summary>
public enum SlotState
{
    Pending,
    Approved,
    ChangesRequested,
}

/// <summary>In which capacity someone acted for a slot.</summary>
public enum ApprovalCapacity
{
    FocalPoint,
    Delegate,
    EscalatedAlternate,
    CoChair,
}

/// <summary>What a content version is made of: the hash, and each live text's version at that moment.</summary>
[GenerateSerializer, Immutable, Alias("ogp.ContentVersion")]
public sealed record ContentVersion(
    [property: Id(0)] string Hash,
    [property: Id(1)] IReadOnlyDictionary<string, long> DocumentVersions,
    [property: Id(2)] int CommitmentVersion);

/// <summary>The content that was approved (or refused): enough to show what changed since.</summary>
[GenerateSerializer, Immutable, Alias("ogp.ApprovedContent")]
public sealed record ApprovedContent(
    [property: Id(0)] string Hash,
    [property: Id(1)] string DetailsJson,
    [property: Id(2)] IReadOnlyDictionary<string, long> DocumentVersions,
    [property: Id(3)] DateTimeOffset FirstSeenAt);

/// <summary>One signature of the chain: an institution (slot = its id) or a forum co-chair (<c>forum-government</c>, <c>forum-civil-society</c>).</summary>
[GenerateSerializer, Immutable, Alias("ogp.ApprovalSlotView")]
public sealed record ApprovalSlotView(
    [property: Id(0)] string Slot,
    [property: Id(1)] ApprovalStage Stage,
    [property: Id(2)] string? InstitutionId,
    [property: Id(3)] ForumSide? ForumSide,
    [property: Id(4)] SlotState State,
    [property: Id(5)] bool Stale,
    [property: Id(6)] string? ByUserId,
    [property: Id(7)] string? ByName,
    [property: Id(8)] ApprovalCapacity? Capacity,
    [property: Id(9)] DateTimeOffset? At,
    [property: Id(10)] string? ContentHash,
    [property: Id(11)] string? Comment,
    [property: Id(12)] bool Open,
    [property: Id(13)] bool Overdue,
    [property: Id(14)] int EscalationLevel)
{
    /// <summary>Approved for the content as it is now.</summary>
    public bool Fresh => State == SlotState.Approved && !Stale;
}

/// <summary>A request for changes, kept as a task on the commitment until resolved.</summary>
[GenerateSerializer, Immutable, Alias("ogp.ApprovalTaskView")]
public sealed record ApprovalTaskView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Slot,
    [property: Id(2)] string Reason,
    [property: Id(3)] string ByUserId,
    [property: Id(4)] string ByName,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string ContentHash,
    [property: Id(7)] bool Resolved,
    [property: Id(8)] string? ResolvedByName,
    [property: Id(9)] DateTimeOffset? ResolvedAt,
    [property: Id(10)] string? Resolution);

/// <summary>The approval workflow of one commitment, as anyone may read it.</summary>
[GenerateSerializer, Immutable, Alias("ogp.ApprovalView")]
public sealed record ApprovalView(
    [property: Id(0)] string CommitmentId,
    [property: Id(1)] string PlanId,
    [property: Id(2)] CommitmentStatus CommitmentStatus,
    [property: Id(3)] ContentVersion Content,
    [property: Id(4)] bool Open,
    [property: Id(5)] ApprovalStage? CurrentStage,
    [property: Id(6)] bool Complete,
    [property: Id(7)] DateTimeOffset? StageOpenedAt,
    [property: Id(8)] DateTimeOffset? DueAt,
    [property: Id(9)] int EscalationLevel,
    [property: Id(10)] IReadOnlyList<ApprovalSlotView> Slots,
    [property: Id(11)] IReadOnlyList<ApprovalTaskView> Tasks,
    [property: Id(12)] bool PlanAdopted,
    [property: Id(13)] int Version);

/// <summary>A slot the caller may act for, and how.</summary>
[GenerateSerializer, Immutable, Alias("ogp.SlotEntitlement")]
public sealed record SlotEntitlement(
    [property: Id(0)] string Slot,
    [property: Id(1)] ApprovalCapacity Capacity);

/// <summary>How a plan's commitments are approved. Periods left null take the server's defaults (Ogp:Approvals).</summary>
[GenerateSerializer, Immutable, Alias("ogp.ApprovalPolicy")]
public sealed record ApprovalPolicy(
    [property: Id(0)] bool SupportersInParallelWithLead,
    [property: Id(1)] bool ForumValidation,
    [property: Id(2)] int? LeadDays,
    [property: Id(3)] int? SupportingDays,
    [property: Id(4)] int? ForumDays)
{
    /// <summary>Lead, then supporters in parallel, then both co-chairs; the server's deadlines.</summary>
    public static ApprovalPolicy Default { get; } = new(SupportersInParallelWithLead: false, ForumValidation: true, null, null, null);
}

/// <summary>What an approval workflow asks of its plan: the policy, and whether the plan is adopted (then nothing moves).</summary>
[GenerateSerializer, Immutable, Alias("ogp.PlanApprovalSettings")]
public sealed record PlanApprovalSettings(
    [property: Id(0)] ApprovalPolicy Policy,
    [property: Id(1)] bool Adopted,
    [property: Id(2)] int Version);

[GenerateSerializer, Immutable, Alias("ogp.AdoptionCommitment")]
public sealed record AdoptionCommitment(
    [property: Id(0)] string CommitmentId,
    [property: Id(1)] int Number,
    [property: Id(2)] Common.LocalizedText Title,
    [property: Id(3)] CommitmentStatus Status,
    [property: Id(4)] bool Complete,
    [property: Id(5)] ApprovalStage? CurrentStage,
    [property: Id(6)] IReadOnlyList<string> MissingSlots,
    [property: Id(7)] IReadOnlyList<string> StaleSlots,
    [property: Id(8)] string ContentHash);

/// <summary>The plan's adoption: what is approved, what is still missing, and the adoption itself once done.</summary>
[GenerateSerializer, Immutable, Alias("ogp.AdoptionView")]
public sealed record AdoptionView(
    [property: Id(0)] string PlanId,
    [property: Id(1)] PlanStatus PlanStatus,
    [property: Id(2)] bool Adopted,
    [property: Id(3)] DateTimeOffset? AdoptedAt,
    [property: Id(4)] string? AdoptedByName,
    [property: Id(5)] IReadOnlyList<AdoptionCommitment> Commitments,
    [property: Id(6)] IReadOnlyList<string> Missing,
    [property: Id(7)] bool CanAdopt,
    [property: Id(8)] ApprovalPolicy Policy,
    [property: Id(9)] int Version);

/// <summary>A delegation of an institution's signature to one of its alternates, for a period.</summary>
[GenerateSerializer, Immutable, Alias("ogp.DelegationView")]
public sealed record DelegationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string InstitutionId,
    [property: Id(2)] string FromUserId,
    [property: Id(3)] string FromName,
    [property: Id(4)] string ToUserId,
    [property: Id(5)] DateTimeOffset Start,
    [property: Id(6)] DateTimeOffset End,
    [property: Id(7)] string? Note,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? RevokedAt)
{
    public bool IsActiveAt(DateTimeOffset at) => RevokedAt is null && at >= Start && at <= End;
}

public enum InboxItemKind
{
    /// <summary>Your signature is awaited on the current content.</summary>
    Pending,

    /// <summary>You approved, but the content changed since: approve again (or withdraw).</summary>
    Stale,

    /// <summary>Your institution (or the forum) asked for changes and the task is open.</summary>
    ChangesRequested,

    /// <summary>Someone asked your commitment's lead for changes: a task for the editors.</summary>
    Task,

    /// <summary>The step is past its deadline (escalated to alternates, then to the secretariat).</summary>
    Overdue,
}

[GenerateSerializer, Immutable, Alias("ogp.InboxItem")]
public sealed record InboxItem(
    [property: Id(0)] InboxItemKind Kind,
    [property: Id(1)] string CommitmentId,
    [property: Id(2)] int Number,
    [property: Id(3)] Common.LocalizedText Title,
    [property: Id(4)] string Slot,
    [property: Id(5)] string? InstitutionId,
    [property: Id(6)] ApprovalStage Stage,
    [property: Id(7)] DateTimeOffset? DueAt,
    [property: Id(8)] bool Overdue,
    [property: Id(9)] ApprovalCapacity? Capacity,
    [property: Id(10)] string? TaskId,
    [property: Id(11)] string? Reason,
    [property: Id(12)] string ContentHash);

public enum NotificationKind
{
    ApprovalRequested,
    DueSoon,
    Overdue,
    Escalated,
    ApprovalStale,
    ChangesRequested,
    ApprovalGiven,
    ApprovalWithdrawn,
    WorkflowComplete,
    Delegated,
    PlanAdopted,

    /// <summary>A reasoned response to the person's contribution to a consultation round was published (Consultations).</summary>
    ConsultationResponse,
}

/// <summary>An in-app notification; the page words it in the reader's language from its kind and fields.</summary>
[GenerateSerializer, Immutable, Alias("ogp.Notification")]
public sealed record Notification(
    [property: Id(0)] string Id,
    [property: Id(1)] NotificationKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string? CommitmentId,
    [property: Id(4)] string? Slot,
    [property: Id(5)] string? ActorName,
    [property: Id(6)] string? Text,
    [property: Id(7)] DateTimeOffset? DueAt,
    [property: Id(8)] bool Read);

[GenerateSerializer, Immutable, Alias("ogp.NotificationsView")]
public sealed record NotificationsView(
    [property: Id(0)] IReadOnlyList<Notification> Items,
    [property: Id(1)] int Unread);

public static class ApprovalSlots
{
    public const string ForumGovernment = "forum-government";
    public const string ForumCivilSociety = "forum-civil-society";

    public static string Forum(ForumSide side) => side == ForumSide.Government ? ForumGovernment : ForumCivilSociety;

    public static ForumSide? ForumSideOf(string slot) => slot switch
    {
        ForumGovernment => ForumSide.Government,
        ForumCivilSociety => ForumSide.CivilSociety,
        _ => null,
    };
}

/// <summary>Topic kinds of the approval feature (see docs/realtime.md): <c>approvals:{commitmentId}</c>, <c>inbox:{userId}</c>.</summary>
public static class ApprovalTopics
{
    public const string Approvals = "approvals";
    public const string Inbox = "inbox";

    /// <summary>Client method with the whole <see cref="ApprovalView"/>.</summary>
    public const string ApprovalsChanged = "ApprovalsChanged";

    /// <summary>Client method with one new <see cref="Notification"/>.</summary>
    public const string NotificationAdded = "NotificationAdded";

    /// <summary>Client method: something in your inbox changed, with <c>{ commitmentId }</c>; reload it.</summary>
    public const string InboxChanged = "InboxChanged";
}
