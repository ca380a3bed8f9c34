using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// Three co-hosted silos and one front-end (Orleans client) on one PostgreSQL database; editors connected to
/// every node type into one document; the node holding the document's sequencer is killed with SIGKILL.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NodeFailoverTests(ITestOutputHelper output)
{
    private const string DocumentId = "tn-nap5-05/problem";

    [Fact]
    public Task No_acknowledged_op_is_lost_and_every_editor_converges_when_the_node_holding_the_document_is_killed() =>
        TestCluster.RunAsync("failover", silos: 3, frontends: 1, output, Scenario);

    /// <summary>The longest time between two acknowledgements of an editor, from just before the kill on.</summary>
    private static TimeSpan LongestGap(LiveEditor editor, DateTime killedAt)
    {
        var times = editor.Acknowledged.Select(a => a.At).Where(t => t > killedAt.AddSeconds(-2)).Order().ToList();
        return times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    private async Task Scenario(TestCluster cluster, Stopwatch clock)
    {
        var silo1 = cluster.Node("silo1");
        var frontend = cluster.Node("frontend1");
        // Every token comes from silo1 and is used on every node: the data-protection keys are shared in the database.
        var admin = await cluster.TokenAsync(silo1, "admin@ogp.local");
        string[] accounts = ["secretariat@ogp.local", "msf.gov@ogp.local", "msf.cso@ogp.local", "focal.inai@ogp.local"];
        var tokens = new List<string>();
        foreach (var account in accounts)
        {
            tokens.Add(await cluster.TokenAsync(silo1, account));
        }

        var editors = cluster.Nodes.Select((node, i) => new LiveEditor($"e{i}", tokens[i], DocumentId, node, () => cluster.UpNodes)).ToList();
        using var stop = new CancellationTokenSource();
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var running = editors.Select(e => Task.Run(() => e.RunAsync(stop.Token, hardStop.Token, TimeSpan.FromMilliseconds(50)))).ToList();

        // Meanwhile journaled HTTP writes (grain state + journal in one transaction) through the front-end.
        var httpAcked = new ConcurrentQueue<(int Version, string Baseline, DateTime At)>();
        var httpFailures = 0;
        var httpWriter = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var text = $"baseline #{i} through the front-end";
                try
                {
                    httpAcked.Enqueue((await ClusterHttp.EditBaselineAsync(frontend, tokens[0], "tn-nap5-02", text), text, DateTime.UtcNow));
                    await Task.Delay(100);
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref httpFailures);
                    await Task.Delay(250);
                }
            }
        });
        string Describe() => string.Join("\n", editors.Select(e => e.Describe()));
        try
        {
            // Live across nodes, both topologies: every editor (the front-end's included) sees the others' ops.
            await ClusterHttp.WaitUntilAsync(() => editors.All(e => e.Acknowledged.Count >= 10 && e.BroadcastsFromOthers >= 20), TimeSpan.FromSeconds(60), Describe);
            Assert.Equal(cluster.Nodes.Select(n => n.Name), editors.Select(e => e.ConnectedTo?.Name));

            var host = await cluster.DocumentHostAsync(DocumentId, admin) ?? throw new InvalidOperationException("The document is active on no silo.");
            Assert.False(host.IsFrontend, "A front-end must never host a grain.");
            var ackedAtKill = editors.ToDictionary(e => e.ClientId, e => e.Acknowledged.Count);
            var killedAt = DateTime.UtcNow;
            await host.KillAsync();
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed {host.Name} (it held {DocumentId}) after {ackedAtKill.Values.Sum()} acknowledged ops");

            // Writes resume for everyone, the killed node's editor included (it reconnects to another node).
            await ClusterHttp.WaitUntilAsync(() => editors.All(e => e.Acknowledged.Count >= ackedAtKill[e.ClientId] + 10), TimeSpan.FromSeconds(90), Describe);
            var longestStall = editors.Max(e => LongestGap(e, killedAt));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every editor had 10 more ops acknowledged; longest wait for an acknowledgement around the kill: {longestStall.TotalSeconds:0.0} s");

            // Live updates across nodes resume too (the relays subscribe again to the reactivated grain).
            var seenAtResume = editors.ToDictionary(e => e.ClientId, e => e.BroadcastsFromOthers);
            await ClusterHttp.WaitUntilAsync(() => editors.All(e => e.BroadcastsFromOthers >= seenAtResume[e.ClientId] + 20), TimeSpan.FromSeconds(60), Describe);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: live updates flow again on every node");

            await ClusterHttp.WaitUntilAsync(() => httpAcked.Any(a => a.At > killedAt), TimeSpan.FromSeconds(60), () => $"no HTTP write acknowledged since the kill ({httpFailures} failures)");

            await stop.CancelAsync();
            await Task.WhenAll(running);
            await httpWriter;
            foreach (var editor in editors)
            {
                await editor.SynchroniseAsync(hardStop.Token);
            }

            // Every node serves the same text; every editor's copy is that text; every acknowledged op is in it once.
            var finals = new List<(string Node, long Version, string Text)>();
            foreach (var node in cluster.UpNodes)
            {
                var opened = await ClusterHttp.OpenAsync(node, tokens[0], DocumentId);
                finals.Add((node.Name, opened.Version, opened.Text));
            }
            var final = finals[0];
            Assert.All(finals, f => Assert.Equal((final.Version, final.Text), (f.Version, f.Text)));
            Assert.All(editors, e => Assert.Equal((final.Version, final.Text), (e.ViewVersion, e.ViewText)));
            ClusterHttp.AssertExactlyOnce(final.Text, editors);
            Assert.True(final.Version >= editors.SelectMany(e => e.Acknowledged).Max(a => a.Version));
            output.WriteLine($"{editors.Sum(e => e.Acknowledged.Count)} acknowledged ops, final version {final.Version}; reconnections: "
                + string.Join(", ", editors.Select(e => $"{e.ClientId}={e.Connections - 1}")));

            // The killed node restarts and rejoins: the others see it active (and its former incarnation dead).
            await host.StartAsync();
            var witness = cluster.Silos.First(n => n != host && n.IsUp);
            var view = await cluster.WaitForViewAsync(witness, admin,
                v => v.Active.Count() == 3 && v.Active.Any(m => m.Port == host.Process!.SiloPort) && v.Members.Any(m => m.Status == "Dead"),
                TimeSpan.FromSeconds(60), $"{host.Name} to rejoin");
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {host.Name} rejoined: {view}");
            // The front-end sees the same cluster and serves the dashboard (it is an Orleans client, not a silo).
            var fromFrontend = await cluster.ViewAsync(frontend, admin);
            Assert.Equal("frontend", fromFrontend.Role);
            Assert.Null(fromFrontend.Self);
            Assert.Equal(3, fromFrontend.Active.Count());
            using (var adminClient = await cluster.AdminClientAsync(frontend, admin))
            {
                Assert.Equal(System.Net.HttpStatusCode.OK, (await adminClient.GetAsync("dashboard/")).StatusCode);
            }
            var reopened = await ClusterHttp.OpenAsync(host, tokens[0], DocumentId);
            Assert.Equal((final.Version, final.Text), (reopened.Version, reopened.Text));
            // Every acknowledged HTTP write is there: the last one (or a later one committed but not answered in time), and all in the journal.
            var lastWrite = httpAcked.Last();
            var (version, readBaseline) = await ClusterHttp.ReadBaselineAsync(host, "tn-nap5-02");
            Assert.True(version >= lastWrite.Version, $"version {version} is older than the acknowledged {lastWrite.Version}");
            if (version == lastWrite.Version)
            {
                Assert.Equal(lastWrite.Baseline, readBaseline);
            }
            using (var anonymous = host.Process!.CreateClient())
            {
                var edits = 0;
                for (long after = 0; ;)
                {
                    var page = await anonymous.GetFromJsonAsync<JsonElement>($"api/commitments/tn-nap5-02/history?after={after}&limit=1000");
                    edits += page.EnumerateArray().Count(e => e.GetProperty("eventType").GetString() == "CommitmentEdited");
                    if (page.GetArrayLength() < 1000)
                    {
                        break;
                    }
                    after = page[page.GetArrayLength() - 1].GetProperty("sequence").GetInt64();
                }
                Assert.True(edits >= httpAcked.Count, $"the journal has {edits} edits but {httpAcked.Count} were acknowledged");
            }
            output.WriteLine($"{httpAcked.Count} HTTP writes acknowledged ({httpFailures} refused or failed during the failover)");
            output.WriteLine(Describe());
        }
        catch (Exception)
        {
            output.WriteLine(Describe());
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
