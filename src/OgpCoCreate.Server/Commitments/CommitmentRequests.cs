namespace OgpCoCreate.Commitments;

/// <summary>
/// Creates a commitment in a plan. Without an id it gets <c>{planId}-{number:00}</c> (e.g. <c>tn-nap5-16</c>).
/// </summary>
public sealed record CreateCommitmentRequest(string? PlanId, string? Id, CommitmentDetails? Details);

/// <summary>Moves a commitment to <c>to</c>. A reason is required to withdraw, and journaled in every case.</summary>
public sealed record TransitionRequest(CommitmentStatus? To, string? Reason);
