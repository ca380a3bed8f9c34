using OgpCoCreate.Journal;

namespace OgpCoCreate.Approvals;

[GenerateSerializer, Alias("ogp.ApprovalState")]
public sealed class ApprovalState : JournaledState
{
    /// <summary>The latest decision per slot (a withdrawn approval removes the entry; the journal keeps it).</summary>
    [Id(0)] public Dictionary<string, SlotRecord> Slots { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public List<TaskRecord> Tasks { get; set; } = [];

    /// <summary>The content each decision was made on, by hash (to show the diff to now).</summary>
    [Id(2)] public Dictionary<string, ApprovedContent> Contents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The step whose deadline runs (1–3), 0 when none does.</summary>
    [Id(3)] public int OpenStep { get; set; }
    [Id(4)] public DateTimeOffset? StepOpenedAt { get; set; }
    [Id(5)] public DateTimeOffset? DueAt { get; set; }

    /// <summary>Deadline events already sent for the open step: 1 reminded, 2 overdue (alternates), 3 secretariat.</summary>
    [Id(6)] public int Level { get; set; }

    /// <summary>The content hash seen at the last check: a different one now means the content changed.</summary>
    [Id(7)] public string? LastHash { get; set; }

    /// <summary>The hash on which the chain was last completed (journaled once per content).</summary>
    [Id(8)] public string? CompletedHash { get; set; }

    /// <summary>When the durable reminder is set to fire next (null: none registered).</summary>
    [Id(9)] public DateTimeOffset? ReminderAt { get; set; }

    [Id(10)] public int Version { get; set; }
    [Id(11)] public string PlanId { get; set; } = "";
}

[GenerateSerializer, Alias("ogp.ApprovalSlotRecord")]
public sealed class SlotRecord
{
    [Id(0)] public SlotState State { get; set; }
    [Id(1)] public string UserId { get; set; } = "";
    [Id(2)] public string Name { get; set; } = "";
    [Id(3)] public ApprovalCapacity Capacity { get; set; }
    [Id(4)] public DateTimeOffset At { get; set; }
    [Id(5)] public string Hash { get; set; } = "";
    [Id(6)] public string? Comment { get; set; }

    /// <summary>Its approver was told the approval went stale.</summary>
    [Id(7)] public bool StaleNotified { get; set; }
}

[GenerateSerializer, Alias("ogp.ApprovalTaskRecord")]
public sealed class TaskRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Slot { get; set; } = "";
    [Id(2)] public string Reason { get; set; } = "";
    [Id(3)] public string ByUserId { get; set; } = "";
    [Id(4)] public string ByName { get; set; } = "";
    [Id(5)] public DateTimeOffset At { get; set; }
    [Id(6)] public string Hash { get; set; } = "";
    [Id(7)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(8)] public string? ResolvedByName { get; set; }
    [Id(9)] public string? Resolution { get; set; }
}
