using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OgpCoCreate.Drafting;
using OgpCoCreate.Storage.Clustering;
using OgpCoCreate.Storage.Database;
using OgpCoCreate.Storage.Drafting;
using OgpCoCreate.Storage.GrainState;
using OgpCoCreate.Storage.Journal;
using OgpCoCreate.Storage.Schema;
using Orleans.Runtime.Hosting;

namespace OgpCoCreate.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>The Orleans storage provider name every grain uses.</summary>
    public const string GrainStorageName = "ogp";

    /// <summary>Registers the embedded SQLite store: one file under <paramref name="dataDirectory"/>.</summary>
    public static IServiceCollection AddOgpSqliteStore(this IServiceCollection services, string dataDirectory) =>
        services.AddOgpStore(new SqliteOgpDatabase(Path.Combine(dataDirectory, "ogp.db")));

    public static IServiceCollection AddOgpPostgresStore(this IServiceCollection services, string connectionString) =>
        services.AddOgpStore(PostgresOgpDatabase.Create(connectionString));

    public static IServiceCollection AddOgpStore(this IServiceCollection services, OgpDatabase database)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(database);
        foreach (var migration in CoreMigrations.All.Concat(ClusterMigrations.All))
        {
            services.AddSingleton(migration);
        }
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<JournalReader>();
        services.AddSingleton<SqlDocumentLog>();
        services.AddSingleton<IDocumentLog>(sp => sp.GetRequiredService<SqlDocumentLog>());
        services.AddGrainStorage(GrainStorageName, (sp, _) => new SqlGrainStorage(sp.GetRequiredService<OgpDatabase>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
