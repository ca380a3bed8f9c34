using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OgpCoCreate.Server.Tests.Approvals;
using OgpCoCreate.Server.Tests.Consultations;
using Xunit.Abstractions;
using static OgpCoCreate.Server.Tests.Cluster.ClusterAccounts;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// Three co-hosted silos and one front-end on one PostgreSQL database. Two hub clients — one on a silo that
/// hosts neither grain, one on the front-end — watch <c>approvals:{commitmentId}</c> and <c>round:{roundId}</c>
/// once. Then the silo publishing the approvals and the one publishing the round are killed with SIGKILL (one
/// after the other when they differ) while approvals and comments go on through the other nodes: the grains
/// come back elsewhere without the relays' subscriptions, which <c>Hosting/RelayFailover</c> renews when the
/// membership table declares the silo dead. The watchers must get the pushes again within seconds of the
/// writes resuming, without reconnecting or watching again, each push once, and keep getting them.
/// Pushes are best-effort (one-way observer calls): a write acknowledged after the grain came back but before
/// the relays subscribed again is never pushed, and around the death a push may be lost even from a grain that
/// did not move. Topics carry no sequence a client could check (documents have versions), so after renewing,
/// the relay sends each watched topic a <c>Resync</c>: every write a watcher missed must be followed by one.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TopicFailoverTests(ITestOutputHelper output)
{
    private const string CommitmentId = "tn-nap5-01";

    /// <summary>Longest accepted wait, from the first write acknowledged after a kill to its watcher's first push.</summary>
    private static readonly TimeSpan ResumeBound = TimeSpan.FromSeconds(15);

    /// <summary>Pushes each watcher must get from each writer in a phase before it ends.</summary>
    private const int PushesPerPhase = 3;

    [Fact]
    public Task Watchers_on_a_silo_and_on_the_front_end_get_approval_and_round_pushes_again_within_seconds_when_the_silo_publishing_them_dies_without_watching_again() =>
        TestCluster.RunAsync("topicfailover", silos: 3, frontends: 1, output, Scenario);

    private async Task Scenario(TestCluster cluster, Stopwatch clock)
    {
        var (silo1, silo2, silo3, frontend) = (cluster.Node("silo1"), cluster.Node("silo2"), cluster.Node("silo3"), cluster.Node("frontend1"));
        var accounts = new ClusterAccounts(cluster);
        var admin = await accounts.TokenAsync(Admin);
        var hash = await accounts.SubmitForApprovalAsync(CommitmentId, Finance, ["egov"], silo1, silo2, silo3);
        var roundId = await accounts.OpenRoundAsync(silo2, CommitmentId);
        var approvalHost = await cluster.SiloHostingAsync("approval", CommitmentId, admin);
        var roundHost = await cluster.SiloHostingAsync("consultation-round", roundId, admin);
        var watcherSilo = cluster.Silos.First(n => n != approvalHost && n != roundHost);
        output.WriteLine($"approval workflow on {approvalHost.Name}, round {roundId} on {roundHost.Name}, watchers on {watcherSilo.Name} and {frontend.Name}");

        string[] topics = [$"approvals:{CommitmentId}", $"round:{roundId}"];
        await using var onSilo = await TopicWatcher.StartAsync("silo watcher", watcherSilo, await accounts.TokenAsync(Participant), topics);
        await using var onFrontend = await TopicWatcher.StartAsync("front-end watcher", frontend, await accounts.TokenAsync(Inai), topics);
        TopicWatcher[] watchers = [onSilo, onFrontend];

        // The lead's focal point approves and withdraws in turn; people comment in turn (the rate limit is per person).
        var approved = false;
        var approvals = new Writer("approvals", async (node, _) =>
        {
            using var finance = await accounts.OnAsync(node, Finance);
            finance.Timeout = TimeSpan.FromSeconds(15);
            var action = approved ? "withdraw" : "approve";
            var response = await finance.PostAsJsonAsync($"api/commitments/{CommitmentId}/approvals/{action}", approved ? new { slot = "finance" } : (object)new { slot = "finance", contentHash = hash });
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                // An earlier attempt was committed but not answered in time: the slot is already the other way.
                approved = !approved;
            }
            var view = await response.Json200();
            approved = !approved;
            return TopicWatcher.ApprovalKey(CommitmentId, view.GetProperty("version").GetInt32());
        });
        string[] commenters = [Participant, ForumGov, ForumCso, Inai, Egov, Finance, Secretariat, Admin];
        var comments = new Writer("comments", async (node, i) =>
        {
            using var person = await accounts.OnAsync(node, commenters[i % commenters.Length]);
            person.Timeout = TimeSpan.FromSeconds(15);
            var posted = await (await person.PostAsJsonAsync($"api/rounds/{roundId}/contributions", new { kind = "Comment", commitmentId = CommitmentId, body = $"Commentaire n° {i} pendant la panne." })).Json();
            return TopicWatcher.ContributionKey(roundId, posted.GetProperty("id").GetString()!);
        });
        Writer[] writers = [approvals, comments];

        // Writes go through every node but the watchers' silo: the pushes cross nodes on their way to both watchers.
        IReadOnlyList<ClusterNode> WriteThrough() => [.. cluster.UpNodes.Where(n => n != watcherSilo)];
        await PhaseAsync("before any kill", null, writers, watchers, WriteThrough, clock);
        foreach (var victim in new[] { approvalHost, roundHost }.Distinct())
        {
            await PhaseAsync($"{victim.Name} killed", victim, writers, watchers, WriteThrough, clock);
        }

        Assert.All(watchers, w => Assert.True(w.Connected && w.Closed == 0, $"{w}: the watcher lost its connection (it never watches again)"));
    }

    /// <summary>
    /// Kills <paramref name="victim"/> (if any), writes until the pushes of every writer flow to every watcher again
    /// (<see cref="Flowing"/>), then checks the wait for the first push and that none came twice.
    /// </summary>
    private async Task PhaseAsync(string phase, ClusterNode? victim, Writer[] writers, TopicWatcher[] watchers, Func<IReadOnlyList<ClusterNode>> writeThrough, Stopwatch clock)
    {
        var startedAt = DateTime.UtcNow;
        if (victim is not null)
        {
            await victim.KillAsync();
        }
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {phase}");
        foreach (var writer in writers)
        {
            writer.Acked.Clear();
        }
        using (var stop = new CancellationTokenSource())
        {
            var running = writers.Select(w => Task.Run(() => w.RunAsync(writeThrough, stop.Token))).ToList();
            string Describe() => string.Join("\n", writers.Select(w => w.Describe()).Concat(watchers.Select(w => w.ToString())));
            try
            {
                await ClusterHttp.WaitUntilAsync(() => writers.All(w => watchers.All(x => Flowing(w, x))), TimeSpan.FromSeconds(90), Describe);
            }
            finally
            {
                await stop.CancelAsync();
                await Task.WhenAll(running);
            }
        }

        if (victim is not null)
        {
            // What brought the pushes back is the failover renewal of the watchers' own nodes, not the 30 s one.
            var port = $":{victim.Process!.SiloPort}";
            Assert.All(watchers, w => Assert.True(
                w.Node.Process!.Output.Split('\n').Any(l => l.Contains("declared dead: renewing the relay's subscriptions", StringComparison.Ordinal) && l.Contains(port, StringComparison.Ordinal)),
                $"{w.Node.Name} did not renew its relay's subscriptions when {victim.Name} was declared dead"));
        }
        foreach (var writer in writers)
        {
            var acked = writer.Acked.ToList();
            var firstAck = acked.Min(a => a.At);
            foreach (var watcher in watchers)
            {
                var firstPush = acked.Select(a => watcher.ReceivedAt(a.Key)).Where(t => t is not null).Min()!.Value;
                var missed = acked.Where(a => watcher.ReceivedAt(a.Key) is null).ToList();
                var missedLater = missed.Where(a => a.At >= firstPush).Select(a => a.Key).ToList();
                output.WriteLine($"  {writer.Name} → {watcher.Name}: first write acknowledged {(firstAck - startedAt).TotalSeconds:0.0} s after the phase began, "
                    + $"first push {(firstPush - startedAt).TotalSeconds:0.0} s after it, i.e. {(firstPush - firstAck).TotalSeconds:0.00} s after that write; "
                    + $"{acked.Count} writes, never pushed: {missed.Count - missedLater.Count} acknowledged before the first push, {missedLater.Count} after it {string.Join(" ", missedLater)}");
                Assert.True(firstPush - firstAck <= ResumeBound,
                    $"{phase}: {watcher.Name} got its first {writer.Name} push {(firstPush - firstAck).TotalSeconds:0.0} s after the first write was acknowledged (at most {ResumeBound.TotalSeconds:0} s)");
                Assert.All(acked.Where(a => watcher.ReceivedAt(a.Key) is not null), a => Assert.Equal(1, watcher.Count(a.Key)));
                // A missed write is harmless only if the watcher was told to read the state again after it.
                // (Sent, not acknowledged: the write may commit and the Resync overtake its answer.)
                Assert.All(missed, a => Assert.True(watcher.LastResync(TopicWatcher.TopicOf(a.Key)) >= a.Sent,
                    $"{phase}: {watcher.Name} never got {a.Key} (sent {a.Sent:HH:mm:ss.fff}) and no Resync of its topic came after it"));
            }
        }
    }

    /// <summary>
    /// The watcher got <see cref="PushesPerPhase"/> of the writer's pushes in this phase, the latest write's among them:
    /// its node's subscription holds (pushes are best-effort: one may be lost while the cluster changes, see the class comment).
    /// </summary>
    private static bool Flowing(Writer writer, TopicWatcher watcher) =>
        writer.Acked.Count(a => watcher.ReceivedAt(a.Key) is not null) >= PushesPerPhase
        && writer.Acked.LastOrDefault() is { Key: { } latest } && watcher.ReceivedAt(latest) is not null;

    /// <summary>Writes one change after another through the given nodes (in turn), recording each acknowledged one.</summary>
    private sealed class Writer(string name, Func<ClusterNode, int, Task<string>> writeAsync)
    {
        private readonly ConcurrentQueue<string> errors = new();
        private int count;

        public string Name { get; } = name;

        /// <summary>Each acknowledged write: when it was sent, when its answer came, through which node.</summary>
        public ConcurrentQueue<(string Key, DateTime At, string Node, DateTime Sent)> Acked { get; } = new();

        public async Task RunAsync(Func<IReadOnlyList<ClusterNode>> nodes, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var i = count++;
                var candidates = nodes();
                var node = candidates[i % candidates.Count];
                try
                {
                    var sent = DateTime.UtcNow;
                    var key = await writeAsync(node, i);
                    Acked.Enqueue((key, DateTime.UtcNow, node.Name, sent));
                    await Task.Delay(TimeSpan.FromSeconds(1), stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // The node could not reach the grain yet (its silo is being declared dead): try again.
                    errors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} via {node.Name}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                    await Task.Delay(TimeSpan.FromMilliseconds(300), CancellationToken.None);
                }
            }
        }

        public string Describe() =>
            $"{Name}: {Acked.Count} acknowledged ({string.Join(", ", Acked.Select(a => $"{a.Key}@{a.At:HH:mm:ss.fff} via {a.Node}"))}); "
            + $"{errors.Count} failed attempts, last: {string.Join(" | ", errors.TakeLast(5))}";
    }
}
