using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace OgpCoCreate.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster with in-memory storage that keeps a journal like the real provider: for the
/// grains' own logic only (storage itself is tested on the real store in the fixtures built on
/// <see cref="StoreCluster"/> and in the server tests).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public ClusterFixture()
    {
        var storage = Storage;
        Cluster = new InProcessTestClusterBuilder()
            .ConfigureSilo((_, silo) =>
            {
                silo.Services.AddGrainStorage("ogp", (_, _) => storage);
                silo.Services.AddSingleton(TimeProvider.System);
            })
            .Build();
    }

    public InProcessTestCluster Cluster { get; }

    /// <summary>The silo's storage: every grain's journal, and failure injection.</summary>
    public JournalingTestStorage Storage { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
