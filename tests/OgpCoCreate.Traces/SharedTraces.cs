namespace OgpCoCreate.Traces;

/// <summary>
/// Finds the shared trace data: the <c>shared/traces</c> folder that sits next to the repository clone,
/// both on a developer machine and in CI, or the folder named by <see cref="EnvironmentVariable"/>.
/// Missing data is an error, not a skip: the tests that read it are the proof that the port agrees with
/// ot-text-unicode and that the sequencer converges.
/// </summary>
public static class SharedTraces
{
    /// <summary>Overrides the search, for unusual layouts.</summary>
    public const string EnvironmentVariable = "OGP_SHARED_TRACES";

    /// <summary>The sequential traces of README section 2, longest first.</summary>
    public static IReadOnlyList<string> SequentialTraceNames { get; } =
    [
        "automerge-paper.json.gz",
        "seph-blog1.json.gz",
        "clownschool_flat.json.gz",
        "friendsforever_flat.json.gz",
    ];

    /// <summary>The concurrent traces with derived ShareDB submissions (README section 4).</summary>
    public static IReadOnlyList<string> ConcurrentTraceNames { get; } = ["clownschool", "friendsforever"];

    private static readonly Lazy<string> LocatedFolder = new(Locate);

    public static string Folder => LocatedFolder.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Folder, .. parts]);

    /// <summary>The files of <paramref name="subfolder"/> matching <paramref name="pattern"/>, in ordinal order.</summary>
    public static string[] Files(string subfolder, string pattern)
    {
        var files = Directory.GetFiles(PathOf(subfolder), pattern);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>A path as given if the file exists, else a bare file name looked up in <c>sequential_traces</c>.</summary>
    public static string ResolveSequentialTrace(string file) =>
        File.Exists(file) ? file : PathOf("sequential_traces", file);

    /// <summary>A path as given if the file exists, else a trace name (<c>clownschool</c>) looked up in <c>derived</c>.</summary>
    public static string ResolveSubmissions(string traceOrFile) =>
        File.Exists(traceOrFile) ? traceOrFile : PathOf("derived", $"{traceOrFile}.sharedb-submissions.json.gz");

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"{EnvironmentVariable} is set to '{fromEnvironment}', which does not exist.");
        }

        // The binaries first (tests run from bin/), then the working directory (dotnet run from the clone).
        var searched = new List<string>();
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "traces");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }

                searched.Add(candidate);
            }
        }

        throw new DirectoryNotFoundException(
            "Could not find the shared trace data (a 'shared/traces' folder next to the repository clone). "
            + $"Set {EnvironmentVariable} to its path. Looked in: {string.Join(", ", searched.Distinct())}");
    }
}
