using OgpCoCreate.Traces;

namespace OgpCoCreate.Ot.Tests;

/// <summary>
/// Replays what ShareDB-style clients sent in the two concurrent traces (README section 4) through
/// a minimal server sequencer: each op is transformed over the log since its base revision, with
/// the incoming op on the LEFT, then applied. The result must be the trace's endContent, and each
/// step must leave the same document as the precomputed server-order file.
/// </summary>
public sealed class ShareDbSubmissionReplayTests
{
    [Theory]
    [InlineData("clownschool")]
    [InlineData("friendsforever")]
    public void Sequencing_the_sharedb_submissions_reproduces_endContent(string trace)
    {
        var submissions = ShareDbSubmissions.Load(trace);
        var serverOrder = SequentialTrace.Load(SharedTraces.PathOf("derived", $"{trace}.server-order.json.gz"));

        var log = new List<TextOp>();
        var document = new CodePointBuffer(submissions.StartContent);
        var reference = new CodePointBuffer(serverOrder.StartContent);
        foreach (var submission in submissions.Submissions)
        {
            var op = submission.Op;
            Assert.InRange(submission.BaseRev, 0, log.Count);
            for (var rev = submission.BaseRev; rev < log.Count; rev++)
            {
                op = TextUnicode.Transform(op, log[rev], Side.Left);
            }

            document.Apply(op);
            reference.Apply(TraceOps.ToOp(serverOrder.Transactions[log.Count]));
            log.Add(op);

            // Comparing lengths every step and text now and then keeps the test fast but still
            // pins down where a divergence starts.
            Assert.Equal(reference.Length, document.Length);
            if (log.Count % 1000 == 0)
            {
                Assert.Equal(reference.ToString(), document.ToString());
            }
        }

        Assert.Equal(serverOrder.Transactions.Count, log.Count);
        Assert.Equal(submissions.EndContent, document.ToString());
        Assert.Equal(reference.ToString(), document.ToString());
    }

    [Fact]
    public void The_submission_files_carry_thousands_of_concurrent_ops()
    {
        var items = ShareDbSubmissions.Load("friendsforever").Submissions;
        var concurrent = items.Select((s, i) => i - s.BaseRev).Count(lag => lag > 0);
        Assert.True(items.Count > 20_000);
        Assert.True(concurrent > 1_000, $"only {concurrent} submissions had to be transformed");
    }
}
