using OgpCoCreate.Commitments;
using OgpCoCreate.Common;

namespace OgpCoCreate.Grains.Tests.Commitments;

/// <summary>
/// Commitment details for the property test: mostly valid variations of a basis, sometimes spoiled in one of
/// the ways people (or broken clients) get them wrong. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class RandomDetails(Random random, TestWorld world)
{
    private int milestoneCounter;

    public CommitmentDetails Next(CommitmentDetails basis, out bool spoiled)
    {
        var d = basis;
        for (var i = random.Next(4); i > 0; i--)
        {
            d = FixMilestones(Vary(d));
        }
        spoiled = random.NextDouble() < 0.3;
        return spoiled ? Spoil(d) : d;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private CommitmentDetails Vary(CommitmentDetails d)
    {
        switch (random.Next(11))
        {
            case 0:
                return d with { Title = d.Title with { En = $"Commitment {random.Next(1000)}" } };
            case 1:
                return d with { Baseline = random.Next(2) == 0 ? "" : $"Baseline {random.Next(1000)}." };
            case 2:
                return d with
                {
                    SupportingInstitutionIds = d.SupportingInstitutionIds.Contains(world.Other)
                        ? [.. d.SupportingInstitutionIds.Where(s => s != world.Other)]
                        : d.LeadInstitutionId == world.Other ? d.SupportingInstitutionIds : [.. d.SupportingInstitutionIds, world.Other],
                };
            case 3 when d.SupportingInstitutionIds.Count > 0:
                // The lead and a supporter swap places.
                var newLead = Pick(d.SupportingInstitutionIds);
                return d with { LeadInstitutionId = newLead, SupportingInstitutionIds = [.. d.SupportingInstitutionIds.Where(s => s != newLead), d.LeadInstitutionId] };
            case 4:
                var start = new DateOnly(2023, 6, 1).AddDays(random.Next(400));
                return d with { Start = start, End = start.AddDays(30 + random.Next(500)) };
            case 5:
                var mStart = d.Start.AddDays(random.Next(Math.Max(1, d.End.DayNumber - d.Start.DayNumber)));
                var milestone = new Milestone($"m{++milestoneCounter}-{random.Next(1000)}", "Do something", "Something done", mStart, mStart, d.LeadInstitutionId);
                return d with { Milestones = [.. d.Milestones, milestone] };
            case 6 when d.Milestones.Count > 0:
                return d with { Milestones = [.. d.Milestones.Skip(1)] };
            case 7:
                var core = random.Next(8);
                return d with { Values = new OgpValues((core & 1) != 0, (core & 2) != 0, (core & 4) != 0, core != 0 && random.Next(2) == 0, core != 0 && random.Next(2) == 0) };
            case 8:
                return d with { PolicyAreas = [.. new[] { "Open data", "Water", "Budgets" }.Where(_ => random.Next(2) == 0)], Sdgs = [.. Enumerable.Range(1, 17).Where(_ => random.Next(6) == 0)] };
            case 9:
                return d with { AxisId = d.AxisId == "axis-1" ? "axis-2" : "axis-1" };
            default:
                return d with
                {
                    Analysis = random.Next(2) == 0 ? null : new ProblemAnalysis("The problem.", [new CauseCategory("Data", ["Published as PDF"])], ["A reform under way"]),
                    Budget = random.Next(2) == 0 ? null : new Budget(random.Next(3) == 0 ? null : random.Next(100000), "TND", "State budget"),
                };
        }
    }

    /// <summary>Keeps a valid variation valid: milestones stay within the dates and with an involved institution.</summary>
    private static CommitmentDetails FixMilestones(CommitmentDetails d)
    {
        var involved = d.SupportingInstitutionIds.Append(d.LeadInstitutionId).ToHashSet();
        return d with
        {
            Milestones = [.. d.Milestones.Select(m =>
            {
                var start = m.Start < d.Start || m.Start > d.End ? d.Start : m.Start;
                var end = m.End < start || m.End > d.End ? start : m.End;
                return m with { Start = start, End = end, ResponsibleInstitutionId = involved.Contains(m.ResponsibleInstitutionId) ? m.ResponsibleInstitutionId : d.LeadInstitutionId };
            })],
        };
    }

    /// <summary>Always invalid, whatever the variations before: the property test relies on it.</summary>
    private CommitmentDetails Spoil(CommitmentDetails d) => random.Next(14) switch
    {
        0 => d with { End = d.Start.AddDays(-1) },
        1 => d with { Title = d.Title with { Fr = new string('t', 301) } },
        2 => d with { SupportingInstitutionIds = [.. d.SupportingInstitutionIds, "nowhere"] },
        3 => d with { Milestones = [.. d.Milestones, new Milestone("late", "Late", "", d.End, d.End.AddDays(3), d.LeadInstitutionId)] },
        4 => d with { Sdgs = [18] },
        5 => d with { Values = new OgpValues(false, false, false, true, true) },
        6 => d with { Title = null! },
        7 => d with { PolicyAreas = [null!] },
        8 => d with { SupportingInstitutionIds = [.. d.SupportingInstitutionIds, d.LeadInstitutionId] },
        9 => d.Milestones.Count > 0 ? d with { Milestones = [.. d.Milestones, d.Milestones[0]] } : d with { Milestones = [null!] },
        10 => d with { AxisId = "axis-9" },
        11 => d with { Start = new DateOnly(2022, 12, 1) },
        12 => d with { Number = 0 },
        _ => d with { Milestones = [.. d.Milestones, new Milestone("own", "Own", "", d.Start, d.Start, "uninvolved-institution")] },
    };
}
