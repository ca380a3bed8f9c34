using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Durability;

/// <summary>Durable before acknowledged: what the server confirmed survives <c>kill -9</c> and a restart.</summary>
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class KillAndRestartTests
{
    [Fact]
    public async Task Every_acknowledged_write_survives_sigkill_and_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "ogp-tests", "kill-" + Guid.NewGuid().ToString("N"));
        var acknowledged = new List<(int Version, string Baseline)>();
        var email = $"durable-{Guid.NewGuid():N}@example.org";

        await using (var server = new ServerProcess(dataDir))
        {
            await server.StartAsync();
            using var client = await SignIn(server, "secretariat@ogp.local", ServerProcess.DemoPassword);
            using var anonymous = server.CreateClient();
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("api/auth/register", new { email, password = "Durable-Password-1!", displayName = "Durable" })).StatusCode);

            // Keep editing until the process is killed under our feet; remember every edit the server confirmed.
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var (version, baseline) = await EditBaseline(client, "tn-nap5-02", $"baseline #{i}");
                        lock (acknowledged)
                        {
                            acknowledged.Add((version, baseline));
                        }
                    }
                    catch (Exception) when (stop.IsCancellationRequested || i > 0)
                    {
                        return;
                    }
                }
            });
            await Task.Delay(1500);
            await server.KillAsync();
            await stop.CancelAsync();
            await writer;
        }

        Assert.True(acknowledged.Count >= 3, $"Only {acknowledged.Count} edits were acknowledged before the kill.");
        await using (var restarted = new ServerProcess(dataDir))
        {
            await restarted.StartAsync();
            using var client = restarted.CreateClient();
            var commitment = await client.GetFromJsonAsync<JsonElement>("api/commitments/tn-nap5-02");
            var last = acknowledged[^1];
            var version = commitment.GetProperty("version").GetInt32();
            var baseline = commitment.GetProperty("details").GetProperty("baseline").GetString();

            // The last confirmed edit is there (or a later one the server committed but could not confirm in time).
            Assert.True(version >= last.Version, $"Version {version} is older than the acknowledged {last.Version}.");
            if (version == last.Version)
            {
                Assert.Equal(last.Baseline, baseline);
            }
            var history = await client.GetFromJsonAsync<JsonElement>("api/commitments/tn-nap5-02/history?limit=1000");
            var edits = history.EnumerateArray().Count(e => e.GetProperty("eventType").GetString() == "CommitmentEdited");
            Assert.True(edits >= acknowledged.Count, $"The journal has {edits} edits but {acknowledged.Count} were acknowledged.");

            var login = await client.PostAsJsonAsync("api/auth/login", new { email, password = "Durable-Password-1!" });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        }
    }

    [Fact]
    public async Task Seeding_again_after_a_restart_adds_nothing_and_overwrites_nothing()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "ogp-tests", "reseed-" + Guid.NewGuid().ToString("N"));
        int eventsBefore;
        await using (var server = new ServerProcess(dataDir))
        {
            await server.StartAsync();
            using var client = await SignIn(server, "secretariat@ogp.local", ServerProcess.DemoPassword);
            await EditBaseline(client, "tn-nap5-03", "changed by a user, must survive re-seeding");
            eventsBefore = (await client.GetFromJsonAsync<JsonElement>("api/plans/tn-nap5/history?limit=1000")).GetArrayLength();
            await server.StopAsync();
        }

        await using var again = new ServerProcess(dataDir);
        await again.StartAsync();
        using var anonymous = again.CreateClient();
        var commitment = await anonymous.GetFromJsonAsync<JsonElement>("api/commitments/tn-nap5-03");
        Assert.Equal("changed by a user, must survive re-seeding", commitment.GetProperty("details").GetProperty("baseline").GetString());
        var eventsAfter = (await anonymous.GetFromJsonAsync<JsonElement>("api/plans/tn-nap5/history?limit=1000")).GetArrayLength();
        Assert.Equal(eventsBefore, eventsAfter);
    }

    private static async Task<HttpClient> SignIn(ServerProcess server, string email, string password)
    {
        var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<(int Version, string Baseline)> EditBaseline(HttpClient client, string commitmentId, string baseline)
    {
        var current = await client.GetAsync($"api/commitments/{commitmentId}");
        current.EnsureSuccessStatusCode();
        var json = JsonNode.Parse(await current.Content.ReadAsStringAsync())!;
        var details = json["details"]!;
        details["baseline"] = baseline;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/commitments/{commitmentId}") { Content = JsonContent.Create(details) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(current.Headers.ETag!.ToString()));
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var updated = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (updated.GetProperty("version").GetInt32(), baseline);
    }
}
