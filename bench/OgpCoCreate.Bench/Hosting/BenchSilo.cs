using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OgpCoCreate.Drafting;
using OgpCoCreate.Storage;
using OgpCoCreate.Storage.Drafting;
using OgpCoCreate.Storage.Schema;

namespace OgpCoCreate.Bench.Hosting;

/// <summary>
/// An Orleans silo inside the bench process, configured like the product's co-hosted silo: the real grains,
/// and either the real store (SQLite file in a fresh temporary folder: grain state and the documents' op log
/// with group commit, synchronous=FULL; or a fresh PostgreSQL database) or the in-memory op log. Grain calls go through the silo's own
/// client, as the server's hub makes them.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost host;
    private readonly string? dataDirectory;

    private BenchSilo(IHost host, string store, string? dataDirectory)
    {
        this.host = host;
        this.dataDirectory = dataDirectory;
        Store = store;
    }

    public string Store { get; }

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The SQLite op log (commit counts show how well group commit batches); null in memory.</summary>
    public SqlDocumentLog? SqlLog => host.Services.GetService<SqlDocumentLog>();

    public static async Task<BenchSilo> StartAsync(string store)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Warnings go to stderr; the GC advice (workstation GC is deliberate, as in B1) and the watchdog's
        // first-tick notice say nothing about the figures.
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Orleans.Runtime.Silo", LogLevel.Error)
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        string? dataDirectory = null;
        switch (store)
        {
            case "sqlite":
                dataDirectory = Path.Combine(Path.GetTempPath(), $"ogp-bench-{Guid.NewGuid():N}");
                builder.Services.AddOgpSqliteStore(dataDirectory);
                break;
            case "postgres":
                builder.Services.AddOgpPostgresStore(await FreshPostgresDatabaseAsync());
                break;
            case "memory":
                builder.Services.AddSingleton(TimeProvider.System);
                builder.Services.AddSingleton<IDocumentLog, InMemoryDocumentLog>();
                break;
            default:
                throw new ArgumentException($"Unknown store '{store}': use memory, sqlite or postgres.", nameof(store));
        }
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next());
            if (store == "memory")
            {
                silo.AddMemoryGrainStorage(StorageServiceCollectionExtensions.GrainStorageName);
            }
        });
        var host = builder.Build();
        if (store is "sqlite" or "postgres")
        {
            // As the server does: the schema exists before any grain activates.
            await host.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();
        }
        await host.StartAsync();
        return new BenchSilo(host, store, dataDirectory);
    }

    /// <summary>
    /// A new empty database on the PostgreSQL server named by <c>OGP_BENCH_POSTGRES</c> (an admin connection
    /// string, e.g. <c>Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres</c>).
    /// </summary>
    private static async Task<string> FreshPostgresDatabaseAsync()
    {
        var admin = Environment.GetEnvironmentVariable("OGP_BENCH_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new ArgumentException("--store postgres needs OGP_BENCH_POSTGRES, an admin connection string to a PostgreSQL server (Host=…;Port=…;Username=postgres;Database=postgres).");
        var name = $"ogp_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
        if (dataDirectory is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder does not change any figure.
            }
        }
    }
}
