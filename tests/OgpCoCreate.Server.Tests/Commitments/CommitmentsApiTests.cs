using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Server.Tests.Infrastructure;
using OgpCoCreate.Server.Tests.Plans;

namespace OgpCoCreate.Server.Tests.Commitments;

[Collection(DomainServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class CommitmentsApiTests(DomainServerFixture fixture)
{
    [Fact]
    public async Task A_commitment_created_without_an_id_gets_the_plan_id_and_its_two_digit_number()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);

        var response = await secretariat.PostAsJsonAsync("api/commitments", new { planId, details = DomainBodies.Details(7) });

        var created = await response.Json(HttpStatusCode.Created);
        Assert.Equal($"{planId}-07", created.GetProperty("id").GetString());
        Assert.Equal($"/api/commitments/{planId}-07", response.Headers.Location?.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Proposed", created.GetProperty("status").GetString());
        using var anonymous = fixture.Anonymous();
        Assert.Contains($"{planId}-07", (await anonymous.GetJson($"api/plans/{planId}")).GetProperty("commitmentIds").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains($"{planId}-07", (await anonymous.GetJson("api/institutions/egov")).GetProperty("supports").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task A_given_id_is_kept_and_a_number_used_twice_is_a_conflict()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var id = $"{planId}-budget";

        await (await secretariat.PostAsJsonAsync("api/commitments", new { planId, id, details = DomainBodies.Details(3) })).Json(HttpStatusCode.Created);
        var planBefore = await fixture.StateOf($"api/plans/{planId}");
        var again = await secretariat.PostAsJsonAsync("api/commitments", new { planId, details = DomainBodies.Details(3) });

        Assert.Contains("number", await again.FieldErrors(HttpStatusCode.Conflict));
        Assert.Equal(planBefore, await fixture.StateOf($"api/plans/{planId}"));
        using var anonymous = fixture.Anonymous();
        await ProblemAssert.IsProblem(await anonymous.GetAsync($"api/commitments/{planId}-03"), HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> BadInput() => new()
    {
        { "missing title", "title" },
        { "overlong title", "title.en" },
        { "end before start", "end" },
        { "unknown supporting institution", "supportingInstitutionIds[0]" },
        { "milestone outside the commitment dates", "milestones[0]" },
        { "unknown axis", "axisId" },
        { "SDG 18", "sdgs" },
    };

    private static JsonObject Spoil(string what)
    {
        var d = DomainBodies.Details(1);
        return what switch
        {
            "missing title" => d.With("title", null),
            "overlong title" => d.With("title", new JsonObject { ["ar"] = "ع", ["fr"] = "T", ["en"] = new string('x', 301) }),
            "end before start" => d.With("end", "2023-12-31"),
            "unknown supporting institution" => d.With("supportingInstitutionIds", new JsonArray("no-such-institution")),
            "milestone outside the commitment dates" => d.With("milestones", new JsonArray(new JsonObject
            {
                ["id"] = "m1", ["action"] = "Late", ["expectedOutput"] = "", ["start"] = "2025-06-01", ["end"] = "2025-12-31", ["responsibleInstitutionId"] = "finance",
            })),
            "unknown axis" => d.With("axisId", "axis-9"),
            "SDG 18" => d.With("sdgs", new JsonArray(18)),
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };
    }

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_with_the_field_in_error_and_changes_nothing(string what, string field)
    {
        var planId = await fixture.NewPlanAsync();
        var commitmentId = await fixture.NewCommitmentAsync(planId);
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var before = await fixture.StateOf($"api/commitments/{commitmentId}");
        var planBefore = await fixture.StateOf($"api/plans/{planId}");

        var create = await secretariat.PostAsJsonAsync("api/commitments", new { planId, details = Spoil(what).With("number", 2) });
        var edit = await secretariat.SendJson(HttpMethod.Put, $"api/commitments/{commitmentId}", Spoil(what), ifMatch: before.Version);

        Assert.Contains(field, await create.FieldErrors());
        Assert.Contains(field, await edit.FieldErrors());
        Assert.Equal(before, await fixture.StateOf($"api/commitments/{commitmentId}"));
        Assert.Equal(planBefore, await fixture.StateOf($"api/plans/{planId}"));
    }

    [Fact]
    public async Task A_create_request_without_plan_or_details_lists_both()
    {
        using var secretariat = await fixture.As(Accounts.Secretariat);

        var fields = await (await secretariat.PostAsJsonAsync("api/commitments", new { id = "Bad Id" })).FieldErrors();

        Assert.Equal(["details", "id", "planId"], fields.Order());
    }

    [Fact]
    public async Task Every_mutating_endpoint_answers_412_to_a_stale_etag_and_changes_nothing()
    {
        var planId = await fixture.NewPlanAsync();
        var commitmentId = await fixture.NewCommitmentAsync(planId);
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var planDefinition = DomainBodies.Plan(planId);
        planDefinition.Remove("id");
        var requests = new (string Resource, HttpMethod Method, string Url, JsonNode Body)[]
        {
            ($"api/commitments/{commitmentId}", HttpMethod.Put, $"api/commitments/{commitmentId}", DomainBodies.Details(1).With("baseline", "Stale.")),
            ($"api/commitments/{commitmentId}", HttpMethod.Post, $"api/commitments/{commitmentId}/transitions", new JsonObject { ["to"] = "Drafting" }),
            ($"api/plans/{planId}", HttpMethod.Put, $"api/plans/{planId}", planDefinition.With("country", "Stale")),
            ($"api/plans/{planId}", HttpMethod.Put, $"api/plans/{planId}/forum", new JsonObject { ["members"] = new JsonArray() }),
            ($"api/plans/{planId}", HttpMethod.Post, $"api/plans/{planId}/transitions", new JsonObject { ["to"] = "CoCreation" }),
            ("api/institutions/idaraty", HttpMethod.Put, "api/institutions/idaraty", new JsonObject { ["name"] = DomainBodies.Text("Stale"), ["kind"] = "Cso" }),
            ("api/institutions/idaraty", HttpMethod.Put, "api/institutions/idaraty/focal-points", new JsonObject { ["focalPoints"] = new JsonArray(), ["alternates"] = new JsonArray() }),
        };

        foreach (var (resource, method, url, body) in requests)
        {
            var before = await fixture.StateOf(resource);
            var response = await secretariat.SendJson(method, url, body, ifMatch: "\"999\"");
            await ProblemAssert.IsProblem(response, HttpStatusCode.PreconditionFailed);
            Assert.Equal(before, await fixture.StateOf(resource));
        }
    }

    [Fact]
    public async Task Unknown_commitments_are_404_for_reading_editing_moving_and_history()
    {
        using var secretariat = await fixture.As(Accounts.Secretariat);

        await ProblemAssert.IsProblem(await secretariat.GetAsync("api/commitments/nowhere"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await secretariat.PutAsJsonAsync("api/commitments/nowhere", DomainBodies.Details()), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await secretariat.PostAsJsonAsync("api/commitments/nowhere/transitions", new { to = "Drafting" }), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await secretariat.GetAsync("api/commitments/nowhere/history"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await secretariat.GetAsync("api/commitments?planId=nowhere"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_invalid_transition_is_409_and_withdrawing_without_a_reason_is_400()
    {
        var planId = await fixture.NewPlanAsync();
        var commitmentId = await fixture.NewCommitmentAsync(planId);
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var before = await fixture.StateOf($"api/commitments/{commitmentId}");

        await ProblemAssert.IsProblem(await secretariat.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { to = "Completed" }), HttpStatusCode.Conflict);
        Assert.Contains("reason", await (await secretariat.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { to = "Withdrawn" })).FieldErrors());
        Assert.Contains("to", await (await secretariat.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { reason = "Nowhere to go." })).FieldErrors());
        await ProblemAssert.IsProblem(await secretariat.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { to = "Sideways" }), HttpStatusCode.BadRequest);
        Assert.Equal(before, await fixture.StateOf($"api/commitments/{commitmentId}"));

        var withdrawn = await secretariat.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { to = "Withdrawn", reason = "Merged into commitment 2." });
        Assert.Equal("Withdrawn", (await withdrawn.Json(HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    /// <summary>The actor comes from the sign-in only: an actor in the body is ignored, never believed.</summary>
    [Fact]
    public async Task A_participant_posing_as_the_secretariat_in_the_body_is_still_a_participant()
    {
        var planId = await fixture.NewPlanAsync();
        var commitmentId = await fixture.NewCommitmentAsync(planId);
        var secretariatId = await fixture.UserIdOf(Accounts.Secretariat);
        using var participant = await fixture.As(Accounts.Participant);
        var before = await fixture.StateOf($"api/commitments/{commitmentId}");
        var forged = DomainBodies.Details(1).With("baseline", "Forged.").With("actorId", secretariatId)
            .With("actor", new JsonObject { ["userId"] = secretariatId, ["roles"] = new JsonArray("Secretariat") });

        await ProblemAssert.IsProblem(await participant.PutAsJsonAsync($"api/commitments/{commitmentId}", forged), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await participant.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions",
            new { to = "Drafting", actorId = secretariatId }), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await participant.PostAsJsonAsync("api/commitments", new { planId, actorId = secretariatId, details = DomainBodies.Details(2) }), HttpStatusCode.Forbidden);

        Assert.Equal(before, await fixture.StateOf($"api/commitments/{commitmentId}"));
    }

    [Fact]
    public async Task The_journal_records_who_really_acted_whatever_the_body_claims()
    {
        var planId = await fixture.NewPlanAsync();
        var commitmentId = await fixture.NewCommitmentAsync(planId);
        var focalId = await fixture.UserIdOf(Accounts.FocalEgov);
        using var focal = await fixture.As(Accounts.FocalEgov);

        var edited = await focal.PutAsJsonAsync($"api/commitments/{commitmentId}", DomainBodies.Details(1).With("baseline", "Edited by the supporter.").With("actorId", "system"));

        await edited.Json(HttpStatusCode.OK);
        using var anonymous = fixture.Anonymous();
        var last = (await anonymous.GetJson($"api/commitments/{commitmentId}/history")).EnumerateArray().Last();
        Assert.Equal("CommitmentEdited", last.GetProperty("eventType").GetString());
        Assert.Equal(focalId, last.GetProperty("actorId").GetString());
        Assert.Contains("baseline", last.GetProperty("payloadJson").GetString());
    }

    [Fact]
    public async Task Demo_commitments_filter_by_axis_institution_status_and_policy_area()
    {
        using var anonymous = fixture.Anonymous();

        var all = await anonymous.GetJson("api/commitments?planId=tn-nap5");
        var egov = await anonymous.GetJson("api/commitments?planId=tn-nap5&institution=egov");
        var axis1 = await anonymous.GetJson("api/commitments?planId=tn-nap5&axis=axis-1");
        var proposed = await anonymous.GetJson("api/commitments?planId=tn-nap5&status=Proposed");
        var openData = await anonymous.GetJson("api/commitments?planId=tn-nap5&policyArea=open%20DATA");
        var both = await anonymous.GetJson("api/commitments?planId=tn-nap5&axis=axis-1&institution=egov");
        var nothing = await anonymous.GetJson("api/commitments?planId=tn-nap5&status=Completed");

        Assert.Equal(15, all.GetArrayLength());
        var egovIds = egov.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Contains("tn-nap5-05", egovIds);
        Assert.Contains("tn-nap5-06", egovIds);
        Assert.DoesNotContain("tn-nap5-07", egovIds);
        Assert.All(axis1.EnumerateArray(), c => Assert.Equal("axis-1", c.GetProperty("details").GetProperty("axisId").GetString()));
        Assert.InRange(axis1.GetArrayLength(), 1, 14);
        Assert.Equal(15, proposed.GetArrayLength());
        Assert.All(openData.EnumerateArray(), c => Assert.Contains("Open data", c.GetProperty("details").GetProperty("policyAreas").EnumerateArray().Select(p => p.GetString())));
        Assert.InRange(openData.GetArrayLength(), 1, 14);
        Assert.Equal(0, nothing.GetArrayLength());
        Assert.NotEqual(0, both.GetArrayLength());
        Assert.All(both.EnumerateArray(), c =>
        {
            var d = c.GetProperty("details");
            Assert.Equal("axis-1", d.GetProperty("axisId").GetString());
            Assert.True(d.GetProperty("leadInstitutionId").GetString() == "egov"
                || d.GetProperty("supportingInstitutionIds").EnumerateArray().Any(s => s.GetString() == "egov"));
        });
        var numbers = all.EnumerateArray().Select(c => c.GetProperty("details").GetProperty("number").GetInt32()).ToList();
        Assert.Equal(numbers.Order(), numbers);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/commitments?planId=tn-nap5&status=Bogus"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_client_with_the_current_version_of_a_commitment_gets_304()
    {
        using var anonymous = fixture.Anonymous();
        var etag = (await anonymous.GetAsync("api/commitments/tn-nap5-01")).Headers.ETag!.Tag;

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/commitments/tn-nap5-01");
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);

        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(request)).StatusCode);
    }
}
