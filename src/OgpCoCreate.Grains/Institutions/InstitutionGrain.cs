using OgpCoCreate.Common;
using OgpCoCreate.Journal;
using OgpCoCreate.Security;

namespace OgpCoCreate.Institutions;

[GrainType("institution")]
public sealed class InstitutionGrain(
    [PersistentState("institution", "ogp")] IPersistentState<InstitutionState> state,
    TimeProvider clock) : Grain, IInstitutionGrain
{
    private InstitutionState S => state.State;

    public Task<InstitutionView?> Get() => Task.FromResult(S.Created ? View() : null);

    public async Task<InstitutionView> Create(Actor actor, InstitutionDefinition definition)
    {
        if (!actor.IsSecretariat)
        {
            throw DomainException.Forbidden("Only the secretariat or an admin can register an institution.");
        }
        if (S.Created)
        {
            throw DomainException.Conflict($"Institution '{this.GetPrimaryKeyString()}' already exists.");
        }
        new Validation()
            .Localized(definition.Name, "name", 300)
            .Text(definition.Acronym, "acronym", 40, required: false)
            .Require(Enum.IsDefined(definition.Kind), "kind", "Unknown institution kind.")
            .ThrowIfInvalid();
        S.Created = true;
        S.Name = definition.Name;
        S.Kind = definition.Kind;
        S.Acronym = definition.Acronym;
        await Save(actor, "InstitutionCreated", definition);
        return View();
    }

    public async Task<InstitutionView> SetFocalPoints(Actor actor, IReadOnlyList<string> focalPoints, IReadOnlyList<string> alternates, int? expectedVersion)
    {
        RequireCreated();
        if (!actor.IsSecretariat)
        {
            throw DomainException.Forbidden("Only the secretariat or an admin can name focal points.");
        }
        Concurrency.CheckVersion(expectedVersion, S.Version, "The institution");
        var before = new { focalPoints = S.FocalPoints.ToList(), alternates = S.Alternates.ToList() };
        S.FocalPoints = [.. focalPoints.Distinct()];
        S.Alternates = [.. alternates.Distinct().Except(S.FocalPoints)];
        await Save(actor, "FocalPointsChanged", new { before, after = new { focalPoints = S.FocalPoints, alternates = S.Alternates } });
        return View();
    }

    public async Task LinkCommitment(Actor actor, string commitmentId, bool lead)
    {
        RequireCreated();
        var list = lead ? S.Leads : S.Supports;
        if (list.Contains(commitmentId))
        {
            return;
        }
        list.Add(commitmentId);
        await Save(actor, lead ? "LeadsCommitment" : "SupportsCommitment", new { commitmentId });
    }

    private void RequireCreated()
    {
        if (!S.Created)
        {
            throw DomainException.NotFound($"There is no institution '{this.GetPrimaryKeyString()}'.");
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
        this.GetPrimaryKeyString(), S.Name, S.Kind, S.Acronym, [.. S.FocalPoints], [.. S.Alternates], [.. S.Leads], [.. S.Supports], S.Version, S.UpdatedAt);
}
