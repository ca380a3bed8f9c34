using OgpCoCreate.Common;

namespace OgpCoCreate.Consultations;

/// <summary>What a round asks the public for.</summary>
public enum RoundScope
{
    /// <summary>Ideas and proposals on the whole plan (each names an axis, and optionally an institution).</summary>
    Ideas,

    /// <summary>Comments on a set of draft commitments, anchored to passages of their live texts.</summary>
    Commitments,
}

/// <summary>Scheduled → Open → Closed → Answered → Published; see <c>RoundRules</c> for the conditions.</summary>
public enum RoundStatus
{
    Scheduled,
    Open,
    Closed,
    Answered,
    Published,
}

public enum ContributionKind
{
    /// <summary>An idea or proposal (round of scope <see cref="RoundScope.Ideas"/>).</summary>
    Idea,

    /// <summary>A comment on a commitment, usually anchored to a passage of one of its live texts.</summary>
    Comment,

    /// <summary>A reply in the thread of an idea, a comment or another reply.</summary>
    Reply,
}

/// <summary>The reasoned response to a contribution (OGP Standard 4).</summary>
public enum ResponseStatus
{
    Unanswered,
    UnderReview,
    Accepted,
    PartiallyAccepted,
    MergedInto,
    Rejected,
}

/// <summary>What became of an anchored passage since the comment was written.</summary>
public enum AnchorState
{
    /// <summary>The passage reads exactly as quoted.</summary>
    Intact,

    /// <summary>The passage is still there but was edited inside (the range grew or shrank).</summary>
    Edited,

    /// <summary>The whole passage was deleted: the comment shows its original quote.</summary>
    Removed,
}

/// <summary>
/// A passage of one version of a live text: code points [<see cref="Start"/>, <see cref="End"/>) of
/// document <see cref="DocumentId"/> (<c>{commitmentId}/{field}</c>) at <see cref="Version"/>, and the text
/// it covered then (<see cref="Quote"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ogp.TextAnchor")]
public sealed record TextAnchor(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] long Version,
    [property: Id(2)] int Start,
    [property: Id(3)] int End,
    [property: Id(4)] string Quote);

/// <summary>Where an anchored passage is now: its range at the document's current <see cref="Version"/>.</summary>
[GenerateSerializer, Immutable, Alias("ogp.AnchorPosition")]
public sealed record AnchorPosition(
    [property: Id(0)] long Version,
    [property: Id(1)] int Start,
    [property: Id(2)] int End,
    [property: Id(3)] AnchorState State,
    [property: Id(4)] string? CurrentText);

/// <summary>What the secretariat sets up (and may change while the round is still scheduled).</summary>
[GenerateSerializer, Immutable, Alias("ogp.RoundDefinition")]
public sealed record RoundDefinition(
    [property: Id(0)] RoundScope Scope,
    [property: Id(1)] LocalizedText Title,
    [property: Id(2)] LocalizedText Rules,
    [property: Id(3)] DateTimeOffset OpensAt,
    [property: Id(4)] DateTimeOffset ClosesAt,
    [property: Id(5)] IReadOnlyList<string> CommitmentIds);

/// <summary>The secretariat's decision to open before the notice period was over, and why.</summary>
[GenerateSerializer, Immutable, Alias("ogp.NoticeOverride")]
public sealed record NoticeOverride(
    [property: Id(0)] string Reason,
    [property: Id(1)] string ByName,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] int NoticeDays);

/// <summary>A new contribution. Which fields apply depends on <see cref="Kind"/> (see <c>ContributionRules</c>).</summary>
[GenerateSerializer, Immutable, Alias("ogp.NewContribution")]
public sealed record NewContribution(
    [property: Id(0)] ContributionKind Kind,
    [property: Id(1)] string? Title,
    [property: Id(2)] string? Body,
    [property: Id(3)] string? AxisId,
    [property: Id(4)] string? InstitutionId,
    [property: Id(5)] string? CommitmentId,
    [property: Id(6)] TextAnchor? Anchor,
    [property: Id(7)] string? ParentId);

