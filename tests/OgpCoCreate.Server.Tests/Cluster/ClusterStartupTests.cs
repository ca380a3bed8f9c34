using System.Diagnostics;
using OgpCoCreate.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>Start-up faults of a cluster node: PostgreSQL absent or late, a wrong cluster id.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterStartupTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> QuietOrleans = new()
    {
        ["Logging__LogLevel__Orleans"] = "Warning",
        ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Warning",
    };

    [Fact]
    public async Task A_node_gives_up_on_an_unreachable_PostgreSQL_with_a_clear_message_and_no_stack_trace()
    {
        var port = ServerProcess.FreePort();
        await using var node = new ServerProcess(seedDemo: false, environment: QuietOrleans, extraArgs:
        [
            "--store", "postgres",
            "--ConnectionStrings:Postgres", $"Host=127.0.0.1;Port={port};Database=ogp;Username=ogp;Password=x;Timeout=2",
            "--Ogp:DatabaseWaitSeconds", "4",
        ]);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => node.StartAsync(TimeSpan.FromSeconds(90)));

        output.WriteLine(node.Output);
        Assert.Contains("exited with code 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"PostgreSQL at postgres://127.0.0.1:{port}/ogp is not available", node.Output, StringComparison.Ordinal);
        Assert.Contains("retrying in 1 s (attempt 1", node.Output, StringComparison.Ordinal);
        Assert.Contains("did not become available within 4 s", node.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_started_before_PostgreSQL_waits_for_it_and_then_serves()
    {
        await using var postgres = await PostgresInstance.CreateAsync();
        await using var node = new ServerProcess(seedDemo: true, environment: QuietOrleans, extraArgs:
        [
            "--store", "postgres",
            "--ConnectionStrings:Postgres", postgres.ConnectionString("ogp_late"),
            "--Ogp:AdvertisedIp", "127.0.0.1",
            "--cluster-id", "late",
        ]);
        var clock = Stopwatch.StartNew();
        var starting = node.StartAsync(TimeSpan.FromSeconds(180));

        await ClusterHttp.WaitUntilAsync(() => node.Output.Contains("is not available", StringComparison.Ordinal), TimeSpan.FromSeconds(60), () => node.Output);
        // PostgreSQL comes up, but the database is created a moment later still (an init job, say): the node keeps waiting.
        await postgres.StartAsync();
        await ClusterHttp.WaitUntilAsync(() => node.Output.Contains("3D000", StringComparison.Ordinal), TimeSpan.FromSeconds(60), () => node.Output);
        await postgres.CreateDatabaseAsync("ogp_late");
        await starting;

        output.WriteLine($"ready {clock.Elapsed.TotalSeconds:0.0} s after start\n{node.Output}");
        using var client = node.CreateClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("api/commitments/tn-nap5-01")).StatusCode);
        Assert.DoesNotContain("   at Npgsql", node.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_with_another_cluster_id_is_refused_while_the_cluster_runs()
    {
        await using var cluster = await TestCluster.StartAsync("wrongid", silos: 1);
        var silo = cluster.Node("silo1");
        var admin = await cluster.TokenAsync(silo, "admin@ogp.local");

        // A silo with another id: refused before it joins anything, with the reason.
        var stranger = new ClusterNode("stranger", false, cluster.ConnectionString, "another-cluster");
        var process = stranger.Create();
        await using (process)
        {
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => process.StartAsync(TimeSpan.FromSeconds(120)));
            output.WriteLine(process.Output);
            Assert.Contains("exited with code 4", failure.Message, StringComparison.Ordinal);
            Assert.Contains($"Refusing to start: this node's cluster id is 'another-cluster', but the database is in use by a live cluster with another id ('{cluster.ClusterId}'", process.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", process.Output, StringComparison.Ordinal);
        }

        // A front-end with another id finds no gateway of its cluster: it never becomes ready, and says why.
        var lost = new ClusterNode("lost", true, cluster.ConnectionString, "another-cluster");
        var frontend = lost.Create();
        await using (frontend)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => frontend.StartAsync(TimeSpan.FromSeconds(20)));
            output.WriteLine(frontend.Output);
            Assert.Contains($"No silo of cluster 'another-cluster' is active, but the database is used by another cluster id ('{cluster.ClusterId}'", frontend.Output, StringComparison.Ordinal);
        }

        // The cluster never saw either of them.
        var view = await cluster.ViewAsync(silo, admin);
        var member = Assert.Single(view.Members);
        Assert.Equal("Active", member.Status);
        Assert.Equal(silo.Process!.SiloPort, member.Port);
    }
}
