using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Http;
using OgpCoCreate.Journal;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Plans;

public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans");
        group.MapGet("/{planId}", GetPlan).WithName("GetPlan");
        group.MapGet("/{planId}/history", GetHistory);
        return group;
    }

    private static async Task<Results<Ok<PlanView>, ProblemHttpResult>> GetPlan(string planId, IGrainFactory grains, HttpContext context)
    {
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Get();
        if (plan is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        context.Response.Headers.ETag = ETags.For(plan.Version);
        return TypedResults.Ok(plan);
    }

    private static async Task<Ok<IReadOnlyList<JournalEntry>>> GetHistory(string planId, JournalReader journal, long? after, int? limit) =>
        TypedResults.Ok(await journal.ForGrainAsync("plan", planId, after ?? 0, Math.Clamp(limit ?? 200, 1, 1000)));
}
