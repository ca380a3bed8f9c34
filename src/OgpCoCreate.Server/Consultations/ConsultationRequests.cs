using OgpCoCreate.Common;

namespace OgpCoCreate.Consultations;

/// <summary>Announces a round of plan <c>planId</c>; it gets the id <c>{planId}-r{n}</c> and stays Scheduled until opened.</summary>
public sealed record CreateRoundRequest(
    string? PlanId,
    RoundScope? Scope,
    LocalizedText? Title,
    LocalizedText? Rules,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    IReadOnlyList<string>? CommitmentIds)
{
    public RoundDefinition ToDefinition()
    {
        new Validation()
            .Require(Scope is not null, "scope", "Choose Ideas (on the whole plan) or Commitments (comments on draft commitments).")
            .Require(Title is not null, "title", "This field is required.")
            .Require(Rules is not null, "rules", "This field is required.")
            .Require(OpensAt is not null, "opensAt", "This field is required.")
            .Require(ClosesAt is not null, "closesAt", "This field is required.")
            .ThrowIfInvalid();
        return new RoundDefinition(Scope!.Value, Title!, Rules!, OpensAt!.Value, ClosesAt!.Value, CommitmentIds ?? []);
    }
}

/// <summary>Opens the round; <c>overrideReason</c> is needed (and published) when the notice period is not over.</summary>
public sealed record OpenRoundRequest(string? OverrideReason);

/// <summary>A reason, for a report, a hide or a restore.</summary>
public sealed record ReasonRequest(string? Reason);

public sealed record NoticePeriodRequest(int? NoticeDays);

public sealed record PublishResult(int Published);

/// <summary>A new contribution: an idea, a comment (optionally anchored to a passage) or a reply.</summary>
public sealed record ContributionRequest(
    ContributionKind? Kind,
    string? Title,
    string? Body,
    string? AxisId,
    string? InstitutionId,
    string? CommitmentId,
    TextAnchor? Anchor,
    string? ParentId)
{
    public NewContribution ToContribution()
    {
        new Validation().Require(Kind is not null, "kind", "Say what this is: Idea, Comment or Reply.").ThrowIfInvalid();
        return new NewContribution(Kind!.Value, Title, Body, Blank(AxisId), Blank(InstitutionId), Blank(CommitmentId), Anchor, Blank(ParentId));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record ResponseRequest(ResponseStatus? Status, string? MergedIntoCommitmentId, string? Justification)
{
    public ResponseInput ToInput()
    {
        new Validation().Require(Status is not null, "status", "Choose a status.").ThrowIfInvalid();
        return new ResponseInput(Status!.Value, string.IsNullOrWhiteSpace(MergedIntoCommitmentId) ? null : MergedIntoCommitmentId.Trim(), Justification);
    }
}
