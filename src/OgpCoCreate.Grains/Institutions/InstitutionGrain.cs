using OgpCoCreate.Common;
using OgpCoCreate.Journal;
using OgpCoCreate.Security;

namespace OgpCoCreate.Institutions;

/// <summary>
/// An institution and who acts for it. Checks run in the order 404, 403, 412, 400 and nothing is changed or
/// journaled before all have passed.
/// </summary>
[GrainType("institution")]
public sealed class InstitutionGrain(
    [PersistentState("institution", "ogp")] IPersistentState<InstitutionState> state,
    TimeProvider clock) : Grain, IInstitutionGrain
{
    private InstitutionState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    public Task<InstitutionView?> Get() => Task.FromResult(S.Created ? View() : null);

    public async Task<InstitutionView> Create(Actor actor, InstitutionDefinition definition)
    {
        RequireSecretariat(actor, "Only the secretariat or an admin can register an institution.");
        if (S.Created)
        {
            throw DomainException.Conflict($"Institution '{Id}' already exists.");
        }
        new Validation().Slug(Id, "id").ThrowIfInvalid();
        InstitutionRules.Validate(definition);
        definition = InstitutionRules.Normalize(definition);
        S.Created = true;
        Apply(definition);
        await Save(actor, "InstitutionCreated", definition);
        return View();
    }

    public async Task<InstitutionView> UpdateDefinition(Actor actor, InstitutionDefinition definition, int? expectedVersion)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat or an admin can change an institution.");
        Concurrency.CheckVersion(expectedVersion, S.Version, "The institution");
        InstitutionRules.Validate(definition);
        definition = InstitutionRules.Normalize(definition);
        var before = new InstitutionDefinition(S.Name, S.Kind, S.Acronym);
        if (Changes.Same(before, definition))
        {
            return View();
        }
        Apply(definition);
        await Save(actor, "InstitutionChanged", new { changed = Changes.Between(before, definition), before, after = definition });
        return View();
    }

    public async Task<InstitutionView> SetFocalPoints(Actor actor, IReadOnlyList<string> focalPoints, IReadOnlyList<string> alternates, int? expectedVersion)
    {
        RequireCreated();
        RequireSecretariat(actor, "Only the secretariat or an admin can name focal points.");
        Concurrency.CheckVersion(expectedVersion, S.Version, "The institution");
        InstitutionRules.ValidateFocalPoints(focalPoints, alternates);
        var before = new { focalPoints = S.FocalPoints.ToList(), alternates = S.Alternates.ToList() };
        var after = new { focalPoints = focalPoints.ToList(), alternates = alternates.ToList() };
        if (Changes.Same(before, after))
        {
            return View();
        }
        S.FocalPoints = after.focalPoints;
        S.Alternates = after.alternates;
        await Save(actor, "FocalPointsChanged", new { before, after });
        return View();
    }

    public async Task LinkCommitment(Actor actor, string commitmentId, bool lead)
    {
        RequireCreated();
        RequireAuthenticated(actor);
        var (target, other) = lead ? (S.Leads, S.Supports) : (S.Supports, S.Leads);
        if (target.Contains(commitmentId) && !other.Contains(commitmentId))
        {
            return;
        }
        // A supporter that becomes the lead (or the reverse) moves from one list to the other.
        other.Remove(commitmentId);
        if (!target.Contains(commitmentId))
        {
            target.Add(commitmentId);
        }
        await Save(actor, lead ? "LeadsCommitment" : "SupportsCommitment", new { commitmentId });
    }

    public async Task UnlinkCommitment(Actor actor, string commitmentId)
    {
        RequireCreated();
        RequireAuthenticated(actor);
        var wasLead = S.Leads.Remove(commitmentId);
        var wasSupporter = S.Supports.Remove(commitmentId);
        if (!wasLead && !wasSupporter)
        {
            return;
        }
        await Save(actor, "CommitmentUnlinked", new { commitmentId, was = wasLead ? "lead" : "supporter" });
    }

    private void Apply(InstitutionDefinition d)
    {
        S.Name = d.Name;
        S.Kind = d.Kind;
        S.Acronym = d.Acronym;
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
            throw DomainException.NotFound($"There is no institution '{Id}'.");
        }
    }

    private async Task Save(Actor actor, string eventType, object payload)
    {
        S.Version++;
        S.UpdatedAt = clock.GetUtcNow();
        S.Record(actor, eventType, payload, clock);
        await state.CommitAsync();
    }

    private InstitutionView View() => new(
        Id, S.Name, S.Kind, S.Acronym, [.. S.FocalPoints], [.. S.Alternates], [.. S.Leads], [.. S.Supports], S.Version, S.UpdatedAt);
}
