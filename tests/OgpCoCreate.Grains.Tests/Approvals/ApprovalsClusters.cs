using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OgpCoCreate.Approvals;
using OgpCoCreate.Storage;
using OgpCoCreate.Storage.Journal;
using OgpCoCreate.Storage.Reminders;
using OgpCoCreate.Storage.Schema;
using Orleans.TestingHost;

namespace OgpCoCreate.Grains.Tests.Approvals;

/// <summary>The secretariat, as the server's Identity would list it.</summary>
public sealed class TestDirectory : IApprovalDirectory
{
    public Task<IReadOnlyList<string>> UsersInRoleAsync(string role) =>
        Task.FromResult<IReadOnlyList<string>>(role == OgpCoCreate.Security.OgpRoles.Secretariat ? [TestActors.Secretariat.UserId] : []);
}

/// <summary>
/// A silo on the product's real store: a SQLite file in a fresh folder, the real migrations, grain state,
/// journal, op logs AND the durable reminders (<see cref="SqlReminderTable"/>) in it.
/// </summary>
public abstract class ApprovalsClusterBase : IAsyncLifetime
{
    protected ApprovalsClusterBase(Action<ApprovalOptions> configure)
    {
        var dataDirectory = DataDirectory;
        Cluster = new InProcessTestClusterBuilder()
            .ConfigureSilo((_, silo) =>
            {
                silo.Services.AddOgpSqliteStore(dataDirectory);
                silo.AddOgpReminders(TimeSpan.FromSeconds(1));
                silo.Services.AddSingleton<IApprovalDirectory, TestDirectory>();
                silo.Services.Configure(configure);
            })
            .Build();
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"ogp-approvals-tests-{Guid.NewGuid():N}");

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider Silo => Cluster.Silos[0].ServiceProvider;

    public JournalReader Journal => Silo.GetRequiredService<JournalReader>();

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        await Silo.GetRequiredService<SchemaMigrator>().MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Deadlines of days: nothing escalates during a test.</summary>
public sealed class ApprovalsCluster() : ApprovalsClusterBase(_ => { });

/// <summary>Deadlines of seconds: the reminder fires, the step goes overdue and escalates while the test watches.</summary>
public sealed class DeadlinesCluster() : ApprovalsClusterBase(o =>
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
    public const string Name = "approvals (SQLite)";
}

[CollectionDefinition(Name)]
public sealed class DeadlinesCollection : ICollectionFixture<DeadlinesCluster>
{
    public const string Name = "approvals deadlines (SQLite, short periods)";
}
