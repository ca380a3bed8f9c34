using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;

namespace OgpCoCreate.Approvals;

/// <summary>Deadlines: the durable reminder of the open step (reminders before due, overdue, escalation) and the debounced re-check after content changes.</summary>
public sealed partial class ApprovalGrain
{
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals of {CommitmentId}: could not re-check the content after a change")]
    private static partial void LogRecheckFailed(ILogger logger, string commitmentId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approvals of {CommitmentId}: could not set the deadline reminder")]
    private static partial void LogReminderFailed(ILogger logger, string commitmentId, Exception exception);
}
