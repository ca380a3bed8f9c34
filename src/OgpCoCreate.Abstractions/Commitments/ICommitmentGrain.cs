using OgpCoCreate.Security;
using Orleans.Concurrency;

namespace OgpCoCreate.Commitments;

/// <summary>One commitment of an action plan, keyed by its id (e.g. <c>tn-nap5-01</c>).</summary>
[Alias("ogp.ICommitmentGrain")]
public interface ICommitmentGrain : IGrainWithStringKey
{
    /// <summary>Interleaves: the plan reads its commitments (adoption, axis removal) while they may read the plan.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<CommitmentView?> Get();

    [Alias("Create")]
    Task<CommitmentView> Create(Actor actor, string planId, CommitmentDetails details);

    [Alias("UpdateDetails")]
    Task<CommitmentView> UpdateDetails(Actor actor, CommitmentDetails details, int? expectedVersion);

    [Alias("Transition")]
    Task<CommitmentView> Transition(Actor actor, CommitmentStatus to, string? reason, int? expectedVersion);

    /// <summary>
    /// Whether this person may change the commitment's content right now (structured fields and, for the
    /// drafting features, its live texts): an editor of this commitment while its status allows editing.
    /// </summary>
    [Alias("MayEdit"), AlwaysInterleave]
    Task<bool> MayEdit(Actor actor);
}
