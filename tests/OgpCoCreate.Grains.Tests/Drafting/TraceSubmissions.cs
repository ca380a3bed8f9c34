using System.Collections.Concurrent;
using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;
using OgpCoCreate.Security;
using OgpCoCreate.Traces;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>The shared concurrent traces' ShareDB submissions, replayed through a real document grain.</summary>
internal static class TraceSubmissions
{
    private static readonly ConcurrentDictionary<string, ShareDbSubmissions> Loaded = new(StringComparer.Ordinal);

    /// <summary>Parsed once per test run: several tests replay the same trace.</summary>
    public static ShareDbSubmissions Load(string trace) => Loaded.GetOrAdd(trace, ShareDbSubmissions.Load);

    public static string ClientIdOf(int agent) => $"agent-{agent}";

    /// <summary>
    /// Submits <paramref name="count"/> submissions from <paramref name="from"/> on, one after another as the
    /// trace's server order requires, each from its agent's client id with that agent's own increasing seq.
    /// The document must have started empty, so a trace revision is a document version.
    /// </summary>
    public static async Task SubmitAsync(IDocumentGrain document, Actor actor, ShareDbSubmissions trace, int from, int count)
    {
        // Seqs continue where an earlier call stopped: count each agent's submissions before `from`.
        var seqs = new Dictionary<int, long>();
        foreach (var earlier in trace.Submissions.Take(from))
        {
            seqs[earlier.Agent] = seqs.GetValueOrDefault(earlier.Agent) + 1;
        }
        for (var i = from; i < from + count; i++)
        {
            var submission = trace.Submissions[i];
            var seq = seqs.GetValueOrDefault(submission.Agent) + 1;
            seqs[submission.Agent] = seq;
            var version = await document.Submit(actor, submission.BaseRev, submission.Op, ClientIdOf(submission.Agent), seq);
            if (version != i + 1)
            {
                throw new InvalidOperationException($"Submission {i} got version {version}, expected {i + 1}.");
            }
        }
    }

    /// <summary>
    /// The texts a correct sequencer holds at <paramref name="versions"/>, computed without any grain: each op
    /// transformed over the log since its base revision (incoming op on the left), then applied.
    /// </summary>
    public static IReadOnlyDictionary<long, string> ReferenceTexts(ShareDbSubmissions trace, IReadOnlyCollection<long> versions)
    {
        var wanted = versions.ToHashSet();
        var texts = new Dictionary<long, string>();
        var log = new List<TextOp>();
        var document = new CodePointBuffer(trace.StartContent);
        if (wanted.Contains(0))
        {
            texts[0] = document.ToString();
        }
        var last = versions.Max();
        foreach (var submission in trace.Submissions.Take((int)last))
        {
            var op = submission.Op;
            for (var rev = submission.BaseRev; rev < log.Count; rev++)
            {
                op = TextUnicode.Transform(op, log[rev], Side.Left);
            }
            document.Apply(op);
            log.Add(op);
            if (wanted.Contains(log.Count))
            {
                texts[log.Count] = document.ToString();
            }
        }
        return texts;
    }
}
