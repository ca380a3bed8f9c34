using System.Globalization;
using OgpCoCreate.Commitments;
using OgpCoCreate.Consultations;
using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;

namespace OgpCoCreate.Grains.Tests.Consultations;

/// <summary>
/// An independent model of a text: every code point carries an identity (the original ones 0…n−1, inserted
/// ones fresh numbers), and ops are applied by this model's own interpreter. A passage is then simply the set
/// of identities it covered; after any edits, the transformed range must cover every one that survived and
/// no other original one, collapse to "removed" exactly when none survived, and read as the quote exactly
/// when nothing was inserted into it or deleted from it.
/// </summary>
internal sealed class IdentityText
{
    private readonly List<(string Text, long Id)> items;
    private long nextId;

    public IdentityText(string text)
    {
        items = [.. text.EnumerateRunes().Select((r, i) => (r.ToString(), (long)i))];
        nextId = items.Count;
        OriginalCount = items.Count;
    }

    public int OriginalCount { get; }

    public int Length => items.Count;

    public string Text => string.Concat(items.Select(i => i.Text));

    public IReadOnlyList<long> Ids => [.. items.Select(i => i.Id)];

    public string Slice(int start, int end) => string.Concat(items.Skip(start).Take(end - start).Select(i => i.Text));

    public void Apply(TextOp op)
    {
        var result = new List<(string, long)>();
        var at = 0;
        foreach (var c in op.Components)
        {
            switch (c.Kind)
            {
                case TextOpComponentKind.Skip:
                    result.AddRange(items.Skip(at).Take(c.Length));
                    at += c.Length;
                    break;
                case TextOpComponentKind.Insert:
                    result.AddRange(c.Text!.EnumerateRunes().Select(r => (r.ToString(), nextId++)));
                    break;
                case TextOpComponentKind.Delete:
                    at += c.Length;
                    break;
            }
        }
        result.AddRange(items.Skip(at));
        items.Clear();
        items.AddRange(result);
    }

    /// <summary>Checks the transformed range against the identities of the passage [start, end) of the original text.</summary>
    public void AssertRange(int start, int end, AnchorMath.Range range, string quote, string context)
    {
        var passage = Enumerable.Range(start, end - start).Select(i => (long)i).ToHashSet();
        var survivors = items.Select((item, index) => (item.Id, index)).Where(x => passage.Contains(x.Id)).ToList();
        if (range.Removed)
        {
            // Collapsed: the passage is gone (its text may only survive as the quote on the comment).
            Assert.True(survivors.Count == 0, $"{survivors.Count} code point(s) of the passage survive but it is reported removed. {context}");
            Assert.InRange(range.Start, 0, Length);
            return;
        }
        Assert.InRange(range.Start, 0, range.End - 1);
        Assert.InRange(range.End, range.Start + 1, Length);
        // Every surviving code point of the passage is inside the range …
        Assert.All(survivors, s => Assert.InRange(s.index, range.Start, range.End - 1));
        // … and nothing of the text around it: inside are only its own code points and text typed into it later.
        var inside = items.Skip(range.Start).Take(range.End - range.Start).ToList();
        Assert.All(inside, i => Assert.True(i.Id >= OriginalCount || passage.Contains(i.Id), $"Original code point {i.Id} outside the passage was pulled into it. {context}"));
        // Nothing deleted from it and nothing typed into it: it reads exactly as quoted.
        if (survivors.Count == passage.Count && inside.All(i => passage.Contains(i.Id)))
        {
            Assert.Equal(quote, Slice(range.Start, range.End));
        }
    }
}

/// <summary>Random texts (with emoji and Arabic, so code points and UTF-16 differ) and random valid ops.</summary>
internal sealed class RandomOps(int seed)
{
    private static readonly string[] Pieces = ["a", "b", "ab ", "the ", "budget ", "😀", "🇹🇳", "مرحبا ", "ة", "é", "\n", " "];

    private readonly Random random = new(seed);

    public int Next(int max) => random.Next(max);

    public string Text(int minPieces, int maxPieces) =>
        string.Concat(Enumerable.Range(0, random.Next(minPieces, maxPieces + 1)).Select(_ => Pieces[random.Next(Pieces.Length)]));

    /// <summary>A valid op on a text of <paramref name="length"/> code points: skips, inserts and deletes at random spots.</summary>
    public TextOp Op(int length)
    {
        var builder = new TextOpBuilder();
        var position = 0;
        for (var step = 0; step < 1 + random.Next(4); step++)
        {
            var skip = random.Next(Math.Min(length - position, 12) + 1);
            builder.Skip(skip);
            position += skip;
            if (random.Next(3) != 0)
            {
                builder.Insert(Text(1, 3));
            }
            var remaining = length - position;
            if (remaining > 0 && random.Next(2) == 0)
            {
                var count = 1 + random.Next(Math.Min(remaining, random.Next(4) == 0 ? 40 : 6));
                builder.Delete(count);
                position += count;
            }
        }
        var op = builder.Build();
        return op.IsNoop ? TextOp.Insert(random.Next(length + 1), Text(1, 2)) : op;
    }
}

