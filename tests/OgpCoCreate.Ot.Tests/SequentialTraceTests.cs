using OgpCoCreate.Traces;

namespace OgpCoCreate.Ot.Tests;

/// <summary>
/// Replays the real editing traces (README sections 2 and 4) through <see cref="CodePointBuffer"/>,
/// one TextOp per transaction, and checks the final text.
/// </summary>
public sealed class SequentialTraceTests
{
    private static readonly string[] Files =
    [
        "sequential_traces/automerge-paper.json.gz",
        "sequential_traces/seph-blog1.json.gz",
        "sequential_traces/clownschool_flat.json.gz",
        "sequential_traces/friendsforever_flat.json.gz",
        "derived/clownschool.server-order.json.gz",
        "derived/friendsforever.server-order.json.gz",
    ];

    public static TheoryData<string> TraceFiles() => new(Files);

    [Theory]
    [MemberData(nameof(TraceFiles))]
    public void Replaying_a_sequential_trace_through_the_buffer_ends_with_endContent(string file)
    {
        var trace = SequentialTrace.Load(SharedTraces.PathOf(file.Split('/')));
        var buffer = new CodePointBuffer(trace.StartContent);
        var txns = 0;
        foreach (var patches in trace.Transactions)
        {
            buffer.Apply(TraceOps.ToOp(patches));
            txns++;
        }

        Assert.True(txns > 20_000, $"only {txns} txns read");
        Assert.Equal(CodePoints.Count(trace.EndContent), buffer.Length);
        Assert.Equal(trace.EndContent, buffer.ToString());
    }

    [Fact]
    public void Trace_files_are_all_present()
    {
        foreach (var file in Files)
        {
            var path = SharedTraces.PathOf(file.Split('/'));
            Assert.True(File.Exists(path), $"missing {path}");
        }
    }
}
