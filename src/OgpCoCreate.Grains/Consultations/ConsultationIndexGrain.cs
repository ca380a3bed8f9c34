using OgpCoCreate.Common;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;
using static OgpCoCreate.Consultations.ConsultationLimits;

namespace OgpCoCreate.Consultations;

/// <summary>
/// A plan's consultation rounds and its notice period, keyed by the plan id. It numbers the rounds
/// (<c>{planId}-r1</c>, <c>-r2</c> …) and lists them; each round owns everything else about itself.
/// </summary>
[GrainType("consultation-index")]
public sealed class ConsultationIndexGrain(
    [PersistentState("consultations", "ogp")] IPersistentState<ConsultationIndexState> state,
    TimeProvider clock) : Grain, IConsultationIndexGrain
{
    private ConsultationIndexState S => state.State;

    private string PlanId => this.GetPrimaryKeyString();

    public Task<ConsultationSettings> GetSettings() => Task.FromResult(Settings());

    public async Task<ConsultationSettings> SetNoticeDays(Actor actor, int days)
    {
        RequireSecretariat(actor, "Only the secretariat sets the notice period of consultations.");
        await RequirePlan();
        new Validation().Require(days is >= 0 and <= MaxNoticeDays, "noticeDays", $"Between 0 and {MaxNoticeDays} days.").ThrowIfInvalid();
        var before = S.NoticeDays ?? DefaultNoticeDays;
        if (S.NoticeDays == days)
        {
            return Settings();
        }
        S.NoticeDays = days;
        S.Record(actor, "NoticePeriodChanged", new { before, after = days }, clock);
        await state.CommitAsync();
        return Settings();
    }

    public async Task<RoundView> CreateRound(Actor actor, RoundDefinition definition)
    {
        RequireSecretariat(actor, "Only the secretariat announces consultation rounds.");
        await RequirePlan();
        var id = $"{PlanId}-r{S.NextNumber}";
        // The round validates and journals its own announcement; nothing is reserved here unless it succeeds.
        var created = await GrainFactory.GetGrain<IConsultationRoundGrain>(id).Create(actor, PlanId, definition);
        S.NextNumber++;
        S.RoundIds.Add(id);
        S.Record(actor, "RoundListed", new { roundId = id }, clock);
        await state.CommitAsync();
        return created;
    }

    private ConsultationSettings Settings() => new(PlanId, S.NoticeDays ?? DefaultNoticeDays, [.. S.RoundIds]);

    private async Task RequirePlan()
    {
        if (await GrainFactory.GetGrain<IActionPlanGrain>(PlanId).Get() is null)
        {
            throw DomainException.NotFound($"There is no plan '{PlanId}'.");
        }
    }

    private static void RequireSecretariat(Actor actor, string message)
    {
        if (actor is null || !actor.IsAuthenticated)
        {
            throw DomainException.Forbidden("Sign in first.");
        }
        if (!actor.IsSecretariat)
        {
            throw DomainException.Forbidden(message);
        }
    }
}
