using OgpCoCreate.Common;
using OgpCoCreate.Drafting;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>
/// Versions of a live text on the real store: any old version can be read back (nearest snapshot plus the
/// log), versions can be named, and restoring an old version is one new op that erases nobody's history.
/// </summary>
[Collection(StoreDraftingCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class VersionHistoryTests(StoreDraftingCluster fixture)
{
    private const int Replayed = 1_200;

    // Around the snapshots (500, 1000) and at both ends.
    private static readonly long[] OldVersions = [0, 1, 2, 250, 499, 500, 501, 777, 999, 1_000, 1_001, 1_199, Replayed];

    [Fact]
    public async Task The_text_at_any_old_version_is_the_replayed_text_at_that_version()
    {
        var trace = TraceSubmissions.Load("friendsforever");
        var expected = TraceSubmissions.ReferenceTexts(trace, OldVersions);
        var document = await ReplayedDocumentAsync(trace);

        foreach (var version in OldVersions)
        {
            var old = await document.GetTextAt(version);
            Assert.Equal(version, old.Version);
            Assert.True(expected[version] == old.Text, $"the text at version {version} differs from the replayed one");
        }
    }

    [Fact]
    public async Task A_version_that_does_not_exist_yet_cannot_be_read()
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>(await fixture.World.NewDocumentAsync());
        await document.Submit(TestActors.Secretariat, 0, Ot.TextOp.Insert(0, "abc"), "c1", 1);

        var error = await Assert.ThrowsAsync<DomainException>(() => document.GetTextAt(2));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains("Version 2 does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_version_is_listed_with_its_name_its_version_and_who_named_it()
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>(await fixture.World.NewDocumentAsync());
        await document.Submit(TestActors.Secretariat, 0, Ot.TextOp.Insert(0, "First draft."), "c1", 1);
        await document.NameVersion(fixture.World.LeadFocalPoint, "  submitted for consultation ");
        await document.Submit(TestActors.Secretariat, 1, Ot.TextOp.Insert(12, " Revised."), "c1", 2);
        await document.NameVersion(TestActors.MsfMember, "after consultation");

        var named = await document.GetNamedVersions();

        Assert.Collection(
            named,
            first =>
            {
                Assert.Equal(1, first.Version);
                Assert.Equal("submitted for consultation", first.Name);
                Assert.Equal(fixture.World.LeadFocalPoint.UserId, first.AuthorId);
            },
            second =>
            {
                Assert.Equal(2, second.Version);
                Assert.Equal("after consultation", second.Name);
                Assert.Equal(TestActors.MsfMember.UserId, second.AuthorId);
            });
        Assert.Equal("First draft.", (await document.GetTextAt(named[0].Version)).Text);
    }

    [Fact]
    public async Task Only_an_editor_can_name_a_version_and_an_empty_name_is_refused()
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>(await fixture.World.NewDocumentAsync());

        var forbidden = await Assert.ThrowsAsync<DomainException>(() => document.NameVersion(TestActors.Participant, "mine"));
        var empty = await Assert.ThrowsAsync<DomainException>(() => document.NameVersion(TestActors.Secretariat, "   "));

        Assert.Equal(DomainErrorKind.Forbidden, forbidden.Kind);
        Assert.Equal(DomainErrorKind.Invalid, empty.Kind);
        Assert.Contains("version name", empty.Message, StringComparison.Ordinal);
        Assert.Empty(await document.GetNamedVersions());
    }

    [Fact]
    public async Task Restoring_an_old_version_makes_the_text_what_it_was_as_one_new_op_and_keeps_the_history()
    {
        var trace = TraceSubmissions.Load("friendsforever");
        var document = await ReplayedDocumentAsync(trace);
        var oldText = (await document.GetTextAt(700)).Text;
        var latestText = (await document.Open(TestActors.Secretariat)).Text;
        Assert.NotEqual(oldText, latestText);

        var restored = await document.Restore(fixture.World.SupporterFocalPoint, 700);

        Assert.Equal(Replayed + 1, restored);
        var now = await document.Open(TestActors.Secretariat);
        Assert.Equal(Replayed + 1, now.Version);
        Assert.Equal(oldText, now.Text);
        // Nothing was erased: the version before the restore still reads as it was, and the restore is one op
        // by the person who restored.
        Assert.Equal(latestText, (await document.GetTextAt(Replayed)).Text);
        var ops = await document.GetOps(Replayed - 1, 10);
        Assert.Equal([Replayed, Replayed + 1], ops.Select(o => o.Version));
        Assert.Equal(fixture.World.SupporterFocalPoint.UserId, ops[^1].AuthorId);
    }

    [Fact]
    public async Task A_participant_cannot_restore_a_version()
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>(await fixture.World.NewDocumentAsync());
        await document.Submit(TestActors.Secretariat, 0, Ot.TextOp.Insert(0, "one"), "c1", 1);
        await document.Submit(TestActors.Secretariat, 1, Ot.TextOp.Insert(3, " two"), "c1", 2);

        var error = await Assert.ThrowsAsync<DomainException>(() => document.Restore(TestActors.Participant, 1));

        Assert.Equal(DomainErrorKind.Forbidden, error.Kind);
        var unchanged = await document.Open(TestActors.Secretariat);
        Assert.Equal((2, "one two"), (unchanged.Version, unchanged.Text));
    }

    private async Task<IDocumentGrain> ReplayedDocumentAsync(Traces.ShareDbSubmissions trace)
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>(await fixture.World.NewDocumentAsync());
        await TraceSubmissions.SubmitAsync(document, TestActors.Secretariat, trace, 0, Replayed);
        return document;
    }
}
