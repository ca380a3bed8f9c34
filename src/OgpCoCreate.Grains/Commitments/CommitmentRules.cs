using OgpCoCreate.Common;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Commitments;

/// <summary>
/// The commitment template's invariants, its lifecycle and who may do what; pure functions, tested on their
/// own. The tables here are the ones documented in docs/architecture.md.
/// </summary>
public static class CommitmentRules
{
    public const int MaxSupporters = 20;
    public const int MaxMilestones = 30;
    public const int MaxListEntries = 20;
    public const int MaxReasonLength = 2000;

    private const Movers Sec = Movers.Secretariat;
    private const Movers Lead = Movers.LeadFocalPoint;

    /// <summary>Every allowed move and who may make it. Anything not listed is an invalid transition (409).</summary>
    private static readonly Dictionary<(CommitmentStatus From, CommitmentStatus To), Movers> Moves = BuildMoves();

    private static Dictionary<(CommitmentStatus, CommitmentStatus), Movers> BuildMoves()
    {
        var moves = new Dictionary<(CommitmentStatus, CommitmentStatus), Movers>
        {
            // The lead institution takes up a proposal and drafts it.
            [(CommitmentStatus.Proposed, CommitmentStatus.Drafting)] = Sec | Lead,
            // Consultation rounds are run by the secretariat.
            [(CommitmentStatus.Drafting, CommitmentStatus.InConsultation)] = Sec,
            [(CommitmentStatus.Revised, CommitmentStatus.InConsultation)] = Sec,
            // The lead revises after consultation and submits its text for approval.
            [(CommitmentStatus.InConsultation, CommitmentStatus.Revised)] = Sec | Lead,
            [(CommitmentStatus.Drafting, CommitmentStatus.PendingApproval)] = Sec | Lead,
            [(CommitmentStatus.Revised, CommitmentStatus.PendingApproval)] = Sec | Lead,
            // A forum co-chair signs the forum's validation; the secretariat may record it.
            [(CommitmentStatus.PendingApproval, CommitmentStatus.Approved)] = Sec | Movers.ForumCoChair,
            // Changes requested: by the forum or by the lead itself.
            [(CommitmentStatus.PendingApproval, CommitmentStatus.Revised)] = Sec | Lead | Movers.ForumMember,
            // Reopening an approved text, or revising at mid-term, is the secretariat's decision.
            [(CommitmentStatus.Approved, CommitmentStatus.Revised)] = Sec,
            [(CommitmentStatus.InImplementation, CommitmentStatus.Revised)] = Sec,
            // The lead institution implements and reports completion.
            [(CommitmentStatus.Approved, CommitmentStatus.InImplementation)] = Sec | Lead,
            [(CommitmentStatus.InImplementation, CommitmentStatus.Completed)] = Sec | Lead,
        };
        // Withdrawal, with a public reason, is the secretariat's, from any status that is not final.
        foreach (var from in Enum.GetValues<CommitmentStatus>().Where(s => !IsFinal(s)))
        {
            moves[(from, CommitmentStatus.Withdrawn)] = Sec;
        }
        return moves;
    }

    public static bool IsFinal(CommitmentStatus status) => status is CommitmentStatus.Completed or CommitmentStatus.Withdrawn;

    /// <summary>
    /// The structured fields change only while the text is being worked on. From PendingApproval on, the text
    /// is what institutions sign: to change it, move the commitment back to Revised.
    /// </summary>
    public static bool IsEditable(CommitmentStatus status) =>
        status is CommitmentStatus.Proposed or CommitmentStatus.Drafting or CommitmentStatus.InConsultation or CommitmentStatus.Revised;

    public static bool IsValidTransition(CommitmentStatus from, CommitmentStatus to) => Moves.ContainsKey((from, to));

    public static IReadOnlyList<CommitmentStatus> NextStatuses(CommitmentStatus from) =>
        [.. Moves.Keys.Where(k => k.From == from).Select(k => k.To).Order()];

    /// <summary>Who may make this move (<see cref="Movers.None"/> when the move does not exist).</summary>
    public static Movers AllowedMovers(CommitmentStatus from, CommitmentStatus to) =>
        Moves.TryGetValue((from, to), out var movers) ? movers : Movers.None;

