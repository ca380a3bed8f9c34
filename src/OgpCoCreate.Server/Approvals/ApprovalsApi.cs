using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Http;
using OgpCoCreate.Identity;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Approvals;

public sealed record ApproveRequest(string? Slot, string? ContentHash, string? Comment);

public sealed record RequestChangesRequest(string? Slot, string? Reason, string? ContentHash);

public sealed record WithdrawRequest(string? Slot, string? Comment);

public sealed record ResolveTaskRequest(string? Note);

public sealed record DelegateRequest(string? ToUserId, DateTimeOffset? Start, DateTimeOffset? End, string? Note);

public sealed record AdoptRequest(string? Comment);

public sealed record MarkReadRequest(IReadOnlyList<string>? Ids);

public sealed record MyApprovals(string UserId, IReadOnlyList<SlotEntitlement> Entitlements);

public sealed record InboxView(string PlanId, IReadOnlyList<InboxItem> Items, int Unread);

/// <summary>
/// Approval workflows over HTTP (issue 5): reading is public (the approvals are evidence), acting needs a
/// sign-in and is decided by the grains (who represents which institution, the content hash, the chain's order).
/// </summary>
public static partial class ApprovalsApi
{
    public static void MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var commitments = app.MapGroup("/api/commitments/{commitmentId}/approvals").WithTags("Approvals");
        commitments.MapGet("/", Get).WithSummary("The commitment's approval chain against its current content (stale approvals marked). Public.");
        commitments.MapGet("/me", Mine).RequireAuthorization().WithSummary("The slots you may act for on this commitment, and in which capacity.");
        commitments.MapPost("/approve", Approve).RequireAuthorization()
            .WithSummary("Approves the content you read for a slot (institution id, forum-government or forum-civil-society). Send its contentHash: 412 if it changed.");
        commitments.MapPost("/request-changes", RequestChanges).RequireAuthorization().WithSummary("Asks for changes for a slot; the reason (required) becomes a task.");
        commitments.MapPost("/withdraw", Withdraw).RequireAuthorization().WithSummary("Withdraws the approval given for a slot.");
        commitments.MapPost("/tasks/{taskId}/resolve", ResolveTask).RequireAuthorization().WithSummary("Marks a request for changes as dealt with.");
        commitments.MapGet("/diff", Diff).WithSummary("What changed since the content identified by ?from={contentHash} (an approved or refused version): structured fields and line/word diffs of the live texts.");
        commitments.MapGet("/history", History).WithSummary("The public journal of the approval workflow (every action with actor, time, content hash, comment).");

        var delegations = app.MapGroup("/api/institutions/{institutionId}/delegations").WithTags("Approvals");
        delegations.MapGet("/", Delegations).WithSummary("The institution's delegations of its signature (public).");
        delegations.MapPost("/", Delegate).RequireAuthorization().WithSummary("A focal point delegates to one of the institution's alternates for a period.");
        delegations.MapPost("/{delegationId}/revoke", Revoke).RequireAuthorization().WithSummary("Ends a delegation now (focal point or the delegate).");

        var plans = app.MapGroup("/api/plans/{planId}").WithTags("Approvals");
        plans.MapGet("/approval-policy", Policy).WithSummary("How the plan's commitments are approved (chain order, forum validation, deadlines in days).");
        plans.MapPut("/approval-policy", SetPolicy).RequireSecretariat().WithSummary("Sets the approval policy (secretariat, If-Match).");
        plans.MapGet("/adoption", Adoption).WithSummary("Every commitment's approval state and what is still missing before the plan's adoption. Public.");
        plans.MapPost("/adoption", Adopt).RequireSecretariat().WithSummary("Adopts the plan (secretariat) once every commitment's chain is complete on its current content.");

