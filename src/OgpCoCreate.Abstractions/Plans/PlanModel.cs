using OgpCoCreate.Common;

namespace OgpCoCreate.Plans;

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
[GenerateSerializer, Immutable, Alias("ogp.ForumMember")]
public sealed record ForumMember(
    [property: Id(0)] string Name,
    [property: Id(1)] LocalizedText Organisation,
    [property: Id(2)] ForumSide Side,
    [property: Id(3)] bool CoChair,
    [property: Id(4)] string? UserId);

/// <summary>What creating a plan cycle needs.</summary>
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
    [property: Id(12)] DateTimeOffset UpdatedAt);
