using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using OgpCoCreate.Server.Tests.Cluster;

namespace OgpCoCreate.Server.Tests.Infrastructure;

/// <summary>
/// The store the single-node test servers run on, chosen by <c>OGP_TEST_STORE</c>: <c>sqlite</c> (default, the
/// embedded file of the product's default set-up) or <c>postgres</c> (a database of its own on the server of
/// <see cref="PostgresForTests"/>). ./test.sh runs every test class marked <c>[Trait("Store", "shared")]</c>
/// a second time with <c>OGP_TEST_STORE=postgres</c>: the same tests on both stores wherever behaviour is shared.
/// </summary>
public static class TestStore
{
    public const string Variable = "OGP_TEST_STORE";

    /// <summary>The trait of the test classes whose behaviour must be the same on both stores.</summary>
    public const string Trait = "Store";

    public const string Shared = "shared";

    public static bool IsPostgres => (Environment.GetEnvironmentVariable(Variable) ?? "").ToLowerInvariant() switch
    {
        "" or "sqlite" => false,
        "postgres" => true,
        var other => throw new InvalidOperationException($"{Variable} is '{other}': use 'sqlite' or 'postgres'."),
    };

    public static string Name => IsPostgres ? "postgres" : "sqlite";

    /// <summary>
    /// The server arguments that put a node on PostgreSQL: one database per data folder, so a server started
    /// again on the same folder (the kill-and-restart tests) finds the same data, as it would in the SQLite file.
    /// </summary>
    public static async Task<string[]> PostgresArgumentsAsync(string dataDir)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDir))))[..20];
        var connectionString = await PostgresForTests.EnsureDatabaseAsync($"ogp_node_{hash}");
        return
        [
            "--store", "postgres",
            "--ConnectionStrings:Postgres", connectionString,
            "--Ogp:AdvertisedIp", "127.0.0.1",
        ];
    }

    /// <summary>
    /// A connection to what the server stores, for the tests that inspect it directly. Identifiers in double
    /// quotes (<c>"AspNetUsers"</c>, <c>"Email"</c>) read the same table on both stores.
    /// </summary>
    public static async Task<DbConnection> OpenDatabaseAsync(ServerProcess server)
    {
        DbConnection connection = server.PostgresConnectionString is { } postgres
            ? new NpgsqlConnection(postgres)
            : new SqliteConnection($"Data Source={Path.Combine(server.DataDir, "ogp.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        return connection;
    }
}
