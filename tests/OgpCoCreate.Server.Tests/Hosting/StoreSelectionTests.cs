using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Hosting;

/// <summary>The second pass of ./test.sh really tests PostgreSQL: a misconfigured run cannot silently test SQLite twice.</summary>
[Collection(ServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class StoreSelectionTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_server_under_test_runs_on_the_store_the_test_run_asks_for()
    {
        using var admin = await fixture.SignedInAs("admin@ogp.local");
        var cluster = await admin.GetFromJsonAsync<JsonElement>("api/cluster");

        Assert.Equal(TestStore.Name, cluster.GetProperty("store").GetString());
        Assert.Equal(TestStore.IsPostgres, fixture.Server.PostgresConnectionString is not null);
        Assert.Equal(TestStore.IsPostgres, !File.Exists(Path.Combine(fixture.Server.DataDir, "ogp.db")));
    }
}
