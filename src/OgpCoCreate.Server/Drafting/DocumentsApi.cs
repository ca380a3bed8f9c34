using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Commitments;
using OgpCoCreate.Http;
using OgpCoCreate.Identity;

namespace OgpCoCreate.Drafting;

/// <summary>
/// Public reading of the live texts over plain HTTP: what anonymous visitors (who may not use the hub) and
/// scripts see. Editing stays on the hub (<c>/hubs/cocreate</c>, docs/realtime.md).
/// </summary>
public static partial class DocumentsApi
{
    /// <summary>The text of one live document at a durable version.</summary>
    public sealed record DocumentText(string DocumentId, long Version, string Text);

    public static RouteGroupBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/documents").WithTags("Documents");
        group.MapGet("/{commitmentId}/{field}", Get).WithName("GetDocument")
            .WithSummary("The current text and version of a commitment's live text (field: problem, statusQuo, description, contribution, ogpRelevance, ambition). Public.");
        return group;
    }

    private static async Task<Results<Ok<DocumentText>, ProblemHttpResult>> Get(string commitmentId, string field, IGrainFactory grains, HttpContext context)
    {
        // Checked before any grain is touched: a made-up id must not activate a grain.
        if (commitmentId.Length > 100 || !SlugPattern().IsMatch(commitmentId))
        {
            return Problems.NotFound($"There is no commitment '{commitmentId}'.");
        }
        if (!CommitmentTextFields.All.Contains(field, StringComparer.Ordinal))
        {
            return Problems.NotFound($"'{field}' is not a live text of a commitment: use one of {string.Join(", ", CommitmentTextFields.All)}.");
        }
        // Open does not check rights (reading is public); an unknown commitment is a DomainException → 404.
        var snapshot = await grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(commitmentId, field)).Open(context.User.ToActor());
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(new DocumentText(snapshot.DocumentId, snapshot.Version, snapshot.Text));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
