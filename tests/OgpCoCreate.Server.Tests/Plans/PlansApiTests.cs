using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Plans;

[Collection(DomainServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class PlansApiTests(DomainServerFixture fixture)
{
    [Fact]
    public async Task The_secretariat_opens_a_plan_that_anyone_then_reads_with_an_etag()
    {
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var id = $"t-{Guid.NewGuid():N}"[..14];

        var response = await secretariat.PostAsJsonAsync("api/plans", DomainBodies.Plan(id));

        var created = await response.Json(HttpStatusCode.Created);
        Assert.Equal($"/api/plans/{id}", response.Headers.Location?.ToString());
        Assert.Equal("Preparation", created.GetProperty("status").GetString());
        using var anonymous = fixture.Anonymous();
        var read = await anonymous.GetAsync($"api/plans/{id}");
        await read.Json(HttpStatusCode.OK);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_client_that_has_the_current_version_gets_304()
    {
        var planId = await fixture.NewPlanAsync();
        using var anonymous = fixture.Anonymous();
        var etag = (await anonymous.GetAsync($"api/plans/{planId}")).Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/plans/{planId}");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Opening_a_plan_is_refused_to_anonymous_callers_participants_and_focal_points()
    {
        var body = DomainBodies.Plan($"t-{Guid.NewGuid():N}"[..14]);
        using var anonymous = fixture.Anonymous();
        using var participant = await fixture.As(Accounts.Participant);
        using var focal = await fixture.As(Accounts.FocalFinance);

        await ProblemAssert.IsProblem(await anonymous.PostAsJsonAsync("api/plans", body), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await participant.PostAsJsonAsync("api/plans", body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await focal.PostAsJsonAsync("api/plans", body), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await anonymous.GetAsync($"api/plans/{body["id"]}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_plan_lists_every_field_error_at_once()
    {
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var body = DomainBodies.Plan($"t-{Guid.NewGuid():N}"[..14])
            .With("end", "2022-01-01")
            .With("title", new JsonObject { ["ar"] = "", ["fr"] = "Plan", ["en"] = new string('x', 301) })
            .With("timeline", new JsonArray(new JsonObject { ["id"] = "late", ["name"] = DomainBodies.Text("Late"), ["start"] = "2026-01-01", ["end"] = "2026-02-01" }));

        var fields = await (await secretariat.PostAsJsonAsync("api/plans", body)).FieldErrors();

        Assert.Contains("end", fields);
        Assert.Contains("title.ar", fields);
        Assert.Contains("title.en", fields);
        Assert.Contains("timeline[0]", fields);
    }

    [Fact]
    public async Task A_plan_id_that_is_not_a_slug_or_already_taken_is_refused()
    {
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var planId = await fixture.NewPlanAsync();

        var badId = await secretariat.PostAsJsonAsync("api/plans", DomainBodies.Plan("Not A Slug"));
        var taken = await secretariat.PostAsJsonAsync("api/plans", DomainBodies.Plan(planId));

        Assert.Contains("id", await badId.FieldErrors());
        await ProblemAssert.IsProblem(taken, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Updating_the_definition_with_a_stale_etag_is_412_and_with_the_current_one_succeeds()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var before = await fixture.StateOf($"api/plans/{planId}");
        var definition = DomainBodies.Plan(planId).With("country", "Tunisie");
        definition.Remove("id");

        var stale = await secretariat.SendJson(HttpMethod.Put, $"api/plans/{planId}", definition, ifMatch: "\"1\"");
        await ProblemAssert.IsProblem(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await fixture.StateOf($"api/plans/{planId}"));

        var ok = await secretariat.SendJson(HttpMethod.Put, $"api/plans/{planId}", definition, ifMatch: before.Version);
        Assert.Equal("Tunisie", (await ok.Json(HttpStatusCode.OK)).GetProperty("country").GetString());
        Assert.NotEqual(before.Version, ok.Headers.ETag?.Tag);
        using var anonymous = fixture.Anonymous();
        var history = await anonymous.GetJson($"api/plans/{planId}/history");
        Assert.Equal("PlanDefinitionChanged", history.EnumerateArray().Last().GetProperty("eventType").GetString());
    }

    [Fact]
    public async Task The_forum_names_existing_accounts_only_and_pairs_its_co_chairs()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var before = await fixture.StateOf($"api/plans/{planId}");

        var unknownAccount = await secretariat.PutAsJsonAsync($"api/plans/{planId}/forum",
            new { members = new JsonArray(DomainBodies.Seat("Someone", "Government", false, "no-such-account")) });
        var twoGovernmentCoChairs = await secretariat.PutAsJsonAsync($"api/plans/{planId}/forum",
            new { members = new JsonArray(DomainBodies.Seat("A", "Government", true, null), DomainBodies.Seat("B", "Government", true, null)) });

        Assert.Contains("members[0].userId", await unknownAccount.FieldErrors());
        Assert.Contains("members", await twoGovernmentCoChairs.FieldErrors());
        Assert.Equal(before, await fixture.StateOf($"api/plans/{planId}"));
    }

    [Fact]
    public async Task The_plan_moves_only_along_its_cycle_and_only_by_the_secretariat()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);
        using var coChair = await fixture.As(Accounts.MsfGov);
        var before = await fixture.StateOf($"api/plans/{planId}");

        await ProblemAssert.IsProblem(await coChair.PostAsJsonAsync($"api/plans/{planId}/transitions", new { to = "CoCreation" }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await secretariat.PostAsJsonAsync($"api/plans/{planId}/transitions", new { to = "Adopted" }), HttpStatusCode.Conflict);
        Assert.Contains("to", await (await secretariat.PostAsJsonAsync($"api/plans/{planId}/transitions", new { reason = "No target." })).FieldErrors());
        Assert.Equal(before, await fixture.StateOf($"api/plans/{planId}"));

        var moved = await secretariat.PostAsJsonAsync($"api/plans/{planId}/transitions", new { to = "CoCreation", reason = "The forum is set up." });
        Assert.Equal("CoCreation", (await moved.Json(HttpStatusCode.OK)).GetProperty("status").GetString());
        await ProblemAssert.IsProblem(await secretariat.PostAsJsonAsync($"api/plans/nowhere/transitions", new { to = "CoCreation" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task History_pages_are_validated_and_follow_each_other()
    {
        var planId = await fixture.NewPlanAsync();
        using var anonymous = fixture.Anonymous();

        Assert.Contains("limit", await (await anonymous.GetAsync($"api/plans/{planId}/history?limit=0")).FieldErrors());
        Assert.Contains("limit", await (await anonymous.GetAsync($"api/plans/{planId}/history?limit=1001")).FieldErrors());
        Assert.Contains("after", await (await anonymous.GetAsync($"api/plans/{planId}/history?after=-1")).FieldErrors());
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/plans/nowhere/history"), HttpStatusCode.NotFound);

        var all = (await anonymous.GetJson($"api/plans/{planId}/history")).EnumerateArray().ToList();
        var first = (await anonymous.GetJson($"api/plans/{planId}/history?limit=1")).EnumerateArray().ToList();
        var rest = (await anonymous.GetJson($"api/plans/{planId}/history?after={first[0].GetProperty("sequence").GetInt64()}")).EnumerateArray().ToList();
        Assert.Equal(["PlanCreated", "ForumMembershipChanged"], all.Select(e => e.GetProperty("eventType").GetString()));
        Assert.Single(first);
        Assert.Equal(all.Skip(1).Select(e => e.GetProperty("sequence").GetInt64()), rest.Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task The_combined_history_merges_the_plan_and_its_commitments_in_order()
    {
        var planId = await fixture.NewPlanAsync();
        var commitmentId = await fixture.NewCommitmentAsync(planId);
        await fixture.MoveAsync(commitmentId, "Drafting");
        using var anonymous = fixture.Anonymous();

        var planOnly = (await anonymous.GetJson($"api/plans/{planId}/history")).EnumerateArray().ToList();
        var combined = (await anonymous.GetJson($"api/plans/{planId}/history?includeCommitments=true")).EnumerateArray().ToList();
        var firstTwo = (await anonymous.GetJson($"api/plans/{planId}/history?includeCommitments=true&limit=2")).EnumerateArray().ToList();

        Assert.DoesNotContain(planOnly, e => e.GetProperty("grainType").GetString() == "commitment");
        Assert.Equal(2, combined.Count(e => e.GetProperty("grainKey").GetString() == commitmentId));
        var sequences = combined.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Take(2), firstTwo.Select(e => e.GetProperty("sequence").GetInt64()));
    }

    [Fact]
    public async Task The_raw_journal_feed_pages_through_everything_for_administrators_only()
    {
        var planId = await fixture.NewPlanAsync();
        using var anonymous = fixture.Anonymous();
        using var admin = await fixture.As("admin@ogp.local");
        using var secretariat = await fixture.As("secretariat@ogp.local");
        var created = (await anonymous.GetJson($"api/plans/{planId}/history")).EnumerateArray().First();
        var sequence = created.GetProperty("sequence").GetInt64();

        var page = (await admin.GetJson($"api/journal?after={sequence - 1}&limit=2")).EnumerateArray().ToList();

        Assert.Equal(2, page.Count);
        Assert.Equal(sequence, page[0].GetProperty("sequence").GetInt64());
        Assert.Equal(planId, page[0].GetProperty("grainKey").GetString());
        Assert.Equal("PlanCreated", page[0].GetProperty("eventType").GetString());
        Assert.False(string.IsNullOrEmpty(page[0].GetProperty("actorId").GetString()), "the audit feed names the account that acted");
        Assert.True(page[1].GetProperty("sequence").GetInt64() > sequence);
        Assert.Contains("limit", await (await admin.GetAsync("api/journal?limit=5000")).FieldErrors());
        // Account ids, inboxes, supporters and moderation are in it: not for the public, not for other roles.
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/journal"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await secretariat.GetAsync("api/journal"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_new_endpoints()
    {
        using var anonymous = fixture.Anonymous();

        var document = await anonymous.GetJson("openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/plans", "/api/plans/{planId}", "/api/plans/{planId}/forum", "/api/plans/{planId}/transitions", "/api/institutions/{institutionId}/focal-points", "/api/commitments", "/api/journal" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
    }
}
