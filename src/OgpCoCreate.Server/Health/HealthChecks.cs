using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OgpCoCreate.Configuration;
using OgpCoCreate.Identity;
using OgpCoCreate.Storage.Database;
using Orleans.Runtime;

namespace OgpCoCreate.Health;

/// <summary>Ready = the database answers.</summary>
public sealed class StorageHealthCheck(OgpDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var command = connection.Command("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy(database.Description);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"Database {database.Description} does not answer.", e);
        }
    }
}

/// <summary>
/// Ready = this node takes part in the cluster. A silo: its own membership entry is <c>Active</c> (not still
/// joining, not shutting down, not declared dead) and a grain call answers. A front-end: the cluster answers
/// through a gateway and has at least one active silo.
/// </summary>
public sealed class ClusterHealthCheck(IGrainFactory grains, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (services.GetService<ILocalSiloDetails>() is { } local && services.GetService<IClusterMembershipService>() is { } membership)
            {
                var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
                if (status != SiloStatus.Active)
                {
                    return HealthCheckResult.Unhealthy($"This silo ({local.SiloAddress}) is {status}, not active.");
                }
            }
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("No active silo.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster does not answer.", e);
        }
    }
}

public static class HealthEndpoints
{
    /// <summary>Liveness: the process answers HTTP (Kubernetes liveness probe; restarts the pod when it fails).</summary>
    public const string LivePath = "/health/live";

    /// <summary>Readiness: the database answers and this node takes part in the cluster (readiness and startup probes).</summary>
    public const string ReadyPath = "/health/ready";

    public static void AddOgpHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<ClusterHealthCheck>("cluster", tags: ["ready"]);

    public static void MapOgpHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivePath, new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadyPath, new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapGet("/api/cluster", ClusterAsync).RequireAuthorization(IdentityHosting.AdminPolicy).ExcludeFromDescription();
        app.MapGet("/api/cluster/document-host", DocumentHostAsync).RequireAuthorization(IdentityHosting.AdminPolicy).ExcludeFromDescription();
        app.MapGet("/api/cluster/grain-host", GrainHostAsync).RequireAuthorization(IdentityHosting.AdminPolicy).ExcludeFromDescription();
    }

    /// <summary>Which silo holds a live document's sequencer now (null: not active anywhere), for operations and failover tests.</summary>
    private static async Task<IResult> DocumentHostAsync(string id, IGrainFactory grains)
    {
        var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<Drafting.IDocumentGrain>(id));
        return Results.Ok(new { documentId = id, silo = silo?.ToParsableString() });
    }

    /// <summary>
    /// Which silo holds any grain's activation now (null: not active anywhere), by grain type and key, e.g.
    /// <c>?type=approval&amp;id=tn-nap5-01</c> or <c>?type=consultation-round&amp;id=tn-nap5-r1</c>: for operations and failover tests.
    /// </summary>
    private static async Task<IResult> GrainHostAsync(string type, string id, IGrainFactory grains)
    {
        try
        {
            var silo = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain(GrainId.Create(type, id)));
            return Results.Ok(new { type, id, silo = silo?.ToParsableString() });
        }
        catch (ArgumentException e)
        {
            // An unknown grain type (Orleans: "Unable to find Grain type …").
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The cluster as the membership table sees it, for admins and tests (the dashboard shows the same).</summary>
    private static async Task<IResult> ClusterAsync(IGrainFactory grains, IOptions<OgpOptions> options, IServiceProvider services)
    {
        var entries = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).WaitAsync(TimeSpan.FromSeconds(10));
        var self = services.GetService<ILocalSiloDetails>()?.SiloAddress;
        return Results.Ok(new
        {
            clusterId = options.Value.ClusterId,
            role = options.Value.IsFrontend ? "frontend" : "silo",
            store = options.Value.IsPostgres ? "postgres" : "sqlite",
            self = self?.ToParsableString(),
            members = entries
                .OrderBy(e => e.Status == SiloStatus.Dead).ThenBy(e => e.SiloName, StringComparer.Ordinal)
                .Select(e => new
                {
                    silo = e.SiloAddress.ToParsableString(),
                    name = e.SiloName,
                    host = e.HostName,
                    status = e.Status.ToString(),
                    gatewayPort = e.ProxyPort,
                    startedAt = DateTime.SpecifyKind(e.StartTime, DateTimeKind.Utc),
                    lastAliveAt = DateTime.SpecifyKind(e.IAmAliveTime, DateTimeKind.Utc),
                }),
        });
    }
}
