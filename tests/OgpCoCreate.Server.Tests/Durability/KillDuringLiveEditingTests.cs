using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;
using OgpCoCreate.Server.Tests.Realtime;

namespace OgpCoCreate.Server.Tests.Durability;

/// <summary>Several editors type into one document over the hub; the server is SIGKILLed mid-stream.</summary>
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class KillDuringLiveEditingTests
{
    private const string DocumentId = "tn-nap5-06/ambition";

    [Fact]
    public async Task Every_op_the_hub_acknowledged_is_in_the_text_after_sigkill_and_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "ogp-tests", "kill-live-" + Guid.NewGuid().ToString("N"));
        var acknowledged = new ConcurrentBag<(string Token, long Version)>();

        await using (var server = new ServerProcess(dataDir))
        {
            await server.StartAsync();
            var accounts = new[] { "secretariat@ogp.local", "focal.egov@ogp.local", "msf.cso@ogp.local" };
            using var stop = new CancellationTokenSource();
            var editors = new List<Task>();
            foreach (var (email, index) in accounts.Select((e, i) => (e, i)))
            {
                var token = await TokenFor(server, email);
                editors.Add(Task.Run(() => TypeUntilKilled(server, token, $"e{index}", acknowledged, stop.Token)));
            }
            await Task.Delay(2000);
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(editors);
        }

        Assert.True(acknowledged.Count >= 20, $"Only {acknowledged.Count} ops were acknowledged before the kill.");
        await using var restarted = new ServerProcess(dataDir);
        await restarted.StartAsync();
        await using var reader = await HubClients.ConnectAsync(restarted, await TokenFor(restarted, "participant@ogp.local"));
        var opened = await reader.Open(DocumentId);
        var missing = acknowledged.Where(a => !opened.Text.Contains(a.Token, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged ops are missing after restart, e.g. {string.Join(", ", missing.Take(5).Select(m => $"{m.Token}@v{m.Version}"))}");
        Assert.True(opened.Version >= acknowledged.Max(a => a.Version));
    }

    /// <summary>
    /// Inserts unique tokens at the start of the text, one op in flight, as fast as the server confirms;
    /// remembers every token the server acknowledged. Stops at the first failure (the server is gone).
    /// </summary>
    private static async Task TypeUntilKilled(ServerProcess server, string token, string clientId, ConcurrentBag<(string, long)> acknowledged, CancellationToken stop)
    {
        try
        {
            await using var connection = await HubClients.ConnectAsync(server, token);
            var version = (await connection.Open(DocumentId)).Version;
            for (var seq = 1; !stop.IsCancellationRequested; seq++)
            {
                var tokenText = $"[{clientId}-{seq}]";
                // Inserting at 0 on our last known version: the server transforms it over the others' ops.
                var result = await connection.Submit(DocumentId, version, JsonSerializer.Serialize(new object[] { tokenText }), clientId, seq);
                acknowledged.Add((tokenText, result.Version));
                version = result.Version;
            }
        }
        catch (Exception)
        {
            // The server was killed: the op in flight was never acknowledged, so it does not count.
        }
    }

    private static async Task<string> TokenFor(ServerProcess server, string email)
    {
        using var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password = ServerProcess.DemoPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
