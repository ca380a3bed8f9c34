using Microsoft.Extensions.DependencyInjection;
using OgpCoCreate.Approvals;
using OgpCoCreate.Storage.Reminders;

namespace OgpCoCreate.Grains.Tests.Approvals;

/// <summary>
/// Deadlines of seconds on the real reminder service, whose table is <see cref="SqlReminderTable"/> on the
/// product's real store (a SQLite file or a PostgreSQL database, per OGP_TEST_STORE).
/// Nothing reads the workflow while the clock runs: what happens is the reminder's doing.
/// </summary>
[Collection(DeadlinesCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class DeadlineTests(DeadlinesCluster cluster)
{
    private Task<long> ReminderRows(string commitmentId) =>
        cluster.NumberAsync("SELECT COUNT(*) FROM ogp_reminders WHERE grain_id = @g", "@g", $"approval/{commitmentId}");

    private Task<NotificationsView> Notifications(string userId) => cluster.Grains.GetGrain<INotificationsGrain>(userId).List(false, 100);

    [Fact]
    public async Task The_durable_reminder_reminds_before_the_due_date_then_escalates_to_the_alternates_then_to_the_secretariat()
    {
        var w = await ApprovalsWorld.CreateAsync(cluster.Grains, cluster.Journal);
        var id = await w.PendingCommitmentAsync();
        await ApprovalsWorld.Eventually(() => w.JournalAsync(id), j => j.Any(e => e.EventType == "ApprovalStepOpened"), what: "step opened");
        await ApprovalsWorld.Eventually(() => ReminderRows(id), n => n == 1, TimeSpan.FromSeconds(60), "a durable reminder row");
        Assert.Contains((await Notifications(w.Lead.UserId)).Items, n => n.Kind == NotificationKind.ApprovalRequested && n.CommitmentId == id);

        // 2 s before the due date (4 s): reminder to the focal point.
        await ApprovalsWorld.Eventually(() => Notifications(w.Lead.UserId), n => n.Items.Any(i => i.Kind == NotificationKind.DueSoon && i.CommitmentId == id), TimeSpan.FromSeconds(60), "due-soon reminder");
        // Due date passed: overdue to the focal point, escalated to the alternate, who may now act.
        await ApprovalsWorld.Eventually(() => Notifications(w.LeadAlternate.UserId), n => n.Items.Any(i => i.Kind == NotificationKind.Escalated && i.CommitmentId == id), TimeSpan.FromSeconds(10), "escalation to alternates");
        Assert.Contains((await Notifications(w.Lead.UserId)).Items, n => n.Kind == NotificationKind.Overdue && n.CommitmentId == id);
        // Then to the secretariat.
        await ApprovalsWorld.Eventually(() => Notifications(w.Secretariat.UserId), n => n.Items.Any(i => i.Kind == NotificationKind.Escalated && i.CommitmentId == id), TimeSpan.FromSeconds(10), "escalation to the secretariat");

        var journal = await w.JournalAsync(id);
        var order = journal.Select(e => e.EventType).Where(t => t is "ApprovalStepOpened" or "ApprovalReminderSent" or "ApprovalOverdue" or "ApprovalEscalated").ToList();
        Assert.Equal(["ApprovalStepOpened", "ApprovalReminderSent", "ApprovalOverdue", "ApprovalEscalated"], order);
        Assert.All(journal.Where(e => e.EventType != "ApprovalStepOpened"), e => Assert.Equal("system", e.ActorId));

        var overdue = await w.Approvals(id).Get();
        Assert.True(overdue.Slots[0].Overdue);
        Assert.Contains(await w.Approvals(id).InboxFor(w.Secretariat, null), i => i.Kind == InboxItemKind.Overdue);
        var view = await w.ApproveAsync(id, w.LeadAlternate, w.World.Lead);
        Assert.Equal(ApprovalCapacity.EscalatedAlternate, view.Slots[0].Capacity);
        // The supporters' step opens with its own deadline and reminder.
        Assert.Equal(ApprovalStage.Supporting, view.CurrentStage);
        Assert.False(view.Slots[1].Overdue);
        await ApprovalsWorld.Eventually(() => Notifications(w.Supporter.UserId), n => n.Items.Any(i => i.Kind == NotificationKind.DueSoon && i.CommitmentId == id), TimeSpan.FromSeconds(10), "supporter reminded");
    }

    [Fact]
    public async Task Completing_the_chain_removes_the_reminder_from_the_table()
    {
        var w = await ApprovalsWorld.CreateAsync(cluster.Grains, cluster.Journal);
        var id = await w.PendingCommitmentAsync();
        await ApprovalsWorld.Eventually(() => ReminderRows(id), n => n == 1, what: "reminder row");
        await w.ApproveAllAsync(id);
        await ApprovalsWorld.Eventually(() => ReminderRows(id), n => n == 0, what: "reminder row removed");
    }
}

/// <summary>The reminder table's contract, on the real store (SQLite or PostgreSQL, per OGP_TEST_STORE).</summary>
[Collection(DeadlinesCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class SqlReminderTableTests(DeadlinesCluster cluster)
{
    [Fact]
    public async Task Rows_are_upserted_with_a_growing_etag_read_by_grain_and_by_hash_range_and_removed_only_with_the_current_etag()
    {
        var table = cluster.Silo.GetRequiredService<IReminderTable>();
        Assert.IsType<SqlReminderTable>(table);
        var grain = GrainId.Create("approval", $"table-test-{Guid.NewGuid():N}");
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "r1", StartAt = DateTime.UtcNow.AddMinutes(5), Period = TimeSpan.FromMinutes(30) };
        var first = await table.UpsertRow(entry);
        var second = await table.UpsertRow(entry);
        Assert.NotEqual(first, second);
        await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r2", StartAt = entry.StartAt, Period = entry.Period });

        var row = await table.ReadRow(grain, "r1");
        Assert.NotNull(row);
        Assert.Equal(second, row!.ETag);
        Assert.Equal(entry.Period, row.Period);
        Assert.Equal(entry.StartAt.Ticks, row.StartAt.Ticks);
        Assert.Equal(2, (await table.ReadRows(grain)).Reminders.Count);

        var hash = grain.GetUniformHashCode();
        unchecked
        {
            Assert.Equal(2, (await table.ReadRows(hash - 1, hash)).Reminders.Count(r => r.GrainId == grain));
            Assert.DoesNotContain((await table.ReadRows(hash, hash + 1)).Reminders, r => r.GrainId == grain);
            // begin >= end wraps around zero: (begin, max] and [0, end].
            Assert.DoesNotContain((await table.ReadRows(hash, hash - 1)).Reminders, r => r.GrainId == grain);
            Assert.Equal(2, (await table.ReadRows(hash - 1, hash - 2)).Reminders.Count(r => r.GrainId == grain));
        }

        Assert.False(await table.RemoveRow(grain, "r1", first!));
        Assert.True(await table.RemoveRow(grain, "r1", second!));
        Assert.Null(await table.ReadRow(grain, "r1"));
        Assert.Single((await table.ReadRows(grain)).Reminders);
    }
}
