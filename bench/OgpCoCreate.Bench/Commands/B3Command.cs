using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using OgpCoCreate.Bench.Live;
using OgpCoCreate.Bench.Measuring;
using OgpCoCreate.Ot;

namespace OgpCoCreate.Bench.Commands;

/// <summary>
/// B3: live load over the real SignalR .NET client against a running server. E editors (each its own
/// connection and clientId, ShareDB-style: one op in flight, the rest buffered) type random inserts and deletes
/// at R ops/s each into one document while W watchers only receive. For every op sent, the time from
/// <c>SubmitOp</c> until the last other peer (every other editor and every watcher) received its
/// <c>OpApplied</c>; at the end every client's text must equal the server's, which must equal a replay of the
/// document's log.
/// </summary>
internal static class B3Command
{
    private static readonly string[] EditorAccounts = ["secretariat@ogp.local", "msf.gov@ogp.local", "msf.cso@ogp.local", "focal.egov@ogp.local"];
    private const string WatcherAccount = "participant@ogp.local";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = BenchArgs.Parse(args, "--url", "--editors", "--rate", "--watchers", "--seconds", "--document");
        if (parsed is null || parsed.Positional.Count > 0)
        {
            return Usage.Print();
        }
        var server = new Uri(parsed.String("--url", "http://127.0.0.1:5000"));
        var editorCount = parsed.Int("--editors", 10);
        var rate = parsed.Double("--rate", 2);
        var watcherCount = parsed.Int("--watchers", 10);
        var seconds = parsed.Double("--seconds", 20);
        var documentId = parsed.String("--document", "tn-nap5-06/description");
        var password = Environment.GetEnvironmentVariable("OGP_DEMO_PASSWORD") is { Length: > 0 } fromEnvironment ? fromEnvironment : "Demo-Ogp-2025!";

