using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Plans;

/// <summary>
/// A real server of its own, with the demo data, for the plan, institution and commitment API tests: they
/// create plans and change focal points and roles, which the tests sharing the common server must not see.
/// Every test works in a plan of its own (<see cref="NewPlanAsync"/>), so the tests do not depend on each other.
/// </summary>
public sealed class DomainServerFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, string> tokens = new();

    public ServerProcess Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public HttpClient Anonymous() => Server.CreateClient();

    /// <summary>A bearer client for an account; tokens are cached (signing in costs a password hash).</summary>
    public async Task<HttpClient> As(string email)
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetValueOrDefault(email) ?? await SignIn(email));
        return client;
    }

    /// <summary>Signs in afresh, for tests that need a token issued after a change of roles or claims.</summary>
    public async Task<string> SignIn(string email, string? password = null)
    {
        using var client = Server.CreateClient();
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password = password ?? (email == "admin@ogp.local" ? ServerProcess.AdminPassword : ServerProcess.DemoPassword) });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("accessToken").GetString()!;
        tokens[email] = token;
        return token;
    }

    public HttpClient WithToken(string token)
    {
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> UserIdOf(string email)
    {
        using var client = await As(email);
        return (await client.GetJson("api/auth/me")).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// A plan of the test's own (Preparation), with the demo forum co-chairs (msf.gov, msf.cso) as its
    /// co-chairs. The demo institutions finance, inai and egov take part through the commitments created in it.
    /// </summary>
    public async Task<string> NewPlanAsync()
    {
        var planId = $"t-{Guid.NewGuid():N}"[..14];
        using var secretariat = await As(Accounts.Secretariat);
        var created = await secretariat.PostAsJsonAsync("api/plans", DomainBodies.Plan(planId));
        await created.Json(HttpStatusCode.Created);
        var forum = await secretariat.PutAsJsonAsync($"api/plans/{planId}/forum", new { members = await ForumAsync() });
        await forum.Json(HttpStatusCode.OK);
        return planId;
    }

    public async Task<JsonArray> ForumAsync() =>
    [
        DomainBodies.Seat("Government co-chair", "Government", true, await UserIdOf(Accounts.MsfGov)),
        DomainBodies.Seat("Civil society co-chair", "CivilSociety", true, await UserIdOf(Accounts.MsfCso)),
        DomainBodies.Seat("Member", "CivilSociety", false, null),
    ];

    /// <summary>A commitment led by finance and supported by egov, created by the secretariat.</summary>
    public async Task<string> NewCommitmentAsync(string planId, int number = 1)
    {
        using var secretariat = await As(Accounts.Secretariat);
        var response = await secretariat.PostAsJsonAsync("api/commitments", new { planId, details = DomainBodies.Details(number) });
        return (await response.Json(HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    /// <summary>Moves a commitment along the given statuses as the secretariat.</summary>
    public async Task MoveAsync(string commitmentId, params string[] statuses)
    {
        using var secretariat = await As(Accounts.Secretariat);
        foreach (var to in statuses)
        {
            var response = await secretariat.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { to, reason = "For the test." });
            await response.Json(HttpStatusCode.OK);
        }
    }

    /// <summary>What a refused request must leave untouched: the resource's version and its history's length.</summary>
    public async Task<(string Version, int History)> StateOf(string resourcePath)
    {
        using var anonymous = Anonymous();
        var response = await anonymous.GetAsync(resourcePath);
        await response.Json(HttpStatusCode.OK);
        var history = await anonymous.GetJson($"{resourcePath}/history?limit=1000");
        return (response.Headers.ETag!.Tag, history.GetArrayLength());
    }
}

[CollectionDefinition(Name)]
public sealed class DomainServerCollection : ICollectionFixture<DomainServerFixture>
{
    public const string Name = "domain-server";
}

public static class Accounts
{
    public const string Admin = "admin@ogp.local";
    public const string Secretariat = "secretariat@ogp.local";
    public const string FocalFinance = "focal.finance@ogp.local";
    public const string FocalInai = "focal.inai@ogp.local";
    public const string FocalEgov = "focal.egov@ogp.local";
    public const string MsfGov = "msf.gov@ogp.local";
    public const string MsfCso = "msf.cso@ogp.local";
    public const string Participant = "participant@ogp.local";
}

/// <summary>Request bodies as a client writes them (JSON, camelCase, enums as strings).</summary>
public static class DomainBodies
{
    public static JsonObject Text(string en) => new() { ["ar"] = "نص " + en, ["fr"] = "Texte " + en, ["en"] = en };

    public static JsonObject Plan(string id) => new()
    {
        ["id"] = id,
        ["country"] = "Tunisia",
        ["title"] = Text("Test plan"),
        ["start"] = "2023-01-01",
        ["end"] = "2025-12-31",
        ["axes"] = new JsonArray(new JsonObject { ["id"] = "axis-1", ["name"] = Text("Axis 1") }, new JsonObject { ["id"] = "axis-2", ["name"] = Text("Axis 2") }),
        ["timeline"] = new JsonArray(new JsonObject { ["id"] = "drafting", ["name"] = Text("Drafting"), ["start"] = "2023-05-01", ["end"] = "2023-09-30" }),
    };

    public static JsonObject Seat(string name, string side, bool coChair, string? userId) => new()
    {
        ["name"] = name,
        ["organisation"] = Text("Organisation"),
        ["side"] = side,
        ["coChair"] = coChair,
        ["userId"] = userId,
    };

    public static JsonObject Details(int number = 1, string lead = "finance", string[]? supporters = null) => new()
    {
        ["number"] = number,
        ["title"] = Text($"Commitment {number}"),
        ["axisId"] = "axis-1",
        ["leadInstitutionId"] = lead,
        ["supportingInstitutionIds"] = new JsonArray([.. (supporters ?? ["egov"]).Select(s => JsonValue.Create(s))]),
        ["policyAreas"] = new JsonArray("Open data"),
        ["start"] = "2024-01-01",
        ["end"] = "2025-06-30",
        ["baseline"] = "Baseline.",
        ["values"] = new JsonObject { ["transparency"] = true, ["civicParticipation"] = false, ["publicAccountability"] = true, ["technology"] = false, ["inclusion"] = false },
        ["nationalPlanLinks"] = new JsonArray(),
        ["sdgs"] = new JsonArray(16),
        ["milestones"] = new JsonArray(new JsonObject
        {
            ["id"] = "m1", ["action"] = "Publish", ["expectedOutput"] = "Published", ["start"] = "2024-01-01", ["end"] = "2024-06-30", ["responsibleInstitutionId"] = lead,
        }),
    };

    public static JsonObject With(this JsonObject body, string property, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        copy[property] = value;
        return copy;
    }
}

public static class DomainHttp
{
    /// <summary>Asserts the status (showing the body when it differs) and returns the JSON body.</summary>
    public static async Task<JsonElement> Json(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJson(this HttpClient client, string url) => await (await client.GetAsync(url)).Json(HttpStatusCode.OK);

    public static async Task<HttpResponseMessage> SendJson(this HttpClient client, HttpMethod method, string url, JsonNode? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }

    /// <summary>A ProblemDetails with field errors; returns the names of the fields in error.</summary>
    public static async Task<IReadOnlyList<string>> FieldErrors(this HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var problem = await ProblemAssert.IsProblem(response, status);
        Assert.True(problem.TryGetProperty("errors", out var errors), $"No field errors in: {problem}");
        return [.. errors.EnumerateObject().Select(e => e.Name)];
    }
}
