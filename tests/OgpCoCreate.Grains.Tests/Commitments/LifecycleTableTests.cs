using OgpCoCreate.Commitments;
using OgpCoCreate.Plans;
using S = OgpCoCreate.Commitments.CommitmentStatus;

namespace OgpCoCreate.Grains.Tests.Commitments;

/// <summary>The lifecycle tables as documented in docs/architecture.md; a change here is a change of the contract.</summary>
public sealed class LifecycleTableTests
{
    public static TheoryData<CommitmentStatus, CommitmentStatus[]> CommitmentMoves() => new()
    {
        { S.Proposed, [S.Drafting, S.Withdrawn] },
        { S.Drafting, [S.InConsultation, S.PendingApproval, S.Withdrawn] },
        { S.InConsultation, [S.Revised, S.Withdrawn] },
        { S.Revised, [S.InConsultation, S.PendingApproval, S.Withdrawn] },
        { S.PendingApproval, [S.Revised, S.Approved, S.Withdrawn] },
        { S.Approved, [S.Revised, S.InImplementation, S.Withdrawn] },
        { S.InImplementation, [S.Revised, S.Completed, S.Withdrawn] },
        { S.Completed, [] },
        { S.Withdrawn, [] },
    };

    [Theory]
    [MemberData(nameof(CommitmentMoves))]
    public void A_commitment_moves_only_along_the_documented_lifecycle(CommitmentStatus from, CommitmentStatus[] to) =>
        Assert.Equal(to.Order(), CommitmentRules.NextStatuses(from));

    [Fact]
    public void Every_commitment_status_is_reachable_from_proposed()
    {
        var reached = new HashSet<CommitmentStatus> { S.Proposed };
        var frontier = new Queue<CommitmentStatus>(reached);
        while (frontier.TryDequeue(out var status))
        {
            foreach (var next in CommitmentRules.NextStatuses(status).Where(reached.Add))
            {
                frontier.Enqueue(next);
            }
        }
        Assert.Equal(Enum.GetValues<CommitmentStatus>().ToHashSet(), reached);
    }

    [Fact]
    public void The_secretariat_may_make_every_move_and_withdrawal_is_its_alone()
    {
        foreach (var from in Enum.GetValues<CommitmentStatus>())
        {
            foreach (var to in CommitmentRules.NextStatuses(from))
            {
                Assert.True(CommitmentRules.AllowedMovers(from, to).HasFlag(Movers.Secretariat), $"{from} → {to}");
            }
            if (!CommitmentRules.IsFinal(from))
            {
                Assert.Equal(Movers.Secretariat, CommitmentRules.AllowedMovers(from, S.Withdrawn));
            }
        }
    }

    [Theory]
    [InlineData(S.Proposed, S.Drafting, Movers.Secretariat | Movers.LeadFocalPoint)]
    [InlineData(S.Drafting, S.InConsultation, Movers.Secretariat)]
    [InlineData(S.Revised, S.InConsultation, Movers.Secretariat)]
    [InlineData(S.InConsultation, S.Revised, Movers.Secretariat | Movers.LeadFocalPoint)]
    [InlineData(S.Drafting, S.PendingApproval, Movers.Secretariat | Movers.LeadFocalPoint)]
    [InlineData(S.Revised, S.PendingApproval, Movers.Secretariat | Movers.LeadFocalPoint)]
    [InlineData(S.PendingApproval, S.Approved, Movers.Secretariat | Movers.ForumCoChair)]
    [InlineData(S.PendingApproval, S.Revised, Movers.Secretariat | Movers.LeadFocalPoint | Movers.ForumMember)]
    [InlineData(S.Approved, S.Revised, Movers.Secretariat)]
    [InlineData(S.Approved, S.InImplementation, Movers.Secretariat | Movers.LeadFocalPoint)]
    [InlineData(S.InImplementation, S.Revised, Movers.Secretariat)]
    [InlineData(S.InImplementation, S.Completed, Movers.Secretariat | Movers.LeadFocalPoint)]
    [InlineData(S.Proposed, S.Approved, Movers.None)]
    public void Each_move_is_made_by_the_documented_people(CommitmentStatus from, CommitmentStatus to, Movers movers) =>
        Assert.Equal(movers, CommitmentRules.AllowedMovers(from, to));

    [Fact]
    public void Only_work_in_progress_is_editable() =>
        Assert.Equal([S.Proposed, S.Drafting, S.InConsultation, S.Revised], Enum.GetValues<CommitmentStatus>().Where(CommitmentRules.IsEditable));

    public static TheoryData<PlanStatus, PlanStatus[]> PlanMoves() => new()
    {
        { PlanStatus.Preparation, [PlanStatus.CoCreation] },
        { PlanStatus.CoCreation, [PlanStatus.Consultation] },
        { PlanStatus.Consultation, [PlanStatus.Validation, PlanStatus.CoCreation] },
        { PlanStatus.Validation, [PlanStatus.Adopted, PlanStatus.Consultation] },
        { PlanStatus.Adopted, [PlanStatus.Implementation] },
        { PlanStatus.Implementation, [PlanStatus.Closed] },
        { PlanStatus.Closed, [] },
    };

    [Theory]
    [MemberData(nameof(PlanMoves))]
    public void A_plan_moves_only_along_the_documented_cycle(PlanStatus from, PlanStatus[] to) =>
        Assert.Equal(to, PlanRules.NextStatuses(from));
}
