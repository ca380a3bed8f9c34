using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OgpCoCreate.Storage.Clustering;
using OgpCoCreate.Storage.Database;
using OgpCoCreate.Storage.Schema;
using Orleans.Configuration;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// The contract of Orleans' <see cref="IMembershipTable"/> on our SQL table, on both dialects: the table
/// version moves atomically with every row change and only from the version the caller read; a row only
/// from the etag the caller read; I-am-alive touches neither; cluster ids do not see each other's rows.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MembershipTableTests
{
    public static TheoryData<string> Stores => new() { "sqlite", "postgres" };

    private sealed record Table(OgpDatabase Database, SqlMembershipTable Membership, string ClusterId);

    private static async Task<OgpDatabase> DatabaseAsync(string store)
    {
        OgpDatabase database = store == "sqlite"
            ? new SqliteOgpDatabase(Path.Combine(Path.GetTempPath(), "ogp-tests", "membership-" + Guid.NewGuid().ToString("N"), "ogp.db"))
            : PostgresOgpDatabase.Create(await PostgresForTests.CreateDatabaseAsync("membership"));
        await new SchemaMigrator(database, CoreMigrations.All.Concat(ClusterMigrations.All), NullLogger<SchemaMigrator>.Instance).MigrateAsync();
        return database;
    }

    private static async Task<Table> TableAsync(OgpDatabase database, string? clusterId = null, TimeProvider? clock = null)
    {
        clusterId ??= "c-" + Guid.NewGuid().ToString("N")[..8];
        var table = new SqlMembershipTable(database, Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "ogpcocreate" }),
            Options.Create(new ClusterMembershipOptions()), clock ?? TimeProvider.System, NullLogger<SqlMembershipTable>.Instance);
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return new Table(database, table, clusterId);
    }

    private static MembershipEntry Entry(int port, SiloStatus status = SiloStatus.Active, DateTime? alive = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 5000 + port),
        Status = status,
        ProxyPort = port + 1000,
        HostName = "host",
        SiloName = $"silo-{port}",
        StartTime = (alive ?? DateTime.UtcNow).AddSeconds(-5),
        IAmAliveTime = alive ?? DateTime.UtcNow,
    };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Inserting_a_row_moves_the_table_version_and_only_from_the_version_read(string store)
    {
        var (_, table, _) = await TableAsync(await DatabaseAsync(store));
        var empty = await table.ReadAll();
        Assert.Equal(0, empty.Version.Version);
        Assert.Empty(empty.Members);

        Assert.True(await table.InsertRow(Entry(11111), empty.Version.Next()));
        // The same version again is stale now; so is a duplicate row with a fresh version.
        Assert.False(await table.InsertRow(Entry(11112), empty.Version.Next()));
        var one = await table.ReadAll();
        Assert.Equal(1, one.Version.Version);
        Assert.False(await table.InsertRow(Entry(11111), one.Version.Next()));

        var after = await table.ReadAll();
        Assert.Equal(1, after.Version.Version);
        var (entry, etag) = Assert.Single(after.Members);
        Assert.Equal(Entry(11111).SiloAddress, entry.SiloAddress);
        Assert.Equal(SiloStatus.Active, entry.Status);
        Assert.Equal(12111, entry.ProxyPort);
        Assert.Equal("silo-11111", entry.SiloName);
        Assert.NotNull(etag);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Updating_a_row_needs_its_etag_and_the_current_table_version(string store)
    {
        var (_, table, _) = await TableAsync(await DatabaseAsync(store));
        Assert.True(await table.InsertRow(Entry(11111, SiloStatus.Joining), (await table.ReadAll()).Version.Next()));
        var read = await table.ReadRow(Entry(11111).SiloAddress);
        var (entry, etag) = Assert.Single(read.Members);

        var suspected = Entry(11111, SiloStatus.Active);
        var voter = SiloAddress.New(IPAddress.Loopback, 22222, 7);
        var voteTime = new DateTime(2025, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc).AddTicks(2345);
        suspected.AddSuspector(voter, voteTime);
        Assert.False(await table.UpdateRow(suspected, etag + "x", read.Version.Next()));
        Assert.False(await table.UpdateRow(suspected, etag, new TableVersion(read.Version.Version + 1, "41")));
        Assert.True(await table.UpdateRow(suspected, etag, read.Version.Next()));
        // The etag read before is spent.
        var again = await table.ReadAll();
        Assert.False(await table.UpdateRow(suspected, etag, again.Version.Next()));

        var (updated, newEtag) = Assert.Single(again.Members);
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(SiloStatus.Active, updated.Status);
        var vote = Assert.Single(updated.SuspectTimes!);
        Assert.Equal(voter, vote.Item1);
        Assert.Equal(voteTime, vote.Item2);
        Assert.Equal(2, again.Version.Version);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task I_am_alive_changes_only_that_column(string store)
    {
        var (_, table, _) = await TableAsync(await DatabaseAsync(store));
        Assert.True(await table.InsertRow(Entry(11111), (await table.ReadAll()).Version.Next()));
        var before = await table.ReadAll();
        var alive = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var entry = Entry(11111, SiloStatus.Dead);
        entry.IAmAliveTime = alive;

        await table.UpdateIAmAlive(entry);

        var after = await table.ReadAll();
        Assert.Equal(before.Version, after.Version);
        var (read, etag) = Assert.Single(after.Members);
        Assert.Equal(before.Members[0].Item2, etag);
        Assert.Equal(alive, read.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, read.Status);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Of_silos_joining_at_once_from_the_same_version_exactly_one_wins(string store)
    {
        var database = await DatabaseAsync(store);
        var (_, table, clusterId) = await TableAsync(database);
        var version = (await table.ReadAll()).Version.Next();
        // Separate table objects, as on separate nodes.
        var tables = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TableAsync(database, clusterId)));
        var results = await Task.WhenAll(tables.Select((t, i) => t.Membership.InsertRow(Entry(12000 + i), version)));
        Assert.Equal(1, results.Count(r => r));
        var after = await table.ReadAll();
        Assert.Single(after.Members);
        Assert.Equal(1, after.Version.Version);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Cluster_ids_do_not_see_each_other_and_a_live_other_cluster_refuses_a_silo(string store)
    {
        var database = await DatabaseAsync(store);
        var a = await TableAsync(database);
        var b = await TableAsync(database);
        Assert.True(await a.Membership.InsertRow(Entry(11111), (await a.Membership.ReadAll()).Version.Next()));
        Assert.Empty((await b.Membership.ReadAll()).Members);

        // While a's silo is alive, a silo of another cluster id may not start on this database.
        var conflict = await Assert.ThrowsAsync<ClusterIdConflictException>(() => b.Membership.InitializeMembershipTable(true));
        Assert.Contains($"'{a.ClusterId}'", conflict.Message, StringComparison.Ordinal);
        Assert.Contains(b.ClusterId, conflict.Message, StringComparison.Ordinal);

        // Once a's silo is dead (or silent past the limit), b may take over.
        var row = await a.Membership.ReadRow(Entry(11111).SiloAddress);
        Assert.True(await a.Membership.UpdateRow(Entry(11111, SiloStatus.Dead), row.Members[0].Item2, row.Version.Next()));
        await b.Membership.InitializeMembershipTable(true);

        var silent = await TableAsync(database);
        Assert.True(await silent.Membership.InsertRow(Entry(11112, SiloStatus.Active, DateTime.UtcNow.AddMinutes(-10)), (await silent.Membership.ReadAll()).Version.Next()));
        await b.Membership.InitializeMembershipTable(true);

        await a.Membership.DeleteMembershipTableEntries(a.ClusterId);
        Assert.Empty((await a.Membership.ReadAll()).Members);
        Assert.Single((await silent.Membership.ReadAll()).Members);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Cleanup_removes_only_defunct_entries_older_than_the_date(string store)
    {
        var (_, table, _) = await TableAsync(await DatabaseAsync(store));
        var old = DateTime.UtcNow.AddDays(-3);
        foreach (var entry in new[] { Entry(11111, SiloStatus.Dead, old), Entry(11112, SiloStatus.Dead), Entry(11113, SiloStatus.Active, old) })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }

        await table.CleanupDefunctSiloEntries(DateTimeOffset.UtcNow.AddDays(-1));

        var left = (await table.ReadAll()).Members.Select(m => m.Item1.SiloAddress.Endpoint.Port).Order().ToList();
        Assert.Equal([11112, 11113], left);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Clients_get_the_gateways_of_the_active_silos_of_their_cluster(string store)
    {
        var database = await DatabaseAsync(store);
        var (_, table, clusterId) = await TableAsync(database);
        var other = await TableAsync(database);
        foreach (var entry in new[] { Entry(11111), Entry(11112, SiloStatus.Dead), Entry(11113, SiloStatus.Joining) })
        {
            Assert.True(await table.InsertRow(entry, (await table.ReadAll()).Version.Next()));
        }
        Assert.True(await other.Membership.InsertRow(Entry(11114), (await other.Membership.ReadAll()).Version.Next()));

        var gateways = new SqlGatewayListProvider(database, Options.Create(new ClusterOptions { ClusterId = clusterId }),
            Options.Create(new GatewayOptions()), TimeProvider.System, NullLogger<SqlGatewayListProvider>.Instance);
        await gateways.InitializeGatewayListProvider();

        var uri = Assert.Single(await gateways.GetGateways());
        // The gateway (proxy) port and the silo's generation.
        Assert.Equal("gwy.tcp://127.0.0.1:12111/16111", uri.ToString());
    }
}
