using OgpCoCreate.Drafting;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>
/// The same trace replay on the product's real store (a SQLite file or a PostgreSQL database, per
/// OGP_TEST_STORE; group commit): what a document reloads after its activation is gone comes from its latest
/// snapshot plus the op log, and editing goes on from there as if nothing happened.
/// </summary>
[Collection(StoreDraftingCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class DurableReplayTests(StoreDraftingCluster fixture)
{
    // Three snapshots (every 500 ops) and 150 ops after the last one: a reload needs both.
    private const int Replayed = 1_650;
    private const int ReplayedAfterReload = 150;

    [Fact]
    public async Task A_document_reloaded_after_deactivation_has_its_text_back_from_the_snapshot_and_the_log_and_resubmissions_and_edits_go_on()
    {
        var trace = TraceSubmissions.Load("clownschool");
        var expected = TraceSubmissions.ReferenceTexts(trace, [Replayed, Replayed + ReplayedAfterReload]);
        var documentId = await fixture.World.NewDocumentAsync();
        var document = fixture.Grains.GetGrain<IDocumentGrain>(documentId);
        await TraceSubmissions.SubmitAsync(document, TestActors.Secretariat, trace, 0, Replayed);
        var before = await document.Open(TestActors.Secretariat);

        await fixture.Cluster.DeactivateAsync(document);
        Assert.False(fixture.Cluster.TryGetGrainContext(document.GetGrainId(), out _), "the activation should be gone");
        var reloaded = await document.Open(TestActors.Secretariat);

        Assert.Equal(expected[Replayed], before.Text);
        Assert.Equal(Replayed, reloaded.Version);
        Assert.Equal(before.Text, reloaded.Text);
        // A client that never got its answer resubmits after the reload: it gets the original version back.
        var last = trace.Submissions[Replayed - 1];
        var lastSeq = trace.Submissions.Take(Replayed).Count(s => s.Agent == last.Agent);
        Assert.Equal(Replayed, await document.Submit(TestActors.Secretariat, last.BaseRev, last.Op, TraceSubmissions.ClientIdOf(last.Agent), lastSeq));
        Assert.Equal(Replayed, (await document.Open(TestActors.Secretariat)).Version);
        // The next submissions were written against versions before the reload: the reloaded grain still has
        // the ops to transform them over.
        await TraceSubmissions.SubmitAsync(document, TestActors.Secretariat, trace, Replayed, ReplayedAfterReload);
        Assert.Equal(expected[Replayed + ReplayedAfterReload], (await document.Open(TestActors.Secretariat)).Text);
    }

    [Fact]
    public async Task The_store_holds_one_row_per_op_and_a_snapshot_every_500_ops_not_the_whole_text_per_op()
    {
        var trace = TraceSubmissions.Load("friendsforever");
        var documentId = await fixture.World.NewDocumentAsync();
        var document = fixture.Grains.GetGrain<IDocumentGrain>(documentId);

        await TraceSubmissions.SubmitAsync(document, TestActors.Secretariat, trace, 0, 1_100);

        Assert.Equal(1_100, await CountAsync("SELECT COUNT(*) FROM doc_ops WHERE document_id = @d", documentId));
        Assert.Equal(2, await CountAsync("SELECT COUNT(*) FROM doc_snapshots WHERE document_id = @d", documentId));
        Assert.Equal(1_000, await CountAsync("SELECT MAX(version) FROM doc_snapshots WHERE document_id = @d", documentId));
    }

    private Task<long> CountAsync(string sql, string documentId) => fixture.NumberAsync(sql, "@d", documentId);
}
