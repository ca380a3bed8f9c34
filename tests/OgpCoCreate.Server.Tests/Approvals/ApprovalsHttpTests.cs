using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OgpCoCreate.Server.Tests.Infrastructure;
using OgpCoCreate.Server.Tests.Realtime;

namespace OgpCoCreate.Server.Tests.Approvals;

/// <summary>The approval workflow over HTTP and the hub, on the real server and the demo plan.</summary>
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class ApprovalsHttpTests(ApprovalsServerFixture fixture) : IClassFixture<ApprovalsServerFixture>
{
    private const string Inai = "focal.inai@ogp.local";
    private const string Egov = "focal.egov@ogp.local";
    private const string Finance = "focal.finance@ogp.local";

    [Fact]
    public async Task A_commitment_goes_through_its_whole_chain_live_and_an_edit_makes_the_approvals_stale_with_a_diff()
    {
        var finance = await fixture.SignedInAs(Finance);
        var egov = await fixture.SignedInAs(Egov);
        var gov = await fixture.SignedInAs("msf.gov@ogp.local");
        var cso = await fixture.SignedInAs("msf.cso@ogp.local");
        var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        const string id = "tn-nap5-01";

        (await finance.PostAsJsonAsync($"api/commitments/{id}/transitions", new { to = "Drafting" })).EnsureSuccessStatusCode();
        await finance.KeepSupporters(id, "egov");
        (await finance.PostAsJsonAsync($"api/commitments/{id}/transitions", new { to = "PendingApproval" })).EnsureSuccessStatusCode();

        // Anyone may read the chain.
        var view = await fixture.Server.CreateClient().GetJson($"api/commitments/{id}/approvals");
        Assert.Equal(["finance", "egov", "forum-government", "forum-civil-society"], view.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("slot").GetString()));
        Assert.Equal("Lead", view.GetProperty("currentStage").GetString());

        // Another user watches the panel's topic live.
        await using var watcher = await HubClients.ConnectAsync(fixture.Server, await ApprovalsHttp.TokenFor(fixture.Server, "msf.cso@ogp.local"));
        var pushed = new List<JsonElement>();
        watcher.On<JsonElement>("ApprovalsChanged", e => { lock (pushed) { pushed.Add(e); } });
        await watcher.InvokeAsync("Watch", $"approvals:{id}");

        var mine = await finance.GetJson($"api/commitments/{id}/approvals/me");
        Assert.Equal("finance", mine.GetProperty("entitlements")[0].GetProperty("slot").GetString());
        var hash = await finance.Hash(id);
        await finance.PostJson($"api/commitments/{id}/approvals/approve", new { slot = "finance", contentHash = hash, comment = "Validé par le ministère." });
        await ApprovalsHttp.Eventually(() => Task.FromResult(pushed.Count), n => n > 0, what: "ApprovalsChanged pushed to the watcher");
        lock (pushed)
        {
            Assert.Contains(pushed, p => p.GetProperty("slots")[0].GetProperty("state").GetString() == "Approved");
        }

        await egov.PostJson($"api/commitments/{id}/approvals/approve", new { slot = "egov", contentHash = hash });
        await gov.PostJson($"api/commitments/{id}/approvals/approve", new { slot = "forum-government", contentHash = hash });
        view = await cso.PostJson($"api/commitments/{id}/approvals/approve", new { slot = "forum-civil-society", contentHash = hash });
        Assert.True(view.GetProperty("complete").GetBoolean());
        await ApprovalsHttp.Eventually(() => finance.GetJson($"api/commitments/{id}"), c => c.GetProperty("status").GetString() == "Approved", what: "commitment approved");

        // Evidence: every action in the public history, with actor, time, content hash and comment.
        var history = await fixture.Server.CreateClient().GetJson($"api/commitments/{id}/approvals/history");
        var given = history.EnumerateArray().Where(e => e.GetProperty("eventType").GetString() == "ApprovalGiven").ToList();
        Assert.Equal(4, given.Count);
        Assert.All(given, e => Assert.Contains(hash, e.GetProperty("payloadJson").GetString(), StringComparison.Ordinal));
        Assert.Contains(given, e => JsonDocument.Parse(e.GetProperty("payloadJson").GetString()!).RootElement.GetProperty("comment").GetString() == "Validé par le ministère.");

        // An edit of a live text (over the hub, as drafting does) makes every approval stale…
        bool StalePushed()
        {
            lock (pushed)
            {
                return pushed.Any(p => p.GetProperty("slots")[0].GetProperty("stale").GetBoolean());
            }
        }
        await using var editor = await HubClients.ConnectAsync(fixture.Server, await ApprovalsHttp.TokenFor(fixture.Server, Finance));
        var doc = await editor.Open($"{id}/problem");
        await editor.Submit($"{id}/problem", doc.Version, "[\"Phrase ajoutée après l'approbation. \"]", "approvals-test", 1);
        view = await ApprovalsHttp.Eventually(() => finance.GetJson($"api/commitments/{id}/approvals"), v => v.GetProperty("slots").EnumerateArray().All(s => s.GetProperty("stale").GetBoolean()), what: "stale");
        Assert.False(view.GetProperty("complete").GetBoolean());
        await ApprovalsHttp.Eventually(() => Task.FromResult(StalePushed()), n => n, what: "staleness pushed live");

        // … the approver sees what changed since the version they approved …
        var diff = await finance.GetJson($"api/commitments/{id}/approvals/diff?from={hash}");
        var problem = diff.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("field").GetString() == "problem");
        Assert.True(problem.GetProperty("changed").GetBoolean());
        Assert.Contains(problem.GetProperty("lines").EnumerateArray(), l => l.GetProperty("kind").GetString() is "modified" or "inserted");
        Assert.Contains("Phrase ajoutée", problem.GetRawText(), StringComparison.Ordinal);
        Assert.All(diff.GetProperty("texts").EnumerateArray().Where(t => t.GetProperty("field").GetString() != "problem"), t => Assert.False(t.GetProperty("changed").GetBoolean()));

        // … and finds it in the inbox and the notifications.
        var inbox = await finance.GetJson("api/inbox");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "Stale" && i.GetProperty("commitmentId").GetString() == id);
        var notifications = await ApprovalsHttp.Eventually(() => egov.GetJson("api/notifications"),
            n => n.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("kind").GetString() == "ApprovalStale"), what: "stale notification");
        Assert.True(notifications.GetProperty("unread").GetInt32() > 0);
        var read = await egov.PostJson("api/notifications/read", new { });
        Assert.Equal(0, read.GetProperty("unread").GetInt32());

        // The plan cannot be adopted: the adoption page says what is missing.
        var adoption = await fixture.Server.CreateClient().GetJson("api/plans/tn-nap5/adoption");
        Assert.False(adoption.GetProperty("canAdopt").GetBoolean());
        Assert.Contains(adoption.GetProperty("missing").EnumerateArray(), m => m.GetString()!.Contains(id, StringComparison.Ordinal));
        await ProblemAssert.IsProblem(await secretariat.PostAsJsonAsync("api/plans/tn-nap5/adoption", new { }), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblem(await finance.PostAsJsonAsync("api/plans/tn-nap5/adoption", new { }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_problem_and_records_nothing()
    {
        var inai = await fixture.SignedInAs(Inai);
        var egov = await fixture.SignedInAs(Egov);
        var participant = await fixture.SignedInAs("participant@ogp.local");
        const string id = "tn-nap5-05";
        await inai.Submit(id);
        var hash = await inai.Hash(id);
        var historyBefore = (await inai.GetJson($"api/commitments/{id}/approvals/history")).GetArrayLength();

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Server.CreateClient().PostAsJsonAsync($"api/commitments/{id}/approvals/approve", new { slot = "inai", contentHash = hash })).StatusCode);

        var forbidden = await ProblemAssert.IsProblem(await participant.PostAsJsonAsync($"api/commitments/{id}/approvals/approve", new { slot = "inai", contentHash = hash }), HttpStatusCode.Forbidden);
        Assert.Contains("inai", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblem(await egov.PostAsJsonAsync($"api/commitments/{id}/approvals/approve", new { slot = "inai", contentHash = hash }), HttpStatusCode.Forbidden);
        var stale = await ProblemAssert.IsProblem(await inai.PostAsJsonAsync($"api/commitments/{id}/approvals/approve", new { slot = "inai", contentHash = new string('0', 64) }), HttpStatusCode.PreconditionFailed);
        Assert.Contains("changed since you read it", stale.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var noSlot = await ProblemAssert.IsProblem(await inai.PostAsJsonAsync($"api/commitments/{id}/approvals/approve", new { contentHash = hash }), HttpStatusCode.BadRequest);
        Assert.True(noSlot.GetProperty("errors").TryGetProperty("slot", out _));
        var noReason = await ProblemAssert.IsProblem(await egov.PostAsJsonAsync($"api/commitments/{id}/approvals/request-changes", new { slot = "egov", reason = "" }), HttpStatusCode.BadRequest);
        Assert.True(noReason.GetProperty("errors").TryGetProperty("reason", out _));
        var early = await ProblemAssert.IsProblem(await egov.PostAsJsonAsync($"api/commitments/{id}/approvals/approve", new { slot = "egov", contentHash = hash }), HttpStatusCode.Conflict);
        Assert.Contains("inai", early.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblem(await inai.GetAsync("api/commitments/no-such-commitment/approvals"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await inai.GetAsync($"api/commitments/{id}/approvals/diff?from=abc"), HttpStatusCode.NotFound);
        Assert.Equal(historyBefore, (await inai.GetJson($"api/commitments/{id}/approvals/history")).GetArrayLength());

        await inai.PostJson($"api/commitments/{id}/approvals/approve", new { slot = "inai", contentHash = hash });
        var twice = await ProblemAssert.IsProblem(await inai.PostAsJsonAsync($"api/commitments/{id}/approvals/approve", new { slot = "inai", contentHash = hash }), HttpStatusCode.Conflict);
        Assert.Contains("already approved", twice.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // A request for changes becomes a task in the lead's inbox.
        await egov.PostJson($"api/commitments/{id}/approvals/request-changes", new { slot = "egov", reason = "Préciser le rôle de l'unité." });
        var inbox = await inai.GetJson("api/inbox?institution=inai");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "Task" && i.GetProperty("reason").GetString() == "Préciser le rôle de l'unité.");
    }

    [Fact]
    public async Task A_withdrawn_commitment_and_an_expired_delegation_are_refused()
    {
        var egov = await fixture.SignedInAs(Egov);
        var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        var participant = await fixture.SignedInAs("participant@ogp.local");
        const string withdrawn = "tn-nap5-06";
        await egov.Submit(withdrawn);
        var hash = await egov.Hash(withdrawn);
        (await secretariat.PostAsJsonAsync($"api/commitments/{withdrawn}/transitions", new { to = "Withdrawn", reason = "Regroupé avec l'engagement 15." })).EnsureSuccessStatusCode();
        var problem = await ProblemAssert.IsProblem(await egov.PostAsJsonAsync($"api/commitments/{withdrawn}/approvals/approve", new { slot = "egov", contentHash = hash }), HttpStatusCode.Conflict);
        Assert.Contains("Withdrawn", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // egov names the participant's account as its alternate; a delegation that ran out gives no right.
        var egovId = await egov.UserId();
        var alternateId = await participant.UserId();
        (await secretariat.PutAsJsonAsync("api/institutions/egov/focal-points", new { focalPoints = new[] { egovId }, alternates = new[] { alternateId } })).EnsureSuccessStatusCode();
        var badDelegation = await ProblemAssert.IsProblem(await egov.PostAsJsonAsync("api/institutions/egov/delegations",
            new { toUserId = egovId, start = DateTimeOffset.UtcNow, end = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.BadRequest);
        Assert.True(badDelegation.GetProperty("errors").TryGetProperty("toUserId", out _));
        var delegation = await (await egov.PostAsJsonAsync("api/institutions/egov/delegations",
            new { toUserId = alternateId, start = DateTimeOffset.UtcNow.AddSeconds(-10), end = DateTimeOffset.UtcNow.AddSeconds(1), note = "Mission" })).Json200();
        Assert.Equal(alternateId, delegation.GetProperty("toUserId").GetString());
        await Task.Delay(1500);
        const string id = "tn-nap5-15";
        var lead = (await egov.GetJson($"api/commitments/{id}")).GetProperty("details").GetProperty("leadInstitutionId").GetString();
        Assert.Equal("egov", lead);
        await egov.Submit(id);
        var expired = await ProblemAssert.IsProblem(await participant.PostAsJsonAsync($"api/commitments/{id}/approvals/approve", new { slot = "egov", contentHash = await egov.Hash(id) }), HttpStatusCode.Forbidden);
        Assert.Contains("expired", expired.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
