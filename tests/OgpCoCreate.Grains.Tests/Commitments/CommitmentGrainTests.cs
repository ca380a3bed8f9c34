using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;

namespace OgpCoCreate.Grains.Tests.Commitments;

[Collection(ClusterCollection.Name)]
public sealed class CommitmentGrainTests(ClusterFixture fixture)
{
    private JournalingTestStorage Storage => fixture.Storage;

    private IInstitutionGrain Institution(string id) => fixture.Grains.GetGrain<IInstitutionGrain>(id);

    [Fact]
    public async Task The_secretariat_creates_a_commitment_that_the_plan_and_its_institutions_list()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);

        var created = await world.Commitment(1).Create(TestActors.Secretariat, world.PlanId, world.Details(1));

        Assert.Equal(world.CommitmentId(1), created.Id);
        Assert.Equal(CommitmentStatus.Proposed, created.Status);
        Assert.Equal(1, created.Version);
        Assert.Contains(created.Id, (await world.Plan.Get())!.CommitmentIds);
        Assert.Contains(created.Id, (await Institution(world.Lead).Get())!.Leads);
        Assert.Contains(created.Id, (await Institution(world.Supporter).Get())!.Supports);
        var journal = Storage.EventsOf("commitment", created.Id);
        Assert.Equal("CommitmentCreated", Assert.Single(journal).EventType);
        Assert.Equal(TestActors.Secretariat.UserId, journal[0].ActorId);
    }

    [Fact]
    public async Task The_lead_focal_point_creates_a_commitment_but_a_supporting_one_cannot()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);

        await world.AssertRefusedAsync(Storage, DomainErrorKind.Forbidden,
            () => world.Commitment(1).Create(world.As(Role.SupporterFocalPoint), world.PlanId, world.Details(1)));
        var created = await world.Commitment(1).Create(world.As(Role.LeadFocalPoint), world.PlanId, world.Details(1));

        Assert.Equal(world.UserOf(Role.LeadFocalPoint), Storage.EventsOf("commitment", created.Id)[0].ActorId);
    }

    public static TheoryData<string, string> BadDetails() => new()
    {
        { "missing title", "title" },
        { "overlong English title", "title.en" },
        { "end before start", "end" },
        { "unknown supporting institution", "supportingInstitutionIds[0]" },
        { "unknown lead institution", "leadInstitutionId" },
        { "milestone outside the commitment dates", "milestones[0]" },
        { "milestone ending before it starts", "milestones[0].end" },
        { "milestone of an uninvolved institution", "milestones[0].responsibleInstitutionId" },
        { "two milestones with one id", "milestones" },
        { "unknown axis", "axisId" },
        { "dates outside the plan", "start" },
        { "SDG 18", "sdgs" },
        { "technology without a core value", "values" },
        { "lead listed as supporter", "supportingInstitutionIds" },
        { "blank policy area", "policyAreas[0]" },
        { "number zero", "number" },
        { "overlong baseline", "baseline" },
        { "negative budget", "budget.amount" },
        { "analysis without problem statement", "analysis.problemStatement" },
        { "missing values", "values" },
        { "null milestone", "milestones[0]" },
    };

    private static CommitmentDetails Spoil(TestWorld world, string what)
    {
        var d = world.Details(1);
        var m = d.Milestones[0];
        return what switch
        {
            "missing title" => d with { Title = null! },
            "overlong English title" => d with { Title = d.Title with { En = new string('x', 301) } },
            "end before start" => d with { End = d.Start.AddDays(-1) },
            "unknown supporting institution" => d with { SupportingInstitutionIds = ["nowhere"] },
            "unknown lead institution" => d with { LeadInstitutionId = "nowhere", Milestones = [m with { ResponsibleInstitutionId = "nowhere" }] },
            "milestone outside the commitment dates" => d with { Milestones = [m with { End = d.End.AddDays(1) }] },
            "milestone ending before it starts" => d with { Milestones = [m with { End = m.Start.AddDays(-1) }] },
            "milestone of an uninvolved institution" => d with { Milestones = [m with { ResponsibleInstitutionId = world.Other }] },
            "two milestones with one id" => d with { Milestones = [m, m] },
            "unknown axis" => d with { AxisId = "axis-9" },
            "dates outside the plan" => d with { Start = new DateOnly(2022, 1, 1), Milestones = [] },
            "SDG 18" => d with { Sdgs = [18] },
            "technology without a core value" => d with { Values = new OgpValues(false, false, false, true, false) },
            "lead listed as supporter" => d with { SupportingInstitutionIds = [world.Lead] },
            "blank policy area" => d with { PolicyAreas = [" "] },
            "number zero" => d with { Number = 0 },
            "overlong baseline" => d with { Baseline = new string('b', 4001) },
            "negative budget" => d with { Budget = new Budget(-1, "TND", "State") },
            "analysis without problem statement" => d with { Analysis = new ProblemAnalysis("", [], []) },
            "missing values" => d with { Values = null! },
            "null milestone" => d with { Milestones = [null!] },
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };
    }

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_input_is_refused_with_a_field_error_and_creates_nothing(string what, string field)
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Invalid,
            () => world.Commitment(1).Create(TestActors.Secretariat, world.PlanId, Spoil(world, what)));

        Assert.True(error.Errors.ContainsKey(field), $"Expected an error on '{field}', got: {string.Join(", ", error.Errors.Keys)}");
    }

    [Theory]
    [MemberData(nameof(BadDetails))]
    public async Task Bad_input_is_refused_on_edit_too_and_leaves_the_commitment_as_it_was(string what, string field)
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        var spoiled = Spoil(world, what);
        // The number is fixed after creation: spoil it on edit only through the dedicated test.
        spoiled = what == "number zero" ? spoiled with { Number = 1, Sdgs = [0] } : spoiled;
        field = what == "number zero" ? "sdgs" : field;

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Invalid, () => commitment.UpdateDetails(TestActors.Secretariat, spoiled, 1));

        Assert.True(error.Errors.ContainsKey(field), $"Expected an error on '{field}', got: {string.Join(", ", error.Errors.Keys)}");
    }

    [Fact]
    public async Task Details_with_every_part_missing_give_field_errors_not_a_crash()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var empty = new CommitmentDetails(0, null!, null!, null!, null!, null!, default, default, null!, null!, null, null!, null!, null!, null);

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Invalid, () => world.Commitment(1).Create(TestActors.Secretariat, world.PlanId, empty));

        Assert.Superset(new HashSet<string> { "number", "title", "axisId", "leadInstitutionId", "end", "values" }, error.Errors.Keys.ToHashSet());
    }

    [Fact]
    public async Task Lists_left_out_are_taken_as_empty()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var sparse = world.Details(1) with { SupportingInstitutionIds = null!, PolicyAreas = null!, NationalPlanLinks = null!, Sdgs = null!, Milestones = null! };

        var created = await world.Commitment(1).Create(TestActors.Secretariat, world.PlanId, sparse);

        Assert.Empty(created.Details.SupportingInstitutionIds);
        Assert.Empty(created.Details.Milestones);
    }

    [Fact]
    public async Task A_number_already_used_in_the_plan_is_a_conflict_and_nothing_is_created()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        await world.CreateCommitmentAsync(1);

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Conflict,
            () => world.Commitment(2).Create(TestActors.Secretariat, world.PlanId, world.Details(1)));

        Assert.Contains("number", error.Errors.Keys);
    }

    [Fact]
    public async Task An_unknown_plan_is_a_field_error()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Invalid,
            () => world.Commitment(1).Create(TestActors.Secretariat, "no-such-plan", world.Details(1)));

        Assert.Contains("planId", error.Errors.Keys);
    }

    [Fact]
    public async Task An_adopted_plan_takes_no_new_commitment()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        await world.DriveToAsync(await world.CreateCommitmentAsync(1), CommitmentStatus.Approved);
        await world.AdoptPlanAsync();

        await world.AssertRefusedAsync(Storage, DomainErrorKind.Conflict, () => world.Commitment(2).Create(TestActors.Secretariat, world.PlanId, world.Details(2)));
    }

    [Fact]
    public async Task Creating_an_existing_commitment_again_is_a_conflict()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);

        await world.AssertRefusedAsync(Storage, DomainErrorKind.Conflict, () => commitment.Create(TestActors.Secretariat, world.PlanId, world.Details(1)));
    }

    [Fact]
    public async Task A_supporting_focal_point_edits_the_text_and_the_journal_says_what_changed()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        var retitled = world.Details(1) with { Title = new LocalizedText("عنوان", "Titre", "Title") };

        var edited = await commitment.UpdateDetails(world.As(Role.SupporterFocalPoint), retitled, expectedVersion: 1);

        Assert.Equal(2, edited.Version);
        var last = Storage.EventsOf("commitment", edited.Id)[^1];
        Assert.Equal("CommitmentEdited", last.EventType);
        Assert.Equal(world.UserOf(Role.SupporterFocalPoint), last.ActorId);
        Assert.Contains("\"changed\":[\"title\"]", last.PayloadJson);
        Assert.Contains("\"before\"", last.PayloadJson);
    }

    [Fact]
    public async Task Only_the_lead_or_the_secretariat_choose_the_supporters_and_only_the_secretariat_the_lead()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        var withOther = world.Details(1) with { SupportingInstitutionIds = [world.Supporter, world.Other] };
        var otherLeads = world.Details(1) with { LeadInstitutionId = world.Other, Milestones = [] };

        await world.AssertRefusedAsync(Storage, DomainErrorKind.Forbidden, () => commitment.UpdateDetails(world.As(Role.SupporterFocalPoint), withOther, null));
        await world.AssertRefusedAsync(Storage, DomainErrorKind.Forbidden, () => commitment.UpdateDetails(world.As(Role.LeadFocalPoint), otherLeads, null));
        var byLead = await commitment.UpdateDetails(world.As(Role.LeadAlternate), withOther, null);
        var bySecretariat = await commitment.UpdateDetails(TestActors.Secretariat, otherLeads, null);

        Assert.Equal([world.Supporter, world.Other], byLead.Details.SupportingInstitutionIds);
        Assert.Equal(world.Other, bySecretariat.Details.LeadInstitutionId);
    }

    [Fact]
    public async Task Institutions_no_longer_involved_are_unlinked_and_new_ones_linked()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        var id = world.CommitmentId(1);

        // The supporter becomes the lead; the former lead leaves; the outsider becomes a supporter.
        await commitment.UpdateDetails(TestActors.Secretariat, world.Details(1) with
        {
            LeadInstitutionId = world.Supporter,
            SupportingInstitutionIds = [world.Other],
            Milestones = [],
        }, null);

        var lead = (await Institution(world.Lead).Get())!;
        var supporter = (await Institution(world.Supporter).Get())!;
        var other = (await Institution(world.Other).Get())!;
        Assert.DoesNotContain(id, lead.Leads.Concat(lead.Supports));
        Assert.Equal([id], supporter.Leads);
        Assert.Empty(supporter.Supports);
        Assert.Equal([id], other.Supports);
        Assert.Equal("CommitmentUnlinked", Storage.EventsOf("institution", world.Lead)[^1].EventType);
        Assert.Contains(world.Other, (await world.Plan.Get())!.InstitutionIds);
    }

    [Fact]
    public async Task The_number_cannot_change_after_creation()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Invalid, () => commitment.UpdateDetails(TestActors.Secretariat, world.Details(2), null));

        Assert.Contains("number", error.Errors.Keys);
    }

    [Theory]
    [InlineData(CommitmentStatus.PendingApproval)]
    [InlineData(CommitmentStatus.Approved)]
    [InlineData(CommitmentStatus.InImplementation)]
    [InlineData(CommitmentStatus.Completed)]
    [InlineData(CommitmentStatus.Withdrawn)]
    public async Task The_text_is_frozen_from_pending_approval_on(CommitmentStatus status)
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        await world.DriveToAsync(commitment, status);

        await world.AssertRefusedAsync(Storage, DomainErrorKind.Conflict,
            () => commitment.UpdateDetails(TestActors.Secretariat, world.Details(1) with { Baseline = "Changed." }, null));
        Assert.False(await commitment.MayEdit(TestActors.Secretariat));
    }

    [Fact]
    public async Task A_stale_version_is_refused_for_edits_and_transitions()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        await commitment.Transition(TestActors.Secretariat, CommitmentStatus.Drafting, null, expectedVersion: 1);

        await world.AssertRefusedAsync(Storage, DomainErrorKind.PreconditionFailed,
            () => commitment.UpdateDetails(TestActors.Secretariat, world.Details(1) with { Baseline = "Changed." }, expectedVersion: 1));
        await world.AssertRefusedAsync(Storage, DomainErrorKind.PreconditionFailed,
            () => commitment.Transition(TestActors.Secretariat, CommitmentStatus.InConsultation, null, expectedVersion: 1));
    }

    [Fact]
    public async Task Withdrawing_needs_a_reason_which_is_journaled()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Invalid,
            () => commitment.Transition(TestActors.Secretariat, CommitmentStatus.Withdrawn, "  ", null));
        var withdrawn = await commitment.Transition(TestActors.Secretariat, CommitmentStatus.Withdrawn, "Merged into commitment 2.", null);

        Assert.Contains("reason", error.Errors.Keys);
        Assert.Equal(CommitmentStatus.Withdrawn, withdrawn.Status);
        var last = Storage.EventsOf("commitment", withdrawn.Id)[^1];
        Assert.Equal("CommitmentStatusChanged", last.EventType);
        Assert.Contains("Merged into commitment 2.", last.PayloadJson);
        Assert.Contains("\"from\":\"Proposed\"", last.PayloadJson);
    }

    [Theory]
    [InlineData(CommitmentStatus.Proposed, CommitmentStatus.Approved)]
    [InlineData(CommitmentStatus.Proposed, CommitmentStatus.Completed)]
    [InlineData(CommitmentStatus.Drafting, CommitmentStatus.Proposed)]
    [InlineData(CommitmentStatus.Withdrawn, CommitmentStatus.Drafting)]
    [InlineData(CommitmentStatus.Drafting, CommitmentStatus.Drafting)]
    public async Task An_invalid_transition_is_a_conflict(CommitmentStatus from, CommitmentStatus to)
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        await world.DriveToAsync(commitment, from);

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Conflict, () => commitment.Transition(TestActors.Secretariat, to, "Because.", null));

        Assert.Contains(from.ToString(), error.Message);
    }

    [Fact]
    public async Task A_commitment_goes_to_approval_only_with_a_core_value_and_a_milestone()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var bare = world.Details(1) with { Milestones = [], Values = new OgpValues(false, false, false, false, false) };
        var commitment = world.Commitment(1);
        await commitment.Create(TestActors.Secretariat, world.PlanId, bare);
        await commitment.Transition(TestActors.Secretariat, CommitmentStatus.Drafting, null, null);

        var error = await world.AssertRefusedAsync(Storage, DomainErrorKind.Invalid,
            () => commitment.Transition(world.As(Role.LeadFocalPoint), CommitmentStatus.PendingApproval, null, null));

        Assert.Contains("milestones", error.Errors.Keys);
        Assert.Contains("values", error.Errors.Keys);
    }

    [Fact]
    public async Task Implementation_starts_only_once_the_plan_is_adopted()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        await world.DriveToAsync(commitment, CommitmentStatus.Approved);

        await world.AssertRefusedAsync(Storage, DomainErrorKind.Conflict,
            () => commitment.Transition(world.As(Role.LeadFocalPoint), CommitmentStatus.InImplementation, null, null));
        await world.AdoptPlanAsync();
        var started = await commitment.Transition(world.As(Role.LeadFocalPoint), CommitmentStatus.InImplementation, null, null);

        Assert.Equal(CommitmentStatus.InImplementation, started.Status);
    }

    [Fact]
    public async Task A_forum_co_chair_approves_while_a_plain_member_may_only_ask_for_changes()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        await world.DriveToAsync(commitment, CommitmentStatus.PendingApproval);

        await world.AssertRefusedAsync(Storage, DomainErrorKind.Forbidden,
            () => commitment.Transition(world.As(Role.ForumMember), CommitmentStatus.Approved, null, null));
        var approved = await commitment.Transition(world.As(Role.ForumCoChair), CommitmentStatus.Approved, null, null);

        Assert.Equal(CommitmentStatus.Approved, approved.Status);
        Assert.Equal(world.UserOf(Role.ForumCoChair), Storage.EventsOf("commitment", approved.Id)[^1].ActorId);
    }

    [Fact]
    public async Task A_focal_point_removed_from_the_institution_loses_its_rights_at_once_even_with_its_old_sign_in()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        var focalPoint = world.As(Role.LeadFocalPoint);
        Assert.True(await commitment.MayEdit(focalPoint));

        await Institution(world.Lead).SetFocalPoints(TestActors.Secretariat, [world.UserOf(Role.OtherFocalPoint)], [], null);

        Assert.False(await commitment.MayEdit(focalPoint));
        await world.AssertRefusedAsync(Storage, DomainErrorKind.Forbidden,
            () => commitment.UpdateDetails(focalPoint, world.Details(1) with { Baseline = "Changed." }, null));
        await world.AssertRefusedAsync(Storage, DomainErrorKind.Forbidden,
            () => commitment.Transition(focalPoint, CommitmentStatus.Drafting, null, null));
    }

    [Fact]
    public async Task A_failed_write_leaves_no_trace_and_the_next_command_goes_through()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        var before = await world.SnapshotAsync(Storage);
        Storage.FailNextWriteOf("commitment", world.CommitmentId(1));

        await Assert.ThrowsAnyAsync<Exception>(() => commitment.Transition(TestActors.Secretariat, CommitmentStatus.Drafting, null, null));

        Assert.Equal(before, await world.SnapshotAsync(Storage));
        var after = await commitment.Transition(TestActors.Secretariat, CommitmentStatus.Drafting, null, null);
        Assert.Equal(2, after.Version);
        Assert.Equal(2, Storage.EventsOf("commitment", after.Id).Count);
    }

    [Fact]
    public async Task Nothing_changes_in_the_commitments_of_a_closed_plan()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var commitment = await world.CreateCommitmentAsync(1);
        await world.DriveToAsync(commitment, CommitmentStatus.InImplementation);
        await world.Plan.Transition(TestActors.Secretariat, PlanStatus.Implementation, null, null);
        await world.Plan.Transition(TestActors.Secretariat, PlanStatus.Closed, null, null);

        await world.AssertRefusedAsync(Storage, DomainErrorKind.Conflict, () => commitment.Transition(TestActors.Secretariat, CommitmentStatus.Completed, null, null));
    }

    [Fact]
    public async Task Reading_an_unknown_commitment_gives_nothing_and_changing_it_is_not_found()
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);

        Assert.Null(await world.Commitment(9).Get());
        var error = await Assert.ThrowsAsync<DomainException>(() => world.Commitment(9).Transition(TestActors.Secretariat, CommitmentStatus.Drafting, null, null));
        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }
}
