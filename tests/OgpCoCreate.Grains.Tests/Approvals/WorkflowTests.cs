using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;

namespace OgpCoCreate.Grains.Tests.Approvals;

[Collection(ApprovalsCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class WorkflowTests(ApprovalsCluster cluster) : IAsyncLifetime
{
    private ApprovalsWorld w = null!;

    public async Task InitializeAsync() => w = await ApprovalsWorld.CreateAsync(cluster.Grains, cluster.Journal);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_default_chain_is_lead_then_supporters_then_both_co_chairs_and_completing_it_approves_the_commitment()
    {
        var id = await w.PendingCommitmentAsync();
        var view = await w.Approvals(id).Get();
        Assert.Equal([w.World.Lead, w.World.Supporter, ApprovalSlots.ForumGovernment, ApprovalSlots.ForumCivilSociety], view.Slots.Select(s => s.Slot));
        Assert.Equal(ApprovalStage.Lead, view.CurrentStage);
        Assert.True(view.Open);
        Assert.NotNull(view.DueAt);

        view = await w.ApproveAsync(id, w.Lead, w.World.Lead, "Bon pour accord.");
        Assert.Equal(ApprovalStage.Supporting, view.CurrentStage);
        view = await w.ApproveAsync(id, w.Supporter, w.World.Supporter);
        Assert.Equal(ApprovalStage.Forum, view.CurrentStage);
        view = await w.ApproveAsync(id, w.GovCoChair, ApprovalSlots.ForumGovernment);
        Assert.False(view.Complete);
        view = await w.ApproveAsync(id, w.CsoCoChair, ApprovalSlots.ForumCivilSociety);

        Assert.True(view.Complete);
        Assert.Null(view.CurrentStage);
        Assert.All(view.Slots, s => Assert.True(s.Fresh));
        var lead = view.Slots[0];
        Assert.Equal(w.Lead.UserId, lead.ByUserId);
        Assert.Equal(ApprovalCapacity.FocalPoint, lead.Capacity);
        Assert.Equal("Bon pour accord.", lead.Comment);
        Assert.Equal(view.Content.Hash, lead.ContentHash);

        var commitment = await ApprovalsWorld.Eventually(() => w.World.Commitment(1).Get(), c => c!.Status == CommitmentStatus.Approved, what: "commitment approved");
        Assert.Equal(CommitmentStatus.Approved, commitment!.Status);

        var journal = await w.JournalAsync(id);
        var given = journal.Where(e => e.EventType == "ApprovalGiven").ToList();
        Assert.Equal(4, given.Count);
        Assert.All(given, e => Assert.Contains(view.Content.Hash, e.PayloadJson, StringComparison.Ordinal));
        Assert.Contains(given, e => e.ActorId == w.Lead.UserId && e.PayloadJson.Contains("Bon pour accord.", StringComparison.Ordinal));
        Assert.Contains(journal, e => e.EventType == "ApprovalCompleted");
        Assert.Contains(journal, e => e.EventType == "ApprovalStepOpened");
    }

    [Fact]
    public async Task An_edit_of_a_live_text_makes_every_approval_stale_on_read_and_pushes_it_to_the_journal_and_the_approver()
    {
        var id = await w.PendingCommitmentAsync();
        var approved = await w.ApproveAsync(id, w.Lead, w.World.Lead);
        await w.ApproveAsync(id, w.Supporter, w.World.Supporter);

        await w.EditAsync(id, "Une phrase ajoutée. ");

        // Detected on read, without waiting for anything.
        var view = await w.Approvals(id).Get();
        Assert.NotEqual(approved.Content.Hash, view.Content.Hash);
        Assert.All(view.Slots.Take(2), s => Assert.True(s.Stale));
        Assert.Equal(ApprovalStage.Lead, view.CurrentStage);
        Assert.False(view.Complete);

        // Recorded once, and the approvers told.
        var journal = await ApprovalsWorld.Eventually(() => w.JournalAsync(id), j => j.Any(e => e.EventType == "ApprovalsInvalidated"), what: "invalidation journaled");
        Assert.Single(journal, e => e.EventType == "ApprovalsInvalidated");
        var inbox = await ApprovalsWorld.Eventually(() => cluster.Grains.GetGrain<INotificationsGrain>(w.Supporter.UserId).List(false, 50),
            n => n.Items.Any(i => i.Kind == NotificationKind.ApprovalStale && i.CommitmentId == id), what: "stale notification");
        Assert.True(inbox.Unread > 0);
        var items = await w.Approvals(id).InboxFor(w.Supporter, null);
        Assert.Contains(items, i => i.Kind == InboxItemKind.Stale);

        // The old content is kept: what was approved can be compared with now.
        var content = await w.Approvals(id).GetContent(approved.Content.Hash);
        Assert.NotNull(content);
        Assert.True(view.Content.DocumentVersions["problem"] > content!.DocumentVersions["problem"]);

        // Re-approving the new content makes it fresh again.
        view = await w.ApproveAsync(id, w.Lead, w.World.Lead);
        Assert.False(view.Slots[0].Stale);
        Assert.True(view.Slots[1].Stale);
    }

    [Fact]
    public async Task A_change_of_the_structured_fields_makes_approvals_stale()
    {
        var id = await w.PendingCommitmentAsync();
        await w.ApproveAsync(id, w.Lead, w.World.Lead);
        var commitment = w.World.Commitment(1);
        await commitment.Transition(w.Secretariat, CommitmentStatus.Revised, "Budget à préciser.", null);
        var details = (await commitment.Get())!.Details;
        await commitment.UpdateDetails(w.Secretariat, details with { Baseline = "Nouvelle situation de référence." }, null);
        await commitment.Transition(w.Secretariat, CommitmentStatus.PendingApproval, null, null);

        var view = await w.Approvals(id).Get();
        Assert.True(view.Slots[0].Stale);
        Assert.Equal(ApprovalStage.Lead, view.CurrentStage);
    }

    [Fact]
    public async Task A_request_for_changes_needs_a_reason_becomes_a_task_for_the_lead_and_is_resolved_by_the_next_approval()
    {
        var id = await w.PendingCommitmentAsync();
        await w.ApproveAsync(id, w.Lead, w.World.Lead);
        var hash = await w.HashAsync(id);

        var e = await DomainAssert.Refused(DomainErrorKind.Invalid, () => w.Approvals(id).RequestChanges(w.Supporter, w.World.Supporter, "  ", hash));
        Assert.Contains("reason", e.Errors.Keys);

        var view = await w.Approvals(id).RequestChanges(w.Supporter, w.World.Supporter, "Le jalon 2 manque d'indicateurs.", hash);
        var task = Assert.Single(view.Tasks);
        Assert.False(task.Resolved);
        Assert.Equal(SlotState.ChangesRequested, view.Slots[1].State);
        var leadInbox = await w.Approvals(id).InboxFor(w.Lead, null);
        Assert.Contains(leadInbox, i => i.Kind == InboxItemKind.Task && i.Reason == "Le jalon 2 manque d'indicateurs.");

        view = await w.ApproveAsync(id, w.Supporter, w.World.Supporter);
        Assert.True(Assert.Single(view.Tasks).Resolved);
        Assert.DoesNotContain(await w.Approvals(id).InboxFor(w.Lead, null), i => i.Kind == InboxItemKind.Task);
    }

    [Fact]
    public async Task Withdrawing_an_approval_reopens_the_step_and_is_journaled()
    {
        var id = await w.PendingCommitmentAsync();
        await w.ApproveAsync(id, w.Lead, w.World.Lead);
        var view = await w.Approvals(id).Withdraw(w.Lead, w.World.Lead, "Relecture juridique en cours.");
        Assert.Equal(SlotState.Pending, view.Slots[0].State);
        Assert.Equal(ApprovalStage.Lead, view.CurrentStage);
        await DomainAssert.Refused(DomainErrorKind.Conflict, () => w.Approvals(id).Withdraw(w.Lead, w.World.Lead, null));
        Assert.Contains(await w.JournalAsync(id), e => e.EventType == "ApprovalWithdrawn" && e.PayloadJson.Contains("Relecture juridique", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delegate_acts_for_the_institution_during_the_period_only()
    {
        var id = await w.PendingCommitmentAsync();
        var delegations = cluster.Grains.GetGrain<IDelegationsGrain>(w.World.Lead);
        await DomainAssert.Refused(DomainErrorKind.Forbidden, () => w.ApproveAsync(id, w.LeadAlternate, w.World.Lead));
        await DomainAssert.Refused(DomainErrorKind.Forbidden, () => delegations.Delegate(w.LeadAlternate, w.LeadAlternate.UserId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), null));
        await DomainAssert.Refused(DomainErrorKind.Invalid, () => delegations.Delegate(w.Lead, w.Supporter.UserId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(1), null));

        var delegation = await delegations.Delegate(w.Lead, w.LeadAlternate.UserId, DateTimeOffset.UtcNow.AddSeconds(-1), DateTimeOffset.UtcNow.AddDays(7), "Congé");
        var view = await w.ApproveAsync(id, w.LeadAlternate, w.World.Lead);
        Assert.Equal(ApprovalCapacity.Delegate, view.Slots[0].Capacity);
        Assert.Equal(w.LeadAlternate.UserId, view.Slots[0].ByUserId);

        await delegations.Revoke(w.Lead, delegation.Id);
        var e = await DomainAssert.Refused(DomainErrorKind.Forbidden, () => w.Approvals(id).Withdraw(w.LeadAlternate, w.World.Lead, null));
        Assert.Contains("revoked", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_is_adopted_only_once_every_commitment_is_approved_on_its_current_content()
    {
        var id = await w.PendingCommitmentAsync();
        var adoption = cluster.Grains.GetGrain<IPlanAdoptionGrain>(w.World.PlanId);
        var status = await adoption.Status();
        Assert.False(status.CanAdopt);
        Assert.Contains(status.Missing, m => m.Contains(id, StringComparison.Ordinal));
        await DomainAssert.Refused(DomainErrorKind.Conflict, () => adoption.Adopt(w.Secretariat, null));

        await w.ApproveAllAsync(id);
        await ApprovalsWorld.Eventually(() => w.World.Commitment(1).Get(), c => c!.Status == CommitmentStatus.Approved);
        foreach (var to in new[] { OgpCoCreate.Plans.PlanStatus.CoCreation, OgpCoCreate.Plans.PlanStatus.Consultation, OgpCoCreate.Plans.PlanStatus.Validation })
        {
            await w.World.Plan.Transition(w.Secretariat, to, null, null);
        }
        await DomainAssert.Refused(DomainErrorKind.Forbidden, () => adoption.Adopt(w.Lead, null));
        status = await adoption.Adopt(w.Secretariat, "Adopté en séance.");
        Assert.True(status.Adopted);
        Assert.Equal(OgpCoCreate.Plans.PlanStatus.Adopted, (await w.World.Plan.Get())!.Status);

        // After adoption nothing moves.
        await DomainAssert.Refused(DomainErrorKind.Conflict, () => w.Approvals(id).Withdraw(w.Lead, w.World.Lead, null));
    }
}
