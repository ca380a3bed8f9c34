using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using OgpCoCreate.Server.Tests.Realtime;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>Small HTTP and hub helpers of the cluster tests.</summary>
public static class ClusterHttp
{
    public static HttpClient Client(ClusterNode node, string token)
    {
        var client = node.Process!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sets a commitment's baseline through <paramref name="node"/> (a journaled grain write, acknowledged by the 200).</summary>
    public static async Task<int> EditBaselineAsync(ClusterNode node, string token, string commitmentId, string baseline)
    {
        using var client = Client(node, token);
        var current = await client.GetAsync($"api/commitments/{commitmentId}");
        current.EnsureSuccessStatusCode();
        var details = JsonNode.Parse(await current.Content.ReadAsStringAsync())!["details"]!;
        details["baseline"] = baseline;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/commitments/{commitmentId}") { Content = JsonContent.Create(details) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(current.Headers.ETag!.ToString()));
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    public static async Task<(int Version, string? Baseline)> ReadBaselineAsync(ClusterNode node, string commitmentId)
    {
        using var client = node.Process!.CreateClient();
        var json = await client.GetFromJsonAsync<JsonElement>($"api/commitments/{commitmentId}");
        return (json.GetProperty("version").GetInt32(), json.GetProperty("details").GetProperty("baseline").GetString());
    }

    /// <summary>The document as a fresh connection to <paramref name="node"/> opens it.</summary>
    public static async Task<HubClients.Opened> OpenAsync(ClusterNode node, string token, string documentId)
    {
        await using var connection = await HubClients.ConnectAsync(node.Process!, token);
        return await connection.Open(documentId);
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0} s: {describe()}");
            }
            await Task.Delay(200);
        }
    }

    /// <summary>Every token of the editors appears at most once, and every acknowledged one exactly once.</summary>
    public static void AssertExactlyOnce(string text, IEnumerable<LiveEditor> editors)
    {
        var counts = System.Text.RegularExpressions.Regex.Matches(text, @"\[e\d+-\d+\]")
            .GroupBy(m => m.Value).ToDictionary(g => g.Key, g => g.Count());
        var duplicated = counts.Where(c => c.Value > 1).Select(c => $"{c.Key}×{c.Value}").ToList();
        Assert.True(duplicated.Count == 0, $"Ops applied more than once: {string.Join(", ", duplicated.Take(10))}");
        var missing = editors.SelectMany(e => e.Acknowledged).Where(a => !counts.ContainsKey(a.Token)).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} acknowledged op(s) missing from the final text, e.g. {string.Join(", ", missing.Take(10).Select(m => $"{m.Token}@v{m.Version}"))}");
    }

    public static Task<HubConnection> ConnectAsync(ClusterNode node, string token) => HubClients.ConnectAsync(node.Process!, token);
}
