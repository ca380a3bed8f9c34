using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Journal;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Http;

/// <summary>The whole public journal, in order: the feed the OGP repository and exports follow.</summary>
public static class JournalApi
{
    public static RouteGroupBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/journal").WithTags("Journal");
        group.MapGet("/", Feed).WithSummary("Every journal entry after the given sequence number, oldest first.");
        return group;
    }

    private static async Task<Ok<IReadOnlyList<JournalEntry>>> Feed(JournalReader journal, long? after, int? limit, CancellationToken cancellationToken)
    {
        var page = JournalPage.From(after, limit);
        return TypedResults.Ok(await journal.AllAsync(page.After, page.Limit, cancellationToken));
    }
}
