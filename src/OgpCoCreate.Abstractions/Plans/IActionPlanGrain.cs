using OgpCoCreate.Security;
using Orleans.Concurrency;

namespace OgpCoCreate.Plans;

/// <summary>One national action plan cycle, keyed by its id (e.g. <c>tn-nap5</c>).</summary>
[Alias("ogp.IActionPlanGrain")]
public interface IActionPlanGrain : IGrainWithStringKey
{
    /// <summary>
    /// Interleaves with commands: a plan command may read its commitments while one of them reads the plan
    /// (e.g. adoption checks every commitment while a commitment is being edited); without interleaving
    /// those two would wait for each other until the call times out.
    /// </summary>
    [Alias("Get"), AlwaysInterleave]
    Task<PlanView?> Get();

    [Alias("Create")]
    Task<PlanView> Create(Actor actor, PlanDefinition definition);

    /// <summary>Replaces country, title, period, axes and timeline (secretariat).</summary>
    [Alias("UpdateDefinition")]
    Task<PlanView> UpdateDefinition(Actor actor, PlanDefinition definition, int? expectedVersion);

    [Alias("SetForum")]
    Task<PlanView> SetForum(Actor actor, IReadOnlyList<ForumMember> members, int? expectedVersion);

    /// <summary>Moves the plan along its lifecycle (secretariat); see <c>PlanRules</c> for the table.</summary>
    [Alias("Transition")]
    Task<PlanView> Transition(Actor actor, PlanStatus to, string? reason, int? expectedVersion);

    /// <summary>
    /// Called by a commitment being created: lists it in the plan and reserves its number, which no other
    /// commitment of the plan may take (numbers are never reused, not even after a withdrawal). Idempotent.
    /// </summary>
    [Alias("AttachCommitment")]
    Task AttachCommitment(Actor actor, string commitmentId, int number);

    /// <summary>Lists an institution as taking part in the plan. Idempotent.</summary>
    [Alias("AttachInstitution")]
    Task AttachInstitution(Actor actor, string institutionId);
}
