using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Approvals;

[GenerateSerializer, Alias("ogp.PlanAdoptionState")]
public sealed class PlanAdoptionState : JournaledState
{
    [Id(0)] public ApprovalPolicy? Policy { get; set; }
    [Id(1)] public bool Adopted { get; set; }
    [Id(2)] public DateTimeOffset? AdoptedAt { get; set; }
    [Id(3)] public string? AdoptedByName { get; set; }
    [Id(4)] public Dictionary<string, string> AdoptedHashes { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public int Version { get; set; }
}

/// <summary>
/// Step 4 of the chain, and the plan's approval policy: the secretariat adopts the plan once every active
/// commitment's chain is complete on its current content. Kept apart from the plan grain: it reads the
/// approval workflows, records the content hash of every commitment adopted, then moves the plan to Adopted
/// (whose own preconditions, e.g. the plan being in Validation, still apply).
/// </summary>
[GrainType("plan-adoption")]
public sealed class PlanAdoptionGrain(
    [PersistentState("adoption", "ogp")] IPersistentState<PlanAdoptionState> state,
    TimeProvider clock) : Grain, IPlanAdoptionGrain
{
    public const int MaxDays = 365;

    private PlanAdoptionState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    public Task<PlanApprovalSettings> Settings() => Task.FromResult(new PlanApprovalSettings(S.Policy ?? ApprovalPolicy.Default, S.Adopted, S.Version));

    public async Task<PlanApprovalSettings> SetPolicy(Actor actor, ApprovalPolicy policy, int? expectedVersion)
    {
        _ = await RequirePlan();
        if (actor is null || !actor.IsSecretariat)
        {
            throw DomainException.Forbidden("Only the secretariat sets how the plan's commitments are approved.");
        }
        Concurrency.CheckVersion(expectedVersion, S.Version, "The approval policy");
        if (S.Adopted)
        {
            throw DomainException.Conflict("The plan is adopted: its approval policy can no longer change.");
        }
        new Validation()
            .Require(policy is not null, "policy", "This field is required.")
            .Require(policy?.LeadDays is null or (>= 1 and <= MaxDays), "leadDays", $"Between 1 and {MaxDays} days, or leave it out for the default.")
            .Require(policy?.SupportingDays is null or (>= 1 and <= MaxDays), "supportingDays", $"Between 1 and {MaxDays} days, or leave it out for the default.")
            .Require(policy?.ForumDays is null or (>= 1 and <= MaxDays), "forumDays", $"Between 1 and {MaxDays} days, or leave it out for the default.")
            .ThrowIfInvalid();
        var before = S.Policy ?? ApprovalPolicy.Default;
        if (before == policy)
        {
            return await Settings();
        }
        S.Policy = policy;
        S.Version++;
        S.Record(actor, "ApprovalPolicyChanged", new { before, after = policy }, clock);
        await state.CommitAsync();
        return await Settings();
    }

    public async Task<AdoptionView> Status()
    {
        var plan = await RequirePlan();
        var commitments = (await Task.WhenAll(plan.CommitmentIds.Select(id => GrainFactory.GetGrain<ICommitmentGrain>(id).Get())))
            .OfType<CommitmentView>().OrderBy(c => c.Details.Number).ToList();
        var approvals = await Task.WhenAll(commitments.Select(c => GrainFactory.GetGrain<IApprovalGrain>(c.Id).Get()));
        var rows = commitments.Zip(approvals, (c, a) => new AdoptionCommitment(
            c.Id, c.Details.Number, c.Details.Title, c.Status, a.Complete, a.CurrentStage,
            [.. a.Slots.Where(s => !s.Fresh).Select(s => s.Slot)], [.. a.Slots.Where(s => s.Stale).Select(s => s.Slot)], a.Content.Hash)).ToList();
        var missing = new List<string>();
        if (!S.Adopted)
        {
            var active = rows.Where(r => r.Status != CommitmentStatus.Withdrawn).ToList();
            if (active.Count == 0)
            {
                missing.Add("A plan needs at least one commitment to be adopted.");
            }
            foreach (var r in active.Where(r => !r.Complete))
            {
                missing.Add($"{r.CommitmentId}: awaiting {string.Join(", ", r.MissingSlots)}" + (r.StaleSlots.Count > 0 ? $" (stale: {string.Join(", ", r.StaleSlots)})" : "") + ".");
            }
            foreach (var r in active.Where(r => r.Complete && r.Status != CommitmentStatus.Approved))
            {
                missing.Add($"{r.CommitmentId}: approved by every signatory but its status is {r.Status}, not Approved.");
            }
            if (plan.Status != PlanStatus.Validation)
            {
                missing.Add($"The plan is in {plan.Status}: it is adopted from Validation.");
            }
            if (plan.Forum.Count(m => m.CoChair) != 2)
            {
                missing.Add("The forum's two co-chairs (one per side) must be named.");
            }
        }
        return new AdoptionView(Id, plan.Status, S.Adopted, S.AdoptedAt, S.AdoptedByName, rows, missing, !S.Adopted && missing.Count == 0,
            S.Policy ?? ApprovalPolicy.Default, S.Version);
    }

    public async Task<AdoptionView> Adopt(Actor actor, string? comment)
    {
        var plan = await RequirePlan();
        if (actor is null || !actor.IsSecretariat)
        {
            throw DomainException.Forbidden("Only the secretariat adopts the plan.");
        }
        new Validation().Text(comment, "comment", 2000, required: false).ThrowIfInvalid();
        if (S.Adopted)
        {
            throw DomainException.Conflict($"The plan was already adopted on {S.AdoptedAt:yyyy-MM-dd}.");
        }
        var status = await Status();
        if (!status.CanAdopt && !(plan.Status == PlanStatus.Adopted && status.Missing.All(m => m.StartsWith("The plan is in", StringComparison.Ordinal))))
        {
            throw DomainException.Conflict("The plan cannot be adopted yet: " + string.Join(" ", status.Missing),
                new Dictionary<string, string[]> { ["plan"] = [.. status.Missing] });
        }
        if (plan.Status != PlanStatus.Adopted)
        {
            // The plan's own rules (forum, statuses) are checked again there; a refusal leaves nothing recorded here.
            await GrainFactory.GetGrain<IActionPlanGrain>(Id).Transition(actor, PlanStatus.Adopted, comment, null);
        }
        S.Adopted = true;
        S.AdoptedAt = clock.GetUtcNow();
        S.AdoptedByName = actor.DisplayName;
        S.AdoptedHashes = status.Commitments.Where(c => c.Status != CommitmentStatus.Withdrawn).ToDictionary(c => c.CommitmentId, c => c.ContentHash);
        S.Version++;
        S.Record(actor, "PlanAdopted", new { commitments = S.AdoptedHashes, comment }, clock);
        await state.CommitAsync();
        return await Status();
    }

    private async Task<PlanView> RequirePlan() =>
        await GrainFactory.GetGrain<IActionPlanGrain>(Id).Get() ?? throw DomainException.NotFound($"There is no plan '{Id}'.");
}
