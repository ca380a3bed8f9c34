using OgpCoCreate.Journal;

namespace OgpCoCreate.Commitments;

[GenerateSerializer, Alias("ogp.CommitmentState")]
public sealed class CommitmentState : JournaledState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string PlanId { get; set; } = "";
    [Id(2)] public CommitmentDetails? Details { get; set; }
    [Id(3)] public CommitmentStatus Status { get; set; }
    [Id(4)] public int Version { get; set; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; set; }
}
