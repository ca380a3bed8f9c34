using System.Net;
using OgpCoCreate.Configuration;
using OgpCoCreate.Storage;
using OgpCoCreate.Storage.Clustering;
using OgpCoCreate.Storage.Reminders;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace OgpCoCreate.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// The Orleans side of the process, chosen by <c>Ogp:Role</c> and <c>Ogp:Store</c>:
    /// <list type="bullet">
    /// <item><c>silo</c> on SQLite: a co-hosted silo, the cluster is this one process (localhost clustering);</item>
    /// <item><c>silo</c> on PostgreSQL: a co-hosted silo that joins the cluster whose membership is kept in the
    /// database (<see cref="SqlMembershipTable"/>); in Kubernetes (<c>Ogp:Kubernetes</c>) also Orleans'
    /// Kubernetes hosting (pod name, pod IP, removal of deleted pods);</item>
    /// <item><c>frontend</c>: no grains here, an Orleans client that finds the silos' gateways in the same table
    /// and carries the web, the hub and the relays.</item>
    /// </list>
    /// Grain state goes to the project's own SQL storage provider in every case.
    /// </summary>
    public static void AddOgpOrleans(this WebApplicationBuilder builder, OgpOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.AdvertisedIp) && !IPAddress.TryParse(options.AdvertisedIp, out _))
        {
            StartupFailure.Exit($"Ogp:AdvertisedIp '{options.AdvertisedIp}' is not an IP address (e.g. 10.0.0.5, or 127.0.0.1 for several nodes on one machine).");
        }
        if (options.IsFrontend)
        {
            builder.AddOgpOrleansClient(options);
            return;
        }
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            if (options.IsPostgres)
            {
                silo.UseOgpClustering();
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = options.SiloPort;
                    o.GatewayPort = options.GatewayPort;
                    if (options.AdvertisedIPAddress is { } advertised)
                    {
                        o.AdvertisedIPAddress = advertised;
                    }
                    if (options.Kubernetes || options.AdvertisedIPAddress is null)
                    {
                        // Containers: listen on every interface, advertise the pod's / container's address.
                        o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, options.SiloPort);
                        o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, options.GatewayPort);
                    }
                });
                silo.Configure<ClusterMembershipOptions>(o => ClusterTuning.Apply(o));
                if (options.Kubernetes)
                {
                    silo.UseKubernetesHosting();
                }
            }
            else
            {
                silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, primarySiloEndpoint: null, serviceId: options.ServiceId, clusterId: options.ClusterId);
                silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            }
            silo.AddDashboard();
            silo.AddOgpReminders(builder.Configuration.GetSection(Approvals.ApprovalOptions.Section).Get<Approvals.ApprovalOptions>()?.ReminderPeriod);
        });
        if (options.IsPostgres)
        {
            builder.Services.AddHostedService<RelayFailover>();
        }
    }

    /// <summary>
    /// The front-end role: an Orleans client (no grain is ever activated in this process) that connects to
    /// the gateways of the silos of <c>Ogp:ClusterId</c>, waiting for them with a clear message when none is up.
    /// </summary>
    private static void AddOgpOrleansClient(this WebApplicationBuilder builder, OgpOptions options)
    {
        if (!options.IsPostgres)
        {
            StartupFailure.Exit("Ogp:Role is 'frontend' but Ogp:Store is not 'postgres': a front-end finds the silos through the cluster's "
                + "PostgreSQL database. Set Ogp:Store=postgres and ConnectionStrings:Postgres to the database of the silos.");
        }
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseOgpClustering();
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = ClusterTuning.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClusterTuning.FrontendResponseTimeout);
            client.UseConnectionRetryFilter<ClusterConnectionRetry>();
            client.AddDashboard();
        });
        builder.Services.AddHostedService<RelayFailover>();
    }

    /// <summary>The storage every grain uses, chosen by <c>Ogp:Store</c>.</summary>
    public static void AddOgpStore(this WebApplicationBuilder builder, OgpOptions options)
    {
        if (options.IsPostgres)
        {
            var connectionString = builder.Configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                StartupFailure.Exit("Ogp:Store is 'postgres' but ConnectionStrings:Postgres is not set (environment ConnectionStrings__Postgres, "
                    + "e.g. \"Host=db;Port=5432;Database=ogp;Username=ogp;Password=…\").");
            }
            builder.Services.AddOgpPostgresStore(connectionString);
        }
        else
        {
            builder.Services.AddOgpSqliteStore(options.DataDir);
        }
    }
}
