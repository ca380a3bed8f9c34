using System.Net;
using OgpCoCreate.Configuration;
using OgpCoCreate.Storage;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace OgpCoCreate.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// Co-hosts an Orleans silo in the web process. On the embedded store the cluster is this one process
    /// (localhost clustering); grain state goes to the project's own SQL storage provider.
    /// </summary>
    public static void AddOgpOrleans(this WebApplicationBuilder builder, OgpOptions options)
    {
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primarySiloEndpoint: null, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            silo.AddDashboard();
        });
    }

    /// <summary>The storage every grain uses, chosen by <c>Ogp:Store</c>.</summary>
    public static void AddOgpStore(this WebApplicationBuilder builder, OgpOptions options)
    {
        if (options.IsPostgres)
        {
            var connectionString = builder.Configuration.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException("Ogp:Store is 'postgres' but ConnectionStrings:Postgres is not set.");
            builder.Services.AddOgpPostgresStore(connectionString);
        }
        else
        {
            builder.Services.AddOgpSqliteStore(options.DataDir);
        }
    }
}
