using OgpCoCreate.Drafting;
using OgpCoCreate.Traces;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>
/// The replay test: what ShareDB-style clients sent in the two real concurrent editing traces goes
/// through the real DocumentGrain (transform over the window since the base version, apply, log, acknowledge),
/// and the document ends with the trace's endContent.
/// </summary>
[Collection(InMemoryDraftingCollection.Name)]
public sealed class TraceReplayTests(InMemoryDraftingCluster fixture)
{
    public static TheoryData<string> Traces() => new(SharedTraces.ConcurrentTraceNames);

    [Theory]
    [MemberData(nameof(Traces))]
    public async Task Replaying_every_sharedb_submission_of_a_concurrent_trace_ends_with_its_endContent(string traceName)
    {
        var trace = TraceSubmissions.Load(traceName);
        var documentId = await fixture.World.NewDocumentAsync();
        var document = fixture.Grains.GetGrain<IDocumentGrain>(documentId);

        await TraceSubmissions.SubmitAsync(document, TestActors.Secretariat, trace, 0, trace.Submissions.Count);

        var opened = await document.Open(TestActors.Secretariat);
        Assert.Equal(trace.Submissions.Count, opened.Version);
        Assert.Equal(trace.EndContent, opened.Text);
    }

    [Fact]
    public async Task Replaying_a_trace_keeps_every_op_with_its_author_client_and_seq()
    {
        var trace = TraceSubmissions.Load("friendsforever");
        var documentId = await fixture.World.NewDocumentAsync();
        var document = fixture.Grains.GetGrain<IDocumentGrain>(documentId);

        await TraceSubmissions.SubmitAsync(document, fixture.World.LeadFocalPoint, trace, 0, 300);

        var ops = await document.GetOps(0, 1_000);
        Assert.Equal(Enumerable.Range(1, 300).Select(v => (long)v), ops.Select(o => o.Version));
        Assert.All(ops, o => Assert.Equal(fixture.World.LeadFocalPoint.UserId, o.AuthorId));
        var expectedClients = trace.Submissions.Take(300).Select(s => TraceSubmissions.ClientIdOf(s.Agent));
        Assert.Equal(expectedClients, ops.Select(o => o.ClientId));
        // Each agent's seqs count up from 1 without gaps.
        foreach (var agent in ops.GroupBy(o => o.ClientId))
        {
            Assert.Equal(Enumerable.Range(1, agent.Count()).Select(s => (long)s), agent.Select(o => o.Seq));
        }
    }
}
