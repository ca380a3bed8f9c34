using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;
using OgpCoCreate.Security;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Grains.Tests.Approvals;

/// <summary>
/// A <see cref="TestWorld"/> (plan, forum with two co-chairs, a lead with an alternate, a supporter, an
/// outsider) whose commitments are put up for approval by the secretariat.
/// </summary>
public sealed class ApprovalsWorld(TestWorld world, IGrainFactory grains, JournalReader journal)
{
    private int lastNumber;
    private long seq;

    public TestWorld World { get; } = world;

    public IGrainFactory Grains { get; } = grains;

    public Actor Lead => World.As(Role.LeadFocalPoint);
    public Actor LeadAlternate => World.As(Role.LeadAlternate);
    public Actor Supporter => World.As(Role.SupporterFocalPoint);
    public Actor Other => World.As(Role.OtherFocalPoint);
    public Actor GovCoChair => World.As(Role.ForumCoChair);
    public Actor CsoCoChair => TestActors.Person($"u-cc-cso-{World.Suffix}", OgpRoles.MsfMember);
    public Actor Secretariat => TestActors.Secretariat;

    public static async Task<ApprovalsWorld> CreateAsync(IGrainFactory grains, JournalReader journal) =>
        new(await TestWorld.CreateAsync(grains), grains, journal);

    public IApprovalGrain Approvals(string commitmentId) => Grains.GetGrain<IApprovalGrain>(commitmentId);

    /// <summary>A new commitment (lead + supporter), with a text, moved to PendingApproval.</summary>
    public async Task<string> PendingCommitmentAsync(bool submit = true)
    {
        var number = Interlocked.Increment(ref lastNumber);
        var id = World.CommitmentId(number);
        var commitment = Grains.GetGrain<ICommitmentGrain>(id);
        await commitment.Create(Secretariat, World.PlanId, World.Details(number));
        await EditAsync(id, "Le problème public.");
        await commitment.Transition(Secretariat, CommitmentStatus.Drafting, null, null);
        if (submit)
        {
            await commitment.Transition(Secretariat, CommitmentStatus.PendingApproval, null, null);
        }
        return id;
    }

    /// <summary>Types into the commitment's <c>problem</c> text as the lead's focal point.</summary>
    public async Task<long> EditAsync(string commitmentId, string text = "x", string field = CommitmentTextFields.Problem)
    {
        var document = Grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(commitmentId, field));
        var open = await document.Open(Lead);
        return await document.Submit(Lead, open.Version, TextOp.Insert(0, text), $"test-{World.Suffix}", Interlocked.Increment(ref seq));
    }

    public async Task<string> HashAsync(string commitmentId) => (await Approvals(commitmentId).Get()).Content.Hash;

    public async Task<ApprovalView> ApproveAsync(string commitmentId, Actor actor, string slot, string? comment = null) =>
        await Approvals(commitmentId).Approve(actor, slot, await HashAsync(commitmentId), comment);

    /// <summary>Lead, supporter, then both co-chairs.</summary>
    public async Task<ApprovalView> ApproveAllAsync(string commitmentId)
    {
        await ApproveAsync(commitmentId, Lead, World.Lead);
        await ApproveAsync(commitmentId, Supporter, World.Supporter);
        await ApproveAsync(commitmentId, GovCoChair, ApprovalSlots.ForumGovernment);
        return await ApproveAsync(commitmentId, CsoCoChair, ApprovalSlots.ForumCivilSociety);
    }

    public async Task<IReadOnlyList<Journal.JournalEntry>> JournalAsync(string commitmentId) =>
        await journal.ForGrainAsync("approval", commitmentId, 0, 1000);

    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached in time: {what ?? "condition"}; last value {value}");
            }
            await Task.Delay(100);
        }
    }
}

public static class DomainAssert
{
    public static async Task<DomainException> Refused(DomainErrorKind kind, Func<Task> action)
    {
        var e = await Assert.ThrowsAsync<DomainException>(action);
        Assert.True(kind == e.Kind, $"Expected {kind} but got {e.Kind}: {e.Message}");
        return e;
    }
}
