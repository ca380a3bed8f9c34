using OgpCoCreate.Common;

namespace OgpCoCreate.Commitments;

/// <summary>A commitment's lifecycle; see <c>CommitmentRules</c> for the allowed moves and who makes them.</summary>
public enum CommitmentStatus
{
    Proposed,
    Drafting,
    InConsultation,
    Revised,
    PendingApproval,
    Approved,
    InImplementation,
    Completed,
    Withdrawn,
}

/// <summary>Relevance to the OGP values. Technology and inclusion only count together with one of the first three.</summary>
[GenerateSerializer, Immutable, Alias("ogp.OgpValues")]
public sealed record OgpValues(
    [property: Id(0)] bool Transparency,
    [property: Id(1)] bool CivicParticipation,
    [property: Id(2)] bool PublicAccountability,
    [property: Id(3)] bool Technology,
    [property: Id(4)] bool Inclusion)
{
    public bool HasCoreValue => Transparency || CivicParticipation || PublicAccountability;
}

[GenerateSerializer, Immutable, Alias("ogp.Budget")]
public sealed record Budget(
    [property: Id(0)] decimal? Amount,
    [property: Id(1)] string Currency,
    [property: Id(2)] string Source);

[GenerateSerializer, Immutable, Alias("ogp.Milestone")]
public sealed record Milestone(
    [property: Id(0)] string Id,
    [property: Id(1)] string Action,
    [property: Id(2)] string ExpectedOutput,
    [property: Id(3)] DateOnly Start,
    [property: Id(4)] DateOnly End,
    [property: Id(5)] string ResponsibleInstitutionId);

/// <summary>One branch of a PDIA fishbone: a category and the causes found under it.</summary>
[GenerateSerializer, Immutable, Alias("ogp.CauseCategory")]
public sealed record CauseCategory(
    [property: Id(0)] string Category,
    [property: Id(1)] IReadOnlyList<string> Causes);

/// <summary>Optional Problem-Driven Iterative Adaptation analysis.</summary>
[GenerateSerializer, Immutable, Alias("ogp.ProblemAnalysis")]
public sealed record ProblemAnalysis(
    [property: Id(0)] string ProblemStatement,
    [property: Id(1)] IReadOnlyList<CauseCategory> Causes,
    [property: Id(2)] IReadOnlyList<string> EntryPoints);

/// <summary>
/// The structured fields of the OGP commitment template. The long texts (problem, status quo, description …)
/// are live documents of their own, see <see cref="CommitmentTextFields"/>.
/// </summary>
/// <remarks>
/// The template, item by item: number and id (<see cref="Number"/>, the grain key); title; axis; lead
/// institution; supporting institutions, state and non-state alike (their kind tells which); policy areas;
/// start and end dates; the public problem (live text <c>problem</c>) with its <see cref="Baseline"/>; status
/// quo, what the commitment is, how it contributes (live texts); relevance to OGP values (<see cref="Values"/>
/// plus the live text <c>ogpRelevance</c>); ambition (live text); budget; links to national plans; SDGs;
/// milestones (action, expected output, dates, responsible institution); optional PDIA analysis.
/// </remarks>
[GenerateSerializer, Immutable, Alias("ogp.CommitmentDetails")]
public sealed record CommitmentDetails(
    [property: Id(0)] int Number,
    [property: Id(1)] LocalizedText Title,
    [property: Id(2)] string AxisId,
    [property: Id(3)] string LeadInstitutionId,
    [property: Id(4)] IReadOnlyList<string> SupportingInstitutionIds,
    [property: Id(5)] IReadOnlyList<string> PolicyAreas,
    [property: Id(6)] DateOnly Start,
    [property: Id(7)] DateOnly End,
    [property: Id(8)] string Baseline,
    [property: Id(9)] OgpValues Values,
    [property: Id(10)] Budget? Budget,
    [property: Id(11)] IReadOnlyList<string> NationalPlanLinks,
    [property: Id(12)] IReadOnlyList<int> Sdgs,
    [property: Id(13)] IReadOnlyList<Milestone> Milestones,
    [property: Id(14)] ProblemAnalysis? Analysis);

[GenerateSerializer, Immutable, Alias("ogp.CommitmentView")]
public sealed record CommitmentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string PlanId,
    [property: Id(2)] CommitmentDetails Details,
    [property: Id(3)] CommitmentStatus Status,
    [property: Id(4)] IReadOnlyList<string> TextFields,
    [property: Id(5)] int Version,
    [property: Id(6)] DateTimeOffset UpdatedAt);

public static class CommitmentIds
{
    /// <summary>The id a commitment gets when none is given: the plan id and the two-digit number (<c>tn-nap5-01</c>).</summary>
    public static string For(string planId, int number) => $"{planId}-{number:00}";
}

/// <summary>The live text fields every commitment has; each is a document <c>{commitmentId}/{field}</c>.</summary>
public static class CommitmentTextFields
{
    public const string Problem = "problem";
    public const string StatusQuo = "statusQuo";
    public const string Description = "description";
    public const string Contribution = "contribution";
    public const string OgpRelevance = "ogpRelevance";
    public const string Ambition = "ambition";

    public static IReadOnlyList<string> All { get; } = [Problem, StatusQuo, Description, Contribution, OgpRelevance, Ambition];

    public static string DocumentId(string commitmentId, string field) => $"{commitmentId}/{field}";
}
