using System.Diagnostics;
using System.Globalization;
using OgpCoCreate.Bench.Hosting;
using OgpCoCreate.Bench.Measuring;
using OgpCoCreate.Drafting;
using OgpCoCreate.Traces;

namespace OgpCoCreate.Bench.Commands;

/// <summary>
/// B2: the concurrent traces' ShareDB submissions through the real DocumentGrain, in memory and on the
/// durable store. Within one document the submissions go one after another, each sent when the previous one
/// is acknowledged: their base revisions name the server order, and letting two agents race would let the
/// sequencer order them the other way, after which later base revisions would describe a different set of
/// ops and endContent would not be reached. Concurrency therefore comes from several copies of the trace on
/// as many documents at once, which is also what lets group commit put many documents' ops in one
/// transaction. Latency is submit → acknowledgement (durable) of each op.
/// </summary>
internal static class B2Command
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = BenchArgs.Parse(args, "--store", "--docs", "--warmup");
        if (parsed is null || parsed.Positional.Count > 1)
        {
            return Usage.Print();
        }
        var stores = parsed.List("--store", "memory", "sqlite");
        var docCounts = parsed.List("--docs", "1", "8").Select(d => int.Parse(d, CultureInfo.InvariantCulture)).ToList();
        var traces = (parsed.Positional.Count == 1 ? [parsed.Positional[0]] : SharedTraces.ConcurrentTraceNames)
            .Select(ShareDbSubmissions.Load).ToList();
        var warmup = parsed.Int("--warmup", 10_000);

        var allOk = true;
        foreach (var store in stores)
        {
            await using var silo = await BenchSilo.StartAsync(store);
            var world = await BenchWorld.CreateAsync(silo.Grains);
            // JIT and tiering: one partial replay first, not reported.
            await ReplayAsync(await world.NewDocumentAsync(), traces[0], Math.Min(warmup, traces[0].Submissions.Count), null);
            foreach (var trace in traces)
            {
                foreach (var docs in docCounts)
                {
                    allOk &= await RunOnceAsync(silo, world, trace, docs);
                }
            }
        }
        return allOk ? 0 : 1;
    }

    private static async Task<bool> RunOnceAsync(BenchSilo silo, BenchWorld world, ShareDbSubmissions trace, int docs)
    {
        var documents = new List<IDocumentGrain>();
        for (var i = 0; i < docs; i++)
        {
            documents.Add(await world.NewDocumentAsync());
        }
        var latencies = new Latencies();
        var (commitsBefore, appendsBefore) = (silo.SqlLog?.Commits ?? 0, silo.SqlLog?.Appends ?? 0);

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(documents.Select(d => ReplayAsync(d, trace, trace.Submissions.Count, latencies)));
        var milliseconds = Latencies.MillisecondsSince(started);

        var ok = true;
        foreach (var document in documents)
        {
            ok &= (await document.Open(BenchWorld.Editor)).Text == trace.EndContent;
        }
        var ops = (long)docs * trace.Submissions.Count;
        var commits = (silo.SqlLog?.Commits ?? 0) - commitsBefore;
        var appends = (silo.SqlLog?.Appends ?? 0) - appendsBefore;
        var groupCommit = silo.SqlLog is null ? "" : string.Create(CultureInfo.InvariantCulture, $" commits={commits} ops_per_commit={(commits > 0 ? (double)appends / commits : 0):F1}");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"b2 store={silo.Store} trace={trace.Name} docs={docs} ops={ops} ms={milliseconds:F0} ops_per_s={ops / (milliseconds / 1000):F0} p50_ms={latencies.Percentile(50):F3} p99_ms={latencies.Percentile(99):F3}{groupCommit} ok={(ok ? "true" : "false")}"));
        return ok;
    }

    /// <summary>
    /// Submits the first <paramref name="count"/> submissions in server order, each from its agent's client id
    /// (<c>agent-{n}</c>) with that agent's own seq, each after the previous one was acknowledged.
    /// </summary>
    private static async Task ReplayAsync(IDocumentGrain document, ShareDbSubmissions trace, int count, Latencies? latencies)
    {
        var seqs = new long[trace.NumAgents];
        var clientIds = Enumerable.Range(0, trace.NumAgents).Select(a => $"agent-{a}").ToArray();
        for (var i = 0; i < count; i++)
        {
            var submission = trace.Submissions[i];
            var started = Stopwatch.GetTimestamp();
            var version = await document.Submit(BenchWorld.Editor, submission.BaseRev, submission.Op, clientIds[submission.Agent], ++seqs[submission.Agent]);
            latencies?.Add(Latencies.MillisecondsSince(started));
            if (version != i + 1)
            {
                throw new InvalidOperationException($"Submission {i} of {trace.Name} got version {version}, expected {i + 1}.");
            }
        }
    }
}
