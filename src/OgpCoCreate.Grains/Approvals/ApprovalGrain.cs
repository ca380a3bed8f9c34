using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Journal;
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

    public async Task<IReadOnlyList<InboxItem>> InboxFor(Actor actor, string? institutionId)
    {
        if (actor is null || !actor.IsAuthenticated)
        {
            return [];
        }
        var commitment = await GrainFactory.GetGrain<ICommitmentGrain>(Id).Get();
        if (commitment is null || (!ApprovalRules.AcceptsDecisions(commitment.Status) && S.Slots.Count == 0 && !S.Tasks.Any(t => t.ResolvedAt is null)))
        {
            return [];
        }
        var ctx = await LoadAsync(commitment);
        var view = View(ctx);
        var items = new List<InboxItem>();
        InboxItem Item(InboxItemKind kind, ApprovalSlotView slot, ApprovalCapacity? capacity, TaskRecord? task = null) => new(
            kind, Id, commitment.Details.Number, commitment.Details.Title, slot.Slot, slot.InstitutionId, slot.Stage,
            view.DueAt, slot.Overdue, capacity, task?.Id, task?.Reason, ctx.Hash);
        foreach (var slot in view.Slots)
        {
            var def = ctx.Chain.First(s => s.Slot == slot.Slot);
            var capacity = (await EntitleAsync(actor, def, ctx)).Capacity;
            if (capacity is not null)
            {
                if (slot.State == SlotState.Approved && slot.Stale)
                {
                    items.Add(Item(InboxItemKind.Stale, slot, capacity));
                }
                else if (slot.State == SlotState.ChangesRequested && S.Tasks.FirstOrDefault(t => t.Slot == slot.Slot && t.ResolvedAt is null) is { } own)
                {
                    items.Add(Item(InboxItemKind.ChangesRequested, slot, capacity, own));
                }
                else if (slot.Open && !slot.Fresh)
                {
                    items.Add(Item(slot.Overdue ? InboxItemKind.Overdue : InboxItemKind.Pending, slot, capacity));
                }
            }
            else if (actor.IsSecretariat && slot.Open && !slot.Fresh && slot.Overdue)
            {
                items.Add(Item(InboxItemKind.Overdue, slot, null));
            }
        }
        var lead = view.Slots[0];
        if ((await EntitleAsync(actor, ctx.Chain[0], ctx)).Capacity is { } leadCapacity)
        {
            foreach (var task in S.Tasks.Where(t => t.ResolvedAt is null))
            {
                items.Add(Item(InboxItemKind.Task, lead with { Slot = task.Slot }, leadCapacity, task));
            }
        }
        return institutionId is null
            ? items
            : [.. items.Where(i => i.InstitutionId == institutionId || (i.Kind == InboxItemKind.Task && lead.InstitutionId == institutionId))];
    }

    public Task ContentChanged()
    {
        lastSignal = clock.GetUtcNow();
        Arm(settings.RecheckDelay);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        reminderKnown = true;
        var commitment = await GrainFactory.GetGrain<ICommitmentGrain>(Id).Get();
        if (commitment is null)
        {
            await ScheduleReminderAsync(null);
            return;
        }
        await ReconcileAsync(await LoadAsync(commitment), publishAnyway: false);
    }

    private void Arm(TimeSpan delay)
    {
        recheck ??= this.RegisterGrainTimer(RecheckAsync, delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Re-checks the content; once more after the signal window so that the last edits of a burst are seen.</summary>
    private async Task RecheckAsync(CancellationToken cancellationToken)
    {
        recheck?.Dispose();
        recheck = null;
        try
        {
            var commitment = await GrainFactory.GetGrain<ICommitmentGrain>(Id).Get();
            if (commitment is not null && (ApprovalRules.AcceptsDecisions(commitment.Status) || S.Slots.Count > 0 || S.OpenStep != 0))
            {
                await ReconcileAsync(await LoadAsync(commitment), publishAnyway: false);
            }
        }
        catch (Exception e)
        {
            LogRecheckFailed(logger, Id, e);
        }
        var since = clock.GetUtcNow() - lastSignal;
        var followUp = ApprovalSignals.Window + settings.RecheckDelay;
        if (since < followUp)
        {
            Arm(followUp - since);
        }
    }

    private async Task<Context> LoadAsync(CommitmentView? commitment = null)
    {
        commitment ??= await GrainFactory.GetGrain<ICommitmentGrain>(Id).Get()
            ?? throw DomainException.NotFound($"There is no commitment '{Id}'.");
        var settingsTask = GrainFactory.GetGrain<IPlanAdoptionGrain>(commitment.PlanId).Settings();
        var planTask = GrainFactory.GetGrain<IActionPlanGrain>(commitment.PlanId).Get();
        var content = await ContentHasher.CurrentAsync(GrainFactory, commitment);
        var planSettings = await settingsTask;
        S.PlanId = commitment.PlanId;
        return new Context(commitment, planSettings, await planTask, content, ApprovalRules.Chain(commitment.Details, planSettings.Policy));
    }

    /// <summary>Brings the stored workflow up to the content and the clock; writes and tells only when something changed.</summary>
    private async Task ReconcileAsync(Context ctx, bool publishAnyway)
    {
        var effects = new ApprovalEffects { Publish = publishAnyway };
        var hashChanged = S.LastHash != ctx.Hash;
        if (Advance(ctx, clock.GetUtcNow(), effects))
        {
            await SaveAsync();
            effects.Publish = true;
        }
        effects.Publish |= hashChanged && S.LastHash is not null;
        S.LastHash = ctx.Hash;
        await DispatchAsync(ctx, effects);
    }

    /// <summary>
    /// The in-memory step that keeps the stored workflow true to the content and the clock: marks approvals
    /// made on an older content stale (journaled once), opens the step whose deadline runs, records completion,
    /// and raises the deadline events that time has reached. Returns whether the state changed.
    /// </summary>
    private bool Advance(Context ctx, DateTimeOffset now, ApprovalEffects effects)
    {
        var dirty = false;
        var newlyStale = S.Slots.Where(p => p.Value.State == SlotState.Approved && p.Value.Hash != ctx.Hash && !p.Value.StaleNotified).ToList();
        if (newlyStale.Count > 0)
        {
            foreach (var (slot, record) in newlyStale)
            {
                record.StaleNotified = true;
                effects.Notify(Audience.User, NotificationKind.ApprovalStale, slot, userId: record.UserId);
            }
            S.Version++;
            S.Record(Actor.System, "ApprovalsInvalidated", new
            {
                contentHash = ctx.Hash, documentVersions = ctx.Content.DocumentVersions, commitmentVersion = ctx.Content.CommitmentVersion,
                slots = newlyStale.Select(p => new { slot = p.Key, approvedHash = p.Value.Hash, approvedBy = p.Value.Name }),
            }, clock);
            dirty = true;
        }
        S.LastHash = ctx.Hash;

        var step = ctx.Accepting ? ApprovalRules.CurrentStep(ctx.Chain, S.Slots, ctx.Hash) : null;
        if (step is { } open)
        {
            if (S.OpenStep != open)
            {
                S.OpenStep = open;
                S.StepOpenedAt = now;
                S.DueAt = now + ApprovalRules.PeriodOf(open, ctx.Settings.Policy, settings);
                S.Level = 0;
                var slots = PendingSlotsOfStep(ctx, open);
                S.Version++;
                S.Record(Actor.System, "ApprovalStepOpened", new { step = open, slots, dueAt = S.DueAt, contentHash = ctx.Hash }, clock);
                foreach (var slot in slots)
                {
                    effects.Notify(Audience.SlotActors, NotificationKind.ApprovalRequested, slot, dueAt: S.DueAt);
                }
                dirty = true;
            }
        }
        else if (S.OpenStep != 0)
        {
            S.OpenStep = 0;
            S.StepOpenedAt = null;
            S.DueAt = null;
            S.Level = 0;
            dirty = true;
        }
        if (ctx.Accepting && step is null && S.CompletedHash != ctx.Hash)
        {
            S.CompletedHash = ctx.Hash;
            S.Version++;
            S.Record(Actor.System, "ApprovalCompleted", new { contentHash = ctx.Hash, documentVersions = ctx.Content.DocumentVersions, slots = ctx.Chain.Select(s => s.Slot) }, clock);
            effects.Notify(Audience.LeadActors, NotificationKind.WorkflowComplete);
            effects.Notify(Audience.Secretariat, NotificationKind.WorkflowComplete);
            dirty = true;
        }
        effects.Completed = ctx.Accepting && step is null;

        if (S.OpenStep > 0 && S.StepOpenedAt is { } opened && S.DueAt is { } due)
        {
            var reached = ApprovalRules.LevelAt(now, opened, due, settings);
            while (S.Level < reached)
            {
                S.Level++;
                if (ApprovalRules.EventTime(S.Level, opened, due, settings) is null)
                {
                    continue;
                }
                var slots = PendingSlotsOfStep(ctx, S.OpenStep);
                S.Version++;
                switch (S.Level)
                {
                    case 1:
                        S.Record(Actor.System, "ApprovalReminderSent", new { step = S.OpenStep, slots, dueAt = due }, clock);
                        slots.ForEach(slot => effects.Notify(Audience.SlotActors, NotificationKind.DueSoon, slot, dueAt: due));
                        break;
                    case 2:
                        S.Record(Actor.System, "ApprovalOverdue", new { step = S.OpenStep, slots, dueAt = due, escalatedTo = "alternates" }, clock);
                        slots.ForEach(slot => effects.Notify(Audience.SlotActors, NotificationKind.Overdue, slot, dueAt: due));
                        slots.ForEach(slot => effects.Notify(Audience.SlotAlternates, NotificationKind.Escalated, slot, dueAt: due));
                        break;
                    default:
                        S.Record(Actor.System, "ApprovalEscalated", new { step = S.OpenStep, slots, dueAt = due, escalatedTo = "secretariat" }, clock);
                        slots.ForEach(slot => effects.Notify(Audience.Secretariat, NotificationKind.Escalated, slot, dueAt: due));
                        break;
                }
                dirty = true;
            }
        }
        return dirty;
    }

    private List<string> PendingSlotsOfStep(Context ctx, int step) =>
        [.. ctx.Chain.Where(s => s.Step == step && !ApprovalRules.IsFresh(S.Slots.GetValueOrDefault(s.Slot), ctx.Hash)).Select(s => s.Slot)];

    private async Task SaveAsync()
    {
        await state.CommitAsync();
    }

    /// <summary>After the state is durable: notifications, the live push, the commitment's move, the next reminder.</summary>
    private async Task DispatchAsync(Context ctx, ApprovalEffects effects)
    {
        if (effects.Notices.Count > 0 || effects.Publish)
        {
            try
            {
                await NotifyAsync(ctx, effects);
            }
            catch (Exception e)
            {
                LogNotifyFailed(logger, Id, e);
            }
        }
        if (effects.Publish)
        {
            Publisher.Publish(ApprovalTopics.ApprovalsChanged, View(ctx));
        }
        if (effects.Completed && ctx.Commitment.Status == CommitmentStatus.PendingApproval)
        {
            try
            {
                await GrainFactory.GetGrain<ICommitmentGrain>(Id).Transition(Actor.System, CommitmentStatus.Approved,
                    $"Approval chain complete on content {Short(ctx.Hash)}: every institution approved and the forum validated the text.", null);
            }
            catch (Exception e)
            {
                LogTransitionFailed(logger, Id, e);
            }
        }
        await ScheduleReminderAsync(NextDeadlineEvent());
    }

    private DateTimeOffset? NextDeadlineEvent()
    {
        if (S.OpenStep == 0 || S.StepOpenedAt is not { } opened || S.DueAt is not { } due)
        {
            return null;
        }
        for (var level = S.Level + 1; level <= 3; level++)
        {
            if (ApprovalRules.EventTime(level, opened, due, settings) is { } at)
            {
                return at;
            }
        }
        return null;
    }

    /// <summary>
    /// One durable reminder per workflow, due exactly at the next deadline event (so short test periods need no
    /// lower minimum period); its period is only the safety net after a restart. Re-registered only when the
    /// next event moves.
    /// </summary>
    private async Task ScheduleReminderAsync(DateTimeOffset? next)
    {
        if (reminderUnavailable || (reminderKnown && reminderAt == next))
        {
            return;
        }
        try
        {
            if (next is { } at)
            {
                var dueTime = at - clock.GetUtcNow();
                await this.RegisterOrUpdateReminder(ReminderName, dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime, settings.ReminderPeriod);
            }
            else if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
            reminderAt = next;
            reminderKnown = true;
        }
        catch (Exception e) when (e is not DomainException)
        {
            // A silo without the reminder service (some test clusters) still runs the workflow; deadlines then
            // only advance on reads and commands.
            reminderUnavailable = services.GetService<IReminderTable>() is null;
            LogReminderFailed(logger, Id, e);
            if (!reminderUnavailable)
            {
                // E.g. the reminder service is still starting: try again shortly, the deadline must not be lost.
                reminderKnown = false;
                reminderRetry ??= this.RegisterGrainTimer(async _ =>
                {
                    reminderRetry?.Dispose();
                    reminderRetry = null;
                    await ScheduleReminderAsync(NextDeadlineEvent());
                }, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
            }
        }
    }

    private async Task NotifyAsync(Context ctx, ApprovalEffects effects)
    {
        var institutions = new Dictionary<string, InstitutionView?>(StringComparer.Ordinal);
        var delegations = new Dictionary<string, IReadOnlyList<DelegationView>>(StringComparer.Ordinal);
        async Task<InstitutionView?> InstitutionOf(string id) =>
            institutions.TryGetValue(id, out var v) ? v : institutions[id] = await GrainFactory.GetGrain<IInstitutionGrain>(id).Get();
        async Task<IReadOnlyList<DelegationView>> DelegationsOf(string id) =>
            delegations.TryGetValue(id, out var v) ? v : delegations[id] = await GrainFactory.GetGrain<IDelegationsGrain>(id).Get();
        IReadOnlyList<string>? secretariat = null;
        async Task<IReadOnlyList<string>> Secretariat() => secretariat ??= services.GetService<IApprovalDirectory>() is { } directory
            ? [.. (await directory.UsersInRoleAsync(OgpRoles.Secretariat)).Concat(await directory.UsersInRoleAsync(OgpRoles.Admin)).Distinct()]
            : [];
        var now = clock.GetUtcNow();

        async Task<IEnumerable<string>> ActorsOf(SlotDefinition slot)
        {
            if (slot.ForumSide is { } side)
            {
                return ctx.Plan?.Forum.Where(m => m.CoChair && m.Side == side && m.UserId is not null).Select(m => m.UserId!) ?? [];
            }
            var institution = await InstitutionOf(slot.InstitutionId!);
            var delegates = (await DelegationsOf(slot.InstitutionId!)).Where(d => d.IsActiveAt(now) && institution?.Alternates.Contains(d.ToUserId) == true).Select(d => d.ToUserId);
            return (institution?.FocalPoints ?? []).Concat(delegates);
        }

        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var notice in effects.Notices)
        {
            var slot = notice.Slot is null ? null : ctx.Chain.FirstOrDefault(s => s.Slot == notice.Slot);
            IEnumerable<string> users = notice.Audience switch
            {
                Audience.User => notice.UserId is null ? [] : [notice.UserId],
                Audience.Secretariat => await Secretariat(),
                Audience.LeadActors => await ActorsOf(ctx.Chain[0]),
                Audience.SlotActors => slot is null ? [] : await ActorsOf(slot),
                Audience.SlotAlternates => slot?.InstitutionId is null ? [] : (await InstitutionOf(slot.InstitutionId))?.Alternates ?? [],
                _ => [],
            };
            var notification = new Notification("", notice.Kind, now, Id, notice.Slot, notice.ActorName, notice.Text, notice.DueAt, Read: false);
            foreach (var user in users.Where(u => !string.IsNullOrEmpty(u)).Distinct())
            {
                touched.Add(user);
                await GrainFactory.GetGrain<INotificationsGrain>(user).Add(notification with { Id = Guid.NewGuid().ToString("N")[..16] });
            }
        }
        if (effects.Publish)
        {
            // Everyone whose inbox may show this commitment reloads it live.
            foreach (var slot in ctx.Chain)
            {
                touched.UnionWith(await ActorsOf(slot));
                if (slot.InstitutionId is not null)
                {
                    touched.UnionWith((await InstitutionOf(slot.InstitutionId))?.Alternates ?? []);
                }
            }
            touched.UnionWith(await Secretariat());
            foreach (var user in touched)
            {
                GrainFactory.GetGrain<INotificationsGrain>(user).Touch(Id).Ignore();
            }
        }
    }

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

    private void KeepContent(Context ctx, DateTimeOffset now)
    {
        if (!S.Contents.ContainsKey(ctx.Hash))
        {
            S.Contents[ctx.Hash] = new ApprovedContent(ctx.Hash, ContentHasher.CanonicalDetails(ctx.Commitment.Details), ctx.Content.DocumentVersions, now);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals of {CommitmentId}: could not re-check the content after a change")]
    private static partial void LogRecheckFailed(ILogger logger, string commitmentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals of {CommitmentId}: could not deliver notifications")]
    private static partial void LogNotifyFailed(ILogger logger, string commitmentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals of {CommitmentId}: the chain is complete but the commitment could not be moved to Approved")]
    private static partial void LogTransitionFailed(ILogger logger, string commitmentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals of {CommitmentId}: could not set the deadline reminder")]
    private static partial void LogReminderFailed(ILogger logger, string commitmentId, Exception exception);
}