/// <summary>A response as written by a responder (drafted first, published with the others).</summary>
[GenerateSerializer, Immutable, Alias("ogp.ResponseInput")]
public sealed record ResponseInput(
    [property: Id(0)] ResponseStatus Status,
    [property: Id(1)] string? MergedIntoCommitmentId,
    [property: Id(2)] string? Justification);

[GenerateSerializer, Immutable, Alias("ogp.ResponseView")]
public sealed record ResponseView(
    [property: Id(0)] ResponseStatus Status,
    [property: Id(1)] string? MergedIntoCommitmentId,
    [property: Id(2)] string? Justification,
    [property: Id(3)] string ByName,
    [property: Id(4)] DateTimeOffset At);

/// <summary>A report a person made about a contribution (moderators only).</summary>
[GenerateSerializer, Immutable, Alias("ogp.ReportView")]
public sealed record ReportView(
    [property: Id(0)] string ByName,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset At);

/// <summary>What moderators see about a contribution: reports, and why and by whom it was hidden.</summary>
[GenerateSerializer, Immutable, Alias("ogp.ModerationView")]
public sealed record ModerationView(
    [property: Id(0)] IReadOnlyList<ReportView> Reports,
    [property: Id(1)] string? HiddenReason,
    [property: Id(2)] string? HiddenByName,
    [property: Id(3)] DateTimeOffset? HiddenAt);

/// <summary>
/// A contribution as one viewer may see it. Hidden contributions keep their place in the thread but carry
/// no title or body except for moderators (and their author). <see cref="BodyHtml"/> is the body rendered
/// from Markdown and sanitized on the server: the only HTML a page may insert.
/// </summary>
[GenerateSerializer, Immutable, Alias("ogp.ContributionView")]
public sealed record ContributionView(
    [property: Id(0)] string Id,
    [property: Id(1)] string RoundId,
    [property: Id(2)] ContributionKind Kind,
    [property: Id(3)] string? ParentId,
    [property: Id(4)] string AuthorName,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] string? Title,
    [property: Id(7)] string? Body,
    [property: Id(8)] string? BodyHtml,
    [property: Id(9)] string? AxisId,
    [property: Id(10)] string? InstitutionId,
    [property: Id(11)] string? CommitmentId,
    [property: Id(12)] TextAnchor? Anchor,
    [property: Id(13)] AnchorPosition? Position,
    [property: Id(14)] int Supports,
    [property: Id(15)] bool SupportedByMe,
    [property: Id(16)] bool Mine,
    [property: Id(17)] bool Hidden,
    [property: Id(18)] ResponseStatus Status,
    [property: Id(19)] ResponseView? Response,
    [property: Id(20)] ResponseView? Draft,
    [property: Id(21)] ModerationView? Moderation,
    [property: Id(22)] bool NeedsResponse);

/// <summary>A round without its contributions: what the rounds list shows.</summary>
[GenerateSerializer, Immutable, Alias("ogp.RoundSummary")]
public sealed record RoundSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string PlanId,
    [property: Id(2)] RoundScope Scope,
    [property: Id(3)] LocalizedText Title,
    [property: Id(4)] RoundStatus Status,
    [property: Id(5)] DateTimeOffset OpensAt,
    [property: Id(6)] DateTimeOffset ClosesAt,
    [property: Id(7)] IReadOnlyList<string> CommitmentIds,
    [property: Id(8)] int Contributions,
    [property: Id(9)] int Answered,
    [property: Id(10)] bool AcceptingContributions);

