using Microsoft.AspNetCore.SignalR.Client;
using System.Text.Json;
using OgpCoCreate.Bench.Live;
using OgpCoCreate.Ot;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Realtime;

/// <summary>
/// Several real SignalR .NET clients (ShareDB-style: one op in flight, the rest buffered and composed) type
/// random edits into one document at random moments; whatever the interleaving, all end with the same text
/// as the server, and the server's text is exactly the replay of its op log.
/// </summary>
[Collection(ServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class ConvergenceTests(ServerFixture fixture)
{
    private static readonly string[] Editors = ["secretariat@ogp.local", "msf.gov@ogp.local", "msf.cso@ogp.local", "focal.egov@ogp.local"];

    [Theory]
    [InlineData(1, "contribution")]
    [InlineData(2, "contribution")]
    [InlineData(3, "ogpRelevance")]
    [InlineData(4, "ogpRelevance")]
    [InlineData(5, "statusQuo")]
    public async Task Concurrent_editors_with_random_ops_and_delays_converge_on_the_servers_text(int seed, string field)
    {
        var documentId = $"tn-nap5-06/{field}";
        var connections = new List<HubConnection>();
        var documents = new List<LiveDocument>();
        try
        {
            foreach (var (email, i) in Editors.Select((e, i) => (e, i)))
            {
                var connection = await HubClients.ConnectAsync(fixture.Server, await fixture.TokenFor(email));
                connections.Add(connection);
                documents.Add(await LiveDocument.OpenAsync(connection, documentId, $"conv-{seed}-{i}-{Guid.NewGuid():N}"));
            }

            await Task.WhenAll(documents.Select((d, i) => TypeRandomly(d, new Random(seed * 100 + i), 40)));

            await using var reader = await HubClients.ConnectAsync(fixture.Server, await fixture.TokenFor("participant@ogp.local"));
            var server = await reader.Open(documentId);
            foreach (var document in documents)
            {
                Assert.True(await document.WaitForAsync(server.Version, TimeSpan.FromSeconds(60)), $"{document.ClientId} did not settle at {server.Version} (at {document.Version}; failure: {document.Failure?.Message})");
            }
            var final = await reader.Open(documentId);
            Assert.All(documents, d => Assert.Equal(final.Text, d.Text));
            Assert.Equal(final.Text, await ReplayLog(reader, documentId, final.Version));
        }
        finally
        {
            documents.ForEach(d => d.Dispose());
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>Random inserts (Arabic, emoji, Latin) and deletes at random places, with random pauses.</summary>
    private static async Task TypeRandomly(LiveDocument document, Random random, int edits)
    {
        string[] words = ["النفاذ ", "open ", "données ", "🇹🇳", "👩🏽‍💻", "x", "\n"];
        for (var i = 0; i < edits; i++)
        {
            document.Edit(text =>
            {
                if (text.Length > 0 && random.NextDouble() < 0.3)
                {
                    var at = random.Next(text.Length);
                    return TextOp.Delete(at, Math.Min(1 + random.Next(3), text.Length - at));
                }
                return TextOp.Insert(random.Next(text.Length + 1), words[random.Next(words.Length)]);
            });
            await Task.Delay(random.Next(0, 25));
        }
    }

    /// <summary>The text obtained by applying every logged op from the empty document.</summary>
    private static async Task<string> ReplayLog(HubConnection connection, string documentId, long upTo)
    {
        var buffer = new CodePointBuffer();
        long from = 0;
        while (from < upTo)
        {
            var ops = await connection.InvokeAsync<IReadOnlyList<JsonElement>>("GetOps", documentId, from);
            Assert.NotEmpty(ops);
            foreach (var entry in ops.Where(e => e.GetProperty("version").GetInt64() <= upTo))
            {
                buffer.Apply(TextOp.FromJson(entry.GetProperty("op")));
                from = entry.GetProperty("version").GetInt64();
            }
        }
        return buffer.ToString();
    }
}
