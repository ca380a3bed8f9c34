using System.Text.Json.Serialization;
using OgpCoCreate.Approvals;
using OgpCoCreate.Common;
using OgpCoCreate.Journal;

namespace OgpCoCreate.Consultations;

[GenerateSerializer, Alias("ogp.RoundState")]
public sealed class RoundState : JournaledState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string PlanId { get; set; } = "";
    [Id(2)] public RoundScope Scope { get; set; }
    [Id(3)] public LocalizedText Title { get; set; } = new("", "", "");
    [Id(4)] public LocalizedText Rules { get; set; } = new("", "", "");
    [Id(5)] public DateTimeOffset OpensAt { get; set; }
    [Id(6)] public DateTimeOffset ClosesAt { get; set; }
    [Id(7)] public List<string> CommitmentIds { get; set; } = [];
    [Id(8)] public RoundStatus Status { get; set; }
    [Id(9)] public DateTimeOffset AnnouncedAt { get; set; }
    [Id(10)] public DateTimeOffset? OpenedAt { get; set; }
    [Id(11)] public DateTimeOffset? ClosedAt { get; set; }
    [Id(12)] public NoticeOverride? NoticeOverride { get; set; }
    [Id(13)] public int Version { get; set; }
    [Id(14)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(15)] public List<ContributionRecord> Contributions { get; set; } = [];
    [Id(16)] public int NextNumber { get; set; } = 1;

    /// <summary>Notifications decided with a publication, delivered to the inboxes after it is committed.</summary>
    [Id(17)] public List<PendingNotification> Outbox { get; set; } = [];
    [Id(18)] public int PublicationCount { get; set; }

    public RoundDefinition Definition() => new(Scope, Title, Rules, OpensAt, ClosesAt, [.. CommitmentIds]);
}

[GenerateSerializer, Alias("ogp.ContributionRecord")]
public sealed class ContributionRecord
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public ContributionKind Kind { get; set; }
    [Id(2)] public string? ParentId { get; set; }
    [Id(3)] public string AuthorId { get; set; } = "";
    [Id(4)] public string AuthorName { get; set; } = "";
    [Id(5)] public DateTimeOffset At { get; set; }
    [Id(6)] public string? Title { get; set; }
    [Id(7)] public string Body { get; set; } = "";
    [Id(8)] public string? AxisId { get; set; }
    [Id(9)] public string? InstitutionId { get; set; }
    [Id(10)] public string? CommitmentId { get; set; }
    [Id(11)] public TextAnchor? Anchor { get; set; }
    [Id(12)] public HashSet<string> Supporters { get; set; } = [];
    [Id(13)] public List<ReportRecord> Reports { get; set; } = [];
    [Id(14)] public bool Hidden { get; set; }
    [Id(15)] public string? HiddenReason { get; set; }
    [Id(16)] public string? HiddenById { get; set; }
    [Id(17)] public string? HiddenByName { get; set; }
    [Id(18)] public DateTimeOffset? HiddenAt { get; set; }
    [Id(19)] public ResponseRecord? Response { get; set; }
    [Id(20)] public ResponseRecord? Draft { get; set; }
    [Id(21)] public int Depth { get; set; }

    /// <summary>Ideas and comments are owed a reasoned response; replies are discussion; hidden ones were moderated.</summary>
    [JsonIgnore]
    public bool NeedsResponse => Kind != ContributionKind.Reply && !Hidden;

    [JsonIgnore]
    public ResponseStatus Status => Response?.Status ?? ResponseStatus.Unanswered;

    [JsonIgnore]
    public bool IsAnswered => Response is { } r && ConsultationLimits.IsFinal(r.Status);
}

[GenerateSerializer, Alias("ogp.ReportRecord")]
public sealed class ReportRecord
{
    [Id(0)] public string ById { get; set; } = "";
    [Id(1)] public string ByName { get; set; } = "";
    [Id(2)] public string Reason { get; set; } = "";
    [Id(3)] public DateTimeOffset At { get; set; }

    /// <summary>Dismissed by a moderator: kept as evidence, no longer in the queue.</summary>
    [Id(4)] public bool Dismissed { get; set; }
}

[GenerateSerializer, Alias("ogp.ResponseRecord")]
public sealed class ResponseRecord
{
    [Id(0)] public ResponseStatus Status { get; set; }
    [Id(1)] public string? MergedIntoCommitmentId { get; set; }
    [Id(2)] public string? Justification { get; set; }
    [Id(3)] public string ById { get; set; } = "";
    [Id(4)] public string ByName { get; set; } = "";
    [Id(5)] public DateTimeOffset At { get; set; }

    public ResponseView View() => new(Status, MergedIntoCommitmentId, Justification, ByName, At);
}

[GenerateSerializer, Alias("ogp.PendingNotification")]
public sealed class PendingNotification
{
    [Id(0)] public string UserId { get; set; } = "";
    [Id(1)] public Notification Notification { get; set; } = null!;
}

[GenerateSerializer, Alias("ogp.ConsultationIndexState")]
public sealed class ConsultationIndexState : JournaledState
{
    [Id(0)] public int? NoticeDays { get; set; }
    [Id(1)] public List<string> RoundIds { get; set; } = [];
    [Id(2)] public int NextNumber { get; set; } = 1;
}
