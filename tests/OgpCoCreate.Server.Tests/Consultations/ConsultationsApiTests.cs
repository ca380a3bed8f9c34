using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;
using static OgpCoCreate.Server.Tests.Consultations.ConsultationClients;

namespace OgpCoCreate.Server.Tests.Consultations;

/// <summary>The consultation API on the real server: the contract, the refusals (ProblemDetails), nothing stored on bad input.</summary>
[Collection(ServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class ConsultationsApiTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_demo_has_an_open_round_on_draft_commitments_and_an_open_call_for_ideas()
    {
        using var anonymous = fixture.Anonymous();
        var rounds = await (await anonymous.GetAsync("api/rounds?planId=tn-nap5")).Json();
        var demo = rounds.EnumerateArray().Where(r => r.GetProperty("id").GetString() is "tn-nap5-r1" or "tn-nap5-r2").ToList();
        Assert.Equal(2, demo.Count);
        Assert.All(demo, r => Assert.Equal("Open", r.GetProperty("status").GetString()));
        var forCommitment = await (await anonymous.GetAsync("api/rounds?commitmentId=tn-nap5-05")).Json();
        Assert.Contains(forCommitment.EnumerateArray(), r => r.GetProperty("id").GetString() == "tn-nap5-r1");
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/rounds/no-such-round"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/rounds/NOT%20AN%20ID"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Opening_before_the_notice_period_needs_a_reason_and_only_the_secretariat_runs_rounds()
    {
        using var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        var (participant, _, _) = await NewParticipant(fixture);
        using (participant)
        {
            var body = new
            {
                planId = "tn-nap5", scope = "Ideas",
                title = new { ar = "أ", fr = "b", en = "c" }, rules = new { ar = "أ", fr = "b", en = "c" },
                opensAt = DateTimeOffset.UtcNow.AddDays(1), closesAt = DateTimeOffset.UtcNow.AddDays(20), commitmentIds = Array.Empty<string>(),
            };
            await ProblemAssert.IsProblem(await participant.PostAsJsonAsync("api/rounds", body), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblem(await fixture.Anonymous().PostAsJsonAsync("api/rounds", body), HttpStatusCode.Unauthorized);
            var invalid = await ProblemAssert.IsProblem(await secretariat.PostAsJsonAsync("api/rounds", body with { closesAt = DateTimeOffset.UtcNow.AddDays(-1) }), HttpStatusCode.BadRequest);
            Assert.True(invalid.GetProperty("errors").TryGetProperty("closesAt", out _));

            var created = await (await secretariat.PostAsJsonAsync("api/rounds", body)).Json();
            var id = created.GetProperty("id").GetString()!;
            Assert.Equal("Scheduled", created.GetProperty("status").GetString());
            var early = await ProblemAssert.IsProblem(await secretariat.PostAsJsonAsync($"api/rounds/{id}/open", new { }), HttpStatusCode.Conflict);
            Assert.Contains("notice period", early.GetProperty("title").GetString());
            await ProblemAssert.IsProblem(await participant.PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Idea", title = "t", body = "b", axisId = "axis-1" }), HttpStatusCode.Conflict);
            await ProblemAssert.IsProblem(await participant.PostAsJsonAsync($"api/rounds/{id}/open", new { overrideReason = "Me" }), HttpStatusCode.Forbidden);

            var opened = await (await secretariat.PostAsJsonAsync($"api/rounds/{id}/open", new { overrideReason = "The forum asked for it." })).Json();
            Assert.Equal("Open", opened.GetProperty("status").GetString());
            Assert.Equal("The forum asked for it.", opened.GetProperty("noticeOverride").GetProperty("reason").GetString());
            var history = await (await fixture.Anonymous().GetAsync($"api/rounds/{id}/history")).Json();
            Assert.Contains(history.EnumerateArray(), e => e.GetProperty("eventType").GetString() == "RoundOpened" && e.GetProperty("payload").GetRawText().Contains("forum asked"));
            Assert.All(history.EnumerateArray(), e => Assert.False(e.TryGetProperty("actorId", out _)));
        }
    }

    [Fact]
    public async Task Bad_contributions_get_clear_problems_and_nothing_is_stored()
    {
        using var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        var id = await OpenRound(secretariat, "Commitments", "tn-nap5-01");
        var (p, _, _) = await NewParticipant(fixture);
        using (p)
        {
            var anchor = await AnchorOn(p, "tn-nap5-01", "problem", 4, 15);
            var version = (long)anchor.GetType().GetProperty("version")!.GetValue(anchor)!;
            var quote = (string)anchor.GetType().GetProperty("quote")!.GetValue(anchor)!;
            var cases = new (object Body, HttpStatusCode Status, string Field)[]
            {
                (new { kind = "Comment", anchor, body = "" }, HttpStatusCode.BadRequest, "body"),
                (new { kind = "Comment", anchor, body = "   " }, HttpStatusCode.BadRequest, "body"),
                (new { kind = "Comment", anchor, body = new string('x', 5001) }, HttpStatusCode.BadRequest, "body"),
                (new { kind = "Comment", anchor = new { documentId = "tn-nap5-01/problem", version, start = 100_000, end = 100_010, quote }, body = "x" }, HttpStatusCode.BadRequest, "anchor.end"),
                (new { kind = "Comment", anchor = new { documentId = "tn-nap5-01/problem", version, start = 4, end = 19, quote = "not the text at all" }, body = "x" }, HttpStatusCode.BadRequest, "anchor.quote"),
                (new { kind = "Comment", anchor = new { documentId = "tn-nap5-01/problem", version = version + 1000, start = 4, end = 19, quote }, body = "x" }, HttpStatusCode.BadRequest, "anchor.version"),
                (new { kind = "Comment", anchor = new { documentId = "tn-nap5-02/problem", version, start = 4, end = 19, quote }, body = "x" }, HttpStatusCode.BadRequest, "anchor.documentId"),
                (new { kind = "Comment", anchor = new { documentId = "tn-nap5-01/problem", version, start = 10, end = 10, quote = "" }, body = "x" }, HttpStatusCode.BadRequest, "anchor.end"),
                (new { kind = "Idea", title = "t", body = "b", axisId = "axis-1" }, HttpStatusCode.BadRequest, "kind"),
                (new { kind = "Reply", parentId = "c999", body = "b" }, HttpStatusCode.BadRequest, "parentId"),
                (new { body = "no kind" }, HttpStatusCode.BadRequest, "kind"),
            };
            foreach (var (body, status, field) in cases)
            {
                var problem = await ProblemAssert.IsProblem(await p.PostAsJsonAsync($"api/rounds/{id}/contributions", body), status);
                Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
            }
            await ProblemAssert.IsProblem(await fixture.Anonymous().PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Comment", anchor, body = "x" }), HttpStatusCode.Unauthorized);
            var round = await (await fixture.Anonymous().GetAsync($"api/rounds/{id}")).Json();
            Assert.Empty(round.GetProperty("contributions").EnumerateArray());
            var history = await (await fixture.Anonymous().GetAsync($"api/rounds/{id}/history")).Json();
            Assert.DoesNotContain(history.EnumerateArray(), e => e.GetProperty("eventType").GetString() == "ContributionPosted");

            var posted = await (await p.PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Comment", anchor, body = "Which data?" })).Json();
            Assert.Equal("Intact", posted.GetProperty("position").GetProperty("state").GetString());
            Assert.Equal(quote, posted.GetProperty("anchor").GetProperty("quote").GetString());
        }
    }

    [Fact]
    public async Task Supports_count_once_and_only_moderators_moderate()
    {
        using var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        using var forum = await fixture.SignedInAs("msf.cso@ogp.local");
        using var focal = await fixture.SignedInAs("focal.inai@ogp.local");
        var id = await OpenRound(secretariat, "Ideas");
        var (author, _, _) = await NewParticipant(fixture);
        var (other, _, _) = await NewParticipant(fixture);
        using (author)
        using (other)
        {
            var idea = await (await author.PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Idea", title = "Open data", body = "My phone is 20 123 456", axisId = "axis-1" })).Json();
            var cid = idea.GetProperty("id").GetString();
            Assert.Equal(1, (await (await other.PostAsync($"api/rounds/{id}/contributions/{cid}/support", null)).Json()).GetProperty("supports").GetInt32());
            await ProblemAssert.IsProblem(await other.PostAsync($"api/rounds/{id}/contributions/{cid}/support", null), HttpStatusCode.Conflict);

            await (await other.PostAsJsonAsync($"api/rounds/{id}/contributions/{cid}/report", new { reason = "Personal data" })).Json();
            await ProblemAssert.IsProblem(await other.PostAsJsonAsync($"api/rounds/{id}/contributions/{cid}/hide", new { reason = "x" }), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblem(await other.GetAsync($"api/rounds/{id}/moderation"), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblem(await focal.PostAsJsonAsync($"api/rounds/{id}/contributions/{cid}/hide", new { reason = "x" }), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblem(await forum.PostAsJsonAsync($"api/rounds/{id}/contributions/{cid}/hide", new { reason = "" }), HttpStatusCode.BadRequest);

            var queue = await (await forum.GetAsync($"api/rounds/{id}/moderation")).Json();
            Assert.Equal("Personal data", queue[0].GetProperty("moderation").GetProperty("reports")[0].GetProperty("reason").GetString());
            var hidden = await (await forum.PostAsJsonAsync($"api/rounds/{id}/contributions/{cid}/hide", new { reason = "Contains a phone number" })).Json();
            Assert.True(hidden.GetProperty("hidden").GetBoolean());

            // Nothing of it reaches the public: page, report (JSON, CSV), history.
            using var anonymous = fixture.Anonymous();
            foreach (var url in new[] { $"api/rounds/{id}", $"api/rounds/{id}/report", $"api/rounds/{id}/report.json", $"api/rounds/{id}/report.csv", $"api/rounds/{id}/history" })
            {
                var text = await (await anonymous.GetAsync(url)).Content.ReadAsStringAsync();
                Assert.DoesNotContain("20 123 456", text);
                Assert.DoesNotContain("phone number", text);
            }
            Assert.Contains("phone number", await (await forum.GetAsync($"api/rounds/{id}")).Content.ReadAsStringAsync());
            // The public history names neither the reporter, nor the moderator, nor the hidden contribution's author.
            var history = await (await anonymous.GetAsync($"api/rounds/{id}/history")).Json();
            Assert.All(history.EnumerateArray().Where(e => e.GetProperty("eventType").GetString() is "ContributionPosted" or "ContributionReported" or "ContributionHidden" or "ContributionSupported"),
                e => Assert.Equal("", e.GetProperty("actorName").GetString()));
        }
    }

    [Fact]
    public async Task Responses_need_a_justification_publish_together_notify_the_authors_and_gate_the_answered_status()
    {
        using var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        using var focal = await fixture.SignedInAs("focal.finance@ogp.local");
        using var otherFocal = await fixture.SignedInAs("focal.inai@ogp.local");
        var id = await OpenRound(secretariat, "Commitments", "tn-nap5-01");
        var (author, _, _) = await NewParticipant(fixture);
        using (author)
        {
            var comment = await (await author.PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Comment", commitmentId = "tn-nap5-01", body = "Add the municipalities." })).Json();
            var cid = comment.GetProperty("id").GetString();
            await (await secretariat.PostAsync($"api/rounds/{id}/close", null)).Json();
            var blocked = await ProblemAssert.IsProblem(await secretariat.PostAsync($"api/rounds/{id}/answered", null), HttpStatusCode.Conflict);
            Assert.Equal(cid, blocked.GetProperty("errors").GetProperty("unanswered")[0].GetString());

            var noReason = await ProblemAssert.IsProblem(await focal.PutAsJsonAsync($"api/rounds/{id}/contributions/{cid}/response", new { status = "Rejected" }), HttpStatusCode.BadRequest);
            Assert.True(noReason.GetProperty("errors").TryGetProperty("justification", out _));
            await ProblemAssert.IsProblem(await otherFocal.PutAsJsonAsync($"api/rounds/{id}/contributions/{cid}/response", new { status = "Accepted", justification = "Yes" }), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblem(await author.PutAsJsonAsync($"api/rounds/{id}/contributions/{cid}/response", new { status = "Accepted", justification = "Yes" }), HttpStatusCode.Forbidden);
            var draft = await (await focal.PutAsJsonAsync($"api/rounds/{id}/contributions/{cid}/response",
                new { status = "MergedInto", mergedIntoCommitmentId = "tn-nap5-02", justification = "The municipalities are covered by commitment 2." })).Json();
            Assert.Equal("MergedInto", draft.GetProperty("draft").GetProperty("status").GetString());
            // Not public yet, and only the secretariat publishes.
            var publicView = await (await fixture.Anonymous().GetAsync($"api/rounds/{id}")).Json();
            Assert.Equal(JsonValueKind.Null, publicView.GetProperty("contributions")[0].GetProperty("response").ValueKind);
            Assert.Equal(JsonValueKind.Null, publicView.GetProperty("contributions")[0].GetProperty("draft").ValueKind);
            await ProblemAssert.IsProblem(await focal.PostAsync($"api/rounds/{id}/responses/publish", null), HttpStatusCode.Forbidden);
            Assert.Equal(1, (await (await secretariat.PostAsync($"api/rounds/{id}/responses/publish", null)).Json()).GetProperty("published").GetInt32());

            var notifications = await (await author.GetAsync("api/notifications")).Json();
            var notification = Assert.Single(notifications.GetProperty("items").EnumerateArray(), n => n.GetProperty("text").GetString()!.StartsWith($"{id}/{cid} MergedInto", StringComparison.Ordinal));
            Assert.Equal("ConsultationResponse", notification.GetProperty("kind").GetString());
            Assert.Equal("tn-nap5-01", notification.GetProperty("commitmentId").GetString());
            Assert.False(notification.GetProperty("read").GetBoolean());

            Assert.Equal("Answered", (await (await secretariat.PostAsync($"api/rounds/{id}/answered", null)).Json()).GetProperty("status").GetString());
            Assert.Equal("Published", (await (await secretariat.PostAsync($"api/rounds/{id}/publish", null)).Json()).GetProperty("status").GetString());

            var report = await (await fixture.Anonymous().GetAsync($"api/rounds/{id}/report")).Json();
            Assert.Equal(1, report.GetProperty("counts").GetProperty("byStatus").GetProperty("MergedInto").GetInt32());
            Assert.Equal(1, report.GetProperty("counts").GetProperty("byInstitution").GetProperty("finance").GetInt32());
        }
    }

    [Fact]
    public async Task The_report_downloads_as_csv_and_json_with_display_names_and_never_an_email_address()
    {
        using var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        var id = await OpenRound(secretariat, "Ideas");
        var (author, email, name) = await NewParticipant(fixture, "Amira Ben Salah");
        using (author)
        {
            await (await author.PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Idea", title = "=HYPERLINK(\"x\")", body = "Line one,\n\"quoted\"", axisId = "axis-2", institutionId = "inai" })).Json();
            using var anonymous = fixture.Anonymous();
            var csv = await anonymous.GetAsync($"api/rounds/{id}/report.csv");
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            Assert.Contains("attachment", csv.Content.Headers.ContentDisposition?.ToString());
            var bytes = await csv.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var text = Encoding.UTF8.GetString(bytes[3..]);
            Assert.Contains("\"Amira Ben Salah\"", text);
            Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", text);
            Assert.Contains("\"Line one,\n\"\"quoted\"\"\"", text);
            Assert.DoesNotContain(email, text);

            var json = await anonymous.GetAsync($"api/rounds/{id}/report.json");
            Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
            var report = JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(name, report.GetProperty("contributions")[0].GetProperty("authorName").GetString());
            Assert.Equal(1, report.GetProperty("counts").GetProperty("byAxis").GetProperty("axis-2").GetInt32());
            Assert.DoesNotContain(email, report.GetRawText());
            Assert.DoesNotContain("@", report.GetProperty("contributions")[0].GetRawText());
        }
    }

    [Fact]
    public async Task More_than_ten_contributions_a_minute_get_429_with_retry_after()
    {
        using var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        var id = await OpenRound(secretariat, "Ideas");
        var (eager, _, _) = await NewParticipant(fixture);
        using (eager)
        {
            for (var i = 0; i < 10; i++)
            {
                await (await eager.PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Idea", title = $"Idea {i}", body = "b", axisId = "axis-1" })).Json();
            }
            var limited = await eager.PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Idea", title = "One more", body = "b", axisId = "axis-1" });
            await ProblemAssert.IsProblem(limited, HttpStatusCode.TooManyRequests);
            Assert.NotNull(limited.Headers.RetryAfter);
            var round = await (await fixture.Anonymous().GetAsync($"api/rounds/{id}")).Json();
            Assert.Equal(10, round.GetProperty("contributions").GetArrayLength());
        }
    }

    [Fact]
    public async Task Injected_html_is_stored_as_typed_and_served_sanitized()
    {
        using var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        var id = await OpenRound(secretariat, "Ideas");
        var (p, _, _) = await NewParticipant(fixture);
        using (p)
        {
            const string attack = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=1</script>[x](javascript:alert(1))";
            var posted = await (await p.PostAsJsonAsync($"api/rounds/{id}/contributions", new { kind = "Idea", title = "<b>t</b>", body = attack, axisId = "axis-1" })).Json();
            Assert.Equal(attack, posted.GetProperty("body").GetString());
            var html = posted.GetProperty("bodyHtml").GetString()!;
            Assert.DoesNotContain("<img", html);
            Assert.DoesNotContain("<script", html);
            Assert.DoesNotContain("href=\"javascript", html);
            Assert.Contains("&lt;script&gt;", html);
        }
    }
}
