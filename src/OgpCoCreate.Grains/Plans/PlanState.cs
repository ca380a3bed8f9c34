using OgpCoCreate.Common;
using OgpCoCreate.Journal;

namespace OgpCoCreate.Plans;

[GenerateSerializer, Alias("ogp.PlanState")]
public sealed class PlanState : JournaledState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string Country { get; set; } = "";
    [Id(2)] public LocalizedText Title { get; set; } = new("", "", "");
    [Id(3)] public DateOnly Start { get; set; }
    [Id(4)] public DateOnly End { get; set; }
    [Id(5)] public List<PlanAxis> Axes { get; set; } = [];
    [Id(6)] public List<TimelinePhase> Timeline { get; set; } = [];
    [Id(7)] public PlanStatus Status { get; set; }
    [Id(8)] public List<string> CommitmentIds { get; set; } = [];
    [Id(9)] public List<string> InstitutionIds { get; set; } = [];
    [Id(10)] public List<ForumMember> Forum { get; set; } = [];
    [Id(11)] public int Version { get; set; }
    [Id(12)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Commitment id → its number, so that no two commitments of the plan share a number.</summary>
    [Id(13)] public Dictionary<string, int> CommitmentNumbers { get; set; } = [];

    public PlanDefinition Definition() => new(Country, Title, Start, End, [.. Axes], [.. Timeline]);
}
