using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OgpCoCreate.Storage.Database;
using Orleans.Configuration;
using Orleans.Messaging;

namespace OgpCoCreate.Storage.Clustering;

/// <summary>
/// For Orleans clients (the front-end role): the gateways are the active silos of our cluster id in the
/// membership table, refreshed every <see cref="GatewayOptions.GatewayListRefreshPeriod"/>.
/// </summary>
public sealed partial class SqlGatewayListProvider(
    OgpDatabase database,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<GatewayOptions> gatewayOptions,
    TimeProvider clock,
    ILogger<SqlGatewayListProvider> logger) : IGatewayListProvider
{
    private bool warnedEmpty;

    public TimeSpan MaxStaleness => gatewayOptions.Value.GatewayListRefreshPeriod;

    [Obsolete("Orleans no longer reads this: every provider is considered updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        var clusterId = clusterOptions.Value.ClusterId;
        var members = await ClusterIdGuard.ReadMembersAsync(database, clusterId);
        var gateways = members
            .Where(m => m.Status == SiloStatus.Active && m.GatewayPort > 0)
            .Select(m => SiloAddress.New(IPAddress.Parse(m.Address), m.GatewayPort, m.Generation).ToGatewayUri())
            .ToList();
        if (gateways.Count == 0 && !warnedEmpty)
        {
            warnedEmpty = true;
            var others = await ClusterIdGuard.LiveMembersOfOtherClustersAsync(database, clusterId, TimeSpan.FromMinutes(2), clock);
            if (others.Count > 0)
            {
                LogWrongCluster(logger, clusterId, ClusterIdGuard.Describe(others));
            }
            else
            {
                LogNoGateway(logger, clusterId, database.Description);
            }
        }
        else if (gateways.Count > 0)
        {
            warnedEmpty = false;
        }
        return gateways;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No active silo of cluster '{ClusterId}' in {Database} yet: waiting for silos to join")]
    private static partial void LogNoGateway(ILogger logger, string clusterId, string database);

    [LoggerMessage(Level = LogLevel.Error, Message = "No silo of cluster '{ClusterId}' is active, but the database is used by another cluster id ({Others}): is Ogp:ClusterId right? This front-end stays unready until a silo of '{ClusterId}' joins.")]
    private static partial void LogWrongCluster(ILogger logger, string clusterId, string others);
}
