using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Approvals;

/// <summary>
/// A real server of its own with the demo data: the approval tests move demo commitments through their
/// lifecycle, which other test classes sharing the common server must not see.
/// </summary>
public sealed class ApprovalsServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public Task<HttpClient> SignedInAs(string email) => ApprovalsHttp.SignedInAs(Server, email);
}

public static class ApprovalsHttp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<string> TokenFor(ServerProcess server, string email)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password = email == "admin@ogp.local" ? ServerProcess.AdminPassword : ServerProcess.DemoPassword });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpClient> SignedInAs(ServerProcess server, string email)
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(server, email));
        return client;
    }

    public static async Task<JsonElement> Json200(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJson(this HttpClient client, string url) => await (await client.GetAsync(url)).Json200();

    public static async Task<JsonElement> PostJson(this HttpClient client, string url, object body) => await (await client.PostAsJsonAsync(url, body)).Json200();

    public static async Task<string> UserId(this HttpClient client) => (await client.GetJson("api/auth/me")).GetProperty("id").GetString()!;

    public static async Task<string> Hash(this HttpClient client, string commitmentId) =>
        (await client.GetJson($"api/commitments/{commitmentId}/approvals")).GetProperty("content").GetProperty("hash").GetString()!;

    /// <summary>The lead's focal point takes the commitment to PendingApproval (through Drafting).</summary>
    public static async Task Submit(this HttpClient lead, string commitmentId)
    {
        foreach (var to in new[] { "Drafting", "PendingApproval" })
        {
            (await lead.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { to })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Keeps only the supporting institutions that have a focal point in the demo data (some CSOs have none).</summary>
    public static async Task KeepSupporters(this HttpClient editor, string commitmentId, params string[] supporters)
    {
        var response = await editor.GetAsync($"api/commitments/{commitmentId}");
        var commitment = await response.Json200();
        var details = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(commitment.GetProperty("details").GetRawText(), Json)!;
        details["supportingInstitutionIds"] = JsonSerializer.SerializeToElement(supporters, Json);
        var milestones = details["milestones"].EnumerateArray()
            .Where(m => m.GetProperty("responsibleInstitutionId").GetString() is { } r && (supporters.Contains(r) || r == details["leadInstitutionId"].GetString()))
            .ToList();
        details["milestones"] = JsonSerializer.SerializeToElement(milestones, Json);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"api/commitments/{commitmentId}") { Content = JsonContent.Create(details, options: Json) };
        put.Headers.IfMatch.Add(response.Headers.ETag!);
        (await editor.SendAsync(put)).EnsureSuccessStatusCode();
    }

    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached in time: {what ?? "condition"}; last value {value}");
            }
            await Task.Delay(150);
        }
    }
}
