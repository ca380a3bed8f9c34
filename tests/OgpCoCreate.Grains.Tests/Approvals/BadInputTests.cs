using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;

namespace OgpCoCreate.Grains.Tests.Approvals;

/// <summary>Every refusal is clear and leaves nothing behind: same workflow version, same journal.</summary>
[Collection(ApprovalsCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class BadInputTests(ApprovalsCluster cluster) : IAsyncLifetime
{
    private ApprovalsWorld w = null!;

    public async Task InitializeAsync() => w = await ApprovalsWorld.CreateAsync(cluster.Grains, cluster.Journal);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<DomainException> RefusedWithoutTrace(string id, DomainErrorKind kind, Func<Task> action)
    {
        var before = await w.Approvals(id).Get();
        var journal = (await w.JournalAsync(id)).Count;
        var e = await DomainAssert.Refused(kind, action);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        var after = await w.Approvals(id).Get();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(journal, (await w.JournalAsync(id)).Count);
        Assert.Equal(before.Slots.Select(s => (s.State, s.ContentHash)), after.Slots.Select(s => (s.State, s.ContentHash)));
        return e;
    }

    [Fact]
    public async Task Approving_a_version_that_is_not_the_current_one_is_refused_with_412()
    {
        var id = await w.PendingCommitmentAsync();
        var seen = await w.HashAsync(id);
        await w.EditAsync(id, "Modifié entre-temps. ");
        var e = await RefusedWithoutTrace(id, DomainErrorKind.PreconditionFailed, () => w.Approvals(id).Approve(w.Lead, w.World.Lead, seen, null));
        Assert.Contains("changed since you read it", e.Message, StringComparison.Ordinal);
        await RefusedWithoutTrace(id, DomainErrorKind.PreconditionFailed, () => w.Approvals(id).Approve(w.Lead, w.World.Lead, "0000", null));
        await RefusedWithoutTrace(id, DomainErrorKind.Invalid, () => w.Approvals(id).Approve(w.Lead, w.World.Lead, "", null));
    }

    [Fact]
    public async Task Approving_twice_is_refused()
    {
        var id = await w.PendingCommitmentAsync();
        await w.ApproveAsync(id, w.Lead, w.World.Lead);
        var e = await RefusedWithoutTrace(id, DomainErrorKind.Conflict, () => w.ApproveAsync(id, w.Lead, w.World.Lead));
        Assert.Contains("already approved", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approving_for_another_institution_is_forbidden()
    {
        var id = await w.PendingCommitmentAsync();
        await RefusedWithoutTrace(id, DomainErrorKind.Forbidden, () => w.ApproveAsync(id, w.Supporter, w.World.Lead));
        await RefusedWithoutTrace(id, DomainErrorKind.Forbidden, () => w.ApproveAsync(id, w.Other, w.World.Lead));
        await RefusedWithoutTrace(id, DomainErrorKind.Forbidden, () => w.ApproveAsync(id, w.GovCoChair, ApprovalSlots.ForumCivilSociety));
        await RefusedWithoutTrace(id, DomainErrorKind.NotFound, () => w.ApproveAsync(id, w.Other, w.World.Other));
    }

    [Fact]
    public async Task Approving_a_withdrawn_commitment_or_one_not_yet_submitted_is_refused()
    {
        var draft = await w.PendingCommitmentAsync(submit: false);
        var e = await RefusedWithoutTrace(draft, DomainErrorKind.Conflict, () => w.ApproveAsync(draft, w.Lead, w.World.Lead));
        Assert.Contains("PendingApproval", e.Message, StringComparison.Ordinal);

        var id = await w.PendingCommitmentAsync();
        await w.ApproveAsync(id, w.Lead, w.World.Lead);
        await cluster.Grains.GetGrain<ICommitmentGrain>(id).Transition(w.Secretariat, CommitmentStatus.Withdrawn, "Fusionné avec un autre engagement.", null);
        e = await RefusedWithoutTrace(id, DomainErrorKind.Conflict, () => w.ApproveAsync(id, w.Supporter, w.World.Supporter));
        Assert.Contains("Withdrawn", e.Message, StringComparison.Ordinal);
        await RefusedWithoutTrace(id, DomainErrorKind.Conflict, () => w.Approvals(id).Withdraw(w.Lead, w.World.Lead, null));
        await RefusedWithoutTrace(id, DomainErrorKind.Conflict, () => w.Approvals(id).RequestChanges(w.Supporter, w.World.Supporter, "Trop tard ?", null));
    }

    [Fact]
    public async Task An_expired_delegation_gives_no_right_and_says_so()
    {
        var id = await w.PendingCommitmentAsync();
        await cluster.Grains.GetGrain<IDelegationsGrain>(w.World.Lead)
            .Delegate(w.Lead, w.LeadAlternate.UserId, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddMilliseconds(400), null);
        await Task.Delay(700);
        var e = await RefusedWithoutTrace(id, DomainErrorKind.Forbidden, () => w.ApproveAsync(id, w.LeadAlternate, w.World.Lead));
        Assert.Contains("expired", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_changes_without_a_reason_is_refused()
    {
        var id = await w.PendingCommitmentAsync();
        var e = await RefusedWithoutTrace(id, DomainErrorKind.Invalid, () => w.Approvals(id).RequestChanges(w.Lead, w.World.Lead, null, null));
        Assert.Contains("reason", e.Errors.Keys);
        await RefusedWithoutTrace(id, DomainErrorKind.Invalid, () => w.Approvals(id).RequestChanges(w.Lead, w.World.Lead, new string('x', 2001), null));
    }

    [Fact]
    public async Task Out_of_order_and_unknown_things_are_refused()
    {
        var id = await w.PendingCommitmentAsync();
        var e = await RefusedWithoutTrace(id, DomainErrorKind.Conflict, () => w.ApproveAsync(id, w.Supporter, w.World.Supporter));
        Assert.Contains(w.World.Lead, e.Message, StringComparison.Ordinal);
        await RefusedWithoutTrace(id, DomainErrorKind.Conflict, () => w.ApproveAsync(id, w.GovCoChair, ApprovalSlots.ForumGovernment));
        await RefusedWithoutTrace(id, DomainErrorKind.NotFound, () => w.ApproveAsync(id, w.Lead, "nobody"));
        await RefusedWithoutTrace(id, DomainErrorKind.NotFound, () => w.Approvals(id).ResolveTask(w.Lead, "no-such-task", null));
        await RefusedWithoutTrace(id, DomainErrorKind.Conflict, () => w.Approvals(id).Withdraw(w.Lead, w.World.Lead, null));
        await RefusedWithoutTrace(id, DomainErrorKind.Invalid, () => w.Approvals(id).Approve(w.Lead, w.World.Lead, "abc", new string('c', 2001)));
        await DomainAssert.Refused(DomainErrorKind.NotFound, () => cluster.Grains.GetGrain<IApprovalGrain>($"missing-{w.World.Suffix}").Get());
    }
}
