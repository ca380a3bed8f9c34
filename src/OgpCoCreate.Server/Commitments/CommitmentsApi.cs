using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Common;
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
        group.MapGet("/", List).WithSummary("A plan's commitments (default tn-nap5), filtered by axis, institution (lead or supporting), status, policy area.");
        group.MapGet("/{commitmentId}", Get).WithName("GetCommitment");
        group.MapGet("/{commitmentId}/history", History).WithSummary("The commitment's public journal.");
        group.MapPost("/", Create).RequireCommitmentEditor()
            .WithSummary("Creates a commitment in the OGP template (secretariat, or a focal point of the lead institution).");
        group.MapPut("/{commitmentId}", Update).RequireCommitmentEditor()
            .WithSummary("Replaces the structured fields. Send If-Match with the ETag you read: 412 if it changed meanwhile.");
        group.MapPost("/{commitmentId}/transitions", Transition).RequireCommitmentMover()
            .WithSummary("Moves the commitment along its lifecycle (If-Match); who may make which move is in docs/architecture.md.");
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

    private static async Task<Results<Ok<CommitmentView>, StatusCodeHttpResult, ProblemHttpResult>> Get(string commitmentId, IGrainFactory grains, HttpContext context)
    {
        var commitment = await grains.GetGrain<ICommitmentGrain>(commitmentId).Get();
        if (commitment is null)
        {
            return Problems.NotFound($"There is no commitment '{commitmentId}'.");
        }
        context.Response.Headers.ETag = ETags.For(commitment.Version);
        return ETags.IsCurrent(context.Request, commitment.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(commitment);
    }

    private static async Task<Created<CommitmentView>> Create(CreateCommitmentRequest request, IGrainFactory grains, HttpContext context)
    {
        var v = new Validation()
            .Slug(request.PlanId, "planId")
            .Require(request.Details is not null, "details", "This field is required.")
            .Slug(request.Id, "id", required: false);
        v.ThrowIfInvalid();
        var id = request.Id ?? CommitmentIds.For(request.PlanId!, request.Details!.Number);
        new Validation().Slug(id, "id").ThrowIfInvalid();
        var created = await grains.GetGrain<ICommitmentGrain>(id).Create(context.User.ToActor(), request.PlanId!, request.Details!);
        context.Response.Headers.ETag = ETags.For(created.Version);
        return TypedResults.Created($"/api/commitments/{created.Id}", created);
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
        new Validation().Require(request.To is not null, "to", "Say which status the commitment moves to.").ThrowIfInvalid();
        var updated = await grains.GetGrain<ICommitmentGrain>(commitmentId)
            .Transition(context.User.ToActor(), request.To!.Value, request.Reason, ETags.FromIfMatch(context.Request));
        context.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }

    private static async Task<Results<Ok<IReadOnlyList<JournalEntry>>, ProblemHttpResult>> History(
        string commitmentId, IGrainFactory grains, JournalReader journal, long? after, int? limit, CancellationToken cancellationToken)
    {
        var page = JournalPage.From(after, limit);
        if (await grains.GetGrain<ICommitmentGrain>(commitmentId).Get() is null)
        {
            return Problems.NotFound($"There is no commitment '{commitmentId}'.");
        }
        return TypedResults.Ok(await journal.ForGrainAsync("commitment", commitmentId, page.After, page.Limit, cancellationToken));
    }
}
