using Npgsql;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// The PostgreSQL server the cluster tests run against: <c>./test.sh</c> starts one on a spare loopback port
/// (initdb + pg_ctl in a temporary folder) and passes its connection string in <see cref="Variable"/>. Each
/// test gets a database of its own. Without PostgreSQL these tests fail — they never skip.
/// </summary>
public static class PostgresForTests
{
    public const string Variable = "OGP_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: the cluster tests need a PostgreSQL server. "
                + (Environment.GetEnvironmentVariable("OGP_TEST_POSTGRES_ERROR") is { Length: > 0 } error ? error + ". " : "")
                + "Run them with ./test.sh, which starts one (initdb + pg_ctl on a spare loopback port), or start one yourself and set "
                + $"{Variable}=\"Host=127.0.0.1;Port=…;Username=postgres;Database=postgres\".");

    /// <summary>Creates an empty database and returns the connection string the nodes use.</summary>
    public static Task<string> CreateDatabaseAsync(string purpose)
    {
        var clean = new string([.. purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20)]);
        return EnsureDatabaseAsync($"ogp_{clean}_{Guid.NewGuid():N}");
    }

    /// <summary>The connection string of database <paramref name="name"/>, created first unless it exists.</summary>
    public static async Task<string> EnsureDatabaseAsync(string name)
    {
        var admin = AdminConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            var builder = new NpgsqlConnectionStringBuilder(admin);
            throw new InvalidOperationException(
                $"The PostgreSQL server of the tests ({Variable}: {builder.Host}:{builder.Port}) does not answer: {e.Message}. "
                + "./test.sh starts it; is it still running?", e);
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }
}
