using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Publishing;

/// <summary>The public read API: documented, paged with next links, strong ETags with 304, caching headers, the same for everyone.</summary>
[Collection(PublishingCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class PublicApiTests(PublishingFixture fixture)
{
    [Theory]
    [InlineData("api/public/plans/tn-nap5")]
    [InlineData("api/public/plans/tn-nap5/repository")]
    [InlineData("api/public/plans/tn-nap5/commitments?limit=3")]
    [InlineData("api/public/commitments/tn-nap5-06")]
    [InlineData("api/public/rounds/tn-nap5-r1")]
    [InlineData("api/public/plans/tn-nap5/journal?limit=10")]
    [InlineData("api/public/plans/tn-nap5/action-plan?lang=ar")]
    [InlineData("api/public/plans/tn-nap5/action-plan.docx?lang=fr")]
    [InlineData("api/open-data/tn-nap5")]
    [InlineData("api/open-data/tn-nap5/contributions.csv")]
    [InlineData("api/open-data/tn-nap5/open-data.zip")]
    public async Task Every_answer_has_a_strong_etag_over_its_content_caching_headers_and_304_on_if_none_match(string url)
    {
        using var anonymous = fixture.Server.Anonymous();
        var first = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag!.IsWeak);
        Assert.True(first.Headers.CacheControl?.Public, $"{url}: Cache-Control {first.Headers.CacheControl}");
        Assert.True(first.Headers.CacheControl!.NoCache || first.Headers.CacheControl.MaxAge is not null);
        Assert.NotNull(first.Content.Headers.LastModified);
        var body = await first.Content.ReadAsByteArrayAsync();

        // The ETag is over the exact bytes: the same request gives the same tag and bytes.
        var again = await anonymous.GetAsync(url);
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());

        foreach (var header in new[] { etag.Tag, "W/" + etag.Tag, "\"something-else\", " + etag.Tag, "*" })
        {
            using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.TryAddWithoutValidation("If-None-Match", header);
            var notModified = await anonymous.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(etag, notModified.Headers.ETag);
        }
        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"not-the-current-one\""));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task A_change_changes_the_etag_and_a_signed_in_reader_gets_exactly_the_public_answer()
    {
        using var anonymous = fixture.Server.Anonymous();
        const string url = "api/public/commitments/tn-nap5-03";
        var before = await anonymous.GetAsync(url);
        var etag = before.Headers.ETag!.Tag;

        // A moderator asking gets the same public answer (hidden content is never in it), byte for byte.
        using var moderator = await fixture.Server.SignedInAs("msf.cso@ogp.local");
        var asModerator = await moderator.GetAsync("api/public/plans/tn-nap5/contributions?limit=1000");
        var asAnonymous = await anonymous.GetAsync("api/public/plans/tn-nap5/contributions?limit=1000");
        Assert.Equal(asAnonymous.Headers.ETag, asModerator.Headers.ETag);
        Assert.DoesNotContain(fixture.Scenario.HiddenBody, await asModerator.Content.ReadAsStringAsync());

        using var secretariat = await fixture.Server.SignedInAs("secretariat@ogp.local");
        (await secretariat.PostAsJsonAsync("api/commitments/tn-nap5-03/transitions", new { to = "Drafting" })).EnsureSuccessStatusCode();
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
        var after = await anonymous.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag!.Tag);
        var commitment = await after.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Drafting", commitment.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Lists_are_paged_with_next_links_that_walk_every_item_once_in_order()
    {
        using var anonymous = fixture.Server.Anonymous();
        var all = await Walk(anonymous, "api/public/plans/tn-nap5/commitments?limit=4", e => e.GetProperty("id").GetString()!);
        Assert.Equal(Enumerable.Range(1, 15).Select(n => $"tn-nap5-{n:00}"), all);

        var first = await anonymous.GetAsync("api/public/plans/tn-nap5/commitments?limit=4");
        Assert.Contains("rel=\"next\"", string.Join(",", first.Headers.GetValues("Link")));
        var page = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, page.GetProperty("limit").GetInt32());
        Assert.Equal("/api/public/plans/tn-nap5/commitments?limit=4&after=tn-nap5-04", page.GetProperty("next").GetString());
        Assert.False(string.IsNullOrEmpty(page.GetProperty("lastUpdated").GetString()));

        // Filters stay in the next link.
        var lead = await Walk(anonymous, "api/public/plans/tn-nap5/commitments?institution=egov&limit=1", e => e.GetProperty("id").GetString()!);
        Assert.Contains("tn-nap5-06", lead);
        Assert.All(lead, id => Assert.StartsWith("tn-nap5-", id));

        var milestones = await Walk(anonymous, "api/public/plans/tn-nap5/milestones?limit=7", e => $"{e.GetProperty("commitmentId").GetString()}/{e.GetProperty("position").GetInt32()}");
        Assert.Equal(milestones.Count, milestones.Distinct().Count());
        var repository = await anonymous.Json("api/public/plans/tn-nap5/repository");
        Assert.Equal(repository.GetProperty("commitments").EnumerateArray().Sum(c => c.GetProperty("details").GetProperty("milestones").GetArrayLength()), milestones.Count);

        var institutions = await Walk(anonymous, "api/public/plans/tn-nap5/institutions?limit=5", e => e.GetProperty("id").GetString()!);
        Assert.Equal(repository.GetProperty("institutions").GetArrayLength(), institutions.Count);
        var contributions = await Walk(anonymous, "api/public/plans/tn-nap5/contributions?roundId=tn-nap5-r1&limit=2", e => e.GetProperty("id").GetString()!);
        Assert.Contains(fixture.Scenario.VisibleContributionId, contributions);
        Assert.Contains(fixture.Scenario.HiddenContributionId, contributions);

        // The journal pages by sequence number: in order, no gaps between pages, nothing twice.
        var sequences = await Walk(anonymous, "api/public/plans/tn-nap5/journal?limit=25", e => e.GetProperty("sequence").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var numbers = sequences.Select(long.Parse).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        var whole = await anonymous.Json("api/public/plans/tn-nap5/journal?limit=1000");
        Assert.Equal(whole.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64()), numbers);

        foreach (var bad in new[] { "commitments?limit=0", "commitments?limit=1001", "journal?limit=0", "journal?after=-1" })
        {
            await ProblemAssert.IsProblem(await anonymous.GetAsync($"api/public/plans/tn-nap5/{bad}"), HttpStatusCode.BadRequest);
        }
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/public/plans/no-such-plan/commitments"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/public/commitments/no-such-commitment"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/public/rounds/no-such-round"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_commitment_publishes_its_current_and_approved_texts_its_signatures_and_the_public_record_of_its_consultation()
    {
        using var anonymous = fixture.Server.Anonymous();
        var scenario = fixture.Scenario;
        var approved = await anonymous.Json($"api/public/commitments/{scenario.ApprovedCommitment}");
        var version = approved.GetProperty("approvedVersion");
        Assert.True(version.GetProperty("current").GetBoolean());
        Assert.Equal(approved.GetProperty("approval").GetProperty("currentContentHash").GetString(), version.GetProperty("contentHash").GetString());
        Assert.Equal(6, version.GetProperty("texts").GetArrayLength());
        Assert.Equal(
            approved.GetProperty("texts").EnumerateArray().Select(t => t.GetProperty("text").GetString()),
            version.GetProperty("texts").EnumerateArray().Select(t => t.GetProperty("text").GetString()));
        var signatures = version.GetProperty("signatures").EnumerateArray().ToList();
        Assert.Equal(["egov", "inai", "forum-government", "forum-civil-society"], signatures.Select(s => s.GetProperty("slot").GetString()));
        Assert.All(signatures, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("byName").GetString())));
        Assert.Contains(signatures, s => s.GetProperty("comment").GetString() == scenario.ApprovalComment);
        Assert.Equal(["Lead", "Supporting", "Forum", "Forum"], signatures.Select(s => s.GetProperty("stage").GetString()));
        Assert.All(approved.GetProperty("approval").GetProperty("slots").EnumerateArray(), s => Assert.Equal("Approved", s.GetProperty("state").GetString()));
        Assert.Equal("/repository.html?commitment=tn-nap5-06", approved.GetProperty("url").GetString());
        Assert.False(string.IsNullOrEmpty(approved.GetProperty("lastUpdated").GetString()));
        Assert.All(approved.GetProperty("texts").EnumerateArray(), t => Assert.False(string.IsNullOrEmpty(t.GetProperty("updatedAt").GetString())));
        // No account behind a signature is published.
        Assert.DoesNotContain("byUserId", approved.GetRawText());
        Assert.DoesNotContain("userId", approved.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var changes = await anonymous.Json($"api/public/commitments/{scenario.ChangesRequestedCommitment}");
        Assert.Equal(JsonValueKind.Null, changes.GetProperty("approvedVersion").ValueKind);
        var decisions = await anonymous.Json($"api/public/plans/tn-nap5/approvals?commitmentId={scenario.ChangesRequestedCommitment}");
        Assert.Contains(decisions.GetProperty("items").EnumerateArray(), d => d.GetProperty("eventType").GetString() == "ChangesRequested" && d.GetProperty("comment").GetString() == scenario.ChangesReason);
        Assert.Contains(changes.GetProperty("approval").GetProperty("tasks").EnumerateArray(), t => t.GetProperty("reason").GetString() == scenario.ChangesReason);

        var onCommitment = await anonymous.Json("api/public/plans/tn-nap5/contributions?commitmentId=tn-nap5-01&limit=1000");
        var items = onCommitment.GetProperty("items").EnumerateArray().ToList();
        var visible = items.Single(c => c.GetProperty("id").GetString() == scenario.VisibleContributionId && c.GetProperty("roundId").GetString() == scenario.RoundId);
        Assert.Equal(scenario.VisibleBody, visible.GetProperty("body").GetString());
        Assert.Equal("Accepted", visible.GetProperty("status").GetString());
        Assert.Equal(scenario.Justification, visible.GetProperty("response").GetProperty("justification").GetString());
        var hidden = items.Single(c => c.GetProperty("id").GetString() == scenario.HiddenContributionId && c.GetProperty("roundId").GetString() == scenario.RoundId);
        Assert.True(hidden.GetProperty("hidden").GetBoolean());
        foreach (var field in new[] { "body", "title", "authorName", "quote" })
        {
            Assert.Equal(JsonValueKind.Null, hidden.GetProperty(field).ValueKind);
        }
        var round = await anonymous.Json($"api/public/rounds/{scenario.RoundId}");
        Assert.True(round.GetProperty("hidden").GetInt32() >= 1);
        Assert.True(round.GetProperty("answered").GetInt32() >= 1);
        Assert.Equal($"/round.html?id={scenario.RoundId}", round.GetProperty("url").GetString());
    }

    [Fact]
    public async Task The_endpoints_are_documented_in_the_openapi_document()
    {
        using var anonymous = fixture.Server.Anonymous();
        var openapi = await anonymous.Json("openapi/v1.json");
        var paths = openapi.GetProperty("paths");
        foreach (var path in new[]
        {
            "/api/public/plans/{planId}", "/api/public/plans/{planId}/repository", "/api/public/plans/{planId}/commitments", "/api/public/commitments/{commitmentId}",
            "/api/public/rounds/{roundId}", "/api/public/plans/{planId}/milestones", "/api/public/plans/{planId}/institutions", "/api/public/plans/{planId}/rounds",
            "/api/public/plans/{planId}/contributions", "/api/public/plans/{planId}/approvals", "/api/public/plans/{planId}/journal",
            "/api/public/plans/{planId}/action-plan", "/api/public/plans/{planId}/action-plan.docx", "/api/open-data/{planId}", "/api/open-data/{planId}/{file}",
        })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            var get = item.GetProperty("get");
            Assert.False(string.IsNullOrWhiteSpace(get.GetProperty("summary").GetString()), $"{path} has no summary");
        }
        var commitments = paths.GetProperty("/api/public/plans/{planId}/commitments").GetProperty("get");
        Assert.Contains("after", commitments.GetProperty("description").GetString());
        Assert.Contains(commitments.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "limit");
    }

    private static async Task<List<string>> Walk(HttpClient client, string url, Func<JsonElement, string> key)
    {
        var keys = new List<string>();
        string? next = url;
        var pages = 0;
        while (next is not null)
        {
            Assert.True(++pages < 200, "too many pages");
            var page = await client.Json(next.TrimStart('/'));
            keys.AddRange(page.GetProperty("items").EnumerateArray().Select(key));
            next = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
        }
        return keys;
    }
}