        app.MapGet("/api/inbox", Inbox).RequireAuthorization().WithTags("Approvals")
            .WithSummary("What awaits you: pending, stale, changes requested, tasks and overdue steps (?institution= for one institution).");
        var notifications = app.MapGroup("/api/notifications").WithTags("Approvals").RequireAuthorization();
        notifications.MapGet("/", Notifications).WithSummary("Your in-app notifications, newest first.");
        notifications.MapPost("/read", MarkRead).WithSummary("Marks notifications read ({ ids } or all when ids is left out).");
    }

    private static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Get(string commitmentId, IGrainFactory grains)
    {
        if (!IsSlug(commitmentId))
        {
            return NoCommitment(commitmentId);
        }
        return TypedResults.Ok(await grains.GetGrain<IApprovalGrain>(commitmentId).Get());
    }

    private static async Task<Results<Ok<MyApprovals>, ProblemHttpResult>> Mine(string commitmentId, IGrainFactory grains, HttpContext context)
    {
        if (!IsSlug(commitmentId))
        {
            return NoCommitment(commitmentId);
        }
        var actor = context.User.ToActor();
        return TypedResults.Ok(new MyApprovals(actor.UserId, await grains.GetGrain<IApprovalGrain>(commitmentId).EntitlementsOf(actor)));
    }

    private static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Approve(string commitmentId, ApproveRequest request, IGrainFactory grains, HttpContext context)
    {
        if (!IsSlug(commitmentId))
        {
            return NoCommitment(commitmentId);
        }
        RequireSlot(request.Slot);
        return TypedResults.Ok(await grains.GetGrain<IApprovalGrain>(commitmentId).Approve(context.User.ToActor(), request.Slot!, request.ContentHash ?? "", request.Comment));
    }

    private static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> RequestChanges(string commitmentId, RequestChangesRequest request, IGrainFactory grains, HttpContext context)
    {
        if (!IsSlug(commitmentId))
        {
            return NoCommitment(commitmentId);
        }
        RequireSlot(request.Slot);
        return TypedResults.Ok(await grains.GetGrain<IApprovalGrain>(commitmentId).RequestChanges(context.User.ToActor(), request.Slot!, request.Reason, request.ContentHash));
    }

    private static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Withdraw(string commitmentId, WithdrawRequest request, IGrainFactory grains, HttpContext context)
    {
        if (!IsSlug(commitmentId))
        {
            return NoCommitment(commitmentId);
        }
        RequireSlot(request.Slot);
        return TypedResults.Ok(await grains.GetGrain<IApprovalGrain>(commitmentId).Withdraw(context.User.ToActor(), request.Slot!, request.Comment));
    }

    private static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> ResolveTask(string commitmentId, string taskId, ResolveTaskRequest? request, IGrainFactory grains, HttpContext context)
    {
        if (!IsSlug(commitmentId))
        {
            return NoCommitment(commitmentId);
        }
        return TypedResults.Ok(await grains.GetGrain<IApprovalGrain>(commitmentId).ResolveTask(context.User.ToActor(), taskId, request?.Note));
    }

    private static async Task<Results<Ok<ContentDiffDto>, ProblemHttpResult>> Diff(string commitmentId, string? from, IGrainFactory grains)
    {
        if (!IsSlug(commitmentId))
        {
            return NoCommitment(commitmentId);
        }
        new Validation().Require(!string.IsNullOrWhiteSpace(from), "from", "Give the content hash to compare with (?from=…).").ThrowIfInvalid();
        var approvals = grains.GetGrain<IApprovalGrain>(commitmentId);
        var now = await approvals.Get();
        var content = await approvals.GetContent(from!.Trim().ToLowerInvariant());
        if (content is null)
        {
            return Problems.NotFound($"No approval or request for changes was made on content '{from}' of this commitment.");
        }
        var commitment = await grains.GetGrain<ICommitmentGrain>(commitmentId).Get()
            ?? throw DomainException.NotFound($"There is no commitment '{commitmentId}'.");
        return TypedResults.Ok(await ContentDiff.BuildAsync(grains, commitmentId, content, now, commitment));
    }

    private static async Task<Results<Ok<IReadOnlyList<JournalEntry>>, ProblemHttpResult>> History(
        string commitmentId, IGrainFactory grains, JournalReader journal, long? after, int? limit, CancellationToken cancellationToken)
    {
        var page = JournalPage.From(after, limit);
        if (!IsSlug(commitmentId) || await grains.GetGrain<ICommitmentGrain>(commitmentId).Get() is null)
        {
            return NoCommitment(commitmentId);
        }
        return TypedResults.Ok(await journal.ForGrainAsync("approval", commitmentId, page.After, page.Limit, cancellationToken));
    }

    private static async Task<Results<Ok<IReadOnlyList<DelegationView>>, ProblemHttpResult>> Delegations(string institutionId, IGrainFactory grains)
    {
        if (!IsSlug(institutionId))
        {
            return Problems.NotFound($"There is no institution '{institutionId}'.");
        }
        return TypedResults.Ok(await grains.GetGrain<IDelegationsGrain>(institutionId).Get());
    }

    private static async Task<Results<Created<DelegationView>, ProblemHttpResult>> Delegate(string institutionId, DelegateRequest request, IGrainFactory grains, HttpContext context)
    {
        if (!IsSlug(institutionId))
        {
            return Problems.NotFound($"There is no institution '{institutionId}'.");
        }
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(request.ToUserId), "toUserId", "Name the alternate (account id) who signs for the institution.")
            .Require(request.Start is not null, "start", "When the delegation starts.")
            .Require(request.End is not null, "end", "When the delegation ends.")
            .ThrowIfInvalid();
        var created = await grains.GetGrain<IDelegationsGrain>(institutionId).Delegate(context.User.ToActor(), request.ToUserId!, request.Start!.Value, request.End!.Value, request.Note);
        return TypedResults.Created($"/api/institutions/{institutionId}/delegations", created);
    }

    private static async Task<Results<Ok<DelegationView>, ProblemHttpResult>> Revoke(string institutionId, string delegationId, IGrainFactory grains, HttpContext context)
    {
        if (!IsSlug(institutionId))
        {
            return Problems.NotFound($"There is no institution '{institutionId}'.");
        }
        return TypedResults.Ok(await grains.GetGrain<IDelegationsGrain>(institutionId).Revoke(context.User.ToActor(), delegationId));
    }

    private static async Task<Results<Ok<PlanApprovalSettings>, ProblemHttpResult>> Policy(string planId, IGrainFactory grains, HttpContext context)
    {
        if (!IsSlug(planId) || await grains.GetGrain<IActionPlanGrain>(planId).Get() is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        var settings = await grains.GetGrain<IPlanAdoptionGrain>(planId).Settings();
        context.Response.Headers.ETag = ETags.For(settings.Version);
        return TypedResults.Ok(settings);
    }

    private static async Task<Ok<PlanApprovalSettings>> SetPolicy(string planId, ApprovalPolicy policy, IGrainFactory grains, HttpContext context)
    {
        var settings = await grains.GetGrain<IPlanAdoptionGrain>(planId).SetPolicy(context.User.ToActor(), policy, ETags.FromIfMatch(context.Request));
        context.Response.Headers.ETag = ETags.For(settings.Version);
        return TypedResults.Ok(settings);
    }

    private static async Task<Results<Ok<AdoptionView>, ProblemHttpResult>> Adoption(string planId, IGrainFactory grains)
    {
        if (!IsSlug(planId) || await grains.GetGrain<IActionPlanGrain>(planId).Get() is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        return TypedResults.Ok(await grains.GetGrain<IPlanAdoptionGrain>(planId).Status());
    }

    private static async Task<Ok<AdoptionView>> Adopt(string planId, AdoptRequest? request, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await grains.GetGrain<IPlanAdoptionGrain>(planId).Adopt(context.User.ToActor(), request?.Comment));

    private static async Task<Results<Ok<InboxView>, ProblemHttpResult>> Inbox(IGrainFactory grains, HttpContext context, string planId = "tn-nap5", string? institution = null)
    {
        var plan = IsSlug(planId) ? await grains.GetGrain<IActionPlanGrain>(planId).Get() : null;
        if (plan is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        var actor = context.User.ToActor();
        var lists = await Task.WhenAll(plan.CommitmentIds.Select(id => grains.GetGrain<IApprovalGrain>(id).InboxFor(actor, institution)));
        var notifications = await grains.GetGrain<INotificationsGrain>(actor.UserId).List(unreadOnly: true, limit: 1);
        IReadOnlyList<InboxItem> items = [.. lists.SelectMany(l => l)
            .OrderByDescending(i => i.Overdue)
            .ThenBy(i => i.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(i => i.Number)];
        return TypedResults.Ok(new InboxView(planId, items, notifications.Unread));
    }

    private static async Task<Ok<NotificationsView>> Notifications(IGrainFactory grains, HttpContext context, bool unreadOnly = false, int limit = 50)
    {
        new Validation().Require(limit is >= 1 and <= 300, "limit", "Between 1 and 300.").ThrowIfInvalid();
        return TypedResults.Ok(await grains.GetGrain<INotificationsGrain>(context.User.ToActor().UserId).List(unreadOnly, limit));
    }

    private static async Task<Ok<NotificationsView>> MarkRead(MarkReadRequest? request, IGrainFactory grains, HttpContext context)
    {
        new Validation().Require(request?.Ids is null || request.Ids.Count <= 300, "ids", "At most 300 at a time.").ThrowIfInvalid();
        return TypedResults.Ok(await grains.GetGrain<INotificationsGrain>(context.User.ToActor().UserId).MarkRead(request?.Ids));
    }

    private static void RequireSlot(string? slot) =>
        new Validation().Require(!string.IsNullOrWhiteSpace(slot) && slot.Length <= 100, "slot",
            $"Say for which slot you act: an institution id, {ApprovalSlots.ForumGovernment} or {ApprovalSlots.ForumCivilSociety}.").ThrowIfInvalid();

    private static ProblemHttpResult NoCommitment(string id) => Problems.NotFound($"There is no commitment '{id}'.");

    private static bool IsSlug(string id) => id.Length <= 100 && SlugPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
