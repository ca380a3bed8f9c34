using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Consultations;
using OgpCoCreate.Server.Tests.Approvals;
using OgpCoCreate.Server.Tests.Consultations;
using Xunit.Abstractions;
using static OgpCoCreate.Server.Tests.Cluster.ClusterAccounts;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// Three co-hosted silos and one front-end on one PostgreSQL database: approvals and anchored comments are
/// given through different nodes, then the silo holding the approval workflow and the one holding the
/// consultation round are killed with SIGKILL (one after the other when they differ). Everything acknowledged
/// before is read back through the surviving nodes, the workflow and the round go on, and after the killed
/// nodes restarted every node reads the same.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ApprovalsAndCommentsFailoverTests(ITestOutputHelper output)
{
    private const string CommitmentId = "tn-nap5-01";

    private sealed record GivenApproval(string Slot, string UserId, string ByName, string Comment, string Hash);

    /// <summary>What one node answers about the commitment's approvals and the round, with their journals.</summary>
    private sealed record Snapshot(string Node, JsonElement Approvals, JsonElement ApprovalHistory, JsonElement Round, JsonElement RoundHistory);

    [Fact]
    public Task Every_approval_and_comment_acknowledged_before_the_silos_holding_them_die_is_there_exactly_once_after_the_kill_and_after_the_restart() =>
        TestCluster.RunAsync("approvalsfailover", silos: 3, frontends: 1, output, Scenario);

    private async Task Scenario(TestCluster cluster, Stopwatch clock)
    {
        var (silo1, silo2, silo3, frontend) = (cluster.Node("silo1"), cluster.Node("silo2"), cluster.Node("silo3"), cluster.Node("frontend1"));
        var accounts = new ClusterAccounts(cluster);
        var admin = await accounts.TokenAsync(Admin);

        // Three approvals of the four-slot chain, each through another node; the forum's civil-society side waits.
        var hash = await accounts.SubmitForApprovalAsync(CommitmentId, Finance, ["egov"], silo1, silo2, frontend);
        var approvals = new List<GivenApproval>();
        foreach (var (slot, email, node, comment) in new[]
        {
            ("finance", Finance, silo2, "Validé par le ministère des Finances."),
            ("egov", Egov, frontend, "Approved by the E-Government Unit."),
            ("forum-government", ForumGov, silo3, "Validé par le co-président gouvernemental."),
        })
        {
            approvals.Add(await ApproveAsync(accounts, node, email, slot, hash, comment));
        }

        // Comments in a consultation round on the commitment: two anchored on its live texts, one on the
        // commitment as a whole, one reply; each by another person through another node.
        var roundId = await accounts.OpenRoundAsync(silo3, CommitmentId);
        var comments = new List<JsonElement>();
        using (var reader = await accounts.OnAsync(silo1, Participant))
        {
            var onProblem = await ConsultationClients.AnchorOn(reader, CommitmentId, "problem", 0, 20);
            var onDescription = await ConsultationClients.AnchorOn(reader, CommitmentId, "description", 3, 12);
            comments.Add(await ContributeAsync(accounts, silo1, Participant, roundId, new { kind = "Comment", anchor = onProblem, body = "Quelles données budgétaires seront publiées, et à quel rythme ?" }));
            comments.Add(await ContributeAsync(accounts, frontend, ForumCso, roundId, new { kind = "Comment", anchor = onDescription, body = "Préciser le **calendrier** de publication." }));
        }
        comments.Add(await ContributeAsync(accounts, silo2, Egov, roundId, new { kind = "Comment", commitmentId = CommitmentId, body = "The portal can host the data sets." }));
        comments.Add(await ContributeAsync(accounts, silo3, Finance, roundId, new { kind = "Reply", parentId = comments[0].GetProperty("id").GetString(), body = "Le budget citoyen, chaque trimestre." }));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {approvals.Count} approvals and {comments.Count} contributions acknowledged in round {roundId}");

        var approvalHost = await cluster.SiloHostingAsync("approval", CommitmentId, admin);
        var roundHost = await cluster.SiloHostingAsync("consultation-round", roundId, admin);
        output.WriteLine($"approval workflow on {approvalHost.Name}, round on {roundHost.Name}");

        // Kill the silo of each grain (once when they share it) and read back through every surviving node.
        List<ClusterNode> killed = [];
        foreach (var victim in new[] { approvalHost, roundHost }.Distinct())
        {
            var killedAt = clock.Elapsed;
            await victim.KillAsync();
            killed.Add(victim);
            var snapshots = await ReadEverywhereAsync(cluster.UpNodes, roundId);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed {victim.Name}; every surviving node answered {(clock.Elapsed - killedAt).TotalSeconds:0.0} s later");
            AssertIntact(snapshots, approvals, approvalsLeft: ["forum-civil-society"], comments);
        }

        // The workflow and the round go on from what was kept: the last approval completes the chain, a new comment is accepted.
        approvals.Add(await ApproveAsync(accounts, frontend, ForumCso, "forum-civil-society", hash, "Validé par la co-présidente société civile."));
        using (var anyone = frontend.Process!.CreateClient())
        {
            await ApprovalsHttp.Eventually(() => anyone.GetJson($"api/commitments/{CommitmentId}"), c => c.GetProperty("status").GetString() == "Approved",
                TimeSpan.FromSeconds(30), "the completed chain to approve the commitment");
        }
        var survivor = cluster.UpNodes.First(n => !n.IsFrontend);
        comments.Add(await ContributeAsync(accounts, survivor, Participant, roundId, new { kind = "Comment", commitmentId = CommitmentId, body = "Merci, après la panne aussi." }));

        // The killed nodes restart and rejoin; every node, the restarted ones included, reads exactly the same.
        await Task.WhenAll(killed.Select(n => n.StartAsync()));
        var witness = cluster.Silos.First(n => !killed.Contains(n));
        await cluster.WaitForViewAsync(witness, admin, v => v.Active.Count() == 3, TimeSpan.FromSeconds(60), "the restarted silos to rejoin");
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {string.Join(", ", killed.Select(n => n.Name))} restarted and rejoined");
        var final = await ReadEverywhereAsync(cluster.UpNodes, roundId);
        Assert.Equal(4, final.Count);
        AssertIntact(final, approvals, approvalsLeft: [], comments);
        Assert.All(final, s => Assert.True(s.Approvals.GetProperty("complete").GetBoolean(), $"{s.Node}: the chain is not complete"));
        Assert.All(final, s => Assert.Single(s.ApprovalHistory.EnumerateArray(), e => e.GetProperty("eventType").GetString() == "ApprovalCompleted"));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {approvals.Count} approvals and {comments.Count} contributions read back identically through {string.Join(", ", final.Select(s => s.Node))}");
    }

    private static async Task<GivenApproval> ApproveAsync(ClusterAccounts accounts, ClusterNode node, string email, string slot, string hash, string comment)
    {
        using var client = await accounts.OnAsync(node, email);
        var view = await client.PostJson($"api/commitments/{CommitmentId}/approvals/approve", new { slot, contentHash = hash, comment });
        var given = view.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("slot").GetString() == slot);
        Assert.Equal("Approved", given.GetProperty("state").GetString());
        return new GivenApproval(slot, await accounts.UserIdAsync(email), given.GetProperty("byName").GetString()!, comment, hash);
    }

    private static async Task<JsonElement> ContributeAsync(ClusterAccounts accounts, ClusterNode node, string email, string roundId, object contribution)
    {
        using var client = await accounts.OnAsync(node, email);
        return await (await client.PostAsJsonAsync($"api/rounds/{roundId}/contributions", contribution)).Json();
    }

    /// <summary>
    /// The approvals, the round and both journals as each node serves them to anyone, retrying while the cluster
    /// has not yet noticed a death (calls to the dead silo fail until then).
    /// </summary>
    private static async Task<List<Snapshot>> ReadEverywhereAsync(IReadOnlyList<ClusterNode> nodes, string roundId)
    {
        var snapshots = new List<Snapshot>();
        foreach (var node in nodes)
        {
            using var anyone = node.Process!.CreateClient();
            anyone.Timeout = TimeSpan.FromSeconds(20);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    snapshots.Add(new Snapshot(node.Name,
                        await anyone.GetJson($"api/commitments/{CommitmentId}/approvals"),
                        await anyone.GetJson($"api/commitments/{CommitmentId}/approvals/history?limit=1000"),
                        await anyone.GetJson($"api/rounds/{roundId}"),
                        await anyone.GetJson($"api/rounds/{roundId}/history?limit=1000")));
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Xunit.Sdk.XunitException && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(Math.Min(2000, 200 * attempt));
                }
            }
        }
        return snapshots;
    }

    /// <summary>Every acknowledged approval and contribution is in each node's answer exactly once, as acknowledged, and in the journals.</summary>
    private static void AssertIntact(List<Snapshot> snapshots, List<GivenApproval> approvals, string[] approvalsLeft, List<JsonElement> comments)
    {
        foreach (var s in snapshots)
        {
            var slots = s.Approvals.GetProperty("slots").EnumerateArray().ToDictionary(x => x.GetProperty("slot").GetString()!);
            foreach (var given in approvals)
            {
                var slot = slots[given.Slot];
                Assert.True(slot.GetProperty("state").GetString() == "Approved", $"{s.Node}: slot {given.Slot} is {slot}");
                Assert.False(slot.GetProperty("stale").GetBoolean(), $"{s.Node}: slot {given.Slot} is stale");
                Assert.Equal((given.Hash, given.UserId, given.ByName, given.Comment),
                    (slot.GetProperty("contentHash").GetString(), slot.GetProperty("byUserId").GetString(), slot.GetProperty("byName").GetString(), slot.GetProperty("comment").GetString()));
            }
            Assert.All(approvalsLeft, left => Assert.NotEqual("Approved", slots[left].GetProperty("state").GetString()));

            var journaled = s.ApprovalHistory.EnumerateArray().Where(e => e.GetProperty("eventType").GetString() == "ApprovalGiven").ToList();
            Assert.Equal(approvals.Count, journaled.Count);
            foreach (var approval in approvals)
            {
                var entry = Assert.Single(journaled, e => Payload(e).GetProperty("slot").GetString() == approval.Slot);
                var payload = Payload(entry);
                Assert.Equal((approval.UserId, approval.ByName, approval.Hash, approval.Comment),
                    (entry.GetProperty("actorId").GetString(), entry.GetProperty("actorName").GetString(), payload.GetProperty("contentHash").GetString(), payload.GetProperty("comment").GetString()));
            }

            var contributions = s.Round.GetProperty("contributions").EnumerateArray().ToList();
            Assert.Equal(comments.Count, contributions.Count);
            var posted = s.RoundHistory.EnumerateArray().Where(e => e.GetProperty("eventType").GetString() == "ContributionPosted").ToList();
            Assert.Equal(comments.Count, posted.Count);
            foreach (var comment in comments)
            {
                var id = comment.GetProperty("id").GetString();
                var read = Assert.Single(contributions, c => c.GetProperty("id").GetString() == id);
                Assert.Equal(Describe(comment), Describe(read));
                var entry = Assert.Single(posted, e => e.GetProperty("payload").GetProperty("id").GetString() == id);
                var payload = entry.GetProperty("payload");
                Assert.Equal(comment.GetProperty("authorName").GetString(), entry.GetProperty("actorName").GetString());
                Assert.Equal(RoundRules.Digest(Text(comment, "title"), Text(comment, "body")), payload.GetProperty("contentSha256").GetString());
                if (comment.GetProperty("anchor") is { ValueKind: JsonValueKind.Object } anchor)
                {
                    var inJournal = payload.GetProperty("anchor");
                    Assert.Equal(
                        (Text(anchor, "documentId"), anchor.GetProperty("version").GetInt64(), anchor.GetProperty("start").GetInt32(), anchor.GetProperty("end").GetInt32(), RoundRules.Digest(Text(anchor, "quote"))),
                        (Text(inJournal, "documentId"), inJournal.GetProperty("version").GetInt64(), inJournal.GetProperty("start").GetInt32(), inJournal.GetProperty("end").GetInt32(), Text(inJournal, "quoteSha256")));
                }
            }
        }
    }

    private static JsonElement Payload(JsonElement journalEntry) => JsonDocument.Parse(journalEntry.GetProperty("payloadJson").GetString()!).RootElement;

    private static string? Text(JsonElement e, string property) => e.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    /// <summary>What a contribution says and where: kind, thread, author, text, commitment and anchor (the parts no edit or read may change).</summary>
    private static string Describe(JsonElement c) => string.Join(" | ",
        Text(c, "id"), Text(c, "kind"), Text(c, "parentId"), Text(c, "authorName"), Text(c, "title"), Text(c, "body"), Text(c, "commitmentId"),
        c.GetProperty("anchor").ValueKind == JsonValueKind.Object ? c.GetProperty("anchor").GetRawText() : "no anchor");
}
