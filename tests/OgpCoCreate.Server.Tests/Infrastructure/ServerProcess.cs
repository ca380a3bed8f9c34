using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OgpCoCreate.Server.Tests.Infrastructure;

/// <summary>
/// The real server as a separate OS process on real Kestrel ports and a real SQLite file, exactly as a user
/// starts it. A separate process is what lets a test kill it with SIGKILL and start it again on the same data.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string AdminPassword = "Admin-Test-Password-1!";
    public const string DemoPassword = "Demo-Test-Password-1!";

    private readonly StringBuilder output = new();
    private readonly object outputLock = new();
    private readonly string[] extraArgs;
    private readonly Dictionary<string, string> environment;
    private Process? process;

    public ServerProcess(string? dataDir = null, bool seedDemo = true, IReadOnlyDictionary<string, string>? environment = null, params string[] extraArgs)
    {
        DataDir = dataDir ?? Path.Combine(Path.GetTempPath(), "ogp-tests", Guid.NewGuid().ToString("N"));
        SeedDemo = seedDemo;
        this.extraArgs = extraArgs;
        this.environment = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        HttpPort = FreePort();
        (SiloPort, GatewayPort) = NodePorts.GetOrAdd(Path.GetFullPath(DataDir), _ => (FreePort(), FreePort()));
    }

    /// <summary>
    /// A server started again on the same data folder is the same node restarted, as systemd or compose restart
    /// it: same silo and gateway endpoint. On PostgreSQL that is what lets the new incarnation supersede the
    /// killed one's membership row at once instead of waiting for it to be voted dead.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Silo, int Gateway)> NodePorts = new();

    public string DataDir { get; }
    public bool SeedDemo { get; }
    public int HttpPort { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");
    public int? ProcessId => process?.Id;

    /// <summary>The node's own PostgreSQL database when the test run chose that store (<see cref="TestStore"/>), else null: the SQLite file in <see cref="DataDir"/>.</summary>
    public string? PostgresConnectionString { get; private set; }

    public string Output
    {
        get
        {
            lock (outputLock)
            {
                return output.ToString();
            }
        }
    }

    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepoPaths.ServerProjectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.ServerDll);
        // A node whose arguments choose no store runs on the store of the test run (OGP_TEST_STORE).
        var storeArgs = TestStore.IsPostgres && !extraArgs.Contains("--store") ? await TestStore.PostgresArgumentsAsync(DataDir) : [];
        PostgresConnectionString = storeArgs.Length > 0 ? storeArgs[Array.IndexOf(storeArgs, "--ConnectionStrings:Postgres") + 1] : null;
        foreach (var arg in new[]
        {
            "--urls", $"http://127.0.0.1:{HttpPort}",
            "--contentRoot", RepoPaths.ServerProjectDir,
            "--data-dir", DataDir,
            "--silo-port", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Concat(SeedDemo ? ["--seed", "demo"] : []).Concat(storeArgs).Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        if (!environment.ContainsKey("OGP_ADMIN_PASSWORD"))
        {
            info.Environment["OGP_ADMIN_PASSWORD"] = AdminPassword;
        }
        info.Environment["OGP_DEMO_PASSWORD"] = DemoPassword;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__OgpCoCreate"] = "Information";
        foreach (var (key, value) in environment)
        {
            // An empty value removes the variable: the server then behaves as on a machine without it.
            if (value.Length == 0)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server process.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitReadyAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (outputLock)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                // HasExited can be true before the redirected output is fully read: the parameterless wait
                // also waits for the end of both streams, so Output holds everything the server said.
                process.WaitForExit();
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}:\n{Output}");
            }
            try
            {
                var response = await client.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
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
            await Task.Delay(200);
        }
        throw new TimeoutException($"The server was not ready within {timeout}:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed. What was acknowledged must already be on disk.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: a graceful stop, as a service manager or a rolling restart does it.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
