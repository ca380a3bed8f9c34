using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Http;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Institutions;

public static class InstitutionsApi
{
    public static RouteGroupBuilder MapInstitutionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/institutions").WithTags("Institutions");
        group.MapGet("/", List);
        group.MapGet("/{institutionId}", Get).WithName("GetInstitution");
        group.MapGet("/{institutionId}/history", History);
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<InstitutionView>>, ProblemHttpResult>> List(IGrainFactory grains, string planId = "tn-nap5")
    {
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Get();
        if (plan is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        var all = await Task.WhenAll(plan.InstitutionIds.Select(id => grains.GetGrain<IInstitutionGrain>(id).Get()));
        IReadOnlyList<InstitutionView> result = [.. all.OfType<InstitutionView>()];
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<InstitutionView>, ProblemHttpResult>> Get(string institutionId, IGrainFactory grains, HttpContext context)
    {
        var institution = await grains.GetGrain<IInstitutionGrain>(institutionId).Get();
        if (institution is null)
        {
            return Problems.NotFound($"There is no institution '{institutionId}'.");
        }
        context.Response.Headers.ETag = ETags.For(institution.Version);
        return TypedResults.Ok(institution);
    }

    private static async Task<Ok<IReadOnlyList<JournalEntry>>> History(string institutionId, JournalReader journal, long? after, int? limit) =>
        TypedResults.Ok(await journal.ForGrainAsync("institution", institutionId, after ?? 0, Math.Clamp(limit ?? 200, 1, 1000)));
}
