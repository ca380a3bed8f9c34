using Microsoft.Extensions.Options;
using OgpCoCreate.Configuration;

namespace OgpCoCreate.Seeding;

/// <summary>
/// Runs after the silo has started and before Kestrel listens (hosted services start in order), so the first
/// request already finds the admin and, with <c>--seed demo</c>, the demo plan.
/// </summary>
public sealed class StartupSeeding(IServiceProvider services, IOptions<OgpOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        // Nodes of a cluster may start together: one seeds at a time, the next ones find everything there.
        await using var seeding = await scope.ServiceProvider.GetRequiredService<OgpCoCreate.Storage.Database.OgpDatabase>().LockAsync("seeding", cancellationToken);
        var accounts = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        await accounts.EnsureRolesAndAdminAsync();
        if (string.Equals(options.Value.Seed, "demo", StringComparison.OrdinalIgnoreCase))
        {
            var ids = await accounts.EnsureDemoAccountsAsync();
            await scope.ServiceProvider.GetRequiredService<DemoPlanSeeder>().SeedAsync(ids);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class SeedingHosting
{
    public static void AddOgpSeeding(this IServiceCollection services)
    {
        services.AddScoped<AccountSeeder>();
        services.AddScoped<DemoPlanSeeder>();
        services.AddHostedService<StartupSeeding>();
    }
}