    /// <summary>
    /// The capacities the actor holds on this commitment. <paramref name="actor"/> must already be narrowed
    /// to the institutions it is confirmed for (see <c>FocalPoints.ConfirmAsync</c>).
    /// </summary>
    public static Movers MoversOf(Actor actor, CommitmentDetails d, PlanView plan)
    {
        if (!actor.IsAuthenticated)
        {
            return Movers.None;
        }
        var movers = Movers.None;
        if (actor.IsSecretariat)
        {
            movers |= Movers.Secretariat;
        }
        if (actor.IsFocalPointOf(d.LeadInstitutionId))
        {
            movers |= Movers.LeadFocalPoint;
        }
        if (plan.ForumSeatOf(actor.UserId) is { } seat)
        {
            movers |= seat.CoChair ? Movers.ForumMember | Movers.ForumCoChair : Movers.ForumMember;
        }
        return movers;
    }

    /// <summary>Secretariat, or a (confirmed) focal point of the lead or of a supporting institution.</summary>
    public static bool CanEdit(Actor actor, CommitmentDetails d) =>
        actor.IsAuthenticated
        && (actor.IsSecretariat
            || actor.IsFocalPointOf(d.LeadInstitutionId)
            || d.SupportingInstitutionIds.Any(actor.IsFocalPointOf));

    /// <summary>
    /// Some fields are not every editor's: the number is fixed (the id carries it); only the secretariat
    /// hands the lead to another institution; the lead and the secretariat choose the supporters.
    /// </summary>
    public static void CheckFieldChanges(Actor actor, CommitmentDetails before, CommitmentDetails after)
    {
        new Validation()
            .Require(after.Number == before.Number, "number", $"The number cannot change (it is {before.Number}).")
            .ThrowIfInvalid();
        if (after.LeadInstitutionId != before.LeadInstitutionId && !actor.IsSecretariat)
        {
            throw DomainException.Forbidden("Only the secretariat can give the commitment to another lead institution.");
        }
        var supportersChanged = !after.SupportingInstitutionIds.Order().SequenceEqual(before.SupportingInstitutionIds.Order());
        if (supportersChanged && !actor.IsSecretariat && !actor.IsFocalPointOf(before.LeadInstitutionId))
        {
            throw DomainException.Forbidden("Only the secretariat or the lead institution's focal point can change the supporting institutions.");
        }
    }

    /// <summary>Lists (and the baseline) left out by a client are empty, not errors.</summary>
    public static CommitmentDetails? Normalize(CommitmentDetails? d) => d is null ? null : d with
    {
        Baseline = d.Baseline ?? "",
        SupportingInstitutionIds = d.SupportingInstitutionIds ?? [],
        PolicyAreas = d.PolicyAreas ?? [],
        NationalPlanLinks = d.NationalPlanLinks ?? [],
        Sdgs = d.Sdgs ?? [],
        Milestones = d.Milestones ?? [],
        Analysis = d.Analysis is null ? null : d.Analysis with
        {
            Causes = d.Analysis.Causes ?? [],
            EntryPoints = d.Analysis.EntryPoints ?? [],
        },
    };

