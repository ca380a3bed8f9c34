using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Commitments;

/// <summary>
/// One commitment. Commands check, in this order: it exists (404), the actor may act on it (403), the
/// version the client read is current (412), its status and its plan's allow the command (409), the input
/// is valid (400). Nothing is changed, and nothing journaled, until every check has passed; the links kept
/// by the plan and the institutions are updated afterwards (idempotently, so a retry repairs them).
/// </summary>
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
        RequireAuthenticated(actor);
        if (!actor.IsSecretariat && !actor.Roles.Contains(OgpRoles.FocalPoint))
        {
            throw DomainException.Forbidden("Only the secretariat or the lead institution's focal point can create a commitment.");
        }
        if (S.Created)
        {
            throw DomainException.Conflict($"Commitment '{Id}' already exists.");
        }
        new Validation().Slug(Id, "id").Slug(planId, "planId").ThrowIfInvalid();
        var normalized = CommitmentRules.Normalize(details);
        CommitmentRules.Validate(normalized);
        details = normalized!;
        if (!actor.IsSecretariat && !(await GrainFactory.ConfirmAsync(actor, [details.LeadInstitutionId])).IsFocalPointOf(details.LeadInstitutionId))
        {
            throw DomainException.Forbidden("Only the secretariat or the lead institution's focal point can create a commitment.");
        }
        // The plan is named in the request body, not the URL: an unknown one is a field error, not a 404.
        var plan = await GrainFactory.GetGrain<IActionPlanGrain>(planId).Get()
            ?? throw DomainException.Invalid(new Dictionary<string, string[]> { ["planId"] = [$"There is no plan '{planId}'."] });
        if (!PlanRules.AcceptsNewCommitments(plan.Status))
        {
            throw DomainException.Conflict($"The plan is {plan.Status}: it takes no new commitments after the forum's validation.");
        }
        await CheckReferences(plan, details);

        // The plan reserves the number first (409 if another commitment has it). Should the write below fail,
        // the reservation stays with this id and a retry of the same create reuses it.
        await GrainFactory.GetGrain<IActionPlanGrain>(planId).AttachCommitment(actor, Id, details.Number);
        S.Created = true;
        S.PlanId = planId;
        S.Details = details;
        S.Status = CommitmentStatus.Proposed;
        await Save(actor, "CommitmentCreated", new { planId, details });
        await SyncLinks(actor, before: null, details);
        return View();
    }

    public async Task<CommitmentView> UpdateDetails(Actor actor, CommitmentDetails details, int? expectedVersion)
    {
        var current = RequireCreated();
        RequireAuthenticated(actor);
        var plan = await Plan();
        var who = await Confirm(actor, current);
        if (!CommitmentRules.CanEdit(who, current))
        {
            throw DomainException.Forbidden("Only the secretariat or a focal point of the lead or a supporting institution can edit this commitment.");
        }
        Concurrency.CheckVersion(expectedVersion, S.Version, "The commitment");
        RequirePlanOpen(plan);
        if (!CommitmentRules.IsEditable(S.Status))
        {
            throw DomainException.Conflict(CommitmentRules.IsFinal(S.Status)
                ? $"A {S.Status} commitment can no longer be edited."
                : $"The commitment is {S.Status}: its text is frozen for approval and implementation. Move it back to Revised to change it.");
        }
        var normalized = CommitmentRules.Normalize(details);
        CommitmentRules.Validate(normalized);
        details = normalized!;
        CommitmentRules.CheckFieldChanges(who, current, details);
        await CheckReferences(plan, details);
        if (Changes.Same(current, details))
        {
            return View();
        }

        S.Details = details;
        await Save(actor, "CommitmentEdited", new { changed = Changes.Between(current, details), before = current, after = details });
        await SyncLinks(actor, current, details);
        return View();
    }

    public async Task<CommitmentView> Transition(Actor actor, CommitmentStatus to, string? reason, int? expectedVersion)
    {
        var details = RequireCreated();
        RequireAuthenticated(actor);
        var plan = await Plan();
        var movers = CommitmentRules.MoversOf(await Confirm(actor, details), details, plan);
        if (movers == Movers.None)
        {
            throw DomainException.Forbidden("Only the secretariat, the lead institution's focal points and the forum move a commitment through its lifecycle.");
        }
        Concurrency.CheckVersion(expectedVersion, S.Version, "The commitment");
        var from = S.Status;
        if (!CommitmentRules.IsValidTransition(from, to))
        {
            var next = CommitmentRules.NextStatuses(from);
            throw DomainException.Conflict($"A commitment cannot go from {from} to {to}"
                + (next.Count == 0 ? $": {from} is final." : $"; from {from} it can go to {string.Join(", ", next)}."));
        }
        var allowed = CommitmentRules.AllowedMovers(from, to);
        if ((allowed & movers) == Movers.None)
        {
            throw DomainException.Forbidden($"Moving a commitment from {from} to {to} is for: {allowed}.");
        }
        RequirePlanOpen(plan);
        if (to == CommitmentStatus.InImplementation && !PlanRules.AllowsImplementation(plan.Status))
        {
            throw DomainException.Conflict($"The plan is {plan.Status}: implementation starts once it is adopted.");
        }
        new Validation()
            .Text(reason, "reason", CommitmentRules.MaxReasonLength, required: to == CommitmentStatus.Withdrawn)
            .ThrowIfInvalid();
        if (to == CommitmentStatus.PendingApproval)
        {
            CommitmentRules.CheckReadyForApproval(details);
        }

        S.Status = to;
        await Save(actor, "CommitmentStatusChanged", new { from, to, reason });
        return View();
    }

    public async Task<bool> MayEdit(Actor actor)
    {
        if (!S.Created || S.Details is not { } details || actor is null || !actor.IsAuthenticated || !CommitmentRules.IsEditable(S.Status))
        {
            return false;
        }
        var plan = await GrainFactory.GetGrain<IActionPlanGrain>(S.PlanId).Get();
        return plan is { Status: not PlanStatus.Closed } && CommitmentRules.CanEdit(await Confirm(actor, details), details);
    }

    /// <summary>The plan knows the axes and the period; institutions must exist. All reported at once.</summary>
    private async Task CheckReferences(PlanView plan, CommitmentDetails details)
    {
        var errors = new Validation()
            .Require(plan.Axes.Any(a => a.Id == details.AxisId), "axisId", $"The plan has no axis '{details.AxisId}'.")
            .Require(details.Start >= plan.Start && details.End <= plan.End, "start",
                $"A commitment must fall within the plan's period ({plan.Start:yyyy-MM-dd} – {plan.End:yyyy-MM-dd}).");
        var institutions = details.SupportingInstitutionIds.Prepend(details.LeadInstitutionId).ToList();
        var found = await Task.WhenAll(institutions.Select(id => GrainFactory.GetGrain<IInstitutionGrain>(id).Get()));
        for (var i = 0; i < institutions.Count; i++)
        {
            var field = i == 0 ? "leadInstitutionId" : $"supportingInstitutionIds[{i - 1}]";
            errors.Require(found[i] is not null, field, $"There is no institution '{institutions[i]}'.");
        }
        errors.ThrowIfInvalid();
    }

    /// <summary>Institutions list what they lead and support; the plan lists the institutions taking part.</summary>
    private async Task SyncLinks(Actor actor, CommitmentDetails? before, CommitmentDetails after)
    {
        var plan = GrainFactory.GetGrain<IActionPlanGrain>(S.PlanId);
        await GrainFactory.GetGrain<IInstitutionGrain>(after.LeadInstitutionId).LinkCommitment(actor, Id, lead: true);
        await plan.AttachInstitution(actor, after.LeadInstitutionId);
        foreach (var supporter in after.SupportingInstitutionIds)
        {
            await GrainFactory.GetGrain<IInstitutionGrain>(supporter).LinkCommitment(actor, Id, lead: false);
            await plan.AttachInstitution(actor, supporter);
        }
        var involved = after.SupportingInstitutionIds.Append(after.LeadInstitutionId).ToHashSet();
        var dropped = before is null ? [] : before.SupportingInstitutionIds.Append(before.LeadInstitutionId).Where(id => !involved.Contains(id));
        foreach (var institutionId in dropped)
        {
            await GrainFactory.GetGrain<IInstitutionGrain>(institutionId).UnlinkCommitment(actor, Id);
        }
    }

    private Task<Actor> Confirm(Actor actor, CommitmentDetails details) =>
        GrainFactory.ConfirmAsync(actor, details.SupportingInstitutionIds.Prepend(details.LeadInstitutionId));

    private async Task<PlanView> Plan() =>
        await GrainFactory.GetGrain<IActionPlanGrain>(S.PlanId).Get()
            ?? throw DomainException.NotFound($"The plan '{S.PlanId}' of this commitment does not exist.");

    private static void RequirePlanOpen(PlanView plan)
    {
        if (plan.Status == PlanStatus.Closed)
        {
            throw DomainException.Conflict("The plan is closed: its commitments can no longer change.");
        }
    }

    private static void RequireAuthenticated(Actor actor)
    {
        if (actor is null || !actor.IsAuthenticated)
        {
            throw DomainException.Forbidden("Sign in first.");
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
        OgpCoCreate.Approvals.ApprovalSignals.CommitmentChanged(GrainFactory, Id);
    }

    private CommitmentView View() => new(Id, S.PlanId, S.Details!, S.Status, CommitmentTextFields.All, S.Version, S.UpdatedAt);
}
