using OgpCoCreate.Ot;

namespace OgpCoCreate.Traces;

/// <summary>
/// One op as a ShareDB-style client sent it (README section 4): written against server revision
/// <see cref="BaseRev"/> by <see cref="Agent"/>, which had at most this one op in flight.
/// </summary>
public sealed record ShareDbSubmission(int Agent, int BaseRev, TextOp Op, TracePatch[] Patches);

/// <summary>
/// A <c>derived/*.sharedb-submissions.json.gz</c> file: the submissions in server order. A sequencer that
/// transforms each op over the log since its base revision, incoming op on the left, ends with <see cref="EndContent"/>.
/// </summary>
public sealed record ShareDbSubmissions(string Name, string Source, string StartContent, string EndContent, int NumAgents, IReadOnlyList<ShareDbSubmission> Submissions)
{
    /// <summary>Reads a trace by name (<c>clownschool</c>, <c>friendsforever</c>) or by path; <see cref="Name"/> is the trace name.</summary>
    public static ShareDbSubmissions Load(string traceOrPath)
    {
        var path = SharedTraces.ResolveSubmissions(traceOrPath);
        using var document = GzipJson.ReadDocument(path);
        var root = document.RootElement;
        var submissions = new List<ShareDbSubmission>();
        foreach (var item in root.GetProperty("submissions").EnumerateArray())
        {
            submissions.Add(new ShareDbSubmission(
                item.GetProperty("agent").GetInt32(),
                item.GetProperty("baseRev").GetInt32(),
                TextOp.FromJson(item.GetProperty("op")),
                TracePatch.ListFromJson(item.GetProperty("patches"))));
        }

        var fileName = Path.GetFileName(path);
        var name = fileName.EndsWith(".sharedb-submissions.json.gz", StringComparison.Ordinal)
            ? fileName[..^".sharedb-submissions.json.gz".Length]
            : fileName;
        return new ShareDbSubmissions(
            name,
            root.TryGetProperty("source", out var source) ? source.ToString() : "",
            root.GetProperty("startContent").GetString()!,
            root.GetProperty("endContent").GetString()!,
            root.GetProperty("numAgents").GetInt32(),
            submissions);
    }
}