    /// <summary>Every field on its own, and the fields against each other. Null-safe: input comes from JSON.</summary>
    public static void Validate(CommitmentDetails? d)
    {
        var v = new Validation();
        if (d is null)
        {
            v.Require(false, "details", "This field is required.").ThrowIfInvalid();
            return;
        }
        var supporters = d.SupportingInstitutionIds ?? [];
        v.Require(d.Number is > 0 and < 1000, "number", "The number must be between 1 and 999.")
            .Localized(d.Title, "title", 300)
            .Slug(d.AxisId, "axisId")
            .Slug(d.LeadInstitutionId, "leadInstitutionId")
            .Require(d.End > d.Start, "end", "A commitment must end after it starts.")
            .Text(d.Baseline, "baseline", 4000, required: false)
            .List(d.SupportingInstitutionIds, "supportingInstitutionIds", MaxSupporters)
            .Require(!supporters.Contains(d.LeadInstitutionId), "supportingInstitutionIds", "The lead institution cannot also be a supporter.")
            .Unique(supporters, "supportingInstitutionIds", "Supporting institutions");
        for (var i = 0; i < supporters.Count; i++)
        {
            v.Slug(supporters[i], $"supportingInstitutionIds[{i}]");
        }
        TextList(v, d.PolicyAreas, "policyAreas", 100);
        TextList(v, d.NationalPlanLinks, "nationalPlanLinks", 500);
        v.List(d.Sdgs, "sdgs", 17)
            .Require((d.Sdgs ?? []).All(s => s is >= 1 and <= 17), "sdgs", "SDGs are numbered 1 to 17.")
            .Unique(d.Sdgs ?? [], "sdgs", "SDGs");
        if (d.Values is null)
        {
            v.Require(false, "values", "This field is required.");
        }
        else
        {
            v.Require(d.Values.HasCoreValue || (!d.Values.Technology && !d.Values.Inclusion), "values",
                "Technology and inclusion count only together with transparency, civic participation or public accountability.");
        }
        if (d.Budget is { } budget)
        {
            v.Require(budget.Amount is null or (>= 0 and <= 1_000_000_000_000m), "budget.amount", "A budget is a positive amount.")
                .Text(budget.Currency, "budget.currency", 10, required: budget.Amount is not null)
                .Text(budget.Source, "budget.source", 500, required: false);
        }
        ValidateMilestones(v, d);
        ValidateAnalysis(v, d.Analysis);
        v.ThrowIfInvalid();
    }

    /// <summary>What a text must have before institutions are asked to approve it.</summary>
    public static void CheckReadyForApproval(CommitmentDetails d) => new Validation()
        .Require(d.Values.HasCoreValue, "values", "Say how the commitment is relevant to transparency, civic participation or public accountability.")
        .Require(d.Milestones.Count > 0, "milestones", "Plan at least one milestone.")
        .ThrowIfInvalid();

    private static void ValidateMilestones(Validation v, CommitmentDetails d)
    {
        v.List(d.Milestones, "milestones", MaxMilestones);
        var milestones = d.Milestones ?? [];
        var involved = (d.SupportingInstitutionIds ?? []).Append(d.LeadInstitutionId).ToHashSet();
        for (var i = 0; i < milestones.Count; i++)
        {
            if (milestones[i] is not { } m)
            {
                v.Require(false, $"milestones[{i}]", "This field is required.");
                continue;
            }
            v.Slug(m.Id, $"milestones[{i}].id")
                .Text(m.Action, $"milestones[{i}].action", 1000)
                .Text(m.ExpectedOutput, $"milestones[{i}].expectedOutput", 1000, required: false)
                .Require(m.End >= m.Start, $"milestones[{i}].end", "A milestone cannot end before it starts.")
                .Require(m.Start >= d.Start && m.End <= d.End, $"milestones[{i}]", "A milestone must fall within the commitment's dates.")
                .Require(m.ResponsibleInstitutionId is not null && involved.Contains(m.ResponsibleInstitutionId), $"milestones[{i}].responsibleInstitutionId",
                    "The responsible institution must be the lead or a supporting institution.");
        }
        v.Unique(milestones.Where(m => m is not null).Select(m => m.Id), "milestones", "Milestone ids");
    }

    private static void ValidateAnalysis(Validation v, ProblemAnalysis? a)
    {
        if (a is null)
        {
            return;
        }
        v.Text(a.ProblemStatement, "analysis.problemStatement", 2000)
            .List(a.Causes, "analysis.causes", 12);
        var causes = a.Causes ?? [];
        for (var i = 0; i < causes.Count; i++)
        {
            if (causes[i] is not { } category)
            {
                v.Require(false, $"analysis.causes[{i}]", "This field is required.");
                continue;
            }
            v.Text(category.Category, $"analysis.causes[{i}].category", 200);
            TextList(v, category.Causes, $"analysis.causes[{i}].causes", 500);
        }
        TextList(v, a.EntryPoints, "analysis.entryPoints", 1000);
    }

    private static void TextList(Validation v, IReadOnlyList<string>? list, string field, int maxLength)
    {
        v.List(list, field, MaxListEntries);
        var items = list ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            v.Text(items[i], $"{field}[{i}]", maxLength);
        }
    }
}
