using System.Diagnostics;
using Xunit.Abstractions;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>A graceful rolling restart (SIGTERM, replacement, next node) under live editing, as a deployment does it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const string DocumentId = "tn-nap5-06/description";

    [Fact]
    public async Task Restarting_every_node_in_turn_loses_no_acknowledged_op()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await TestCluster.StartAsync("rolling", silos: 3);
        output.WriteLine($"cluster of 3 silos ready in {clock.Elapsed.TotalSeconds:0.0} s");
        var first = cluster.Node("silo1");
        var admin = await cluster.TokenAsync(first, "admin@ogp.local");
        string[] accounts = ["secretariat@ogp.local", "focal.egov@ogp.local", "msf.gov@ogp.local"];
        var tokens = new List<string>();
        foreach (var account in accounts)
        {
            tokens.Add(await cluster.TokenAsync(first, account));
        }
        var editors = cluster.Nodes.Select((node, i) => new LiveEditor($"e{i}", tokens[i], DocumentId, node, () => cluster.UpNodes)).ToList();
        using var stop = new CancellationTokenSource();
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var running = editors.Select(e => Task.Run(() => e.RunAsync(stop.Token, hardStop.Token, TimeSpan.FromMilliseconds(50)))).ToList();
        string Describe() => string.Join("\n", editors.Select(e => e.Describe()));
        try
        {
            await ClusterHttp.WaitUntilAsync(() => editors.All(e => e.Acknowledged.Count >= 10), TimeSpan.FromSeconds(60), Describe);
            foreach (var node in cluster.Nodes.ToList())
            {
                var acked = editors.ToDictionary(e => e.ClientId, e => e.Acknowledged.Count);
                await node.StopAsync();
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: stopped {node.Name} gracefully");
                await node.StartAsync();
                var witness = cluster.Nodes.First(n => n != node);
                await cluster.WaitForViewAsync(witness, admin, v => v.Active.Count() == 3 && v.Active.Any(m => m.Port == node.Process!.SiloPort),
                    TimeSpan.FromSeconds(60), $"{node.Name}'s replacement to join");
                output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {node.Name} replaced and active");
                // Everyone kept (or got back to) typing meanwhile.
                await ClusterHttp.WaitUntilAsync(() => editors.All(e => e.Acknowledged.Count >= acked[e.ClientId] + 5), TimeSpan.FromSeconds(90), Describe);
            }

            await stop.CancelAsync();
            await Task.WhenAll(running);
            foreach (var editor in editors)
            {
                await editor.SynchroniseAsync(hardStop.Token);
            }
            var final = await ClusterHttp.OpenAsync(cluster.Nodes[0], tokens[0], DocumentId);
            foreach (var node in cluster.Nodes.Skip(1))
            {
                var opened = await ClusterHttp.OpenAsync(node, tokens[0], DocumentId);
                Assert.Equal((final.Version, final.Text), (opened.Version, opened.Text));
            }
            Assert.All(editors, e => Assert.Equal((final.Version, final.Text), (e.ViewVersion, e.ViewText)));
            ClusterHttp.AssertExactlyOnce(final.Text, editors);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {editors.Sum(e => e.Acknowledged.Count)} acknowledged ops, final version {final.Version}; connections: "
                + string.Join(", ", editors.Select(e => $"{e.ClientId}={e.Connections}")));
            output.WriteLine(Describe());
        }
        catch (Exception)
        {
            output.WriteLine(Describe());
            output.WriteLine(cluster.Outputs());
            throw;
        }
        finally
        {
            await stop.CancelAsync();
            foreach (var editor in editors)
            {
                await editor.DisposeAsync();
            }
        }
    }
}
