using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OgpCoCreate.Common;
using OgpCoCreate.Http;
using OgpCoCreate.Identity;
using OgpCoCreate.Journal;
using OgpCoCreate.Security;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Plans;

public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans");
        group.MapGet("/{planId}", GetPlan).WithName("GetPlan");
        group.MapGet("/{planId}/history", GetHistory)
            .WithSummary("The plan's public journal; with includeCommitments=true, merged with its commitments' journals.");
        group.MapPost("/", Create).RequireSecretariat().WithSummary("Opens a plan cycle (secretariat).");
        group.MapPut("/{planId}", Update).RequireSecretariat()
            .WithSummary("Replaces country, title, period, axes and timeline. Send If-Match with the ETag you read: 412 if it changed.");
        group.MapPut("/{planId}/forum", SetForum).RequireSecretariat()
            .WithSummary("Replaces the forum's members and co-chairs (If-Match). Accounts named by userId must exist.");
        group.MapPost("/{planId}/transitions", Transition).RequireSecretariat()
            .WithSummary("Moves the plan along Preparation → CoCreation → Consultation → Validation → Adopted → Implementation → Closed (If-Match).");
        return group;
    }

    private static async Task<Results<Ok<PlanView>, StatusCodeHttpResult, ProblemHttpResult>> GetPlan(string planId, IGrainFactory grains, HttpContext context)
    {
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Get();
        if (plan is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        context.Response.Headers.ETag = ETags.For(plan.Version);
        return ETags.IsCurrent(context.Request, plan.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(plan);
    }

    private static async Task<Results<Ok<IReadOnlyList<JournalEntry>>, ProblemHttpResult>> GetHistory(
        string planId, IGrainFactory grains, JournalReader journal, long? after, int? limit, bool? includeCommitments, CancellationToken cancellationToken)
    {
        var page = JournalPage.From(after, limit);
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Get();
        if (plan is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        return TypedResults.Ok(await PlanHistory.ReadAsync(journal, plan, includeCommitments == true, page, cancellationToken));
    }

    private static async Task<Created<PlanView>> Create(CreatePlanRequest request, IGrainFactory grains, HttpContext context)
    {
        new Validation().Slug(request.Id, "id").ThrowIfInvalid();
        var plan = await grains.GetGrain<IActionPlanGrain>(request.Id!).Create(context.User.ToActor(), request.Definition());
        context.Response.Headers.ETag = ETags.For(plan.Version);
        return TypedResults.Created($"/api/plans/{plan.Id}", plan);
    }

    private static async Task<Ok<PlanView>> Update(string planId, PlanDefinition definition, IGrainFactory grains, HttpContext context)
    {
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).UpdateDefinition(context.User.ToActor(), definition, ETags.FromIfMatch(context.Request));
        context.Response.Headers.ETag = ETags.For(plan.Version);
        return TypedResults.Ok(plan);
    }

    /// <summary>
    /// Accounts given a seat must exist (400 otherwise). A seat holder gets the MsfMember role so that the
    /// API lets their forum actions through after their next sign-in; the role alone grants nothing on a
    /// plan whose forum does not list them, so it is not taken away when a seat is.
    /// </summary>
    private static async Task<Results<Ok<PlanView>, ProblemHttpResult>> SetForum(
        string planId, ForumRequest request, IGrainFactory grains, UserManager<OgpUser> users, HttpContext context)
    {
        var grain = grains.GetGrain<IActionPlanGrain>(planId);
        if (await grain.Get() is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        var members = request.Members;
        (await new Validation().RequireExistingAsync(users, members?.Select(m => m?.UserId).ToList(), "members", ".userId")).ThrowIfInvalid();
        var plan = await grain.SetForum(context.User.ToActor(), members!, ETags.FromIfMatch(context.Request));
        foreach (var userId in plan.Forum.Select(m => m.UserId).OfType<string>())
        {
            if (await users.FindByIdAsync(userId) is { } user && !await users.IsInRoleAsync(user, OgpRoles.MsfMember))
            {
                await users.AddToRoleAsync(user, OgpRoles.MsfMember);
            }
        }
        context.Response.Headers.ETag = ETags.For(plan.Version);
        return TypedResults.Ok(plan);
    }

    private static async Task<Ok<PlanView>> Transition(string planId, PlanTransitionRequest request, IGrainFactory grains, HttpContext context)
    {
        new Validation().Require(request.To is not null, "to", "Say which status the plan moves to.").ThrowIfInvalid();
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Transition(context.User.ToActor(), request.To!.Value, request.Reason, ETags.FromIfMatch(context.Request));
        context.Response.Headers.ETag = ETags.For(plan.Version);
        return TypedResults.Ok(plan);
    }
}
