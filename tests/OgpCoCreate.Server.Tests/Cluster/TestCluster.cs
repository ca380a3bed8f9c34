using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>One server process of a test cluster: a co-hosted silo or a front-end (Orleans client).</summary>
public sealed class ClusterNode(string name, bool frontend, string connectionString, string clusterId, IReadOnlyList<string>? extraArgs = null, bool seed = false)
{
    /// <summary>Whether the next start adds the demo data (the first node of a cluster does; seeding is idempotent anyway).</summary>
    public bool Seed { get; set; } = seed;

    public string Name { get; } = name;

    public bool IsFrontend { get; } = frontend;

    public string ClusterId { get; } = clusterId;

    /// <summary>The current process (a restart is a new process on new ports, as a replaced pod would be).</summary>
    public ServerProcess? Process { get; private set; }

    public bool IsUp { get; private set; }

    /// <summary>Every process this node has been, for the failure messages.</summary>
    public List<ServerProcess> History { get; } = [];

    public ServerProcess Create()
    {
        string[] args =
        [
            "--store", "postgres",
            "--ConnectionStrings:Postgres", connectionString,
            "--cluster-id", ClusterId,
            "--Ogp:AdvertisedIp", "127.0.0.1",
            "--role", IsFrontend ? "frontend" : "silo",
            .. extraArgs ?? [],
        ];
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Warning",
        };
        Process = new ServerProcess(seedDemo: Seed, environment: environment, extraArgs: args);
        Seed = false;
        History.Add(Process);
        return Process;
    }

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var process = Create();
        await process.StartAsync(timeout ?? TimeSpan.FromSeconds(150));
        IsUp = true;
    }

    public async Task KillAsync()
    {
        IsUp = false;
        if (Process is not null)
        {
            await Process.KillAsync();
        }
    }

    public async Task StopAsync()
    {
        IsUp = false;
        if (Process is not null)
        {
            await Process.StopAsync();
        }
    }

    public override string ToString() => $"{Name} ({(IsFrontend ? "frontend" : "silo")}, {(IsUp ? Process?.BaseAddress.ToString() : "down")})";
}

