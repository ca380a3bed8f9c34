using OgpCoCreate.Security;

namespace OgpCoCreate.Plans;

/// <summary>One national action plan cycle, keyed by its id (e.g. <c>tn-nap5</c>).</summary>
[Alias("ogp.IActionPlanGrain")]
public interface IActionPlanGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<PlanView?> Get();

    [Alias("Create")]
    Task<PlanView> Create(Actor actor, PlanDefinition definition);

    [Alias("SetForum")]
    Task<PlanView> SetForum(Actor actor, IReadOnlyList<ForumMember> members, int? expectedVersion);

    [Alias("AttachCommitment")]
    Task AttachCommitment(Actor actor, string commitmentId);

    [Alias("AttachInstitution")]
    Task AttachInstitution(Actor actor, string institutionId);
}
