using OgpCoCreate.Common;

namespace OgpCoCreate.Plans;

/// <summary>Opens a plan cycle: its id (lower-case, e.g. <c>tn-nap6</c>) and its definition.</summary>
public sealed record CreatePlanRequest(
    string? Id,
    string? Country,
    LocalizedText? Title,
    DateOnly Start,
    DateOnly End,
    IReadOnlyList<PlanAxis>? Axes,
    IReadOnlyList<TimelinePhase>? Timeline)
{
    // Missing parts stay null here: the grain reports each of them as a field error.
    public PlanDefinition Definition() => new(Country!, Title!, Start, End, Axes!, Timeline!);
}

/// <summary>The whole forum: every seat, in the order to show them.</summary>
public sealed record ForumRequest(IReadOnlyList<ForumMember>? Members);

/// <summary>Moves the plan to <c>to</c>; the reason is journaled with the change.</summary>
public sealed record PlanTransitionRequest(PlanStatus? To, string? Reason);
