using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Journal;
using OgpCoCreate.Security;

namespace OgpCoCreate.Plans;

/// <summary>
/// One plan cycle. Every command checks, in this order: the plan exists (404), the actor may do it (403),
/// the version the client read is current (412), the plan's state allows it (409), the input is valid
/// (400). Nothing is changed, and nothing journaled, until every check has passed.
/// </summary>
[GrainType("plan")]
public sealed class ActionPlanGrain(
    [PersistentState("plan", "ogp")] IPersistentState<PlanState> state,
    TimeProvider clock) : Grain, IActionPlanGrain
{
    private PlanState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    public Task<PlanView?> Get() => Task.FromResult(S.Created ? View() : null);

    public async Task<PlanView> Create(Actor actor, PlanDefinition definition)
    {
        RequireSecretariat(actor, "Only the secretariat can open a plan cycle.");
        if (S.Created)
        {
            throw DomainException.Conflict($"Plan '{Id}' already exists.");
        }
        new Validation().Slug(Id, "id").ThrowIfInvalid();
        PlanRules.Validate(definition);
        S.Created = true;
        Apply(definition);
        S.Status = PlanStatus.Preparation;
        await Save(actor, "PlanCreated", definition);
        return View();
    }

    public async Task<PlanView> UpdateDefinition(Actor actor, PlanDefinition definition, int? expectedVersion)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat can change the plan.");
        Concurrency.CheckVersion(expectedVersion, S.Version, "The plan");
        RequireOpen();
        PlanRules.Validate(definition);
        var before = S.Definition();
        if (Changes.Same(before, definition))
        {
            return View();
        }
        await CheckCommitmentsStillFit(definition);
        Apply(definition);
        await Save(actor, "PlanDefinitionChanged", new { changed = Changes.Between(before, definition), before, after = definition });
        return View();
    }

    public async Task<PlanView> SetForum(Actor actor, IReadOnlyList<ForumMember> members, int? expectedVersion)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat manages the forum membership.");
        Concurrency.CheckVersion(expectedVersion, S.Version, "The plan");
        RequireOpen();
        PlanRules.ValidateForum(members);
        var before = S.Forum.ToList();
        if (Changes.Same(before, members))
        {
            return View();
        }
        S.Forum = [.. members];
        await Save(actor, "ForumMembershipChanged", new { before, after = members });
        return View();
    }

    public async Task<PlanView> Transition(Actor actor, PlanStatus to, string? reason, int? expectedVersion)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat moves the plan through its cycle.");
        Concurrency.CheckVersion(expectedVersion, S.Version, "The plan");
        if (!PlanRules.IsValidTransition(S.Status, to))
        {
            var next = PlanRules.NextStatuses(S.Status);
            throw DomainException.Conflict($"A plan cannot go from {S.Status} to {to}"
                + (next.Count == 0 ? "." : $"; from {S.Status} it can go to {string.Join(" or ", next)}."));
        }
        new Validation().Text(reason, "reason", PlanRules.MaxReasonLength, required: false).ThrowIfInvalid();
        var problems = PlanRules.Preconditions(to, S.Forum, await Commitments());
        if (problems.Count > 0)
        {
            throw DomainException.Conflict(string.Join(" ", problems), new Dictionary<string, string[]> { ["to"] = [.. problems] });
        }
        var from = S.Status;
        S.Status = to;
        await Save(actor, "PlanStatusChanged", new { from, to, reason });
        return View();
    }

    public async Task AttachCommitment(Actor actor, string commitmentId, int number)
    {
        RequireCreated();
        RequireAuthenticated(actor);
        if (S.CommitmentNumbers.FirstOrDefault(n => n.Value == number && n.Key != commitmentId) is { Key: { } taken })
        {
            throw DomainException.Conflict($"Number {number} is already used by commitment '{taken}' of this plan.",
                new Dictionary<string, string[]> { ["number"] = [$"Commitment '{taken}' already has number {number}."] });
        }
        if (S.CommitmentIds.Contains(commitmentId) && S.CommitmentNumbers.ContainsKey(commitmentId))
        {
            return;
        }
        if (!S.CommitmentIds.Contains(commitmentId))
        {
            S.CommitmentIds.Add(commitmentId);
        }
        S.CommitmentNumbers[commitmentId] = number;
        await Save(actor, "CommitmentAttached", new { commitmentId, number });
    }

    public async Task AttachInstitution(Actor actor, string institutionId)
    {
        RequireCreated();
        RequireAuthenticated(actor);
        if (S.InstitutionIds.Contains(institutionId))
        {
            return;
        }
        S.InstitutionIds.Add(institutionId);
        await Save(actor, "InstitutionAttached", new { institutionId });
    }

    /// <summary>An axis in use, or a period that would leave a commitment outside it, cannot be changed away.</summary>
    private async Task CheckCommitmentsStillFit(PlanDefinition definition)
    {
        var errors = new Validation();
        var axes = definition.Axes.Select(a => a.Id).ToHashSet();
        foreach (var c in await Commitments())
        {
            errors.Require(axes.Contains(c.Details.AxisId), "axes", $"Axis '{c.Details.AxisId}' is used by commitment '{c.Id}'.")
                .Require(c.Details.Start >= definition.Start && c.Details.End <= definition.End, "end",
                    $"Commitment '{c.Id}' ({c.Details.Start:yyyy-MM-dd} – {c.Details.End:yyyy-MM-dd}) would fall outside the plan's period.");
        }
        errors.ThrowIfInvalid(DomainErrorKind.Conflict, "The change would leave some commitments without an axis or outside the plan's period.");
    }

    private async Task<IReadOnlyList<CommitmentView>> Commitments()
    {
        var all = await Task.WhenAll(S.CommitmentIds.Select(id => GrainFactory.GetGrain<ICommitmentGrain>(id).Get()));
        return [.. all.OfType<CommitmentView>()];
    }

    private void Apply(PlanDefinition d)
    {
        S.Country = d.Country;
        S.Title = d.Title;
        S.Start = d.Start;
        S.End = d.End;
        S.Axes = [.. d.Axes];
        S.Timeline = [.. d.Timeline];
    }

    private static void RequireSecretariat(Actor actor, string message)
    {
        RequireAuthenticated(actor);
        if (!actor.IsSecretariat)
        {
            throw DomainException.Forbidden(message);
        }
    }

    private static void RequireAuthenticated(Actor actor)
    {
        if (actor is null || !actor.IsAuthenticated)
        {
            throw DomainException.Forbidden("Sign in first.");
        }
    }

    private void RequireCreated()
    {
        if (!S.Created)
        {
            throw DomainException.NotFound($"There is no plan '{Id}'.");
        }
    }

    private void RequireOpen()
    {
        if (S.Status == PlanStatus.Closed)
        {
            throw DomainException.Conflict("The plan is closed: it can no longer be changed.");
        }
    }

    private async Task Save(Actor actor, string eventType, object payload)
    {
        S.Version++;
        S.UpdatedAt = clock.GetUtcNow();
        S.Record(actor, eventType, payload, clock);
        await state.CommitAsync();
    }

    private PlanView View() => new(
        Id, S.Country, S.Title, S.Start, S.End, [.. S.Axes], [.. S.Timeline], S.Status,
        [.. S.CommitmentIds], [.. S.InstitutionIds], [.. S.Forum], S.Version, S.UpdatedAt);
}
