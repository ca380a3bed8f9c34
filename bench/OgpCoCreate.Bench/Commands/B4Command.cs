using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;
using OgpCoCreate.Bench.Hosting;
using OgpCoCreate.Bench.Live;
using OgpCoCreate.Bench.Measuring;
using OgpCoCreate.Ot;

namespace OgpCoCreate.Bench.Commands;

/// <summary>
/// B4: the live load of B3 on a cluster. For each node count (default 1 and 3) it starts that many real server
/// processes on loopback (co-hosted silos, <c>Ogp:Store=postgres</c>, a fresh database on the given PostgreSQL),
/// spreads E editors and W watchers over the nodes round-robin (ShareDB-style clients of <see cref="LiveDocument"/>),
/// lets the editors type R ops/s each for S seconds into one document, and reports throughput, the submit → last
/// receipt latency over every peer, the cross-node latency (receipts by peers on another node than the author's),
/// and whether every client converged on the server's text.
/// </summary>
internal static class B4Command
{
    private const string HelpText = """
        b4 --postgres "<connection string of a PostgreSQL admin database>" [--nodes 1,3] [--editors E] [--rate R]
           [--watchers W] [--seconds S] [--document id] [--server path/to/OgpCoCreate.Server.dll]
            B4: live load on a cluster of 1 and 3 co-hosted nodes on loopback (PostgreSQL store, one new database per
            run). Build the server first (dotnet build -c Release src/OgpCoCreate.Server). One line per node count:
            b4 nodes=N editors=E watchers=W rate=R seconds=S ops=<n> ops_per_s=<rate> p50_ms=<submit→last receipt>
               p99_ms=<…> max_ms=<…> cross_node_p50_ms=<submit→receipt on another node> cross_node_p99_ms=<…> diverged=<n> errors=<n>
            Server logs go to artifacts/bench/b4-<nodes>-<node>.log.
        """;

