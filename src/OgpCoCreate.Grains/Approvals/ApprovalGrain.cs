using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Realtime;
using OgpCoCreate.Security;

namespace OgpCoCreate.Approvals;

/// <summary>
/// The approval workflow of one commitment. Every command checks, in this order: the slot exists (404), the
/// actor may act for it (403), the input is valid (400), the commitment and the plan accept decisions (409),
/// the content the client saw is the current one (412), the chain's order allows it (409). Nothing is changed
/// or journaled until every check has passed. The content hash is recomputed on every read and command, so
/// staleness never depends on a notification having arrived; the notifications (<see cref="ContentChanged"/>)
/// only make it visible at once (journal, inboxes, live panel).
/// </summary>
[GrainType("approval")]
public sealed partial class ApprovalGrain(
    [PersistentState("approval", "ogp")] IPersistentState<ApprovalState> state,
    TimeProvider clock,
    IOptions<ApprovalOptions> options,
    IServiceProvider services,
    ILogger<ApprovalGrain> logger) : Grain, IApprovalGrain, IRemindable
{
    public const string ReminderName = "approval-deadline";

    private readonly ApprovalOptions settings = options.Value;
    private TopicPublisher? publisher;
    private IGrainTimer? recheck;
    private DateTimeOffset lastSignal;
    private bool reminderKnown;
    private DateTimeOffset? reminderAt;
    private bool reminderUnavailable;
    private IGrainTimer? reminderRetry;

    private ApprovalState S => state.State;

    private string Id => this.GetPrimaryKeyString();

    private TopicPublisher Publisher => publisher ??= new TopicPublisher($"{ApprovalTopics.Approvals}:{Id}", logger);

    /// <summary>What every decision is checked against, loaded fresh for each call.</summary>
    private sealed record Context(CommitmentView Commitment, PlanApprovalSettings Settings, PlanView? Plan, ContentVersion Content, IReadOnlyList<SlotDefinition> Chain)
    {
        public string Hash => Content.Hash;

        public bool Accepting => ApprovalRules.AcceptsDecisions(Commitment.Status) && !Settings.Adopted;
    }

    public Task SubscribeTopic(ITopicObserver observer)
    {
        Publisher.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeTopic(ITopicObserver observer)
    {
        Publisher.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<ApprovalView> Get()
    {
        var ctx = await LoadAsync();
        await ReconcileAsync(ctx, publishAnyway: false);
        return View(ctx);
    }

    public async Task<IReadOnlyList<SlotEntitlement>> EntitlementsOf(Actor actor)
    {
        var ctx = await LoadAsync();
        var result = new List<SlotEntitlement>();
        foreach (var slot in ctx.Chain)
        {
            if ((await EntitleAsync(actor, slot, ctx)).Capacity is { } capacity)
            {
                result.Add(new SlotEntitlement(slot.Slot, capacity));
            }
        }
        return result;
    }

    public async Task<ApprovalView> Approve(Actor actor, string slot, string contentHash, string? comment)
    {
        var ctx = await LoadAsync();
        var def = RequireSlot(ctx, slot);
        var capacity = await RequireEntitled(actor, def, ctx);
        new Validation()
            .Require(!string.IsNullOrWhiteSpace(contentHash), "contentHash", "Send the content hash of the version you read and approve (contentHash from GET …/approvals).")
            .Text(comment, "comment", ApprovalRules.MaxCommentLength, required: false)
            .ThrowIfInvalid();
        RequireAccepting(ctx);
        RequireCurrent(ctx, contentHash);
        var current = ApprovalRules.CurrentStep(ctx.Chain, S.Slots, ctx.Hash);
        if (ApprovalRules.IsFresh(S.Slots.GetValueOrDefault(def.Slot), ctx.Hash))
        {
            throw DomainException.Conflict($"'{def.Slot}' already approved this version of the commitment (content {Short(ctx.Hash)}).");
        }
        if (current is { } step && def.Step > step)
        {
            var waiting = ctx.Chain.Where(s => s.Step < def.Step && !ApprovalRules.IsFresh(S.Slots.GetValueOrDefault(s.Slot), ctx.Hash)).Select(s => s.Slot);
            throw DomainException.Conflict($"Not yet: the chain first needs the approval of {string.Join(", ", waiting)} on the current text.");
        }

        var now = clock.GetUtcNow();
        S.Slots[def.Slot] = new SlotRecord
        {
            State = SlotState.Approved, UserId = actor.UserId, Name = actor.DisplayName, Capacity = capacity, At = now, Hash = ctx.Hash, Comment = Trim(comment),
        };
        KeepContent(ctx, now);
        var effects = new ApprovalEffects { Publish = true };
        foreach (var task in S.Tasks.Where(t => t.Slot == def.Slot && t.ResolvedAt is null))
        {
            task.ResolvedAt = now;
            task.ResolvedByName = actor.DisplayName;
            task.Resolution = "approved";
        }
        S.Version++;
        S.Record(actor, "ApprovalGiven", new
        {
            slot = def.Slot, stage = def.Stage, institutionId = def.InstitutionId, forumSide = def.ForumSide, capacity,
            contentHash = ctx.Hash, documentVersions = ctx.Content.DocumentVersions, commitmentVersion = ctx.Content.CommitmentVersion, comment = Trim(comment),
        }, clock);
        S.LastHash = ctx.Hash;
        if (def.Stage != ApprovalStage.Lead)
        {
            effects.Notify(Audience.LeadActors, NotificationKind.ApprovalGiven, def.Slot, actorName: actor.DisplayName);
        }
        Advance(ctx, now, effects);
        await SaveAsync();
        await DispatchAsync(ctx, effects);
        return View(ctx);
    }

    public async Task<ApprovalView> RequestChanges(Actor actor, string slot, string? reason, string? contentHash)
    {
        var ctx = await LoadAsync();
        var def = RequireSlot(ctx, slot);
        var capacity = await RequireEntitled(actor, def, ctx);
        new Validation()
            .Text(reason, "reason", ApprovalRules.MaxReasonLength, required: true)
            .ThrowIfInvalid();
        RequireAccepting(ctx);
        if (!string.IsNullOrWhiteSpace(contentHash))
        {
            RequireCurrent(ctx, contentHash);
        }
        var open = S.Tasks.FirstOrDefault(t => t.Slot == def.Slot && t.ResolvedAt is null && t.Hash == ctx.Hash && t.Reason == reason!.Trim());
        if (open is not null)
        {
            throw DomainException.Conflict("This request for changes is already recorded and still open.");
        }

        var now = clock.GetUtcNow();
        var task = new TaskRecord
        {
            Id = Guid.NewGuid().ToString("N")[..12], Slot = def.Slot, Reason = reason!.Trim(), ByUserId = actor.UserId, ByName = actor.DisplayName, At = now, Hash = ctx.Hash,
        };
        S.Tasks.Add(task);
        S.Slots[def.Slot] = new SlotRecord
        {
            State = SlotState.ChangesRequested, UserId = actor.UserId, Name = actor.DisplayName, Capacity = capacity, At = now, Hash = ctx.Hash, Comment = task.Reason,
        };
        KeepContent(ctx, now);
        S.Version++;
        S.Record(actor, "ChangesRequested", new
        {
            slot = def.Slot, stage = def.Stage, institutionId = def.InstitutionId, capacity, taskId = task.Id, reason = task.Reason, contentHash = ctx.Hash,
        }, clock);
        var effects = new ApprovalEffects { Publish = true };
        effects.Notify(Audience.LeadActors, NotificationKind.ChangesRequested, def.Slot, actorName: actor.DisplayName, text: task.Reason);
        Advance(ctx, now, effects);
        await SaveAsync();
        await DispatchAsync(ctx, effects);
        return View(ctx);
    }

    public async Task<ApprovalView> Withdraw(Actor actor, string slot, string? comment)
    {
        var ctx = await LoadAsync();
        var def = RequireSlot(ctx, slot);
        var capacity = await RequireEntitled(actor, def, ctx);
        new Validation().Text(comment, "comment", ApprovalRules.MaxCommentLength, required: false).ThrowIfInvalid();
        RequireNotFinal(ctx);
        if (S.Slots.GetValueOrDefault(def.Slot) is not { State: SlotState.Approved } approved)
        {
            throw DomainException.Conflict($"'{def.Slot}' has no approval to withdraw.");
        }
        S.Slots.Remove(def.Slot);
        S.Version++;
        S.Record(actor, "ApprovalWithdrawn", new
        {
            slot = def.Slot, stage = def.Stage, institutionId = def.InstitutionId, capacity, approvedHash = approved.Hash, contentHash = ctx.Hash, comment = Trim(comment),
        }, clock);
        var effects = new ApprovalEffects { Publish = true };
        effects.Notify(Audience.LeadActors, NotificationKind.ApprovalWithdrawn, def.Slot, actorName: actor.DisplayName, text: Trim(comment));
        Advance(ctx, clock.GetUtcNow(), effects);
        await SaveAsync();
        await DispatchAsync(ctx, effects);
        return View(ctx);
    }

    public async Task<ApprovalView> ResolveTask(Actor actor, string taskId, string? note)
    {
        var ctx = await LoadAsync();
        var task = S.Tasks.FirstOrDefault(t => t.Id == taskId) ?? throw DomainException.NotFound($"There is no task '{taskId}' on this commitment.");
        var editor = actor is { IsAuthenticated: true } && (actor.IsSecretariat
            || (await EntitleAsync(actor, ctx.Chain[0], ctx)).Capacity is not null
            || (ctx.Chain.FirstOrDefault(s => s.Slot == task.Slot) is { } taskSlot && (await EntitleAsync(actor, taskSlot, ctx)).Capacity is not null));
        if (!editor)
        {
            throw DomainException.Forbidden("Only the secretariat, the lead institution, or whoever asked for the changes can close this task.");
        }
        new Validation().Text(note, "note", ApprovalRules.MaxCommentLength, required: false).ThrowIfInvalid();
        if (task.ResolvedAt is not null)
        {
            throw DomainException.Conflict("This task is already resolved.");
        }
        task.ResolvedAt = clock.GetUtcNow();
        task.ResolvedByName = actor.DisplayName;
        task.Resolution = Trim(note) ?? "resolved";
        S.Version++;
        S.Record(actor, "TaskResolved", new { taskId, slot = task.Slot, note = Trim(note), contentHash = ctx.Hash }, clock);
        var effects = new ApprovalEffects { Publish = true };
        Advance(ctx, clock.GetUtcNow(), effects);
        await SaveAsync();
        await DispatchAsync(ctx, effects);
        return View(ctx);
    }

    public Task<ApprovedContent?> GetContent(string hash) => Task.FromResult(S.Contents.GetValueOrDefault(hash ?? ""));

    private async Task<(ApprovalCapacity? Capacity, string Refusal)> EntitleAsync(Actor actor, SlotDefinition slot, Context ctx)
    {
        if (actor is null || !actor.IsAuthenticated)
        {
            return (null, "Sign in first.");
        }
        InstitutionView? institution = null;
        IReadOnlyList<DelegationView> delegations = [];
        if (slot.InstitutionId is { } id)
        {
            institution = await GrainFactory.GetGrain<IInstitutionGrain>(id).Get();
            if (institution is not null && !institution.FocalPoints.Contains(actor.UserId))
            {
                delegations = await GrainFactory.GetGrain<IDelegationsGrain>(id).Get();
            }
        }
        var now = clock.GetUtcNow();
        var step = ctx.Accepting ? ApprovalRules.CurrentStep(ctx.Chain, S.Slots, ctx.Hash) : null;
        var escalated = step == slot.Step && S.OpenStep == slot.Step && ApprovalRules.LevelAt(now, S.StepOpenedAt, S.DueAt, settings) >= 2;
        return ApprovalRules.Entitle(actor, slot, institution, ctx.Plan, delegations, now, escalated);
    }

    private async Task<ApprovalCapacity> RequireEntitled(Actor actor, SlotDefinition slot, Context ctx)
    {
        var (capacity, refusal) = await EntitleAsync(actor, slot, ctx);
        return capacity ?? throw DomainException.Forbidden(refusal);
    }

    private SlotDefinition RequireSlot(Context ctx, string slot) =>
        ctx.Chain.FirstOrDefault(s => s.Slot == slot)
        ?? throw DomainException.NotFound($"'{slot}' signs nothing on commitment '{Id}': its chain is {string.Join(", ", ctx.Chain.Select(s => s.Slot))}.");

    private static void RequireNotFinal(Context ctx)
    {
        if (ctx.Settings.Adopted)
        {
            throw DomainException.Conflict("The plan is adopted: its approvals are final.");
        }
        if (CommitmentRules.IsFinal(ctx.Commitment.Status))
        {
            throw DomainException.Conflict($"The commitment is {ctx.Commitment.Status}: its approvals can no longer change.");
        }
    }

    private static void RequireAccepting(Context ctx)
    {
        RequireNotFinal(ctx);
        if (!ApprovalRules.AcceptsDecisions(ctx.Commitment.Status))
        {
            throw DomainException.Conflict($"The commitment is {ctx.Commitment.Status}: approvals are given once its lead submits it for approval (PendingApproval).");
        }
    }

    private static void RequireCurrent(Context ctx, string contentHash)
    {
        if (!string.Equals(contentHash.Trim(), ctx.Hash, StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Stale($"The commitment changed since you read it (you saw content {Short(contentHash)}, it is now {Short(ctx.Hash)}). Review the changes and approve the current version.");
        }
    }

    private ApprovalView View(Context ctx)
    {
        var now = clock.GetUtcNow();
        var step = ctx.Accepting ? ApprovalRules.CurrentStep(ctx.Chain, S.Slots, ctx.Hash) : null;
        var stepRuns = step is not null && S.OpenStep == step;
        var level = stepRuns ? ApprovalRules.LevelAt(now, S.StepOpenedAt, S.DueAt, settings) : 0;
        var slots = ctx.Chain.Select(def =>
        {
            var r = S.Slots.GetValueOrDefault(def.Slot);
            var fresh = ApprovalRules.IsFresh(r, ctx.Hash);
            var open = step == def.Step && !fresh;
            return new ApprovalSlotView(def.Slot, def.Stage, def.InstitutionId, def.ForumSide, r?.State ?? SlotState.Pending,
                r is { State: SlotState.Approved } && r.Hash != ctx.Hash, r?.UserId, r?.Name, r?.Capacity, r?.At, r?.Hash, r?.Comment,
                open, open && level >= 2, open ? level : 0);
        }).ToList();
        var currentStage = step is null ? (ApprovalStage?)null : slots.First(s => s.Open).Stage;
        var tasks = S.Tasks.Select(t => new ApprovalTaskView(t.Id, t.Slot, t.Reason, t.ByUserId, t.ByName, t.At, t.Hash,
            t.ResolvedAt is not null, t.ResolvedByName, t.ResolvedAt, t.Resolution)).ToList();
        return new ApprovalView(Id, ctx.Commitment.PlanId, ctx.Commitment.Status, ctx.Content, ctx.Accepting, currentStage,
            slots.All(s => s.Fresh), stepRuns ? S.StepOpenedAt : null, stepRuns ? S.DueAt : null, level, slots, tasks, ctx.Settings.Adopted, S.Version);
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
