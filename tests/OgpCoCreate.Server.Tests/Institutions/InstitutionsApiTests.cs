using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Server.Tests.Infrastructure;
using OgpCoCreate.Server.Tests.Plans;

namespace OgpCoCreate.Server.Tests.Institutions;

[Collection(DomainServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class InstitutionsApiTests(DomainServerFixture fixture)
{
    private static JsonObject Institution(string id, string planId) => new()
    {
        ["id"] = id,
        ["planId"] = planId,
        ["name"] = DomainBodies.Text("Municipality of Sfax"),
        ["kind"] = "Municipality",
        ["acronym"] = null,
    };

    private static string NewId() => $"i-{Guid.NewGuid():N}"[..14];

    [Fact]
    public async Task The_secretariat_registers_an_institution_that_the_plan_then_lists()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var id = NewId();

        var response = await secretariat.PostAsJsonAsync("api/institutions", Institution(id, planId));

        Assert.Equal("Municipality", (await response.Json(HttpStatusCode.Created)).GetProperty("kind").GetString());
        Assert.Equal($"/api/institutions/{id}", response.Headers.Location?.ToString());
        using var anonymous = fixture.Anonymous();
        var listed = await anonymous.GetJson($"api/institutions?planId={planId}");
        Assert.Contains(id, listed.EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Registering_is_refused_to_anonymous_callers_participants_and_focal_points_and_creates_nothing()
    {
        var planId = await fixture.NewPlanAsync();
        var id = NewId();
        using var anonymous = fixture.Anonymous();
        using var participant = await fixture.As(Accounts.Participant);
        using var focal = await fixture.As(Accounts.FocalFinance);

        await ProblemAssert.IsProblem(await anonymous.PostAsJsonAsync("api/institutions", Institution(id, planId)), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await participant.PostAsJsonAsync("api/institutions", Institution(id, planId)), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblem(await focal.PostAsJsonAsync("api/institutions", Institution(id, planId)), HttpStatusCode.Forbidden);

        await ProblemAssert.IsProblem(await anonymous.GetAsync($"api/institutions/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_institution_gets_field_errors_for_everything_wrong_at_once()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var body = Institution(NewId(), planId).With("kind", null).With("name", new JsonObject { ["ar"] = "", ["fr"] = "x", ["en"] = "x" }).With("acronym", new string('A', 41));

        var fields = await (await secretariat.PostAsJsonAsync("api/institutions", body)).FieldErrors();
        var unknownPlan = await (await secretariat.PostAsJsonAsync("api/institutions", Institution(NewId(), "no-such-plan"))).FieldErrors();
        var unknownKind = await secretariat.PostAsJsonAsync("api/institutions", Institution(NewId(), planId).With("kind", "Church"));

        Assert.Equal(["acronym", "kind", "name.ar"], fields.Order());
        Assert.Equal(["planId"], unknownPlan);
        await ProblemAssert.IsProblem(unknownKind, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Renaming_needs_the_current_etag()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var id = NewId();
        await (await secretariat.PostAsJsonAsync("api/institutions", Institution(id, planId))).Json(HttpStatusCode.Created);
        var before = await fixture.StateOf($"api/institutions/{id}");
        var rename = new JsonObject { ["name"] = DomainBodies.Text("Commune de Sfax"), ["kind"] = "Municipality", ["acronym"] = "CS" };

        await ProblemAssert.IsProblem(await secretariat.SendJson(HttpMethod.Put, $"api/institutions/{id}", rename, ifMatch: "\"0\""), HttpStatusCode.PreconditionFailed);
        Assert.Equal(before, await fixture.StateOf($"api/institutions/{id}"));
        var renamed = await (await secretariat.SendJson(HttpMethod.Put, $"api/institutions/{id}", rename, ifMatch: before.Version)).Json(HttpStatusCode.OK);

        Assert.Equal("CS", renamed.GetProperty("acronym").GetString());
        await ProblemAssert.IsProblem(await secretariat.SendJson(HttpMethod.Put, "api/institutions/nowhere", rename), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Focal_points_must_be_existing_accounts()
    {
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var before = await fixture.StateOf("api/institutions/inai");

        var response = await secretariat.PutAsJsonAsync("api/institutions/inai/focal-points", new { focalPoints = new[] { "no-such-account" }, alternates = new[] { "neither" } });

        var fields = await response.FieldErrors();
        Assert.Equal(["alternates[0]", "focalPoints[0]"], fields.Order());
        Assert.Equal(before, await fixture.StateOf("api/institutions/inai"));
    }

    /// <summary>
    /// The whole binding: a newly registered person is named focal point; after signing in again their token
    /// carries the institution and they work on its commitments; once removed they are refused at once,
    /// even with the token they still hold, and their next sign-in no longer carries the institution.
    /// </summary>
    [Fact]
    public async Task Naming_a_focal_point_binds_the_account_and_removing_it_unbinds_it_at_once()
    {
        var planId = await fixture.NewPlanAsync();
        using var secretariat = await fixture.As(Accounts.Secretariat);
        var institutionId = NewId();
        await (await secretariat.PostAsJsonAsync("api/institutions", Institution(institutionId, planId))).Json(HttpStatusCode.Created);
        var email = $"fp-{Guid.NewGuid():N}@example.org";
        const string password = "Focal-Point-Pass-9!";
        using var anonymous = fixture.Anonymous();
        var registered = await (await anonymous.PostAsJsonAsync("api/auth/register", new { email, password, displayName = "New focal point" })).Json(HttpStatusCode.Created);
        var userId = registered.GetProperty("id").GetString()!;
        var participantToken = await fixture.SignIn(email, password);

        var named = await secretariat.PutAsJsonAsync($"api/institutions/{institutionId}/focal-points", new { focalPoints = new[] { userId }, alternates = Array.Empty<string>() });
        Assert.Equal([userId], (await named.Json(HttpStatusCode.OK)).GetProperty("focalPoints").EnumerateArray().Select(e => e.GetString()));

        // The token issued before the change does not carry the institution: the API still sees a participant.
        using var before = fixture.WithToken(participantToken);
        var details = DomainBodies.Details(1, lead: institutionId, supporters: []);
        await ProblemAssert.IsProblem(await before.PostAsJsonAsync("api/commitments", new { planId, details }), HttpStatusCode.Forbidden);

        var focalToken = await fixture.SignIn(email, password);
        using var focal = fixture.WithToken(focalToken);
        var me = await focal.GetJson("api/auth/me");
        Assert.Contains("FocalPoint", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains(institutionId, me.GetProperty("institutions").EnumerateArray().Select(r => r.GetString()));
        var created = await (await focal.PostAsJsonAsync("api/commitments", new { planId, details })).Json(HttpStatusCode.Created);
        var commitmentId = created.GetProperty("id").GetString()!;

        var removed = await secretariat.PutAsJsonAsync($"api/institutions/{institutionId}/focal-points", new { focalPoints = Array.Empty<string>(), alternates = Array.Empty<string>() });
        await removed.Json(HttpStatusCode.OK);

        var state = await fixture.StateOf($"api/commitments/{commitmentId}");
        var edit = await focal.PutAsJsonAsync($"api/commitments/{commitmentId}", details.With("baseline", "Changed after removal."));
        await ProblemAssert.IsProblem(edit, HttpStatusCode.Forbidden);
        Assert.Equal(state, await fixture.StateOf($"api/commitments/{commitmentId}"));
        using var afterRemoval = fixture.WithToken(await fixture.SignIn(email, password));
        var meAfter = await afterRemoval.GetJson("api/auth/me");
        Assert.DoesNotContain(institutionId, meAfter.GetProperty("institutions").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("FocalPoint", meAfter.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Institution_history_is_public_validated_and_404_for_unknown_ids()
    {
        using var anonymous = fixture.Anonymous();

        var history = await anonymous.GetJson("api/institutions/finance/history?limit=3");

        Assert.Equal("InstitutionCreated", history.EnumerateArray().First().GetProperty("eventType").GetString());
        Assert.InRange(history.GetArrayLength(), 1, 3);
        Assert.Contains("after", await (await anonymous.GetAsync("api/institutions/finance/history?after=-5")).FieldErrors());
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/institutions/nowhere/history"), HttpStatusCode.NotFound);
    }
}
