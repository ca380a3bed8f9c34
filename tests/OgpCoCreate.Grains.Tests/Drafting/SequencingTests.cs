using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>The sequencer's promises to clients: resubmission is harmless, concurrent ops converge by a fixed rule.</summary>
[Collection(InMemoryDraftingCollection.Name)]
public sealed class SequencingTests(InMemoryDraftingCluster fixture)
{
    [Fact]
    public async Task Resubmitting_the_same_client_and_seq_returns_the_original_version_and_changes_nothing()
    {
        var document = await NewDocumentWithTextAsync("abc");
        var first = await document.Submit(TestActors.Secretariat, 1, TextOp.Insert(3, "d"), "reconnecting", 1);
        await document.Submit(fixture.World.LeadFocalPoint, 2, TextOp.Insert(0, ">"), "someone-else", 1);

        // A client that lost the answer sends the same op again, still against its old base version.
        var again = await document.Submit(TestActors.Secretariat, 1, TextOp.Insert(3, "d"), "reconnecting", 1);

        Assert.Equal(2, first);
        Assert.Equal(first, again);
        var now = await document.Open(TestActors.Secretariat);
        Assert.Equal((3L, ">abcd"), (now.Version, now.Text));
        Assert.Equal(3, (await document.GetOps(0, 100)).Count);
    }

    [Fact]
    public async Task Resubmitting_an_older_seq_of_a_client_returns_the_version_that_op_got()
    {
        var document = await NewDocumentWithTextAsync("abc");
        var one = await document.Submit(TestActors.Secretariat, 1, TextOp.Insert(0, "1"), "typist", 1);
        var two = await document.Submit(TestActors.Secretariat, 2, TextOp.Insert(0, "2"), "typist", 2);

        var oneAgain = await document.Submit(TestActors.Secretariat, 1, TextOp.Insert(0, "1"), "typist", 1);

        Assert.Equal((2L, 3L), (one, two));
        Assert.Equal(one, oneAgain);
        Assert.Equal((3L, "21abc"), await VersionAndTextAsync(document));
    }

    [Fact]
    public async Task Of_two_inserts_at_the_same_place_from_the_same_base_the_later_one_lands_on_the_left()
    {
        var document = await NewDocumentWithTextAsync("abc");

        var first = await document.Submit(fixture.World.LeadFocalPoint, 1, TextOp.Insert(1, "X"), "alice", 1);
        var second = await document.Submit(fixture.World.SupporterFocalPoint, 1, TextOp.Insert(1, "Y"), "bob", 1);

        // The sequencer transforms the incoming op with it on the LEFT of what was accepted since its base.
        Assert.Equal((2L, 3L), (first, second));
        Assert.Equal((3L, "aYXbc"), await VersionAndTextAsync(document));
    }

    [Fact]
    public async Task Two_inserts_submitted_at_the_same_moment_converge_by_the_order_the_sequencer_gave_them()
    {
        for (var round = 0; round < 20; round++)
        {
            var document = await NewDocumentWithTextAsync("abc");

            var versions = await Task.WhenAll(
                document.Submit(fixture.World.LeadFocalPoint, 1, TextOp.Insert(1, "X"), "alice", 1),
                document.Submit(fixture.World.SupporterFocalPoint, 1, TextOp.Insert(1, "Y"), "bob", 1));

            // Whichever was sequenced second is on the left; both got distinct consecutive versions.
            Assert.Equal([2L, 3L], versions.Order());
            var expected = versions[0] < versions[1] ? "aYXbc" : "aXYbc";
            Assert.Equal((3L, expected), await VersionAndTextAsync(document));
            var ops = await document.GetOps(1, 10);
            Assert.Equal(expected, TextUnicode.Apply(TextUnicode.Apply("abc", ops[0].Op), ops[1].Op));
        }
    }

    [Fact]
    public async Task A_delete_concurrent_with_an_insert_inside_the_deleted_range_keeps_the_insert()
    {
        var document = await NewDocumentWithTextAsync("abcdef");

        await document.Submit(fixture.World.LeadFocalPoint, 1, TextOp.Delete(1, 4), "alice", 1);
        await document.Submit(fixture.World.SupporterFocalPoint, 1, TextOp.Insert(3, "X"), "bob", 1);

        Assert.Equal((3L, "aXf"), await VersionAndTextAsync(document));
    }

    [Fact]
    public async Task Ops_are_stored_with_the_deleted_text_so_history_can_be_read_back()
    {
        var document = await NewDocumentWithTextAsync("hello world");

        await document.Submit(TestActors.Secretariat, 1, TextOp.Delete(5, 6), "c", 1);

        var op = (await document.GetOps(1, 10)).Single().Op;
        Assert.Equal("""[5,{"d":" world"}]""", op.ToJson());
    }

    private async Task<IDocumentGrain> NewDocumentWithTextAsync(string text)
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>(await fixture.World.NewDocumentAsync());
        Assert.Equal(1, await document.Submit(TestActors.Secretariat, 0, TextOp.Insert(0, text), "setup", 1));
        return document;
    }

    private static async Task<(long, string)> VersionAndTextAsync(IDocumentGrain document)
    {
        var snapshot = await document.Open(TestActors.Secretariat);
        return (snapshot.Version, snapshot.Text);
    }
}
