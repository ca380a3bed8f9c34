using Microsoft.Extensions.DependencyInjection;
using OgpCoCreate.Approvals;
using OgpCoCreate.Storage.Journal;
using OgpCoCreate.Storage.Reminders;

namespace OgpCoCreate.Grains.Tests.Approvals;

/// <summary>The secretariat, as the server's Identity would list it.</summary>
public sealed class TestDirectory : IApprovalDirectory
{
    public Task<IReadOnlyList<string>> UsersInRoleAsync(string role) =>
        Task.FromResult<IReadOnlyList<string>>(role == OgpCoCreate.Security.OgpRoles.Secretariat ? [TestActors.Secretariat.UserId] : []);
}

/// <summary>
/// A silo on the product's real store: a SQLite file or a PostgreSQL database, per <c>OGP_TEST_STORE</c>
/// (<see cref="StoreCluster"/>), with grain state, journal, op logs AND the durable reminders
/// (<see cref="SqlReminderTable"/>) in it.
/// </summary>
public abstract class ApprovalsClusterBase(string purpose, Action<ApprovalOptions> configure) : StoreCluster(purpose, silo =>
{
    silo.AddOgpReminders(TimeSpan.FromSeconds(1));
    silo.Services.AddSingleton<IApprovalDirectory, TestDirectory>();
    silo.Services.Configure(configure);
})
{
    public JournalReader Journal => Silo.GetRequiredService<JournalReader>();
}

/// <summary>Deadlines of days: nothing escalates during a test.</summary>
public sealed class ApprovalsCluster() : ApprovalsClusterBase("approvals", _ => { });

/// <summary>Deadlines of seconds: the reminder fires, the step goes overdue and escalates while the test watches.</summary>
public sealed class DeadlinesCluster() : ApprovalsClusterBase("deadlines", o =>
{
    o.LeadPeriod = TimeSpan.FromSeconds(4);
    o.SupportingPeriod = TimeSpan.FromSeconds(4);
    o.ForumPeriod = TimeSpan.FromSeconds(4);
    o.RemindBefore = TimeSpan.FromSeconds(2);
    o.EscalateToSecretariatAfter = TimeSpan.FromSeconds(2);
    o.ReminderPeriod = TimeSpan.FromSeconds(1);
});

[CollectionDefinition(Name)]
public sealed class ApprovalsCollection : ICollectionFixture<ApprovalsCluster>
{
    public const string Name = "approvals (store)";
}

[CollectionDefinition(Name)]
public sealed class DeadlinesCollection : ICollectionFixture<DeadlinesCluster>
{
    public const string Name = "approvals deadlines (store, short periods)";
}