/// <summary>
/// Several real server processes on loopback sharing one PostgreSQL database: co-hosted silos and front-ends,
/// started together (as compose or Kubernetes would), with the helpers the cluster tests share.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private TestCluster(string connectionString, string clusterId, List<ClusterNode> nodes)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        Nodes = nodes;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public List<ClusterNode> Nodes { get; }

    public IEnumerable<ClusterNode> Silos => Nodes.Where(n => !n.IsFrontend);

    public IReadOnlyList<ClusterNode> UpNodes => [.. Nodes.Where(n => n.IsUp)];

    public static async Task<TestCluster> StartAsync(string purpose, int silos, int frontends = 0, string? connectionString = null)
    {
        connectionString ??= await PostgresForTests.CreateDatabaseAsync(purpose);
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        var nodes = Enumerable.Range(1, silos).Select(i => new ClusterNode($"silo{i}", false, connectionString, clusterId, seed: i == 1))
            .Concat(Enumerable.Range(1, frontends).Select(i => new ClusterNode($"frontend{i}", true, connectionString, clusterId)))
            .ToList();
        var cluster = new TestCluster(connectionString, clusterId, nodes);
        try
        {
            // Silos together (concurrent migrations, seeding and key creation are part of what is tested), then the
            // front-ends, which wait for gateways anyway.
            await Task.WhenAll(cluster.Silos.Select(n => n.StartAsync()));
            await Task.WhenAll(nodes.Where(n => n.IsFrontend).Select(n => n.StartAsync()));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>
    /// Starts a cluster, runs <paramref name="scenario"/> on it (with a clock started before the cluster) and, when
    /// the scenario fails, writes the last lines of every node's output.
    /// </summary>
    public static async Task RunAsync(string purpose, int silos, int frontends, ITestOutputHelper output, Func<TestCluster, Stopwatch, Task> scenario)
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await StartAsync(purpose, silos, frontends);
        output.WriteLine($"cluster of {silos} silos + {frontends} front-end(s) ready in {clock.Elapsed.TotalSeconds:0.0} s");
        try
        {
            await scenario(cluster, clock);
        }
        catch (Exception)
        {
            output.WriteLine(cluster.Outputs());
            throw;
        }
    }

    public ClusterNode Node(string name) => Nodes.Single(n => n.Name == name);

    public async Task<string> TokenAsync(ClusterNode via, string email)
    {
        var password = email == "admin@ogp.local" ? ServerProcess.AdminPassword : ServerProcess.DemoPassword;
        using var client = via.Process!.CreateClient();
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<HttpClient> AdminClientAsync(ClusterNode via, string? token = null)
    {
        var client = via.Process!.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? await TokenAsync(via, "admin@ogp.local"));
        return client;
    }

    /// <summary>The cluster as <c>/api/cluster</c> on <paramref name="via"/> reports it.</summary>
    public async Task<ClusterView> ViewAsync(ClusterNode via, string adminToken)
    {
        using var client = await AdminClientAsync(via, adminToken);
        var json = await client.GetFromJsonAsync<JsonElement>("api/cluster");
        return new ClusterView(
            json.GetProperty("role").GetString()!,
            json.GetProperty("self").ValueKind == JsonValueKind.Null ? null : json.GetProperty("self").GetString(),
            [.. json.GetProperty("members").EnumerateArray().Select(m => new ClusterMemberView(m.GetProperty("silo").GetString()!, m.GetProperty("status").GetString()!))]);
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the view from <paramref name="via"/>.</summary>
    public async Task<ClusterView> WaitForViewAsync(ClusterNode via, string adminToken, Func<ClusterView, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        ClusterView? last = null;
        Exception? error = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await ViewAsync(via, adminToken);
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                error = e;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}; last view from {via.Name}: {last}{(error is null ? "" : $" (last error: {error.Message})")}");
    }

    /// <summary>The node whose silo holds the document's grain now, or null.</summary>
    public Task<ClusterNode?> DocumentHostAsync(string documentId, string adminToken) => GrainHostAsync("document", documentId, adminToken);

    /// <summary>The node whose silo holds the grain of that type and key now (e.g. <c>approval</c>, <c>consultation-round</c>), or null.</summary>
    public async Task<ClusterNode?> GrainHostAsync(string grainType, string key, string adminToken)
    {
        foreach (var via in UpNodes)
        {
            try
            {
                using var client = await AdminClientAsync(via, adminToken);
                var json = await client.GetFromJsonAsync<JsonElement>($"api/cluster/grain-host?type={Uri.EscapeDataString(grainType)}&id={Uri.EscapeDataString(key)}");
                var silo = json.GetProperty("silo").GetString();
                if (silo is null)
                {
                    return null;
                }
                // "127.0.0.1:port@generation"
                var port = int.Parse(silo.Split('@')[0].Split(':')[^1], CultureInfo.InvariantCulture);
                return Nodes.SingleOrDefault(n => n.IsUp && n.Process!.SiloPort == port);
            }
            catch (HttpRequestException)
            {
            }
        }
        return null;
    }

    /// <summary>The silo holding that grain now; fails when it is active nowhere or (which must never be) on a front-end.</summary>
    public async Task<ClusterNode> SiloHostingAsync(string grainType, string key, string adminToken)
    {
        var host = await GrainHostAsync(grainType, key, adminToken) ?? throw new InvalidOperationException($"The {grainType} grain '{key}' is active on no silo.");
        Assert.False(host.IsFrontend, "A front-end must never host a grain.");
        return host;
    }

    public string Outputs() =>
        string.Join("\n", Nodes.SelectMany(n => n.History.Select((p, i) => $"===== {n.Name} #{i + 1} ({p.BaseAddress}, silo port {p.SiloPort})\n{Tail(p.Output, 60)}")));

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            foreach (var process in node.History)
            {
                await process.DisposeAsync();
            }
        }
    }
}

public sealed record ClusterMemberView(string Silo, string Status)
{
    public int Port => int.Parse(Silo.Split('@')[0].Split(':')[^1], CultureInfo.InvariantCulture);
}

public sealed record ClusterView(string Role, string? Self, IReadOnlyList<ClusterMemberView> Members)
{
    public IEnumerable<ClusterMemberView> Active => Members.Where(m => m.Status == "Active");

    public override string ToString() => $"{Role}: " + string.Join(", ", Members.Select(m => $"{m.Silo}={m.Status}"));
}
