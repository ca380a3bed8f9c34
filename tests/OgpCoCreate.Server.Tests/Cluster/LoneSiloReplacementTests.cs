using System.Diagnostics;
using Xunit.Abstractions;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// The smallest PostgreSQL deployment: one node. It is killed (SIGKILL: its membership row still says
/// Active) and replaced by a process at a new address, as Kubernetes replaces a pod. The new node must not
/// wait minutes for a dead peer: the stale row is recognised after two missed 10 s heartbeats.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LoneSiloReplacementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_lone_node_killed_and_replaced_at_a_new_address_serves_again_within_a_minute_with_its_data()
    {
        await using var cluster = await TestCluster.StartAsync("lone", silos: 1);
        var node = cluster.Node("silo1");
        try
        {
            var token = await cluster.TokenAsync(node, "secretariat@ogp.local");
            var version = await ClusterHttp.EditBaselineAsync(node, token, "tn-nap5-03", "acknowledged before the kill");
            var firstPort = node.Process!.SiloPort;
            await node.KillAsync();

            var clock = Stopwatch.StartNew();
            await node.StartAsync(TimeSpan.FromSeconds(150));
            var readyAfter = clock.Elapsed;
            output.WriteLine($"replacement ready {readyAfter.TotalSeconds:0.0} s after it was started (silo port {firstPort} → {node.Process!.SiloPort})");

            Assert.NotEqual(firstPort, node.Process.SiloPort);
            // Orleans' 30 s default heartbeat made this 60–130 s on this machine; the 10 s heartbeat, ~20–40 s.
            Assert.True(readyAfter < TimeSpan.FromSeconds(75), $"the replacement took {readyAfter.TotalSeconds:0} s to become ready");
            var (after, baseline) = await ClusterHttp.ReadBaselineAsync(node, "tn-nap5-03");
            Assert.Equal((version, "acknowledged before the kill"), (after, baseline));
            var admin = await cluster.TokenAsync(node, "admin@ogp.local");
            var view = await cluster.WaitForViewAsync(node, admin, v => v.Members.Any(m => m.Port == firstPort && m.Status == "Dead"), TimeSpan.FromSeconds(30), "the killed node's row to be declared dead");
            Assert.Single(view.Active);
        }
        catch (Exception)
        {
            output.WriteLine(cluster.Outputs());
            throw;
        }
    }
}