    private static readonly string[] EditorAccounts = ["secretariat@ogp.local", "msf.gov@ogp.local", "msf.cso@ogp.local", "focal.egov@ogp.local"];
    private const string WatcherAccount = "participant@ogp.local";
    private const string DemoPassword = "Demo-Bench-Password-1!";

    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = BenchArgs.Parse(args, "--postgres", "--nodes", "--editors", "--rate", "--watchers", "--seconds", "--document", "--server");
        var postgres = parsed?.String("--postgres", Environment.GetEnvironmentVariable("OGP_BENCH_POSTGRES") ?? "") ?? "";
        if (parsed is null || parsed.Positional.Count > 0 || postgres.Length == 0)
        {
            Console.Error.WriteLine(HelpText);
            return 2;
        }
        var nodeCounts = parsed.List("--nodes", "1", "3").Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToList();
        var settings = new Settings(
            parsed.Int("--editors", 8), parsed.Double("--rate", 5), parsed.Int("--watchers", 8), parsed.Double("--seconds", 20),
            parsed.String("--document", "tn-nap5-06/description"), parsed.String("--server", DefaultServerDll()));
        if (!File.Exists(settings.ServerDll))
        {
            Console.Error.WriteLine($"{settings.ServerDll} is missing: build the server first (dotnet build -c Release src/OgpCoCreate.Server).");
            return 2;
        }
        var ok = true;
        foreach (var nodes in nodeCounts)
        {
            ok &= await RunOnceAsync(postgres, nodes, settings);
        }
        return ok ? 0 : 1;
    }

    private sealed record Settings(int Editors, double Rate, int Watchers, double Seconds, string DocumentId, string ServerDll);

    private static async Task<bool> RunOnceAsync(string postgresAdmin, int nodeCount, Settings settings)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var database = $"ogp_b4_{nodeCount}_{run}";
        await using (var admin = new NpgsqlConnection(postgresAdmin))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = database }.ConnectionString;
        var nodes = Enumerable.Range(1, nodeCount).Select(i => new ServerNode(settings.ServerDll, connectionString, $"b4-{run}", seed: i == 1, log: $"b4-{nodeCount}-{i}.log")).ToList();
        var connections = new List<HubConnection>();
        try
        {
            await nodes[0].StartAsync();
            await Task.WhenAll(nodes.Skip(1).Select(n => n.StartAsync()));

            using var http = new HttpClient();
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var account in EditorAccounts.Append(WatcherAccount))
            {
                tokens[account] = await CoCreateHubConnections.SignInAsync(http, nodes[0].Url, account, DemoPassword);
            }

            var peers = new List<Peer>();
            for (var i = 0; i < settings.Editors + settings.Watchers; i++)
            {
                var editor = i < settings.Editors;
                var node = i % nodeCount;
                var connection = await CoCreateHubConnections.ConnectAsync(nodes[node].Url, tokens[editor ? EditorAccounts[i % EditorAccounts.Length] : WatcherAccount]);
                connections.Add(connection);
                var document = await LiveDocument.OpenAsync(connection, settings.DocumentId, $"b4-{run}-{(editor ? "e" : "w")}{i}");
                peers.Add(new Peer(document, node, editor));
            }
            var tracker = new Tracker(peers);

            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(peers.Where(p => p.IsEditor).Select((p, i) => TypeAsync(p.Document, settings.Rate, TimeSpan.FromSeconds(settings.Seconds), new Random(i + 1))));
            var typedSeconds = Latencies.MillisecondsSince(started) / 1000;

            var diverged = await ConvergeAsync(nodes[0].Url, tokens[WatcherAccount], settings.DocumentId, peers, connections);
            var (all, crossNode, incomplete) = tracker.Latencies();
            var errors = peers.Count(p => p.Document.Failure is not null);
            foreach (var failed in peers.Where(p => p.Document.Failure is not null).Take(3))
            {
                Console.Error.WriteLine($"{failed.Document.ClientId}: {failed.Document.Failure!.Message}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"b4 nodes={nodeCount} editors={settings.Editors} watchers={settings.Watchers} rate={settings.Rate:0.##} seconds={settings.Seconds:0.##} "
                + $"ops={tracker.Sent} ops_per_s={tracker.Sent / typedSeconds:F0} p50_ms={all.Percentile(50):F1} p99_ms={all.Percentile(99):F1} max_ms={all.Max:F1} "
                + $"cross_node_p50_ms={crossNode.Percentile(50):F1} cross_node_p99_ms={crossNode.Percentile(99):F1} incomplete={incomplete} diverged={diverged} errors={errors}"));
            return diverged == 0 && errors == 0 && incomplete == 0;
        }
        finally
        {
            await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    private static async Task TypeAsync(LiveDocument editor, double rate, TimeSpan duration, Random random)
    {
        var interval = 1000 / rate;
        await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * interval));
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until && editor.Failure is null)
        {
            editor.Edit(text => text.Length > 0 && random.NextDouble() < 0.4
                ? TextOp.Delete(random.Next(text.Length), 1)
                : TextOp.Insert(random.Next(text.Length + 1), ((char)('a' + random.Next(26))).ToString()));
            await Task.Delay(TimeSpan.FromMilliseconds(interval * (0.5 + random.NextDouble())));
        }
    }

    /// <summary>Lets every client settle and reach the server's head (GetOps for anything missed); counts those that differ.</summary>
    private static async Task<int> ConvergeAsync(Uri server, string token, string documentId, List<Peer> peers, List<HubConnection> connections)
    {
        var settleUntil = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (peers.Any(p => !p.Document.IsSettled && p.Document.Failure is null) && DateTime.UtcNow < settleUntil)
        {
            await Task.Delay(50);
        }
        var connection = await CoCreateHubConnections.ConnectAsync(server, token);
        connections.Add(connection);
        var head = await connection.InvokeAsync<OpenedDocument>("OpenDocument", documentId);
        foreach (var peer in peers)
        {
            if (!await peer.Document.WaitForAsync(head.Version, TimeSpan.FromSeconds(20)))
            {
                await peer.Document.CatchUpAsync();
                await peer.Document.WaitForAsync(head.Version, TimeSpan.FromSeconds(10));
            }
        }
        return peers.Count(p => p.Document.Text != head.Text || p.Document.Version != head.Version);
    }

    private sealed record Peer(LiveDocument Document, int Node, bool IsEditor);

    /// <summary>When each op was sent, and when and on which node each other peer received it.</summary>
    private sealed class Tracker
    {
        private readonly ConcurrentDictionary<(string ClientId, long Seq), Sent> sent = new();
        private readonly int receivers;

        public Tracker(IReadOnlyList<Peer> peers)
        {
            receivers = peers.Count - 1;
            foreach (var peer in peers)
            {
                peer.Document.Submitting += (document, seq) => sent.TryAdd((document.ClientId, seq), new Sent(peer.Node, Stopwatch.GetTimestamp()));
                peer.Document.Received += (document, message) =>
                {
                    if (message.ClientId != document.ClientId && sent.TryGetValue((message.ClientId, message.Seq), out var op))
                    {
                        op.Receive(peer.Node, Stopwatch.GetTimestamp());
                    }
                };
            }
        }

        public int Sent => sent.Count;

        public (Latencies All, Latencies CrossNode, int Incomplete) Latencies()
        {
            var all = new Latencies();
            var crossNode = new Latencies();
            var incomplete = 0;
            foreach (var op in sent.Values)
            {
                var receipts = op.Receipts();
                crossNode.AddRange(receipts.Where(r => r.Node != op.Node).Select(r => Stopwatch.GetElapsedTime(op.At, r.At).TotalMilliseconds));
                if (receipts.Count >= receivers)
                {
                    all.Add(Stopwatch.GetElapsedTime(op.At, receipts.Max(r => r.At)).TotalMilliseconds);
                }
                else
                {
                    incomplete++;
                }
            }
            return (all, crossNode, incomplete);
        }
    }

    private sealed class Sent(int node, long at)
    {
        private readonly List<(int Node, long At)> receipts = [];

        public int Node { get; } = node;

        public long At { get; } = at;

        public void Receive(int node, long at)
        {
            lock (receipts)
            {
                receipts.Add((node, at));
            }
        }

        public List<(int Node, long At)> Receipts()
        {
            lock (receipts)
            {
                return [.. receipts];
            }
        }
    }

    private static string DefaultServerDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OgpCoCreate.sln")))
            {
                return Path.Combine(dir.FullName, "src", "OgpCoCreate.Server", "bin", "Release", "net10.0", "OgpCoCreate.Server.dll");
            }
        }
        return "OgpCoCreate.Server.dll";
    }

    /// <summary>One real server process of the benchmark's cluster, on free loopback ports.</summary>
    private sealed class ServerNode(string serverDll, string connectionString, string clusterId, bool seed, string log) : IDisposable
    {
        private readonly int httpPort = FreePorts.Next();
        private Process? process;

        public Uri Url => new($"http://127.0.0.1:{httpPort}/");

        public async Task StartAsync()
        {
            var serverDir = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(serverDll)!, "..", "..", ".."));
            var logPath = Path.Combine(serverDir, "..", "..", "artifacts", "bench", log);
            Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = serverDir };
            foreach (var arg in new[]
            {
                serverDll, "--urls", Url.ToString().TrimEnd('/'), "--contentRoot", serverDir,
                "--data-dir", Path.Combine(Path.GetTempPath(), "ogp-bench", Guid.NewGuid().ToString("N")),
                "--store", "postgres", "--ConnectionStrings:Postgres", connectionString, "--cluster-id", clusterId,
                "--silo-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture), "--gateway-port", FreePorts.Next().ToString(CultureInfo.InvariantCulture),
                "--Ogp:AdvertisedIp", "127.0.0.1",
            }.Concat(seed ? ["--seed", "demo"] : []))
            {
                info.ArgumentList.Add(arg);
            }
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["OGP_ADMIN_PASSWORD"] = "Admin-Bench-Password-1!";
            info.Environment["OGP_DEMO_PASSWORD"] = DemoPassword;
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
            var writer = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
            process.OutputDataReceived += (_, e) => writer.WriteLine(e.Data);
            process.ErrorDataReceived += (_, e) => writer.WriteLine(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            while (DateTime.UtcNow < deadline)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"A server exited with code {process.ExitCode}; see {logPath}.");
                }
                try
                {
                    if ((await http.GetAsync(new Uri(Url, "health/ready"))).IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                await Task.Delay(250);
            }
            throw new TimeoutException($"A server was not ready within 3 minutes; see {logPath}.");
        }

        public void Dispose()
        {
            if (process is { HasExited: false })
            {
                process.Kill();
                process.WaitForExit();
            }
            process?.Dispose();
        }
    }
}