/// <summary>The round as one viewer may see it (<see cref="Capabilities"/> says what that viewer may do).</summary>
[GenerateSerializer, Immutable, Alias("ogp.RoundView")]
public sealed record RoundView(
    [property: Id(0)] string Id,
    [property: Id(1)] string PlanId,
    [property: Id(2)] RoundDefinition Definition,
    [property: Id(3)] RoundStatus Status,
    [property: Id(4)] DateTimeOffset AnnouncedAt,
    [property: Id(5)] DateTimeOffset? OpenedAt,
    [property: Id(6)] DateTimeOffset? ClosedAt,
    [property: Id(7)] NoticeOverride? NoticeOverride,
    [property: Id(8)] bool AcceptingContributions,
    [property: Id(9)] IReadOnlyList<ContributionView> Contributions,
    [property: Id(10)] RoundCapabilities Capabilities,
    [property: Id(11)] int Version,
    [property: Id(12)] DateTimeOffset UpdatedAt,
    [property: Id(13)] int NoticeDays);

/// <summary>What the viewer may do in this round (the pages show only those actions; the grain checks again).</summary>
[GenerateSerializer, Immutable, Alias("ogp.RoundCapabilities")]
public sealed record RoundCapabilities(
    [property: Id(0)] bool Contribute,
    [property: Id(1)] bool Moderate,
    [property: Id(2)] bool Respond,
    [property: Id(3)] bool PublishResponses,
    [property: Id(4)] bool Manage);

/// <summary>Counts for the round's report.</summary>
[GenerateSerializer, Immutable, Alias("ogp.RoundCounts")]
public sealed record RoundCounts(
    [property: Id(0)] int Total,
    [property: Id(1)] int Hidden,
    [property: Id(2)] int Replies,
    [property: Id(3)] IReadOnlyDictionary<string, int> ByStatus,
    [property: Id(4)] IReadOnlyDictionary<string, int> ByAxis,
    [property: Id(5)] IReadOnlyDictionary<string, int> ByInstitution,
    [property: Id(6)] IReadOnlyDictionary<string, int> ByCommitment);

/// <summary>The public report of a round: its summary, the counts, and every contribution with its response.</summary>
[GenerateSerializer, Immutable, Alias("ogp.RoundReport")]
public sealed record RoundReport(
    [property: Id(0)] RoundSummary Round,
    [property: Id(1)] LocalizedText Rules,
    [property: Id(2)] RoundCounts Counts,
    [property: Id(3)] IReadOnlyList<ContributionView> Contributions,
    [property: Id(4)] DateTimeOffset GeneratedAt);

/// <summary>A plan's consultation settings (secretariat).</summary>
[GenerateSerializer, Immutable, Alias("ogp.ConsultationSettings")]
public sealed record ConsultationSettings(
    [property: Id(0)] string PlanId,
    [property: Id(1)] int NoticeDays,
    [property: Id(2)] IReadOnlyList<string> RoundIds);

public static class ConsultationLimits
{
    public const int DefaultNoticeDays = 14;
    public const int MaxNoticeDays = 90;
    public const int MaxTitleLength = 200;
    public const int MaxRulesLength = 8_000;
    public const int MaxBodyLength = 5_000;
    public const int MaxJustificationLength = 5_000;
    public const int MaxReasonLength = 500;
    public const int MaxQuoteCodePoints = 2_000;
    public const int MaxContributionsPerRound = 5_000;
    public const int MaxCommitmentsPerRound = 100;
    public const int MaxReplyDepth = 8;

    /// <summary>Per person, across every round: at most this many contributions in <see cref="RateWindow"/>.</summary>
    public const int ContributionsPerWindow = 10;
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    /// <summary>What a rate-limited refusal maps to over HTTP (429 Too Many Requests).</summary>
    public const DomainErrorKind TooManyRequests = (DomainErrorKind)429;

    /// <summary>A status that answers the contribution (the round may move to Answered only when all have one).</summary>
    public static bool IsFinal(ResponseStatus status) =>
        status is ResponseStatus.Accepted or ResponseStatus.PartiallyAccepted or ResponseStatus.MergedInto or ResponseStatus.Rejected;
}
