using System.Diagnostics;
using Xunit.Abstractions;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>PostgreSQL crashes and restarts under live editing (a server of this test's own, not the shared one).</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    private const string DocumentId = "tn-nap5-01/description";

    [Fact]
    public async Task Writes_resume_after_PostgreSQL_crashes_and_restarts_and_nothing_acknowledged_is_lost()
    {
        var clock = Stopwatch.StartNew();
        await using var postgres = await PostgresInstance.CreateAsync();
        await postgres.StartAsync();
        await postgres.CreateDatabaseAsync("ogp_restart");
        await using var cluster = await TestCluster.StartAsync("pgrestart", silos: 2, connectionString: postgres.ConnectionString("ogp_restart"));
        output.WriteLine($"private PostgreSQL and 2 silos ready in {clock.Elapsed.TotalSeconds:0.0} s");
        var first = cluster.Node("silo1");
        string[] accounts = ["secretariat@ogp.local", "focal.finance@ogp.local"];
        var tokens = new List<string>();
        foreach (var account in accounts)
        {
            tokens.Add(await cluster.TokenAsync(first, account));
        }
        var editors = cluster.Nodes.Select((node, i) => new LiveEditor($"e{i}", tokens[i], DocumentId, node, () => cluster.UpNodes)).ToList();
        using var stop = new CancellationTokenSource();
        using var hardStop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var running = editors.Select(e => Task.Run(() => e.RunAsync(stop.Token, hardStop.Token, TimeSpan.FromMilliseconds(30)))).ToList();
        string Describe() => string.Join("\n", editors.Select(e => e.Describe()));
        try
        {
            await ClusterHttp.WaitUntilAsync(() => editors.All(e => e.Acknowledged.Count >= 20), TimeSpan.FromSeconds(60), Describe);

            // A crash: no checkpoint, recovery from the write-ahead log at the next start.
            await postgres.StopAsync("immediate");
            var downAt = DateTime.UtcNow;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: PostgreSQL crashed after {editors.Sum(e => e.Acknowledged.Count)} acknowledged ops");
            await Task.Delay(TimeSpan.FromSeconds(3));
            await postgres.StartAsync();
            var upAt = DateTime.UtcNow;
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: PostgreSQL up again");

            var acked = editors.ToDictionary(e => e.ClientId, e => e.Acknowledged.Count);
            await ClusterHttp.WaitUntilAsync(() => editors.All(e => e.Acknowledged.Count >= acked[e.ClientId] + 20), TimeSpan.FromSeconds(90), Describe);
            var resumed = editors.SelectMany(e => e.Acknowledged).Where(a => a.At > upAt).Min(a => a.At);
            output.WriteLine($"writes resumed {(resumed - upAt).TotalSeconds:0.0} s after PostgreSQL came back; acknowledged while it was down: "
                + editors.SelectMany(e => e.Acknowledged).Count(a => a.At > downAt && a.At < upAt));

            // Sign-in (Identity on EF Core) and a journaled HTTP write work again too.
            var token = await cluster.TokenAsync(cluster.Node("silo2"), "secretariat@ogp.local");
            await ClusterHttp.EditBaselineAsync(cluster.Node("silo2"), token, "tn-nap5-03", "after the database restarted");

            await stop.CancelAsync();
            await Task.WhenAll(running);
            foreach (var editor in editors)
            {
                await editor.SynchroniseAsync(hardStop.Token);
            }
            var final = await ClusterHttp.OpenAsync(first, tokens[0], DocumentId);
            Assert.All(editors, e => Assert.Equal((final.Version, final.Text), (e.ViewVersion, e.ViewText)));
            ClusterHttp.AssertExactlyOnce(final.Text, editors);
            Assert.Equal("after the database restarted", (await ClusterHttp.ReadBaselineAsync(first, "tn-nap5-03")).Baseline);
            output.WriteLine(Describe());
        }
        catch (Exception)
        {
            output.WriteLine(Describe());
            output.WriteLine(cluster.Outputs());
            output.WriteLine(postgres.Log);
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
