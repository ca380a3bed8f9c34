using Microsoft.Extensions.DependencyInjection;
using OgpCoCreate.Drafting;
using OgpCoCreate.Storage;
using OgpCoCreate.Storage.Drafting;
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
/// A cluster on the product's real store: a SQLite file or a PostgreSQL database, per <c>OGP_TEST_STORE</c>
/// (<see cref="StoreCluster"/>), the documents' op log (<see cref="SqlDocumentLog"/>, group commit) in it.
/// What a document reloads after deactivation comes from that store.
/// </summary>
public sealed class StoreDraftingCluster() : StoreCluster("drafting", _ => { })
{
    public DraftingWorld World => world ?? throw new InvalidOperationException("The cluster is not deployed yet.");

    private DraftingWorld? world;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        world = await DraftingWorld.CreateAsync(Grains);
    }
}

[CollectionDefinition(Name)]
public sealed class InMemoryDraftingCollection : ICollectionFixture<InMemoryDraftingCluster>
{
    public const string Name = "drafting (in-memory log)";
}

[CollectionDefinition(Name)]
public sealed class StoreDraftingCollection : ICollectionFixture<StoreDraftingCluster>
{
    public const string Name = "drafting (store log)";
}
