namespace OgpCoCreate.Server.Tests.Infrastructure;

/// <summary>Finds the repository and the server build that sits beside the tests' own build.</summary>
public static class RepoPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ServerProjectDir => Path.Combine(RepoRoot, "src", "OgpCoCreate.Server");

    /// <summary>The server built with the same configuration as the tests (the project reference builds it).</summary>
    public static string ServerDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            var dll = Path.Combine(ServerProjectDir, "bin", configuration, "net10.0", "OgpCoCreate.Server.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the server first: {dll} is missing.");
        }
    }

    public static string TestOutputDir
    {
        get
        {
            var dir = Path.Combine(RepoRoot, "artifacts", "test-output");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OgpCoCreate.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Could not find OgpCoCreate.sln above the test binaries.");
    }
}
