namespace OgpCoCreate.Bench;

internal static class Usage
{
    public static int Print()
    {
        Console.Error.WriteLine("""
            Usage: dotnet run -c Release --project bench/OgpCoCreate.Bench -- <command> [options]

            Commands:
              trace [--runs N] [--stringbuilder] <file>
                  B1: replay a sequential trace (.json.gz; a path, or a name in shared/traces/sequential_traces)
                  through CodePointBuffer, one TextOp per transaction. Prints one line:
                  trace <file name> edits=<n> ms=<milliseconds> ops_per_s=<rate> ok=<true|false>
                  --runs N         timed runs after one warm-up run; the median is printed (default 5)
                  --stringbuilder  baseline: StringBuilder.Remove/Insert per patch instead (one run, slow)
              trace-all [--runs N] [--stringbuilder]
                  B1 for the four sequential traces, one line each.
            """);
        return 2;
    }
}
