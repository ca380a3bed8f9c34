using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Plans;

namespace OgpCoCreate.Grains.Tests.Plans;

[Collection(ClusterCollection.Name)]
public sealed class ActionPlanGrainTests(ClusterFixture fixture)
{
    internal static PlanDefinition Definition() => TestWorld.PlanDefinition();

    private IActionPlanGrain NewPlan() => fixture.Grains.GetGrain<IActionPlanGrain>($"plan-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_secretariat_creates_a_plan_and_anyone_reads_it_back()
    {
        var plan = NewPlan();

        var created = await plan.Create(TestActors.Secretariat, Definition());

        Assert.Equal(1, created.Version);
        Assert.Equal(PlanStatus.Preparation, created.Status);
        var read = await plan.Get();
        Assert.NotNull(read);
        Assert.Equal("Tunisia", read.Country);
        Assert.Equal(2, read.Axes.Count);
        Assert.Equal("PlanCreated", Assert.Single(fixture.Storage.EventsOf("plan", created.Id)).EventType);
    }

    [Fact]
    public async Task A_participant_cannot_create_a_plan_and_nothing_is_stored()
    {
        var plan = NewPlan();

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.Create(TestActors.Participant, Definition()));

        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
        Assert.Null(await plan.Get());
    }

    [Fact]
    public async Task A_plan_that_ends_before_it_starts_is_refused_with_a_field_error()
    {
        var plan = NewPlan();
        var bad = Definition() with { End = new DateOnly(2022, 1, 1) };

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.Create(TestActors.Secretariat, bad));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("end", error.Errors.Keys);
        Assert.Null(await plan.Get());
    }

    [Fact]
    public async Task A_timeline_phase_outside_the_plan_period_or_a_duplicate_phase_id_is_refused()
    {
        var plan = NewPlan();
        var phases = Definition().Timeline;
        var bad = Definition() with
        {
            Timeline = [phases[0], phases[0] with { Start = new DateOnly(2026, 1, 1), End = new DateOnly(2026, 2, 1) }],
        };

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.Create(TestActors.Secretariat, bad));

        Assert.Contains("timeline[1]", error.Errors.Keys);
        Assert.Contains("timeline", error.Errors.Keys);
        Assert.Null(await plan.Get());
    }

    [Fact]
    public async Task A_definition_with_everything_missing_lists_every_missing_field_instead_of_failing()
    {
        var plan = NewPlan();
        var empty = new PlanDefinition(null!, null!, default, default, null!, null!);

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.Create(TestActors.Secretariat, empty));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Superset(new HashSet<string> { "country", "title", "end", "axes", "timeline" }, error.Errors.Keys.ToHashSet());
    }

    [Fact]
    public async Task A_plan_id_that_is_not_a_lower_case_slug_is_refused()
    {
        var plan = fixture.Grains.GetGrain<IActionPlanGrain>("Plan With Spaces");

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.Create(TestActors.Secretariat, Definition()));

        Assert.Contains("id", error.Errors.Keys);
    }

    [Fact]
    public async Task A_stale_version_is_refused_when_changing_the_forum()
    {
        var plan = NewPlan();
        await plan.Create(TestActors.Secretariat, Definition());

        var error = await Assert.ThrowsAsync<DomainException>(() => plan.SetForum(TestActors.Secretariat, [], expectedVersion: 7));

        Assert.Equal(DomainErrorKind.PreconditionFailed, error.Kind);
        Assert.Equal(1, (await plan.Get())!.Version);
    }

    [Fact]
    public async Task The_secretariat_updates_the_definition_and_the_journal_says_what_changed()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var before = (await world.Plan.Get())!;
        var renamed = Definition() with { Title = new LocalizedText("خطة جديدة", "Nouveau plan", "New plan") };

        var after = await world.Plan.UpdateDefinition(TestActors.Secretariat, renamed, before.Version);

        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal("New plan", after.Title.En);
        var last = fixture.Storage.EventsOf("plan", world.PlanId)[^1];
        Assert.Equal("PlanDefinitionChanged", last.EventType);
        Assert.Contains("\"changed\":[\"title\"]", last.PayloadJson);
        Assert.Contains("Nouveau plan", last.PayloadJson);
    }

    [Fact]
    public async Task Saving_the_same_definition_again_changes_nothing_and_journals_nothing()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var before = await world.SnapshotAsync(fixture.Storage);

        await world.Plan.UpdateDefinition(TestActors.Secretariat, Definition(), expectedVersion: null);

        Assert.Equal(before, await world.SnapshotAsync(fixture.Storage));
    }

    [Fact]
    public async Task An_axis_used_by_a_commitment_cannot_be_removed()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        await world.CreateCommitmentAsync();
        var withoutAxis1 = Definition() with { Axes = [Definition().Axes[1]] };

        var error = await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Conflict,
            () => world.Plan.UpdateDefinition(TestActors.Secretariat, withoutAxis1, null));

        Assert.Contains("axes", error.Errors.Keys);
    }

    [Fact]
    public async Task The_period_cannot_shrink_so_that_a_commitment_falls_outside_it()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        await world.CreateCommitmentAsync();
        var shorter = Definition() with { End = new DateOnly(2024, 12, 31), Timeline = [Definition().Timeline[0]] };

        await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Conflict,
            () => world.Plan.UpdateDefinition(TestActors.Secretariat, shorter, null));
    }

    [Theory]
    [InlineData(true, true, ForumSide.Government, ForumSide.Government)]
    [InlineData(true, false, ForumSide.Government, ForumSide.CivilSociety)]
    public async Task Co_chairs_come_as_exactly_one_per_side(bool firstIsCoChair, bool secondIsCoChair, ForumSide first, ForumSide second)
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var org = new LocalizedText("م", "O", "O");
        IReadOnlyList<ForumMember> forum = [new("A", org, first, firstIsCoChair, null), new("B", org, second, secondIsCoChair, null)];

        var error = await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Invalid, () => world.Plan.SetForum(TestActors.Secretariat, forum, null));

        Assert.Contains("members", error.Errors.Keys);
    }

    [Fact]
    public async Task One_account_cannot_hold_two_seats()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var seat = world.Forum()[2];

        var error = await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Invalid,
            () => world.Plan.SetForum(TestActors.Secretariat, [seat, seat with { Name = "Again" }], null));

        Assert.Contains("members", error.Errors.Keys);
    }

    [Fact]
    public async Task The_forum_change_is_journaled_with_before_and_after()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);

        var plan = await world.Plan.SetForum(TestActors.Secretariat, world.Forum().Take(2).ToList(), null);

        Assert.Equal(2, plan.Forum.Count);
        var last = fixture.Storage.EventsOf("plan", world.PlanId)[^1];
        Assert.Equal("ForumMembershipChanged", last.EventType);
        Assert.Contains("\"before\"", last.PayloadJson);
        Assert.Contains("\"after\"", last.PayloadJson);
    }

    [Fact]
    public async Task A_plan_goes_through_its_whole_cycle_and_each_step_is_journaled()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync();
        await world.DriveToAsync(commitment, CommitmentStatus.Completed);
        var journalBefore = fixture.Storage.EventsOf("plan", world.PlanId).Count;

        await world.Plan.Transition(TestActors.Secretariat, PlanStatus.Implementation, null, null);
        var closed = await world.Plan.Transition(TestActors.Secretariat, PlanStatus.Closed, "End of the cycle.", null);

        Assert.Equal(PlanStatus.Closed, closed.Status);
        var events = fixture.Storage.EventsOf("plan", world.PlanId);
        Assert.Equal(journalBefore + 2, events.Count);
        Assert.Equal(6, events.Count(e => e.EventType == "PlanStatusChanged"));
        Assert.Contains("End of the cycle.", events[^1].PayloadJson);
    }

    [Theory]
    [InlineData(PlanStatus.Consultation)]
    [InlineData(PlanStatus.Adopted)]
    [InlineData(PlanStatus.Closed)]
    [InlineData(PlanStatus.Preparation)]
    public async Task A_plan_in_preparation_cannot_jump_ahead(PlanStatus to)
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);

        await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Conflict, () => world.Plan.Transition(TestActors.Secretariat, to, null, null));
    }

    [Fact]
    public async Task Co_creation_needs_a_forum_with_both_sides()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        await world.Plan.SetForum(TestActors.Secretariat, world.Forum().Where(m => m.Side == ForumSide.Government && !m.CoChair).ToList(), null);

        var error = await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Conflict,
            () => world.Plan.Transition(TestActors.Secretariat, PlanStatus.CoCreation, null, null));

        Assert.Contains("forum", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Adoption_waits_until_every_commitment_is_approved_or_withdrawn()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var approved = await world.CreateCommitmentAsync(1);
        await world.DriveToAsync(approved, CommitmentStatus.Approved);
        var drafting = await world.CreateCommitmentAsync(2);
        await world.DriveToAsync(drafting, CommitmentStatus.Drafting);
        foreach (var to in new[] { PlanStatus.CoCreation, PlanStatus.Consultation, PlanStatus.Validation })
        {
            await world.Plan.Transition(TestActors.Secretariat, to, null, null);
        }

        var error = await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Conflict,
            () => world.Plan.Transition(TestActors.Secretariat, PlanStatus.Adopted, null, null));
        Assert.Contains(world.CommitmentId(2), error.Message);

        await drafting.Transition(TestActors.Secretariat, CommitmentStatus.Withdrawn, "Merged into commitment 1.", null);
        var adopted = await world.Plan.Transition(TestActors.Secretariat, PlanStatus.Adopted, null, null);
        Assert.Equal(PlanStatus.Adopted, adopted.Status);
    }

    [Fact]
    public async Task A_closed_plan_refuses_any_change_to_itself()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync();
        await world.DriveToAsync(commitment, CommitmentStatus.InImplementation);
        await world.Plan.Transition(TestActors.Secretariat, PlanStatus.Implementation, null, null);
        await world.Plan.Transition(TestActors.Secretariat, PlanStatus.Closed, null, null);

        await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Conflict, () => world.Plan.UpdateDefinition(TestActors.Secretariat, Definition() with { Country = "Tunisie" }, null));
        await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Conflict, () => world.Plan.SetForum(TestActors.Secretariat, [], null));
        await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Conflict, () => world.Plan.Transition(TestActors.Secretariat, PlanStatus.Implementation, null, null));
    }

    [Fact]
    public async Task A_transition_reason_longer_than_the_limit_is_a_field_error()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);

        var error = await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Invalid,
            () => world.Plan.Transition(TestActors.Secretariat, PlanStatus.CoCreation, new string('x', PlanRules.MaxReasonLength + 1), null));

        Assert.Contains("reason", error.Errors.Keys);
    }
}
