using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Identity;
using OgpCoCreate.Journal;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Http;

/// <summary>
/// The whole journal of every grain, in order, as stored: the administrators' audit feed. It names actors by
/// account id and holds what the public views leave out (inboxes, supporters, reporters, moderation), so it
/// is not public: the public follows <c>/api/public/plans/{planId}/journal</c>, filtered by <c>PublicJournal</c>.
/// </summary>
public static class JournalApi
{
    public static RouteGroupBuilder MapJournalApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/journal").WithTags("Journal").RequireAuthorization(IdentityHosting.AdminPolicy);
        group.MapGet("/", Feed)
            .WithSummary("Every journal entry after the given sequence number, oldest first (administrators' audit feed).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    private static async Task<Ok<IReadOnlyList<JournalEntry>>> Feed(JournalReader journal, long? after, int? limit, CancellationToken cancellationToken)
    {
        var page = JournalPage.From(after, limit);
        return TypedResults.Ok(await journal.AllAsync(page.After, page.Limit, cancellationToken));
    }
}
