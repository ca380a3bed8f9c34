using OgpCoCreate.Common;
using OgpCoCreate.Journal;

namespace OgpCoCreate.Institutions;

[GenerateSerializer, Alias("ogp.InstitutionState")]
public sealed class InstitutionState : JournaledState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public LocalizedText Name { get; set; } = new("", "", "");
    [Id(2)] public InstitutionKind Kind { get; set; }
    [Id(3)] public string? Acronym { get; set; }
    [Id(4)] public List<string> FocalPoints { get; set; } = [];
    [Id(5)] public List<string> Alternates { get; set; } = [];
    [Id(6)] public List<string> Leads { get; set; } = [];
    [Id(7)] public List<string> Supports { get; set; } = [];
    [Id(8)] public int Version { get; set; }
    [Id(9)] public DateTimeOffset UpdatedAt { get; set; }
}