        using var http = new HttpClient();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in EditorAccounts.Append(WatcherAccount))
        {
            tokens[account] = await CoCreateHubConnections.SignInAsync(http, server, account, password);
        }

        var run = Guid.NewGuid().ToString("N")[..6];
        var connections = new List<HubConnection>();
        try
        {
            var editors = await OpenAllAsync(server, editorCount, i => tokens[EditorAccounts[i % EditorAccounts.Length]], documentId, i => $"b3-{run}-editor-{i}", connections);
            var watchers = await OpenAllAsync(server, watcherCount, _ => tokens[WatcherAccount], documentId, i => $"b3-{run}-watcher-{i}", connections);
            var peers = editors.Concat(watchers).ToList();
            var tracker = new DeliveryTracker(peers);

            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(editors.Select((e, i) => TypeAsync(e, rate, TimeSpan.FromSeconds(seconds), new Random(i + 1))));
            var typedMilliseconds = Latencies.MillisecondsSince(started);

            var check = await VerifyAsync(server, tokens[WatcherAccount], documentId, peers, connections);
            var latencies = tracker.CompleteLatencies(out var incomplete);
            var errors = editors.Count(e => e.Failure is not null);
            foreach (var failed in editors.Where(e => e.Failure is not null).Take(3))
            {
                Console.Error.WriteLine($"{failed.ClientId}: {failed.Failure!.Message}");
            }
            var ok = check.Diverged == 0 && incomplete == 0 && errors == 0 && check.LogMatches;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"b3 editors={editorCount} watchers={watcherCount} rate={rate:0.##} seconds={seconds:0.##} ops={tracker.Sent} ops_per_s={tracker.Sent / (typedMilliseconds / 1000):F0} p50_ms={latencies.Percentile(50):F1} p99_ms={latencies.Percentile(99):F1} max_ms={latencies.Max:F1} diverged={check.Diverged} incomplete={incomplete} out_of_order={peers.Sum(p => p.OutOfOrderArrivals)} caught_up={check.CaughtUp} errors={errors} log_ok={(check.LogMatches ? "true" : "false")} version={check.Version}"));
            return ok ? 0 : 1;
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Opens the connections ten at a time: a hundred handshakes at once only measure the accept queue.</summary>
    private static async Task<List<LiveDocument>> OpenAllAsync(
        Uri server, int count, Func<int, string> token, string documentId, Func<int, string> clientId, List<HubConnection> connections)
    {
        var documents = new LiveDocument[count];
        foreach (var batch in Enumerable.Range(0, count).Chunk(10))
        {
            await Task.WhenAll(batch.Select(async i =>
            {
                var connection = await CoCreateHubConnections.ConnectAsync(server, token(i));
                lock (connections)
                {
                    connections.Add(connection);
                }
                documents[i] = await LiveDocument.OpenAsync(connection, documentId, clientId(i));
            }));
        }
        return [.. documents];
    }

    /// <summary>Random single-character edits at about <paramref name="rate"/> per second, for <paramref name="duration"/>.</summary>
    private static async Task TypeAsync(LiveDocument editor, double rate, TimeSpan duration, Random random)
    {
        var interval = 1000 / rate;
        // Editors do not start in step.
        await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * interval));
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until && editor.Failure is null)
        {
            editor.Edit(text => RandomEdit(text, random));
            await Task.Delay(TimeSpan.FromMilliseconds(interval * (0.5 + random.NextDouble())));
        }
    }

    private static TextOp RandomEdit(CodePointBuffer text, Random random)
    {
        // Slightly more inserts than deletes, so the text grows slowly and deletes always find something.
        if (text.Length > 0 && random.NextDouble() < 0.4)
        {
            return TextOp.Delete(random.Next(text.Length), 1);
        }
        const string letters = "abcdefghijklmnopqrstuvwxyz  ";
        return TextOp.Insert(random.Next(text.Length + 1), letters[random.Next(letters.Length)].ToString());
    }

    private sealed record Verification(long Version, int Diverged, int CaughtUp, bool LogMatches);

    /// <summary>
    /// Waits until every editor's ops are acknowledged, reads the server's text on a fresh connection, lets every
    /// client reach that version (asking <c>GetOps</c> for any broadcast that never came), then compares.
    /// </summary>
    private static async Task<Verification> VerifyAsync(Uri server, string token, string documentId, List<LiveDocument> peers, List<HubConnection> connections)
    {
        var settleUntil = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (peers.Any(p => !p.IsSettled && p.Failure is null) && DateTime.UtcNow < settleUntil)
        {
            await Task.Delay(50);
        }
        var connection = await CoCreateHubConnections.ConnectAsync(server, token);
        connections.Add(connection);
        var head = await connection.InvokeAsync<OpenedDocument>("OpenDocument", documentId);
        var caughtUp = 0;
        foreach (var peer in peers)
        {
            if (!await peer.WaitForAsync(head.Version, TimeSpan.FromSeconds(20)))
            {
                caughtUp++;
                await peer.CatchUpAsync();
                await peer.WaitForAsync(head.Version, TimeSpan.FromSeconds(10));
            }
        }
        var diverged = peers.Count(p => p.Text != head.Text || p.Version != head.Version);
        return new Verification(head.Version, diverged, caughtUp, await ReplayLogAsync(connection, documentId, head) == head.Text);
    }

    /// <summary>The document's whole log from version 0, applied in order: what the server's text must be.</summary>
    private static async Task<string> ReplayLogAsync(HubConnection connection, string documentId, OpenedDocument head)
    {
        var text = new CodePointBuffer();
        var version = 0L;
        while (version < head.Version)
        {
            var page = await connection.InvokeAsync<IReadOnlyList<OpEntry>>("GetOps", documentId, version);
            if (page.Count == 0)
            {
                break;
            }
            foreach (var entry in page)
            {
                text.Apply(entry.Op);
                version = entry.Version;
            }
        }
        return text.ToString();
    }

    /// <summary>When each sent op reached each other peer.</summary>
    private sealed class DeliveryTracker
    {
        private readonly ConcurrentDictionary<(string ClientId, long Seq), Delivery> deliveries = new();
        private readonly int receivers;

        public DeliveryTracker(IReadOnlyList<LiveDocument> peers)
        {
            receivers = peers.Count - 1;
            foreach (var peer in peers)
            {
                peer.Submitting += (document, seq) => deliveries.TryAdd((document.ClientId, seq), new Delivery(Stopwatch.GetTimestamp()));
                peer.Received += (document, message) =>
                {
                    if (message.ClientId != document.ClientId && deliveries.TryGetValue((message.ClientId, message.Seq), out var delivery))
                    {
                        delivery.Receive(Stopwatch.GetTimestamp());
                    }
                };
            }
        }

        public int Sent => deliveries.Count;

        /// <summary>Submit → last receipt for ops every other peer received; <paramref name="incomplete"/> counts the rest.</summary>
        public Latencies CompleteLatencies(out int incomplete)
        {
            var latencies = new Latencies();
            incomplete = 0;
            foreach (var delivery in deliveries.Values)
            {
                if (delivery.Receipts >= receivers)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(delivery.Submitted, delivery.LastReceipt).TotalMilliseconds);
                }
                else
                {
                    incomplete++;
                }
            }
            return latencies;
        }
    }

    private sealed class Delivery(long submitted)
    {
        private readonly Lock gate = new();

        public long Submitted { get; } = submitted;

        public int Receipts { get; private set; }

        public long LastReceipt { get; private set; }

        public void Receive(long at)
        {
            lock (gate)
            {
                Receipts++;
                LastReceipt = Math.Max(LastReceipt, at);
            }
        }
    }
}
