using OgpCoCreate.Common;
using OgpCoCreate.Plans;

namespace OgpCoCreate.Grains.Tests.Plans;

[Collection(ClusterCollection.Name)]
public sealed class ActionPlanGrainTests(ClusterFixture fixture)
{
    internal static PlanDefinition Definition() => new(
        "Tunisia",
        new LocalizedText("خطة", "Plan", "Plan"),
        new DateOnly(2023, 1, 1),
        new DateOnly(2025, 12, 31),
        [new PlanAxis("axis-1", new LocalizedText("محور", "Axe", "Axis"))],
        [new TimelinePhase("drafting", new LocalizedText("صياغة", "Rédaction", "Drafting"), new DateOnly(2023, 5, 1), new DateOnly(2023, 9, 30))]);

    [Fact]
    public async Task The_secretariat_creates_a_plan_and_anyone_reads_it_back()
    {
        var plan = fixture.Grains.GetGrain<IActionPlanGrain>($"plan-{Guid.NewGuid():N}");

        var created = await plan.Create(TestActors.Secretariat, Definition());

        Assert.Equal(1, created.Version);
        Assert.Equal(PlanStatus.Preparation, created.Status);
        var read = await plan.Get();
        Assert.NotNull(read);
        Assert.Equal("Tunisia", read.Country);
        Assert.Single(read.Axes);
    }

    [Fact]
    public async Task A_participant_cannot_create_a_plan_and_nothing_is_stored()
    {
        var plan = fixture.Grains.GetGrain<IActionPlanGrain>($"plan-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.Create(TestActors.Participant, Definition()));

        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
        Assert.Null(await plan.Get());
    }

    [Fact]
    public async Task A_plan_that_ends_before_it_starts_is_refused_with_a_field_error()
    {
        var plan = fixture.Grains.GetGrain<IActionPlanGrain>($"plan-{Guid.NewGuid():N}");
        var bad = Definition() with { End = new DateOnly(2022, 1, 1) };

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.Create(TestActors.Secretariat, bad));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("end", error.Errors.Keys);
        Assert.Null(await plan.Get());
    }

    [Fact]
    public async Task A_stale_version_is_refused_when_changing_the_forum()
    {
        var plan = fixture.Grains.GetGrain<IActionPlanGrain>($"plan-{Guid.NewGuid():N}");
        await plan.Create(TestActors.Secretariat, Definition());

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.SetForum(TestActors.Secretariat, [], expectedVersion: 7));

        Assert.Equal(DomainErrorKind.PreconditionFailed, error.Kind);
        Assert.Equal(1, (await plan.Get())!.Version);
    }
}
