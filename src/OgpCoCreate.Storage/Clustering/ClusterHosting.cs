using Microsoft.Extensions.DependencyInjection;
using Orleans.Messaging;

namespace OgpCoCreate.Storage.Clustering;

public static class ClusterHosting
{
    /// <summary>A silo keeps the cluster's membership in the project's database (<see cref="SqlMembershipTable"/>).</summary>
    public static ISiloBuilder UseOgpClustering(this ISiloBuilder silo)
    {
        silo.Services.AddSingleton<IMembershipTable, SqlMembershipTable>();
        return silo;
    }

    /// <summary>An Orleans client finds the silos' gateways in the same table (<see cref="SqlGatewayListProvider"/>).</summary>
    public static IClientBuilder UseOgpClustering(this IClientBuilder client)
    {
        client.Services.AddSingleton<IGatewayListProvider, SqlGatewayListProvider>();
        return client;
    }
}
