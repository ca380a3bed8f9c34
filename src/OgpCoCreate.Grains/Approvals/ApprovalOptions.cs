namespace OgpCoCreate.Approvals;

/// <summary>
/// Deadlines and reminders of the approval workflows (configuration section <c>Ogp:Approvals</c>). A plan's
/// policy may set its own periods in days; these are the defaults and what tests shorten.
/// </summary>
public sealed class ApprovalOptions
{
    public const string Section = "Ogp:Approvals";

    /// <summary>Time the lead institution has to approve, from the moment its step opens.</summary>
    public TimeSpan LeadPeriod { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Time the supporting institutions have, from the moment their step opens.</summary>
    public TimeSpan SupportingPeriod { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Time the forum's co-chairs have to validate.</summary>
    public TimeSpan ForumPeriod { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long before the due date the people awaited are reminded.</summary>
    public TimeSpan RemindBefore { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long after the due date (when alternates were alerted and may act) the secretariat is alerted.</summary>
    public TimeSpan EscalateToSecretariatAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// Period of the durable reminder. Each reminder is registered with its due time set to the next deadline
    /// event (exact); the period is only the safety net after a restart that missed one (then the event fires at
    /// the next period tick). Must not be below Orleans' <c>ReminderOptions.MinimumReminderPeriod</c>.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>After a content change, when the workflow re-checks its content (batching bursts of keystrokes).</summary>
    public TimeSpan RecheckDelay { get; set; } = TimeSpan.FromMilliseconds(250);
}
