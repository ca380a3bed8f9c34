using OgpCoCreate.Approvals;
using OgpCoCreate.Common;

namespace OgpCoCreate.Grains.Tests.Approvals;

/// <summary>Who may sign which slot, decided in the grain. Alternates act only through a delegation or escalation.</summary>
[Collection(ApprovalsCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class AuthorizationMatrixTests(ApprovalsCluster cluster)
{
    public static TheoryData<Role, string, bool> Matrix()
    {
        var data = new TheoryData<Role, string, bool>();
        foreach (var role in Enum.GetValues<Role>())
        {
            data.Add(role, "lead", role == Role.LeadFocalPoint);
            data.Add(role, "supporter", role == Role.SupporterFocalPoint);
            data.Add(role, "forum-government", role == Role.ForumCoChair);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_the_institutions_focal_point_or_the_sides_co_chair_may_sign(Role role, string which, bool allowed)
    {
        var w = await ApprovalsWorld.CreateAsync(cluster.Grains, cluster.Journal);
        var id = await w.PendingCommitmentAsync();
        // Bring the chain to the step of the slot under test, so that only the right to act is in question.
        if (which != "lead")
        {
            await w.ApproveAsync(id, w.Lead, w.World.Lead);
        }
        if (which == "forum-government")
        {
            await w.ApproveAsync(id, w.Supporter, w.World.Supporter);
        }
        var slot = which switch { "lead" => w.World.Lead, "supporter" => w.World.Supporter, _ => ApprovalSlots.ForumGovernment };
        var actor = w.World.As(role);
        var entitled = await w.Approvals(id).EntitlementsOf(actor);
        Assert.Equal(allowed, entitled.Any(e => e.Slot == slot));
        if (allowed)
        {
            var view = await w.ApproveAsync(id, actor, slot);
            Assert.True(view.Slots.Single(s => s.Slot == slot).Fresh);
        }
        else
        {
            var e = await DomainAssert.Refused(DomainErrorKind.Forbidden, () => w.ApproveAsync(id, actor, slot));
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            await DomainAssert.Refused(DomainErrorKind.Forbidden, () => w.Approvals(id).RequestChanges(actor, slot, "Non.", null));
        }
    }
}
