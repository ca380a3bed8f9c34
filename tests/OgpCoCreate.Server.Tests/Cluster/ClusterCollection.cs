namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// The multi-process cluster tests run one at a time and alone (after the parallel ones): each starts three
/// or four servers, and Orleans' failure detector must not mistake a starved CPU for a dead node.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
