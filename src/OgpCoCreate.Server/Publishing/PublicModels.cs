using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Consultations;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;

namespace OgpCoCreate.Publishing;

// What the public repository, the exports and the open data publish. These records are the whitelist: a
// field that is not here is not public. No account e-mail, no user id, no moderation detail, no draft
// response, no hidden contribution's content. Every record that can change carries its "last updated" date
// and a permanent link (a stable URL by id).

/// <summary>A member of the multi-stakeholder forum, without the account behind the seat.</summary>
public sealed record PublicForumMember(int Position, string Name, LocalizedText Organisation, ForumSide Side, bool CoChair);

/// <summary>Whether the plan is adopted, and what is still missing before it can be.</summary>
public sealed record PublicAdoption(bool Adopted, DateTimeOffset? AdoptedAt, string? AdoptedByName, IReadOnlyList<string> Missing);

public sealed record PublicPlan(
    string Id,
    string Country,
    LocalizedText Title,
    DateOnly Start,
    DateOnly End,
    PlanStatus Status,
    IReadOnlyList<PlanAxis> Axes,
    IReadOnlyList<TimelinePhase> Timeline,
    IReadOnlyList<PublicForumMember> Forum,
    IReadOnlyList<string> CommitmentIds,
    IReadOnlyList<string> InstitutionIds,
    PublicAdoption? Adoption,
    int Version,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastUpdated,
    string Url);

public sealed record PublicInstitution(
    string Id,
    LocalizedText Name,
    InstitutionKind Kind,
    string? Acronym,
    bool StateActor,
    IReadOnlyList<string> Leads,
    IReadOnlyList<string> Supports,
    int Version,
    DateTimeOffset UpdatedAt,
    string Url);

/// <summary>One live text of a commitment at a durable version (<see cref="UpdatedAt"/>: when its last edit was accepted).</summary>
public sealed record PublicText(string Field, long Version, string Text, DateTimeOffset? UpdatedAt);

/// <summary>One signature of a commitment's approval chain as it stands (who, when, on which content version).</summary>
public sealed record PublicApprovalSlot(
    string Slot,
    ApprovalStage Stage,
    string? InstitutionId,
    ForumSide? ForumSide,
    SlotState State,
    bool Stale,
    string? ByName,
    ApprovalCapacity? Capacity,
    DateTimeOffset? At,
    string? ContentHash,
    string? Comment);

/// <summary>A request for changes made during approval, and how it was dealt with.</summary>
public sealed record PublicApprovalTask(
    string Id,
    string Slot,
    string Reason,
    string ByName,
    DateTimeOffset At,
    string ContentHash,
    bool Resolved,
    string? ResolvedByName,
    DateTimeOffset? ResolvedAt,
    string? Resolution);

/// <summary>The approval workflow of a commitment against its current content.</summary>
public sealed record PublicApprovalState(
    string CurrentContentHash,
    bool Complete,
    ApprovalStage? CurrentStage,
    IReadOnlyList<PublicApprovalSlot> Slots,
    IReadOnlyList<PublicApprovalTask> Tasks);

/// <summary>One approval action, from the public journal: who did what, when, on which content version.</summary>
public sealed record PublicApprovalDecision(
    long Sequence,
    string CommitmentId,
    string EventType,
    string? Slot,
    string? Stage,
    string? InstitutionId,
    string? ForumSide,
    string? Capacity,
    string ByName,
    DateTimeOffset At,
    string? ContentHash,
    string? Comment);

/// <summary>
/// The version of a commitment its institutions and the forum are bound to: the content on which the whole
/// approval chain was last completed, with its structured fields and each live text as they were then.
/// <see cref="Current"/> tells whether the commitment still reads exactly like that.
/// </summary>
public sealed record PublicApprovedVersion(
    string ContentHash,
    DateTimeOffset ApprovedAt,
    bool Current,
    CommitmentDetails? Details,
    IReadOnlyList<PublicText> Texts,
    IReadOnlyList<PublicApprovalDecision> Signatures);

public sealed record PublicCommitment(
    string Id,
    string PlanId,
    CommitmentDetails Details,
    CommitmentStatus Status,
    IReadOnlyList<PublicText> Texts,
    PublicApprovalState? Approval,
    PublicApprovedVersion? ApprovedVersion,
    IReadOnlyList<string> RoundIds,
    int Version,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastUpdated,
    string Url,
    string HistoryUrl);

public sealed record PublicResponse(ResponseStatus Status, string? MergedIntoCommitmentId, string? Justification, string ByName, DateTimeOffset At);

/// <summary>
/// A contribution as anyone may read it. A hidden contribution keeps its place (id, round, kind, time,
/// thread) but carries no title, body, quote or author.
/// </summary>
public sealed record PublicContribution(
    string Id,
    string RoundId,
    ContributionKind Kind,
    string? ParentId,
    string? AuthorName,
    DateTimeOffset At,
    string? Title,
    string? Body,
    bool Hidden,
    string? AxisId,
    string? InstitutionId,
    string? CommitmentId,
    string? DocumentId,
    string? Quote,
    AnchorState? PassageState,
    int Supports,
    ResponseStatus Status,
    PublicResponse? Response);

public sealed record PublicRound(
    string Id,
    string PlanId,
    RoundScope Scope,
    LocalizedText Title,
    LocalizedText Rules,
    RoundStatus Status,
    DateTimeOffset AnnouncedAt,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClosedAt,
    string? NoticeOverrideReason,
    IReadOnlyList<string> CommitmentIds,
    int Contributions,
    int Answered,
    int Hidden,
    int Version,
    DateTimeOffset UpdatedAt,
    string Url);

/// <summary>One entry of the public journal: no actor id, payload stripped of anything that names an account.</summary>
public sealed record PublicJournalEvent(
    long Sequence,
    string GrainType,
    string GrainKey,
    string EventType,
    string ActorName,
    DateTimeOffset At,
    System.Text.Json.JsonElement Payload);

/// <summary>Everything public about one plan, as of <see cref="LastUpdated"/> (the latest change it contains).</summary>
public sealed record PublicRepository(
    PublicPlan Plan,
    IReadOnlyList<PublicInstitution> Institutions,
    IReadOnlyList<PublicCommitment> Commitments,
    IReadOnlyList<PublicRound> Rounds,
    IReadOnlyList<PublicContribution> Contributions,
    IReadOnlyList<PublicApprovalDecision> ApprovalDecisions,
    DateTimeOffset LastUpdated,
    PublicLinks Links);

/// <summary>Where the same data can be downloaded.</summary>
public sealed record PublicLinks(
    string Repository,
    string Print,
    string History,
    IReadOnlyDictionary<string, string> ActionPlanDocx,
    string OpenDataIndex,
    string OpenDataZip,
    string Api);

/// <summary>A page of a public list: <see cref="Next"/> is the link to the following page, null on the last one.</summary>
public sealed record PublicPage<T>(IReadOnlyList<T> Items, int Limit, string? Next, DateTimeOffset? LastUpdated);
