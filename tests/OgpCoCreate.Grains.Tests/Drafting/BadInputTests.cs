using OgpCoCreate.Common;
using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;
using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>
/// Every refusal is a <see cref="DomainException"/> whose message names what is wrong, and the document
/// (version, text, log) is exactly as it was. The document holds "abc" at version 1 when each case runs.
/// </summary>
[Collection(InMemoryDraftingCollection.Name)]
public sealed class BadInputTests(InMemoryDraftingCluster fixture)
{
    private const string Text = "abc";

    /// <summary>One bad submission: who sends what, and what the refusal must say.</summary>
    public sealed record BadSubmission(
        Func<DraftingWorld, Actor> Actor,
        long BaseVersion,
        Func<TextOp> Op,
        string ClientId,
        long Seq,
        DomainErrorKind Kind,
        string MessageNames);

    private static readonly Dictionary<string, BadSubmission> Cases = new(StringComparer.Ordinal)
    {
        ["a skip past the end"] = new(_ => TestActors.Secretariat, 1, () => TextOp.Parse("""[10,"x"]"""), "c", 1,
            DomainErrorKind.Invalid, "has only 3 code points"),
        ["a delete past the end"] = new(_ => TestActors.Secretariat, 1, () => TextOp.Parse("""[1,{"d":5}]"""), "c", 1,
            DomainErrorKind.Invalid, "does not fit the document"),
        ["a delete of text that is not there"] = new(_ => TestActors.Secretariat, 1, () => TextOp.Parse("""[{"d":"xy"}]"""), "c", 1,
            DomainErrorKind.Invalid, "deletes \"xy\""),
        ["a base version from the future"] = new(_ => TestActors.Secretariat, 7, () => TextOp.Insert(0, "x"), "c", 1,
            DomainErrorKind.Invalid, "baseVersion 7 is not a version of this document (it is at version 1)"),
        ["a negative base version"] = new(_ => TestActors.Secretariat, -1, () => TextOp.Insert(0, "x"), "c", 1,
            DomainErrorKind.Invalid, "baseVersion -1 is not a version"),
        ["a participant, who has no edit rights"] = new(_ => TestActors.Participant, 1, () => TextOp.Insert(0, "x"), "c", 1,
            DomainErrorKind.Forbidden, "Only the secretariat, forum members and the focal points"),
        ["a focal point of an institution not on the commitment"] = new(w => w.OtherFocalPoint, 1, () => TextOp.Insert(0, "x"), "c", 1,
            DomainErrorKind.Forbidden, "Only the secretariat, forum members and the focal points"),
        ["an insert over the op size limit"] = new(_ => TestActors.Secretariat, 1, () => TextOp.Insert(0, new string('x', DocumentLimits.MaxInsertCodePoints + 1)), "c", 1,
            DomainErrorKind.Invalid, $"at most {DocumentLimits.MaxInsertCodePoints} characters"),
        ["an op with too many components"] = new(_ => TestActors.Secretariat, 1, ManyComponents, "c", 1,
            DomainErrorKind.Invalid, $"at most {DocumentLimits.MaxOpComponents} components"),
        ["an empty client id"] = new(_ => TestActors.Secretariat, 1, () => TextOp.Insert(0, "x"), "", 1,
            DomainErrorKind.Invalid, "clientId must be"),
        ["a blank client id"] = new(_ => TestActors.Secretariat, 1, () => TextOp.Insert(0, "x"), "   ", 1,
            DomainErrorKind.Invalid, "clientId must be"),
        ["a client id over the length limit"] = new(_ => TestActors.Secretariat, 1, () => TextOp.Insert(0, "x"), new string('c', DocumentLimits.MaxClientIdLength + 1), 1,
            DomainErrorKind.Invalid, "clientId must be"),
        ["a negative seq"] = new(_ => TestActors.Secretariat, 1, () => TextOp.Insert(0, "x"), "c", -1,
            DomainErrorKind.Invalid, "seq must be"),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_bad_submission_is_refused_with_a_message_naming_the_problem_and_changes_nothing(string name)
    {
        var bad = Cases[name];
        var document = await NewDocumentWithTextAsync();

        var error = await Assert.ThrowsAsync<DomainException>(
            () => document.Submit(bad.Actor(fixture.World), bad.BaseVersion, bad.Op(), bad.ClientId, bad.Seq));

        Assert.Equal(bad.Kind, error.Kind);
        Assert.Contains(bad.MessageNames, error.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(document);
    }

    [Fact]
    public async Task A_document_id_with_an_unknown_field_is_not_a_document()
    {
        var commitmentId = await fixture.World.NewCommitmentAsync();
        var document = fixture.Grains.GetGrain<IDocumentGrain>($"{commitmentId}/nosuchfield");

        var error = await Assert.ThrowsAsync<DomainException>(() => document.Submit(TestActors.Secretariat, 0, TextOp.Insert(0, "x"), "c", 1));

        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
        Assert.Contains($"'{commitmentId}/nosuchfield' is not a document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_of_a_commitment_that_does_not_exist_cannot_be_opened_or_edited()
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>("no-such-commitment/problem");

        var submit = await Assert.ThrowsAsync<DomainException>(() => document.Submit(TestActors.Secretariat, 0, TextOp.Insert(0, "x"), "c", 1));
        var open = await Assert.ThrowsAsync<DomainException>(() => document.Open(TestActors.Secretariat));
        var ops = await Assert.ThrowsAsync<DomainException>(() => document.GetOps(0, 10));

        Assert.All([submit, open, ops], e => Assert.Equal(DomainErrorKind.NotFound, e.Kind));
        Assert.All([submit, open, ops], e => Assert.Contains("There is no commitment 'no-such-commitment'", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_text_that_would_grow_over_the_document_limit_is_refused_and_stays_as_it_was()
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>(await fixture.World.NewDocumentAsync());
        var chunk = new string('x', DocumentLimits.MaxInsertCodePoints);
        var version = 0L;
        while ((version + 1) * DocumentLimits.MaxInsertCodePoints <= DocumentLimits.MaxDocumentCodePoints)
        {
            version = await document.Submit(TestActors.Secretariat, version, TextOp.Insert(0, chunk), "filler", version + 1);
        }

        var error = await Assert.ThrowsAsync<DomainException>(() => document.Submit(TestActors.Secretariat, version, TextOp.Insert(0, "one more"), "c", 1));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Contains($"longer than {DocumentLimits.MaxDocumentCodePoints} characters", error.Message, StringComparison.Ordinal);
        var now = await document.Open(TestActors.Secretariat);
        Assert.Equal((version, DocumentLimits.MaxDocumentCodePoints), (now.Version, now.Text.Length));
    }

    [Fact]
    public async Task After_a_refusal_the_same_client_can_go_on_with_a_good_op()
    {
        var document = await NewDocumentWithTextAsync();
        await Assert.ThrowsAsync<DomainException>(() => document.Submit(TestActors.Secretariat, 1, TextOp.Parse("""[10,"x"]"""), "c", 1));

        var version = await document.Submit(TestActors.Secretariat, 1, TextOp.Insert(3, "d"), "c", 1);

        Assert.Equal(2, version);
        Assert.Equal("abcd", (await document.Open(TestActors.Secretariat)).Text);
    }

    [Fact]
    public async Task Reading_the_ops_or_the_text_of_a_version_that_does_not_exist_is_refused()
    {
        var document = await NewDocumentWithTextAsync();

        var future = await Assert.ThrowsAsync<DomainException>(() => document.GetOps(5, 10));
        var negative = await Assert.ThrowsAsync<DomainException>(() => document.GetTextAt(-1));

        Assert.Contains("fromVersion 5 is not a version of this document", future.Message, StringComparison.Ordinal);
        Assert.Contains("Version -1 does not exist", negative.Message, StringComparison.Ordinal);
        await AssertUnchangedAsync(document);
    }

    private static TextOp ManyComponents()
    {
        // skip 1, insert, skip 1, insert … : every component counts.
        var components = new List<TextOpComponent>();
        for (var i = 0; i <= DocumentLimits.MaxOpComponents / 2; i++)
        {
            components.Add(TextOpComponent.Insert("x"));
            components.Add(TextOpComponent.Skip(1));
        }
        return TextOp.FromComponents(components);
    }

    private async Task<IDocumentGrain> NewDocumentWithTextAsync()
    {
        var document = fixture.Grains.GetGrain<IDocumentGrain>(await fixture.World.NewDocumentAsync());
        Assert.Equal(1, await document.Submit(TestActors.Secretariat, 0, TextOp.Insert(0, Text), "setup", 1));
        return document;
    }

    private static async Task AssertUnchangedAsync(IDocumentGrain document)
    {
        var now = await document.Open(TestActors.Secretariat);
        Assert.Equal((1L, Text), (now.Version, now.Text));
        Assert.Single(await document.GetOps(0, 10));
    }
}
