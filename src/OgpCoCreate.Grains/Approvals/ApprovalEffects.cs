namespace OgpCoCreate.Approvals;

/// <summary>Who a notification goes to; resolved to user ids after the state is saved.</summary>
public enum Audience
{
    /// <summary>Whoever may act for the slot now: focal points and active delegates; the co-chair for a forum slot.</summary>
    SlotActors,

    /// <summary>The alternates of the slot's institution (escalation).</summary>
    SlotAlternates,

    Secretariat,

    /// <summary>The lead institution's focal points and delegates (they own the text and its tasks).</summary>
    LeadActors,

    User,
}

public sealed record PendingNotice(Audience Audience, NotificationKind Kind, string? Slot, string? UserId, string? ActorName, string? Text, DateTimeOffset? DueAt);

/// <summary>What a command or a check leaves to do once its state is durable: notices, a live push, the commitment's move.</summary>
public sealed class ApprovalEffects
{
    public List<PendingNotice> Notices { get; } = [];

    public bool Publish { get; set; }

    public bool Completed { get; set; }

    public void Notify(Audience audience, NotificationKind kind, string? slot = null, string? userId = null, string? actorName = null, string? text = null, DateTimeOffset? dueAt = null) =>
        Notices.Add(new PendingNotice(audience, kind, slot, userId, actorName, text, dueAt));
}
