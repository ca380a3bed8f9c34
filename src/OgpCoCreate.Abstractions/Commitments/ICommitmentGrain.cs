using OgpCoCreate.Security;

namespace OgpCoCreate.Commitments;

/// <summary>One commitment of an action plan, keyed by its id (e.g. <c>tn-nap5-01</c>).</summary>
[Alias("ogp.ICommitmentGrain")]
public interface ICommitmentGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<CommitmentView?> Get();

    [Alias("Create")]
    Task<CommitmentView> Create(Actor actor, string planId, CommitmentDetails details);

    [Alias("UpdateDetails")]
    Task<CommitmentView> UpdateDetails(Actor actor, CommitmentDetails details, int? expectedVersion);

    [Alias("Transition")]
    Task<CommitmentView> Transition(Actor actor, CommitmentStatus to, string? reason, int? expectedVersion);
}
