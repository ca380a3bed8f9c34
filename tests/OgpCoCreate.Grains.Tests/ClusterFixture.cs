using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace OgpCoCreate.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster with in-memory storage: for the grains' own logic only (storage itself is
/// tested on real SQLite/PostgreSQL in the server tests).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; } = new InProcessTestClusterBuilder()
        .ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("ogp");
            silo.Services.AddSingleton(TimeProvider.System);
        })
        .Build();

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
