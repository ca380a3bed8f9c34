using System.Text.Json;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using OgpCoCreate.Commitments;
using OgpCoCreate.Drafting;
using OgpCoCreate.Security;

namespace OgpCoCreate.Approvals;

public sealed record DiffPieceDto(string Kind, string Text);

/// <summary>One line of a text diff: unchanged, inserted, deleted, or modified (with word-level pieces on both sides).</summary>
public sealed record DiffLineDto(string Kind, string? Old, string? New, IReadOnlyList<DiffPieceDto>? OldPieces, IReadOnlyList<DiffPieceDto>? NewPieces);

public sealed record FieldDiffDto(string Field, long FromVersion, long ToVersion, bool Changed, IReadOnlyList<DiffLineDto> Lines);

public sealed record DetailChangeDto(string Field, JsonElement? Before, JsonElement? After);

/// <summary>What changed between the content an approval was given on and the content now.</summary>
public sealed record ContentDiffDto(string CommitmentId, string FromHash, string ToHash, DateTimeOffset FromSeenAt, IReadOnlyList<DetailChangeDto> Details, IReadOnlyList<FieldDiffDto> Texts);

/// <summary>Line and word diffs (DiffPlex) of the live texts between two versions, and the structured fields that changed.</summary>
public static class ContentDiff
{
    public static async Task<ContentDiffDto> BuildAsync(IGrainFactory grains, string commitmentId, ApprovedContent from, ApprovalView now, CommitmentView commitment)
    {
        var details = new List<DetailChangeDto>();
        using (var before = JsonDocument.Parse(from.DetailsJson))
        using (var after = JsonDocument.Parse(ContentHasher.CanonicalDetails(commitment.Details)))
        {
            var names = before.RootElement.EnumerateObject().Select(p => p.Name).Union(after.RootElement.EnumerateObject().Select(p => p.Name));
            foreach (var name in names.Order(StringComparer.Ordinal))
            {
                var hasOld = before.RootElement.TryGetProperty(name, out var oldValue);
                var hasNew = after.RootElement.TryGetProperty(name, out var newValue);
                if (hasOld != hasNew || (hasOld && !JsonElement.DeepEquals(oldValue, newValue)))
                {
                    details.Add(new DetailChangeDto(name, hasOld ? oldValue.Clone() : null, hasNew ? newValue.Clone() : null));
                }
            }
        }
        var texts = new List<FieldDiffDto>();
        foreach (var field in CommitmentTextFields.All)
        {
            var document = grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(commitmentId, field));
            var fromVersion = from.DocumentVersions.GetValueOrDefault(field);
            var toVersion = now.Content.DocumentVersions.GetValueOrDefault(field);
            if (fromVersion == toVersion)
            {
                texts.Add(new FieldDiffDto(field, fromVersion, toVersion, false, []));
                continue;
            }
            var oldText = (await document.GetTextAt(fromVersion)).Text;
            var newText = (await document.GetTextAt(toVersion)).Text;
            var lines = Lines(oldText, newText);
            texts.Add(new FieldDiffDto(field, fromVersion, toVersion, oldText != newText, lines));
        }
        return new ContentDiffDto(commitmentId, from.Hash, now.Content.Hash, from.FirstSeenAt, details, texts);
    }

    public static IReadOnlyList<DiffLineDto> Lines(string oldText, string newText)
    {
        var model = SideBySideDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false);
        var result = new List<DiffLineDto>();
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var old = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var @new = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            var oldType = old?.Type ?? ChangeType.Imaginary;
            var newType = @new?.Type ?? ChangeType.Imaginary;
            if (oldType == ChangeType.Unchanged && newType == ChangeType.Unchanged)
            {
                result.Add(new DiffLineDto("unchanged", old!.Text, @new!.Text, null, null));
            }
            else if (oldType == ChangeType.Modified || newType == ChangeType.Modified)
            {
                result.Add(new DiffLineDto("modified", old?.Text, @new?.Text, Pieces(old), Pieces(@new)));
            }
            else
            {
                if (oldType == ChangeType.Deleted)
                {
                    result.Add(new DiffLineDto("deleted", old!.Text, null, null, null));
                }
                if (newType == ChangeType.Inserted)
                {
                    result.Add(new DiffLineDto("inserted", null, @new!.Text, null, null));
                }
            }
        }
        return result;
    }

    private static IReadOnlyList<DiffPieceDto>? Pieces(DiffPiece? line) =>
        line?.SubPieces is { Count: > 0 } pieces
            ? [.. pieces.Where(p => p.Type != ChangeType.Imaginary && p.Text is not null).Select(p => new DiffPieceDto(p.Type switch
            {
                ChangeType.Inserted => "inserted",
                ChangeType.Deleted => "deleted",
                _ => "unchanged",
            }, p.Text))]
            : null;
}
