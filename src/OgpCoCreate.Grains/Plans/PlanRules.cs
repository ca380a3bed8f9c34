using OgpCoCreate.Commitments;
using OgpCoCreate.Common;

namespace OgpCoCreate.Plans;

/// <summary>The plan's invariants and lifecycle; pure functions, tested on their own and documented in docs/architecture.md.</summary>
public static class PlanRules
{
    public const int MaxAxes = 20;
    public const int MaxPhases = 20;
    public const int MaxForumMembers = 200;
    public const int MaxReasonLength = 2000;

    private static readonly Dictionary<PlanStatus, PlanStatus[]> Next = new()
    {
        [PlanStatus.Preparation] = [PlanStatus.CoCreation],
        [PlanStatus.CoCreation] = [PlanStatus.Consultation],
        // Back-steps: the forum may ask for another drafting or consultation round.
        [PlanStatus.Consultation] = [PlanStatus.Validation, PlanStatus.CoCreation],
        [PlanStatus.Validation] = [PlanStatus.Adopted, PlanStatus.Consultation],
        [PlanStatus.Adopted] = [PlanStatus.Implementation],
        [PlanStatus.Implementation] = [PlanStatus.Closed],
        [PlanStatus.Closed] = [],
    };

    public static bool IsValidTransition(PlanStatus from, PlanStatus to) =>
        Next.TryGetValue(from, out var targets) && targets.Contains(to);

    public static IReadOnlyList<PlanStatus> NextStatuses(PlanStatus from) => Next.TryGetValue(from, out var targets) ? targets : [];

    /// <summary>New commitments join the plan until the forum has validated it; after adoption the plan is fixed.</summary>
    public static bool AcceptsNewCommitments(PlanStatus status) => status <= PlanStatus.Validation;

    /// <summary>A commitment starts its implementation only once the plan is adopted.</summary>
    public static bool AllowsImplementation(PlanStatus status) => status is PlanStatus.Adopted or PlanStatus.Implementation;

    public static void Validate(PlanDefinition? d)
    {
        var v = new Validation();
        if (d is null)
        {
            v.Require(false, "definition", "This field is required.").ThrowIfInvalid();
            return;
        }
        v.Text(d.Country, "country", 80)
            .Localized(d.Title, "title", 300)
            .Require(d.End > d.Start, "end", "The plan must end after it starts.")
            .List(d.Axes, "axes", MaxAxes, min: 1)
            .List(d.Timeline, "timeline", MaxPhases);
        var axes = d.Axes ?? [];
        for (var i = 0; i < axes.Count; i++)
        {
            if (axes[i] is not { } axis)
            {
                v.Require(false, $"axes[{i}]", "This field is required.");
                continue;
            }
            v.Slug(axis.Id, $"axes[{i}].id").Localized(axis.Name, $"axes[{i}].name", 200);
        }
        v.Unique(axes.Where(a => a is not null).Select(a => a.Id), "axes", "Axis ids");
        var timeline = d.Timeline ?? [];
        for (var i = 0; i < timeline.Count; i++)
        {
            if (timeline[i] is not { } phase)
            {
                v.Require(false, $"timeline[{i}]", "This field is required.");
                continue;
            }
            v.Slug(phase.Id, $"timeline[{i}].id")
                .Localized(phase.Name, $"timeline[{i}].name", 200)
                .Require(phase.End >= phase.Start, $"timeline[{i}].end", "A phase cannot end before it starts.")
                .Require(phase.Start >= d.Start && phase.End <= d.End, $"timeline[{i}]", "A phase must fall within the plan's period.");
        }
        v.Unique(timeline.Where(p => p is not null).Select(p => p.Id), "timeline", "Phase ids");
        v.ThrowIfInvalid();
    }

    public static void ValidateForum(IReadOnlyList<ForumMember>? members)
    {
        var v = new Validation().List(members, "members", MaxForumMembers);
        var list = members ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not { } m)
            {
                v.Require(false, $"members[{i}]", "This field is required.");
                continue;
            }
            v.Text(m.Name, $"members[{i}].name", 200)
                .Localized(m.Organisation, $"members[{i}].organisation", 300)
                .Require(Enum.IsDefined(m.Side), $"members[{i}].side", "Government or CivilSociety.")
                .Require(m.UserId is null || (m.UserId.Length is > 0 and <= 450 && !string.IsNullOrWhiteSpace(m.UserId)), $"members[{i}].userId", "Leave it out or give an account id.");
        }
        var present = list.Where(m => m is not null).ToList();
        v.Unique(present.Where(m => m.UserId is not null).Select(m => m.UserId), "members", "Accounts (userId)");
        var coChairs = present.Where(m => m.CoChair).ToList();
        v.Require(coChairs.Count == 0 || (coChairs.Count == 2 && coChairs.Select(c => c.Side).Distinct().Count() == 2), "members",
            "Co-chairs come in pairs: exactly one for the government side and one for civil society.");
        v.ThrowIfInvalid();
    }

    /// <summary>What is missing before the plan may move to <paramref name="to"/>; empty when nothing is.</summary>
    public static IReadOnlyList<string> Preconditions(PlanStatus to, IReadOnlyList<ForumMember> forum, IReadOnlyList<CommitmentView> commitments)
    {
        var problems = new List<string>();
        var active = commitments.Where(c => c.Status != CommitmentStatus.Withdrawn).ToList();
        switch (to)
        {
            case PlanStatus.CoCreation:
                if (!forum.Any(m => m.Side == ForumSide.Government) || !forum.Any(m => m.Side == ForumSide.CivilSociety))
                {
                    problems.Add("Co-creation needs a forum with members from the government and from civil society.");
                }
                break;
            case PlanStatus.Consultation:
                if (active.Count == 0)
                {
                    problems.Add("A consultation needs at least one draft commitment.");
                }
                break;
            case PlanStatus.Adopted:
                if (forum.Count(m => m.CoChair) != 2)
                {
                    problems.Add("The forum's two co-chairs (one per side) must be named: they sign its validation.");
                }
                if (active.Count == 0)
                {
                    problems.Add("A plan needs at least one commitment to be adopted.");
                }
                var notApproved = active.Where(c => c.Status != CommitmentStatus.Approved).Select(c => c.Id).ToList();
                if (notApproved.Count > 0)
                {
                    problems.Add($"Every commitment must be approved (or withdrawn) first; not yet: {string.Join(", ", notApproved)}.");
                }
                break;
        }
        return problems;
    }
}
