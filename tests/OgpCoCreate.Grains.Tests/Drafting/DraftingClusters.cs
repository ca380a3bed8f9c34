using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OgpCoCreate.Drafting;
using OgpCoCreate.Storage;
using OgpCoCreate.Storage.Drafting;
using OgpCoCreate.Storage.Schema;
using Orleans.TestingHost;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>
/// A cluster whose documents keep their op log in memory: the sequencer's logic at full speed (the two
/// trace replays submit about 49,000 ops one after another).
/// </summary>
public sealed class InMemoryDraftingCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = new InProcessTestClusterBuilder()
        .ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageServiceCollectionExtensions.GrainStorageName);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.Services.AddSingleton<IDocumentLog, InMemoryDocumentLog>();
        })
        .Build();

    public IGrainFactory Grains => Cluster.Client;

    public DraftingWorld World => world ?? throw new InvalidOperationException("The cluster is not deployed yet.");

    private DraftingWorld? world;

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        world = await DraftingWorld.CreateAsync(Grains);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// A cluster on the product's real store: a SQLite file in a fresh temporary folder, the schema applied by
/// the real migrator, grain state and the documents' op log (<see cref="SqlDocumentLog"/>, group commit,
/// synchronous=FULL) in it. What a document reloads after deactivation comes from that file.
/// </summary>
public sealed class SqliteDraftingCluster : IAsyncLifetime
{
    public SqliteDraftingCluster()
    {
        var dataDirectory = DataDirectory;
        Cluster = new InProcessTestClusterBuilder()
            .ConfigureSilo((_, silo) =>
            {
                // Registers the grain storage "ogp" as well: no memory storage here.
                silo.Services.AddOgpSqliteStore(dataDirectory);
            })
            .Build();
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), $"ogp-drafting-tests-{Guid.NewGuid():N}");

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public DraftingWorld World => world ?? throw new InvalidOperationException("The cluster is not deployed yet.");

    private DraftingWorld? world;

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        await Cluster.Silos[0].ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
        world = await DraftingWorld.CreateAsync(Grains);
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
            // A leftover temp folder is harmless; failing the run over it is not.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class InMemoryDraftingCollection : ICollectionFixture<InMemoryDraftingCluster>
{
    public const string Name = "drafting (in-memory log)";
}

[CollectionDefinition(Name)]
public sealed class SqliteDraftingCollection : ICollectionFixture<SqliteDraftingCluster>
{
    public const string Name = "drafting (SQLite log)";
}
