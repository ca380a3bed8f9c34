using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Commitments;

[GrainType("commitment")]
public sealed class CommitmentGrain(
    [PersistentState("commitment", "ogp")] IPersistentState<CommitmentState> state,
    TimeProvider clock) : Grain, ICommitmentGrain
{
    private CommitmentState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    public Task<CommitmentView?> Get() => Task.FromResult(S.Created ? View() : null);

    public async Task<CommitmentView> Create(Actor actor, string planId, CommitmentDetails details)
    {
        if (S.Created)
        {
            throw DomainException.Conflict($"Commitment '{Id}' already exists.");
        }
        if (!actor.IsSecretariat && !actor.IsFocalPointOf(details.LeadInstitutionId))
        {
            throw DomainException.Forbidden("Only the secretariat or the lead institution's focal point can create a commitment.");
        }
        CommitmentRules.Validate(details);
        var plan = await GrainFactory.GetGrain<IActionPlanGrain>(planId).Get()
            ?? throw DomainException.NotFound($"There is no plan '{planId}'.");
        await CheckReferences(plan, details);

        S.Created = true;
        S.PlanId = planId;
        S.Details = details;
        S.Status = CommitmentStatus.Proposed;
        await Save(actor, "CommitmentCreated", new { planId, details });

        // Links elsewhere are idempotent, so a crash here is repaired by simply retrying the create's links.
        await GrainFactory.GetGrain<IActionPlanGrain>(planId).AttachCommitment(actor, Id);
        await LinkInstitutions(actor, details);
        return View();
    }

    public async Task<CommitmentView> UpdateDetails(Actor actor, CommitmentDetails details, int? expectedVersion)
    {
        var current = RequireCreated();
        if (!CommitmentRules.CanEdit(actor, current))
        {
            throw DomainException.Forbidden("Only the secretariat or a focal point of the lead or a supporting institution can edit this commitment.");
        }
        if (S.Status is CommitmentStatus.Withdrawn or CommitmentStatus.Completed)
        {
            throw DomainException.Conflict($"A {S.Status.ToString().ToLowerInvariant()} commitment can no longer be edited.");
        }
        Concurrency.CheckVersion(expectedVersion, S.Version, "The commitment");
        CommitmentRules.Validate(details);
        var plan = await GrainFactory.GetGrain<IActionPlanGrain>(S.PlanId).Get()
            ?? throw DomainException.NotFound($"There is no plan '{S.PlanId}'.");
        await CheckReferences(plan, details);

        S.Details = details;
        await Save(actor, "CommitmentEdited", new { before = current, after = details });
        await LinkInstitutions(actor, details);
        return View();
    }

    public async Task<CommitmentView> Transition(Actor actor, CommitmentStatus to, string? reason, int? expectedVersion)
    {
        var details = RequireCreated();
        if (!CommitmentRules.IsValidTransition(S.Status, to))
        {
            throw DomainException.Conflict($"A commitment cannot go from {S.Status} to {to}.");
        }
        if (!CommitmentRules.CanTransition(actor, details, to))
        {
            throw DomainException.Forbidden($"You may not move this commitment to {to}.");
        }
        Concurrency.CheckVersion(expectedVersion, S.Version, "The commitment");
        if (to == CommitmentStatus.Withdrawn && string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Say why the commitment is withdrawn."] });
        }
        var from = S.Status;
        S.Status = to;
        await Save(actor, "CommitmentStatusChanged", new { from, to, reason });
        return View();
    }

    private async Task CheckReferences(PlanView plan, CommitmentDetails details)
    {
        var errors = new Validation()
            .Require(plan.Axes.Any(a => a.Id == details.AxisId), "axisId", $"The plan has no axis '{details.AxisId}'.");
        var institutions = details.SupportingInstitutionIds.Append(details.LeadInstitutionId)
            .Concat(details.Milestones.Select(m => m.ResponsibleInstitutionId)).Distinct();
        foreach (var institutionId in institutions)
        {
            var exists = await GrainFactory.GetGrain<IInstitutionGrain>(institutionId).Get() is not null;
            errors.Require(exists, "institutions", $"There is no institution '{institutionId}'.");
        }
        errors.ThrowIfInvalid();
    }

    private async Task LinkInstitutions(Actor actor, CommitmentDetails details)
    {
        await GrainFactory.GetGrain<IInstitutionGrain>(details.LeadInstitutionId).LinkCommitment(actor, Id, lead: true);
        foreach (var supporter in details.SupportingInstitutionIds)
        {
            await GrainFactory.GetGrain<IInstitutionGrain>(supporter).LinkCommitment(actor, Id, lead: false);
        }
    }

    private CommitmentDetails RequireCreated() =>
        S.Created && S.Details is { } d ? d : throw DomainException.NotFound($"There is no commitment '{Id}'.");

    private async Task Save(Actor actor, string eventType, object payload)
    {
        S.Version++;
        S.UpdatedAt = clock.GetUtcNow();
        S.Record(actor, eventType, payload, clock);
        await state.CommitAsync();
    }

    private CommitmentView View() => new(Id, S.PlanId, S.Details!, S.Status, CommitmentTextFields.All, S.Version, S.UpdatedAt);
}
