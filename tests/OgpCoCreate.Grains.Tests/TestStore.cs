using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OgpCoCreate.Storage;
using OgpCoCreate.Storage.Database;
using OgpCoCreate.Storage.Schema;
using Orleans.TestingHost;

namespace OgpCoCreate.Grains.Tests;

/// <summary>
/// The trait of every test class that runs on the product's real store (<see cref="StoreCluster"/>): the test
/// script runs them once on SQLite and once more with <c>OGP_TEST_STORE=postgres --filter "Store=shared"</c>.
/// In-memory tests do not carry it.
/// </summary>
public static class StoreTrait
{
    public const string Name = "Store";
    public const string Shared = "shared";
}

/// <summary>
/// The product's real store for one fixture, as <see cref="Variable"/> asks: <c>sqlite</c> (the default), a
/// SQLite file in a fresh temporary folder; or <c>postgres</c>, a fresh empty database on the server whose
/// connection string is in <see cref="ServerVariable"/> (./test.sh starts one). A postgres run without a
/// server fails; it never falls back to SQLite.
/// </summary>
public sealed class TestStore(string purpose)
{
    public const string Variable = "OGP_TEST_STORE";
    public const string ServerVariable = "OGP_TEST_POSTGRES";

    /// <summary>The store this test run asked for.</summary>
    public static SqlDialect Requested =>
        Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() switch
        {
            null or "" or "sqlite" => SqlDialect.Sqlite,
            "postgres" or "postgresql" => SqlDialect.Postgres,
            var other => throw new InvalidOperationException($"{Variable}={other} is not a store: use sqlite (the default) or postgres."),
        };

    public SqlDialect Dialect { get; } = Requested;

    /// <summary>SQLite: the data folder. PostgreSQL: the database's name.</summary>
    public string Name { get; } = Requested == SqlDialect.Sqlite
        ? Path.Combine(Path.GetTempPath(), $"ogp-{purpose}-tests-{Guid.NewGuid():N}")
        : $"ogp_grains_{purpose}_{Guid.NewGuid():N}";

    private string? connectionString;
    private readonly List<OgpDatabase> used = [];

    /// <summary>
    /// Creates the database (SQLite: its file) and applies the schema with the product's migrator before the
    /// silos start, as the server does (a reminder service started on a store without its table fails its first loads).
    /// </summary>
    public async Task PrepareAsync()
    {
        if (Dialect == SqlDialect.Postgres)
        {
            await CreateDatabaseAsync();
        }
        var services = new ServiceCollection().AddLogging();
        AddTo(services);
        await using var provider = services.BuildServiceProvider();
        used.Add(provider.GetRequiredService<OgpDatabase>());
        await provider.GetRequiredService<SchemaMigrator>().MigrateAsync();
    }

    private async Task CreateDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable}=postgres needs a PostgreSQL server, and {ServerVariable} is not set. Run the tests with ./test.sh, "
                + $"which starts one, or start one yourself and set {ServerVariable}=\"Host=127.0.0.1;Port=…;Username=postgres;Database=postgres\".");
        await AdminAsync(server, $"CREATE DATABASE \"{Name}\"");
        connectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
    }

    /// <summary>Registers the store in a silo, through the product's own registration.</summary>
    public void AddTo(IServiceCollection services)
    {
        if (Dialect == SqlDialect.Sqlite)
        {
            services.AddOgpSqliteStore(Name);
        }
        else
        {
            services.AddOgpPostgresStore(connectionString ?? throw new InvalidOperationException("Prepare the store before the silos start."));
        }
    }

    /// <summary>Fails unless the silo's database is this store: the asked-for kind, in this folder or database.</summary>
    public void EnsureUsedBy(IServiceProvider silo)
    {
        var database = silo.GetRequiredService<OgpDatabase>();
        var ours = database switch
        {
            SqliteOgpDatabase sqlite => Dialect == SqlDialect.Sqlite && sqlite.FilePath.StartsWith(Path.GetFullPath(Name) + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            PostgresOgpDatabase postgres => Dialect == SqlDialect.Postgres && new NpgsqlConnectionStringBuilder(postgres.DataSource.ConnectionString).Database == Name,
            _ => false,
        };
        if (!ours)
        {
            throw new InvalidOperationException($"{Variable} asked for {Dialect} ({Name}), but a silo runs on {database.Description}.");
        }
        used.Add(database);
    }

    /// <summary>Drops the database or deletes the folder; a leftover is harmless, failing the run over it is not.</summary>
    public async Task DeleteAsync()
    {
        if (Dialect == SqlDialect.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Name, recursive: true);
            }
            catch (IOException)
            {
            }
            return;
        }
        foreach (var postgres in used.OfType<PostgresOgpDatabase>())
        {
            // The silos do not own the instance they were given: close its pooled connections here.
            await postgres.DataSource.DisposeAsync();
        }
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server && connectionString is not null)
        {
            try
            {
                await AdminAsync(server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
            }
            catch (NpgsqlException)
            {
            }
        }
    }

    private static async Task AdminAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>
/// Silos on the product's real store (<see cref="TestStore"/>: a SQLite file or a PostgreSQL database, per
/// <c>OGP_TEST_STORE</c>), the schema applied by the real migrator before they start, grain state "ogp", journal
/// and op logs in it.
/// </summary>
public abstract class StoreCluster : IAsyncLifetime
{
    protected StoreCluster(string purpose, Action<ISiloBuilder> configure)
    {
        var store = Store = new TestStore(purpose);
        Cluster = new InProcessTestClusterBuilder()
            .ConfigureSilo((_, silo) =>
            {
                // Registers the grain storage "ogp" as well: no memory storage here.
                store.AddTo(silo.Services);
                configure(silo);
            })
            .Build();
    }

    public TestStore Store { get; }

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public IServiceProvider Silo => Cluster.Silos[0].ServiceProvider;

    /// <summary>The silo's database, to read what it wrote (SQL that both SQLite and PostgreSQL take).</summary>
    public OgpDatabase Database => Silo.GetRequiredService<OgpDatabase>();

    public virtual async Task InitializeAsync()
    {
        await Store.PrepareAsync();
        await Cluster.DeployAsync();
        foreach (var silo in Cluster.Silos)
        {
            Store.EnsureUsedBy(silo.ServiceProvider);
        }
    }

    public virtual async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Store.DeleteAsync();
    }

    /// <summary>A number the store answers, e.g. <c>SELECT COUNT(*) … WHERE x = @x</c> with ("@x", value).</summary>
    public async Task<long> NumberAsync(string sql, string parameter, object value)
    {
        await using var connection = await Database.OpenAsync();
        await using var command = connection.Command(sql).With(parameter, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
