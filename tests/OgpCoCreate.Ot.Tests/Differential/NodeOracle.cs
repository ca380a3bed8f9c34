using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace OgpCoCreate.Ot.Tests.Differential;

/// <summary>
/// Runs <c>fuzz/oracle.mjs</c> (the real ot-text-unicode@4.0.0 under node) on a batch of JSON
/// lines. The fuzz folder is used in place in the test project's source directory, where
/// <c>npm ci</c> installs the locked package the first time.
/// </summary>
internal static class NodeOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static string FuzzFolder()
    {
        var fromBuild = typeof(NodeOracle).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "OtTestsSourceDirectory")?.Value;
        if (fromBuild is not null && File.Exists(Path.Combine(fromBuild, "fuzz", "oracle.mjs")))
        {
            return Path.Combine(fromBuild, "fuzz");
        }

        // The build path is stale (the tree moved): find the project folder above the test binaries.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OgpCoCreate.Ot.Tests.csproj")))
            {
                return Path.Combine(dir.FullName, "fuzz");
            }
        }

        throw new DirectoryNotFoundException(
            $"Could not find tests/OgpCoCreate.Ot.Tests/fuzz (looked at '{fromBuild}' and above '{AppContext.BaseDirectory}').");
    }

    /// <summary>Installs the locked npm packages if node_modules is missing.</summary>
    public static void EnsureInstalled(string fuzzFolder)
    {
        if (File.Exists(Path.Combine(fuzzFolder, "node_modules", "ot-text-unicode", "package.json")))
        {
            return;
        }

        var (exitCode, stdout, stderr) = Run("npm", ["ci", "--no-audit", "--no-fund"], fuzzFolder, input: null);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci' in {fuzzFolder} failed with exit code {exitCode}:{Environment.NewLine}{stdout}{Environment.NewLine}{stderr}");
        }
    }

    /// <summary>Feeds <paramref name="inputLines"/> to the oracle and returns its output lines.</summary>
    public static string[] Evaluate(string fuzzFolder, IReadOnlyList<string> inputLines)
    {
        var (exitCode, stdout, stderr) = Run("node", ["oracle.mjs"], fuzzFolder, string.Join('\n', inputLines) + "\n");
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"node oracle.mjs failed with exit code {exitCode}:{Environment.NewLine}{stderr}");
        }

        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string fileName, string[] arguments, string workingDirectory, string? input)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = utf8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run '{fileName}': is node/npm installed and on PATH? ({e.Message})", e);
        }

        using (process)
        {
            // Read both streams while writing stdin, so neither side blocks on a full pipe.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (input is not null)
            {
                process.StandardInput.Write(input);
            }

            process.StandardInput.Close();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {Timeout}.");
            }

            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }
}
