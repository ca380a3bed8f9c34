using OgpCoCreate.Common;
using OgpCoCreate.Journal;
using OgpCoCreate.Security;

namespace OgpCoCreate.Plans;

[GrainType("plan")]
public sealed class ActionPlanGrain(
    [PersistentState("plan", "ogp")] IPersistentState<PlanState> state,
    TimeProvider clock) : Grain, IActionPlanGrain
{
    private PlanState S => state.State;

    public Task<PlanView?> Get() => Task.FromResult(S.Created ? View() : null);

    public async Task<PlanView> Create(Actor actor, PlanDefinition definition)
    {
        if (!actor.IsSecretariat)
        {
            throw DomainException.Forbidden("Only the secretariat can open a plan cycle.");
        }
        if (S.Created)
        {
            throw DomainException.Conflict($"Plan '{this.GetPrimaryKeyString()}' already exists.");
        }
        Validate(definition);
        S.Created = true;
        S.Country = definition.Country;
        S.Title = definition.Title;
        S.Start = definition.Start;
        S.End = definition.End;
        S.Axes = [.. definition.Axes];
        S.Timeline = [.. definition.Timeline];
        S.Status = PlanStatus.Preparation;
        await Save(actor, "PlanCreated", definition);
        return View();
    }

    public async Task<PlanView> SetForum(Actor actor, IReadOnlyList<ForumMember> members, int? expectedVersion)
    {
        RequireCreated();
        if (!actor.IsSecretariat)
        {
            throw DomainException.Forbidden("Only the secretariat manages the forum membership.");
        }
        Concurrency.CheckVersion(expectedVersion, S.Version, "The plan");
        var before = S.Forum.ToList();
        S.Forum = [.. members];
        await Save(actor, "ForumMembershipChanged", new { before, after = members });
        return View();
    }

    public async Task AttachCommitment(Actor actor, string commitmentId)
    {
        RequireCreated();
        if (S.CommitmentIds.Contains(commitmentId))
        {
            return;
        }
        S.CommitmentIds.Add(commitmentId);
        await Save(actor, "CommitmentAttached", new { commitmentId });
    }

    public async Task AttachInstitution(Actor actor, string institutionId)
    {
        RequireCreated();
        if (S.InstitutionIds.Contains(institutionId))
        {
            return;
        }
        S.InstitutionIds.Add(institutionId);
        await Save(actor, "InstitutionAttached", new { institutionId });
    }

    private static void Validate(PlanDefinition d)
    {
        var v = new Validation()
            .Text(d.Country, "country", 80)
            .Localized(d.Title, "title", 300)
            .Require(d.End > d.Start, "end", "The plan must end after it starts.")
            .Require(d.Axes.Count > 0, "axes", "A plan needs at least one axis.")
            .Require(d.Axes.Select(a => a.Id).Distinct().Count() == d.Axes.Count, "axes", "Axis ids must be unique.");
        foreach (var phase in d.Timeline)
        {
            v.Require(phase.End >= phase.Start, $"timeline.{phase.Id}", "A phase cannot end before it starts.");
        }
        v.ThrowIfInvalid();
    }

    private void RequireCreated()
    {
        if (!S.Created)
        {
            throw DomainException.NotFound($"There is no plan '{this.GetPrimaryKeyString()}'.");
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
        this.GetPrimaryKeyString(), S.Country, S.Title, S.Start, S.End, [.. S.Axes], [.. S.Timeline], S.Status,
        [.. S.CommitmentIds], [.. S.InstitutionIds], [.. S.Forum], S.Version, S.UpdatedAt);
}
