using System.Diagnostics;
using Npgsql;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// A PostgreSQL server of a test's own (initdb + pg_ctl in a temporary folder, on a free loopback port), for
/// the tests that stop, crash or start PostgreSQL late — which the shared server of the other tests must not
/// suffer. The binaries come from <c>OGP_TEST_PG_BIN</c> (set by ./test.sh) or Debian's
/// <c>/usr/lib/postgresql/*/bin</c>; as root the server runs as the <c>postgres</c> user (initdb refuses root).
/// </summary>
public sealed class PostgresInstance : IAsyncDisposable
{
    private readonly string binDir;
    private readonly string root;
    private readonly string dataDir;

    private PostgresInstance(string binDir, string root)
    {
        this.binDir = binDir;
        this.root = root;
        dataDir = Path.Combine(root, "data");
        Port = ServerProcess.FreePort();
    }

    public int Port { get; }

    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Timeout = 5 }.ConnectionString;

    public static async Task<PostgresInstance> CreateAsync()
    {
        var binDir = FindBinDir();
        var root = Path.Combine(Path.GetTempPath(), "ogp-tests", "pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var instance = new PostgresInstance(binDir, root);
        if (IsRoot)
        {
            await Run("chown", "postgres:postgres", root);
        }
        await instance.RunPg("initdb", "-D", instance.dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync");
        return instance;
    }

    public Task StartAsync() =>
        RunPg("pg_ctl", "-D", dataDir, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 -c max_connections=200", "start");

    /// <summary><c>immediate</c> is a crash (no checkpoint; recovery from the WAL at the next start), <c>fast</c> a clean stop.</summary>
    public Task StopAsync(string mode = "fast") => RunPg("pg_ctl", "-D", dataDir, "-m", mode, "-w", "-t", "60", "stop");

    public async Task CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
    }

    public string Log => File.Exists(Path.Combine(root, "server.log")) ? File.ReadAllText(Path.Combine(root, "server.log")) : "";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync("immediate");
        }
        catch (InvalidOperationException)
        {
            // Not running.
        }
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinDir()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("OGP_TEST_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL's server binaries (initdb, pg_ctl) are not installed: ./test.sh installs them (apt-get install postgresql), "
                + "or set OGP_TEST_PG_BIN to their folder.");
    }

    private Task RunPg(string tool, params string[] args)
    {
        var path = Path.Combine(binDir, tool);
        return IsRoot ? Run("runuser", ["-u", "postgres", "--", path, .. args]) : Run(path, args);
    }

    private static async Task Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
