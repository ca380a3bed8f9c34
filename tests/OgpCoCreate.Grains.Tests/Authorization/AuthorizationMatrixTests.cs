using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests.Authorization;

/// <summary>
/// Every role × every action, asked of the grains directly (the API's own gate is tested over HTTP). An
/// allowed action changes something; a refused one is a 403 and leaves the plan, its institutions and its
/// commitments, and all their journals, exactly as they were.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class AuthorizationMatrixTests(ClusterFixture fixture)
{
    private sealed record Case(Func<TestWorld, Task> Arrange, Func<TestWorld, Actor, Task> Act, Role[] Allowed);

    private static readonly Role[] Secretariat = [Role.Secretariat, Role.Admin];
    private static readonly Role[] SecretariatAndLead = [.. Secretariat, Role.LeadFocalPoint, Role.LeadAlternate];
    private static readonly Role[] Editors = [.. SecretariatAndLead, Role.SupporterFocalPoint];

    private static Task Nothing(TestWorld _) => Task.CompletedTask;

    private static Func<TestWorld, Task> CommitmentIn(CommitmentStatus status, bool adopted = false) => async world =>
    {
        var commitment = await world.CreateCommitmentAsync();
        await world.DriveToAsync(commitment, status);
        if (adopted)
        {
            await world.AdoptPlanAsync();
        }
    };

    private static Case Move(CommitmentStatus from, CommitmentStatus to, Role[] allowed, bool adopted = false) =>
        new(CommitmentIn(from, adopted), (w, a) => w.Commitment().Transition(a, to, "Because.", null), allowed);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["open a plan"] = new(Nothing, (w, a) => w.Grains.GetGrain<IActionPlanGrain>(w.NewPlanId).Create(a, TestWorld.PlanDefinition()), Secretariat),
        ["change the plan's definition"] = new(Nothing, (w, a) => w.Plan.UpdateDefinition(a, TestWorld.PlanDefinition() with { Country = "Tunisie" }, null), Secretariat),
        ["change the forum"] = new(Nothing, (w, a) => w.Plan.SetForum(a, w.Forum().Take(3).ToList(), null), Secretariat),
        ["move the plan"] = new(Nothing, (w, a) => w.Plan.Transition(a, PlanStatus.CoCreation, null, null), Secretariat),
        ["register an institution"] = new(Nothing, (w, a) => w.Grains.GetGrain<IInstitutionGrain>(w.NewInstitutionId)
            .Create(a, new InstitutionDefinition(new LocalizedText("ب", "B", "B"), InstitutionKind.Municipality, null)), Secretariat),
        ["rename an institution"] = new(Nothing, (w, a) => w.Grains.GetGrain<IInstitutionGrain>(w.Lead)
            .UpdateDefinition(a, new InstitutionDefinition(new LocalizedText("ب", "B", "B"), InstitutionKind.Ministry, "B"), null), Secretariat),
        ["name focal points"] = new(Nothing, (w, a) => w.Grains.GetGrain<IInstitutionGrain>(w.Other).SetFocalPoints(a, [w.UserOf(Role.OtherFocalPoint)], ["u-new"], null), Secretariat),
        ["create a commitment"] = new(Nothing, (w, a) => w.Commitment().Create(a, w.PlanId, w.Details()), SecretariatAndLead),
        ["edit a commitment"] = new(CommitmentIn(CommitmentStatus.Drafting), (w, a) => w.Commitment().UpdateDetails(a, w.Details() with { Baseline = "Updated." }, null), Editors),
        ["change the supporters"] = new(CommitmentIn(CommitmentStatus.Drafting), (w, a) => w.Commitment()
            .UpdateDetails(a, w.Details() with { SupportingInstitutionIds = [w.Supporter, w.Other] }, null), SecretariatAndLead),
        ["change the lead"] = new(CommitmentIn(CommitmentStatus.Drafting), (w, a) => w.Commitment()
            .UpdateDetails(a, w.Details() with { LeadInstitutionId = w.Supporter, SupportingInstitutionIds = [w.Lead] }, null), Secretariat),
        ["Proposed → Drafting"] = Move(CommitmentStatus.Proposed, CommitmentStatus.Drafting, SecretariatAndLead),
        ["Drafting → InConsultation"] = Move(CommitmentStatus.Drafting, CommitmentStatus.InConsultation, Secretariat),
        ["Drafting → PendingApproval"] = Move(CommitmentStatus.Drafting, CommitmentStatus.PendingApproval, SecretariatAndLead),
        ["InConsultation → Revised"] = Move(CommitmentStatus.InConsultation, CommitmentStatus.Revised, SecretariatAndLead),
        ["Revised → InConsultation"] = Move(CommitmentStatus.Revised, CommitmentStatus.InConsultation, Secretariat),
        ["Revised → PendingApproval"] = Move(CommitmentStatus.Revised, CommitmentStatus.PendingApproval, SecretariatAndLead),
        ["PendingApproval → Approved"] = Move(CommitmentStatus.PendingApproval, CommitmentStatus.Approved, [.. Secretariat, Role.ForumCoChair]),
        ["PendingApproval → Revised"] = Move(CommitmentStatus.PendingApproval, CommitmentStatus.Revised, [.. SecretariatAndLead, Role.ForumMember, Role.ForumCoChair]),
        ["Approved → Revised"] = Move(CommitmentStatus.Approved, CommitmentStatus.Revised, Secretariat),
        ["Approved → InImplementation"] = Move(CommitmentStatus.Approved, CommitmentStatus.InImplementation, SecretariatAndLead, adopted: true),
        ["InImplementation → Revised"] = Move(CommitmentStatus.InImplementation, CommitmentStatus.Revised, Secretariat),
        ["InImplementation → Completed"] = Move(CommitmentStatus.InImplementation, CommitmentStatus.Completed, SecretariatAndLead),
        ["Proposed → Withdrawn"] = Move(CommitmentStatus.Proposed, CommitmentStatus.Withdrawn, Secretariat),
        ["Approved → Withdrawn"] = Move(CommitmentStatus.Approved, CommitmentStatus.Withdrawn, Secretariat),
    };

    public static TheoryData<string, Role, bool> Matrix()
    {
        var data = new TheoryData<string, Role, bool>();
        foreach (var (action, c) in Cases)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                data.Add(action, role, c.Allowed.Contains(role));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_may_do_exactly_what_the_matrix_allows(string action, Role role, bool allowed)
    {
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var c = Cases[action];
        await c.Arrange(world);

        if (allowed)
        {
            var before = await world.SnapshotAsync(fixture.Storage);
            await c.Act(world, world.As(role));
            Assert.NotEqual(before, await world.SnapshotAsync(fixture.Storage));
        }
        else
        {
            await world.AssertRefusedAsync(fixture.Storage, DomainErrorKind.Forbidden, () => c.Act(world, world.As(role)));
        }
    }

    [Fact]
    public void The_matrix_covers_every_move_of_the_commitment_lifecycle()
    {
        var covered = Cases.Keys.Where(k => k.Contains('→', StringComparison.Ordinal)).ToHashSet();
        foreach (var from in Enum.GetValues<CommitmentStatus>())
        {
            foreach (var to in CommitmentRules.NextStatuses(from).Where(t => t != CommitmentStatus.Withdrawn))
            {
                Assert.Contains($"{from} → {to}", covered);
            }
        }
    }
}
