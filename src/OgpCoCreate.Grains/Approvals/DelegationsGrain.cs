using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Journal;
using OgpCoCreate.Security;

namespace OgpCoCreate.Approvals;

[GenerateSerializer, Alias("ogp.DelegationsState")]
public sealed class DelegationsState : JournaledState
{
    [Id(0)] public List<DelegationView> Delegations { get; set; } = [];
}

/// <summary>
/// The delegations of one institution's signature. A focal point hands it to one of the institution's
/// alternates for a period; the alternate then acts for the institution on every commitment, until the end of
/// the period or a revocation. Alternates act otherwise only once a step is overdue (escalation).
/// </summary>
[GrainType("approval-delegations")]
public sealed class DelegationsGrain(
    [PersistentState("delegations", "ogp")] IPersistentState<DelegationsState> state,
    TimeProvider clock) : Grain, IDelegationsGrain
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(366);

    private string Id => this.GetPrimaryKeyString();

    public Task<IReadOnlyList<DelegationView>> Get() => Task.FromResult<IReadOnlyList<DelegationView>>([.. state.State.Delegations]);

    public async Task<DelegationView> Delegate(Actor actor, string toUserId, DateTimeOffset start, DateTimeOffset end, string? note)
    {
        var institution = await GrainFactory.GetGrain<IInstitutionGrain>(Id).Get()
            ?? throw DomainException.NotFound($"There is no institution '{Id}'.");
        if (actor is null || !actor.IsAuthenticated || !institution.FocalPoints.Contains(actor.UserId))
        {
            throw DomainException.Forbidden($"Only a focal point of '{Id}' can delegate its signature.");
        }
        var now = clock.GetUtcNow();
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(toUserId) && institution.Alternates.Contains(toUserId), "toUserId",
                $"Delegate to one of the institution's alternates ({(institution.Alternates.Count == 0 ? "it has none: the secretariat names them" : string.Join(", ", institution.Alternates))}).")
            .Require(end > start, "end", "The delegation must end after it starts.")
            .Require(end > now, "end", "The delegation would already be over.")
            .Require(end - start <= MaxLength, "end", "A delegation lasts at most a year.")
            .Text(note, "note", 500, required: false)
            .ThrowIfInvalid();
        var delegation = new DelegationView(Guid.NewGuid().ToString("N")[..12], Id, actor.UserId, actor.DisplayName, toUserId, start, end,
            string.IsNullOrWhiteSpace(note) ? null : note.Trim(), now, null);
        state.State.Delegations.Add(delegation);
        state.State.Record(actor, "SignatureDelegated", delegation, clock);
        await state.CommitAsync();
        await GrainFactory.GetGrain<INotificationsGrain>(toUserId).Add(new Notification(
            Guid.NewGuid().ToString("N")[..16], NotificationKind.Delegated, now, null, Id, actor.DisplayName, delegation.Note, end, Read: false));
        return delegation;
    }

    public async Task<DelegationView> Revoke(Actor actor, string delegationId)
    {
        var index = state.State.Delegations.FindIndex(d => d.Id == delegationId);
        if (index < 0)
        {
            throw DomainException.NotFound($"There is no delegation '{delegationId}' for '{Id}'.");
        }
        var delegation = state.State.Delegations[index];
        var institution = await GrainFactory.GetGrain<IInstitutionGrain>(Id).Get();
        if (actor is null || !actor.IsAuthenticated || (delegation.ToUserId != actor.UserId && institution?.FocalPoints.Contains(actor.UserId) != true))
        {
            throw DomainException.Forbidden($"Only a focal point of '{Id}' or the delegate can end this delegation.");
        }
        if (delegation.RevokedAt is not null)
        {
            throw DomainException.Conflict("This delegation is already revoked.");
        }
        var revoked = delegation with { RevokedAt = clock.GetUtcNow() };
        state.State.Delegations[index] = revoked;
        state.State.Record(actor, "DelegationRevoked", new { delegationId, toUserId = delegation.ToUserId }, clock);
        await state.CommitAsync();
        return revoked;
    }
}
