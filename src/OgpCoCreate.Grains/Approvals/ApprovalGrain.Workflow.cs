using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Approvals;

/// <summary>The workflow engine: load the context, advance the chain, store, then dispatch effects (journal, notifications, live topic, commitment status).</summary>
public sealed partial class ApprovalGrain
{
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

    private void KeepContent(Context ctx, DateTimeOffset now)
    {
        if (!S.Contents.ContainsKey(ctx.Hash))
        {
            S.Contents[ctx.Hash] = new ApprovedContent(ctx.Hash, ContentHasher.CanonicalDetails(ctx.Commitment.Details), ctx.Content.DocumentVersions, now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals of {CommitmentId}: could not deliver notifications")]
    private static partial void LogNotifyFailed(ILogger logger, string commitmentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals of {CommitmentId}: the chain is complete but the commitment could not be moved to Approved")]
    private static partial void LogTransitionFailed(ILogger logger, string commitmentId, Exception exception);
}
