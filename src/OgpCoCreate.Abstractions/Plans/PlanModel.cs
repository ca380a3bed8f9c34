using OgpCoCreate.Common;

namespace OgpCoCreate.Plans;

/// <summary>The plan cycle, in the order OGP describes it; see <c>PlanRules</c> for the allowed moves.</summary>
public enum PlanStatus
{
    Preparation,
    CoCreation,
    Consultation,
    Validation,
    Adopted,
    Implementation,
    Closed,
}

public enum ForumSide
{
    Government,
    CivilSociety,
}

/// <summary>A thematic area of the plan (Tunisia's fifth plan has four).</summary>
[GenerateSerializer, Immutable, Alias("ogp.PlanAxis")]
public sealed record PlanAxis(
    [property: Id(0)] string Id,
    [property: Id(1)] LocalizedText Name);

/// <summary>A named phase of the co-creation calendar (outreach, drafting, consultation, validation …).</summary>
[GenerateSerializer, Immutable, Alias("ogp.TimelinePhase")]
public sealed record TimelinePhase(
    [property: Id(0)] string Id,
    [property: Id(1)] LocalizedText Name,
    [property: Id(2)] DateOnly Start,
    [property: Id(3)] DateOnly End);

/// <summary>A member of the multi-stakeholder forum (the Joint Advisory Committee in Tunisia).</summary>
/// <remarks>
/// <see cref="UserId"/> links the seat to an account: that account then acts as a forum member (and, for a
/// co-chair, signs the forum's validation) on this plan's commitments. A seat without an account is listed only.
/// </remarks>
[GenerateSerializer, Immutable, Alias("ogp.ForumMember")]
public sealed record ForumMember(
    [property: Id(0)] string Name,
    [property: Id(1)] LocalizedText Organisation,
    [property: Id(2)] ForumSide Side,
    [property: Id(3)] bool CoChair,
    [property: Id(4)] string? UserId);

/// <summary>What creating a plan cycle needs, and what the secretariat may later change.</summary>
[GenerateSerializer, Immutable, Alias("ogp.PlanDefinition")]
public sealed record PlanDefinition(
    [property: Id(0)] string Country,
    [property: Id(1)] LocalizedText Title,
    [property: Id(2)] DateOnly Start,
    [property: Id(3)] DateOnly End,
    [property: Id(4)] IReadOnlyList<PlanAxis> Axes,
    [property: Id(5)] IReadOnlyList<TimelinePhase> Timeline);

/// <summary>The plan as read by anyone.</summary>
[GenerateSerializer, Immutable, Alias("ogp.PlanView")]
public sealed record PlanView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Country,
    [property: Id(2)] LocalizedText Title,
    [property: Id(3)] DateOnly Start,
    [property: Id(4)] DateOnly End,
    [property: Id(5)] IReadOnlyList<PlanAxis> Axes,
    [property: Id(6)] IReadOnlyList<TimelinePhase> Timeline,
    [property: Id(7)] PlanStatus Status,
    [property: Id(8)] IReadOnlyList<string> CommitmentIds,
    [property: Id(9)] IReadOnlyList<string> InstitutionIds,
    [property: Id(10)] IReadOnlyList<ForumMember> Forum,
    [property: Id(11)] int Version,
    [property: Id(12)] DateTimeOffset UpdatedAt)
{
    /// <summary>The forum seat held by this account on this plan, if any.</summary>
    public ForumMember? ForumSeatOf(string userId) =>
        string.IsNullOrEmpty(userId) ? null : Forum.FirstOrDefault(m => m.UserId == userId);
}
