using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Http;
using OgpCoCreate.Identity;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Commitments;

public static class CommitmentsApi
{
    public static RouteGroupBuilder MapCommitmentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/commitments").WithTags("Commitments");
        group.MapGet("/", List);
        group.MapGet("/{commitmentId}", Get).WithName("GetCommitment");
        group.MapGet("/{commitmentId}/history", History);
        group.MapPut("/{commitmentId}", Update).RequireAuthorization();
        group.MapPost("/{commitmentId}/transitions", Transition).RequireAuthorization();
        return group;
    }

    /// <summary>The commitments of a plan, filtered by axis, institution (lead or supporting), status or policy area.</summary>
    private static async Task<Results<Ok<IReadOnlyList<CommitmentView>>, ProblemHttpResult>> List(
        IGrainFactory grains, string planId = "tn-nap5", string? axis = null, string? institution = null, CommitmentStatus? status = null, string? policyArea = null)
    {
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Get();
        if (plan is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        var all = await Task.WhenAll(plan.CommitmentIds.Select(id => grains.GetGrain<ICommitmentGrain>(id).Get()));
        IReadOnlyList<CommitmentView> result = [.. all.OfType<CommitmentView>()
            .Where(c => axis is null || c.Details.AxisId == axis)
            .Where(c => institution is null || c.Details.LeadInstitutionId == institution || c.Details.SupportingInstitutionIds.Contains(institution))
            .Where(c => status is null || c.Status == status)
            .Where(c => policyArea is null || c.Details.PolicyAreas.Contains(policyArea, StringComparer.OrdinalIgnoreCase))
            .OrderBy(c => c.Details.Number)];
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<CommitmentView>, ProblemHttpResult>> Get(string commitmentId, IGrainFactory grains, HttpContext context)
    {
        var commitment = await grains.GetGrain<ICommitmentGrain>(commitmentId).Get();
        if (commitment is null)
        {
            return Problems.NotFound($"There is no commitment '{commitmentId}'.");
        }
        context.Response.Headers.ETag = ETags.For(commitment.Version);
        return TypedResults.Ok(commitment);
    }

    /// <summary>Replaces the structured fields. Send <c>If-Match</c> with the ETag you read: 412 if it changed meanwhile.</summary>
    private static async Task<Ok<CommitmentView>> Update(string commitmentId, CommitmentDetails details, IGrainFactory grains, HttpContext context)
    {
        var updated = await grains.GetGrain<ICommitmentGrain>(commitmentId).UpdateDetails(context.User.ToActor(), details, ETags.FromIfMatch(context.Request));
        context.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }

    private static async Task<Ok<CommitmentView>> Transition(string commitmentId, TransitionRequest request, IGrainFactory grains, HttpContext context)
    {
        var updated = await grains.GetGrain<ICommitmentGrain>(commitmentId).Transition(context.User.ToActor(), request.To, request.Reason, ETags.FromIfMatch(context.Request));
        context.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }

    private static async Task<Ok<IReadOnlyList<JournalEntry>>> History(string commitmentId, JournalReader journal, long? after, int? limit) =>
        TypedResults.Ok(await journal.ForGrainAsync("commitment", commitmentId, after ?? 0, Math.Clamp(limit ?? 200, 1, 1000)));
}

public sealed record TransitionRequest(CommitmentStatus To, string? Reason);
