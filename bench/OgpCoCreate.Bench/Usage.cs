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
              b2 [--store memory,sqlite,postgres] [--docs 1,8] [--warmup N] [trace]
                  B2: the ShareDB submissions of a concurrent trace (clownschool, friendsforever or a path;
                  default both) through the real DocumentGrain in a silo hosted here, on the in-memory op log
                  and/or the SQLite store (default memory,sqlite; postgres: a fresh database on the server
                  of OGP_BENCH_POSTGRES, an admin connection string). Each document replays the trace in server order (each op sent when
                  the previous one is acknowledged); --docs copies of the trace run at once on as many documents.
                  One line per store, trace and document count:
                  b2 store=<s> trace=<t> docs=<n> ops=<n> ms=<ms> ops_per_s=<rate> p50_ms=<submit→ack> p99_ms=<…> ok=<final text == endContent>
              doc-size [--ops N] [--editors K] [--runs N] [--store sqlite|memory|postgres]
                  Cost per op on a 1 KB and a 100 KB document through the real grain on SQLite: N (2000)
                  single-character inserts/deletes at random positions, sequential (1 editor) and pipelined
                  (K editors, default 16, one op in flight each); the median of --runs (7), sizes alternating. Prints the ratio.
              b3 [--url http://127.0.0.1:5000] [--editors E] [--rate R] [--watchers W] [--seconds S] [--document id]
                  B3: live load over SignalR against a running server with the demo data (start it with
                  --seed demo): E editors typing R ops/s each, W watchers, for S seconds, on one document
                  (default tn-nap5-06/description). Prints submit → receipt by every other peer and divergence:
                  b3 editors=E watchers=W rate=R ops=<n> p50_ms=<…> p99_ms=<…> max_ms=<…> diverged=<n> …
            """);
        return 2;
    }
}