/// <summary>Property tests of <see cref="AnchorMath"/> against the identity model, on many random edit histories.</summary>
public sealed class AnchorMathTests
{
    /// <summary>300 random histories of 30 ops each; a failure names its seed and op.</summary>
    [Fact]
    public void A_transformed_passage_covers_exactly_its_surviving_text_or_is_reported_removed()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            CheckHistory(seed);
        }
    }

    private static void CheckHistory(int seed)
    {
        var random = new RandomOps(seed);
        var original = random.Text(8, 40);
        var model = new IdentityText(original);
        if (model.Length < 2)
        {
            return;
        }
        var start = random.Next(model.Length - 1);
        var end = start + 1 + random.Next(Math.Min(model.Length - start, 15));
        var quote = model.Slice(start, end);
        var range = AnchorMath.Range.Of(start, end);
        var text = original;
        for (var i = 0; i < 30; i++)
        {
            var op = random.Op(model.Length);
            text = TextUnicode.Apply(text, op);
            model.Apply(op);
            Assert.Equal(text, model.Text);
            range = AnchorMath.Transform(range, op);
            model.AssertRange(start, end, range, quote, $"seed {seed}, op {i}: {op.ToJson()}");
        }
    }

    [Fact]
    public void Text_inserted_at_either_edge_stays_outside_the_passage()
    {
        var range = AnchorMath.Range.Of(4, 8);
        Assert.Equal(AnchorMath.Range.Of(7, 11), AnchorMath.Transform(range, TextOp.Insert(4, "abc")));
        Assert.Equal(AnchorMath.Range.Of(4, 8), AnchorMath.Transform(range, TextOp.Insert(8, "abc")));
        Assert.Equal(AnchorMath.Range.Of(4, 11), AnchorMath.Transform(range, TextOp.Insert(5, "abc")));
        Assert.True(AnchorMath.Transform(range, TextOp.Splice(4, 4, "new")).Removed);
        Assert.True(AnchorMath.Transform(range, TextOp.Delete(2, 8)).Removed);
        Assert.Equal(AnchorMath.Range.Of(2, 4), AnchorMath.Transform(range, TextOp.Delete(2, 4)));
    }
}

/// <summary>
/// The same property through the real grains: several editors submit random ops concurrently against stale
/// versions (the sequencer transforms them), comments are anchored along the way, and the positions the round
/// reports must match the identity model replayed over the ops the document accepted.
/// </summary>
[Collection(ConsultationCollection.Name)]
public sealed class AnchorStabilityGrainTests(ConsultationCluster cluster)
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task Anchors_stay_on_their_text_under_random_concurrent_edits(int seed)
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var round = await w.OpenRoundAsync();
        var doc = w.Document(1, CommitmentTextFields.Problem);
        var editors = new[] { w.World.As(Role.LeadFocalPoint), w.World.As(Role.SupporterFocalPoint), TestActors.Secretariat };
        var random = new RandomOps(seed);
        var commenter = ConsultationWorld.NewParticipant();
        var anchors = new List<(string ContributionId, TextAnchor Anchor)>();

        for (var batch = 0; batch < 6; batch++)
        {
            // Anchor a comment on a random passage of the current text.
            var snapshot = await doc.Open(TestActors.Secretariat);
            var model = new IdentityText(snapshot.Text);
            if (model.Length > 2)
            {
                var start = random.Next(model.Length - 1);
                var end = start + 1 + random.Next(Math.Min(model.Length - start, 12));
                var anchor = new TextAnchor(snapshot.DocumentId, snapshot.Version, start, end, model.Slice(start, end));
                var posted = await round.Contribute(commenter, w.Comment($"Comment {batch}", anchor));
                anchors.Add((posted.Id, anchor));
            }
            // Three editors, each with a copy as of the same version, submit ops concurrently.
            var texts = editors.Select(_ => snapshot.Text).ToArray();
            var ops = editors.Select((_, e) => random.Op(new IdentityText(texts[e]).Length)).ToArray();
            await Task.WhenAll(editors.Select((editor, e) =>
                doc.Submit(editor, snapshot.Version, ops[e], $"editor-{seed}-{e}", batch + 1)));
        }

        var contributions = (await round.Get(TestActors.Secretariat))!.Contributions.ToDictionary(c => c.Id);
        foreach (var (id, anchor) in anchors)
        {
            // Replay what the document accepted after the anchor's version on a fresh identity model.
            var before = await doc.GetTextAt(anchor.Version);
            var model = new IdentityText(before.Text);
            foreach (var op in await doc.GetOps(anchor.Version, 10_000))
            {
                model.Apply(op.Op);
            }
            var position = contributions[id].Position!;
            var range = new AnchorMath.Range(position.Start, position.End, position.State == AnchorState.Removed);
            model.AssertRange(anchor.Start, anchor.End, range, anchor.Quote, $"seed {seed}, comment {id} at v{anchor.Version.ToString(CultureInfo.InvariantCulture)}");
            Assert.Equal(model.Text, (await doc.Open(TestActors.Secretariat)).Text);
            Assert.Equal(position.State == AnchorState.Intact, !range.Removed && model.Slice(range.Start, range.End) == anchor.Quote);
        }
    }
}
