using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Server.Tests.Infrastructure;
using OgpCoCreate.Server.Tests.Plans;

namespace OgpCoCreate.Server.Tests.Commitments;

/// <summary>
/// The authorization matrix over HTTP against the real server, for a representative set of actions (the grain
/// tests cover every role × action): 401 without a sign-in, 403 for who may not, success for who may. A refused
/// request leaves the resource's version and its public history exactly as they were.
/// </summary>
[Collection(DomainServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class AuthorizationMatrixHttpTests(DomainServerFixture fixture)
{
    private const string Anonymous = "anonymous";

    private sealed record Target(string Resource, HttpMethod Method, string Url, JsonNode Body, string? MustStayMissing = null);

    private async Task<Target> Arrange(string action)
    {
        var planId = await fixture.NewPlanAsync();
        switch (action)
        {
            case "edit a commitment":
            {
                var id = await fixture.NewCommitmentAsync(planId);
                return new($"api/commitments/{id}", HttpMethod.Put, $"api/commitments/{id}", DomainBodies.Details(1).With("baseline", "Changed."));
            }
            case "Proposed → Drafting":
            {
                var id = await fixture.NewCommitmentAsync(planId);
                return new($"api/commitments/{id}", HttpMethod.Post, $"api/commitments/{id}/transitions", new JsonObject { ["to"] = "Drafting" });
            }
            case "PendingApproval → Approved":
            {
                var id = await fixture.NewCommitmentAsync(planId);
                await fixture.MoveAsync(id, "Drafting", "PendingApproval");
                return new($"api/commitments/{id}", HttpMethod.Post, $"api/commitments/{id}/transitions", new JsonObject { ["to"] = "Approved" });
            }
            case "create a commitment":
                return new($"api/plans/{planId}", HttpMethod.Post, "api/commitments",
                    new JsonObject { ["planId"] = planId, ["details"] = DomainBodies.Details(1) }, MustStayMissing: $"api/commitments/{planId}-01");
            case "register an institution":
            {
                var id = $"i-{Guid.NewGuid():N}"[..14];
                return new($"api/plans/{planId}", HttpMethod.Post, "api/institutions",
                    new JsonObject { ["id"] = id, ["planId"] = planId, ["name"] = DomainBodies.Text("Institution"), ["kind"] = "Cso" }, MustStayMissing: $"api/institutions/{id}");
            }
            case "move the plan":
                return new($"api/plans/{planId}", HttpMethod.Post, $"api/plans/{planId}/transitions", new JsonObject { ["to"] = "CoCreation" });
            case "name focal points":
            {
                var id = $"i-{Guid.NewGuid():N}"[..14];
                using var secretariat = await fixture.As(Accounts.Secretariat);
                await (await secretariat.PostAsJsonAsync("api/institutions", new { id, planId, name = DomainBodies.Text("Institution"), kind = "Cso" })).Json(HttpStatusCode.Created);
                return new($"api/institutions/{id}", HttpMethod.Put, $"api/institutions/{id}/focal-points",
                    new JsonObject { ["focalPoints"] = new JsonArray(await fixture.UserIdOf(Accounts.FocalInai)), ["alternates"] = new JsonArray() });
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    public static TheoryData<string, string, HttpStatusCode> Matrix()
    {
        const HttpStatusCode ok = HttpStatusCode.OK, created = HttpStatusCode.Created, no = HttpStatusCode.Forbidden, who = HttpStatusCode.Unauthorized;
        var rows = new (string Action, HttpStatusCode Anonymous, HttpStatusCode Participant, HttpStatusCode Secretariat, HttpStatusCode Admin,
            HttpStatusCode LeadFocal, HttpStatusCode SupporterFocal, HttpStatusCode OtherFocal, HttpStatusCode CoChair)[]
        {
            ("edit a commitment", who, no, ok, ok, ok, ok, no, no),
            ("Proposed → Drafting", who, no, ok, ok, ok, no, no, no),
            ("PendingApproval → Approved", who, no, ok, ok, no, no, no, ok),
            ("create a commitment", who, no, created, created, created, no, no, no),
            ("register an institution", who, no, created, created, no, no, no, no),
            ("move the plan", who, no, ok, ok, no, no, no, no),
            ("name focal points", who, no, ok, ok, no, no, no, no),
        };
        var data = new TheoryData<string, string, HttpStatusCode>();
        foreach (var r in rows)
        {
            data.Add(r.Action, Anonymous, r.Anonymous);
            data.Add(r.Action, Accounts.Participant, r.Participant);
            data.Add(r.Action, Accounts.Secretariat, r.Secretariat);
            data.Add(r.Action, Accounts.Admin, r.Admin);
            data.Add(r.Action, Accounts.FocalFinance, r.LeadFocal);
            data.Add(r.Action, Accounts.FocalEgov, r.SupporterFocal);
            data.Add(r.Action, Accounts.FocalInai, r.OtherFocal);
            data.Add(r.Action, Accounts.MsfGov, r.CoChair);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_person_gets_the_answer_the_matrix_gives(string action, string who, HttpStatusCode expected)
    {
        var target = await Arrange(action);
        using var client = who == Anonymous ? fixture.Anonymous() : await fixture.As(who);
        var before = await fixture.StateOf(target.Resource);

        var response = await client.SendJson(target.Method, target.Url, target.Body);

        if (expected is HttpStatusCode.OK or HttpStatusCode.Created)
        {
            await response.Json(expected);
            return;
        }
        await ProblemAssert.IsProblem(response, expected);
        Assert.Equal(before, await fixture.StateOf(target.Resource));
        if (target.MustStayMissing is { } missing)
        {
            using var anonymous = fixture.Anonymous();
            await ProblemAssert.IsProblem(await anonymous.GetAsync(missing), HttpStatusCode.NotFound);
        }
    }
}
