using OgpCoCreate.Commitments;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Approvals;

/// <summary>One signature the chain needs; <see cref="Step"/> orders them (slots of one step run in parallel).</summary>
public sealed record SlotDefinition(string Slot, ApprovalStage Stage, int Step, string? InstitutionId, ForumSide? ForumSide);

/// <summary>The workflow's rules as pure functions: the chain, who may act for a slot, deadlines. Tested on their own.</summary>
public static class ApprovalRules
{
    public const int MaxCommentLength = 2000;
    public const int MaxReasonLength = 2000;

    /// <summary>The approvals are given on the text submitted for approval (and again on an approved text changed since).</summary>
    public static bool AcceptsDecisions(CommitmentStatus status) => status is CommitmentStatus.PendingApproval or CommitmentStatus.Approved;

    public static IReadOnlyList<SlotDefinition> Chain(CommitmentDetails details, ApprovalPolicy policy)
    {
        var chain = new List<SlotDefinition> { new(details.LeadInstitutionId, ApprovalStage.Lead, 1, details.LeadInstitutionId, null) };
        var supportingStep = policy.SupportersInParallelWithLead ? 1 : 2;
        chain.AddRange(details.SupportingInstitutionIds.Select(id => new SlotDefinition(id, ApprovalStage.Supporting, supportingStep, id, null)));
        if (policy.ForumValidation)
        {
            chain.Add(new(ApprovalSlots.ForumGovernment, ApprovalStage.Forum, 3, null, ForumSide.Government));
            chain.Add(new(ApprovalSlots.ForumCivilSociety, ApprovalStage.Forum, 3, null, ForumSide.CivilSociety));
        }
        return chain;
    }

    public static bool IsFresh(SlotRecord? record, string currentHash) =>
        record is { State: SlotState.Approved } && record.Hash == currentHash;

    /// <summary>The first step with a slot not approved on the current content; null when the chain is complete.</summary>
    public static int? CurrentStep(IReadOnlyList<SlotDefinition> chain, IReadOnlyDictionary<string, SlotRecord> slots, string currentHash)
    {
        var waiting = chain.Where(s => !IsFresh(slots.GetValueOrDefault(s.Slot), currentHash)).Select(s => (int?)s.Step).ToList();
        return waiting.Count == 0 ? null : waiting.Min();
    }

    public static TimeSpan PeriodOf(int step, ApprovalPolicy policy, ApprovalOptions options) => step switch
    {
        1 => policy.LeadDays is { } d ? TimeSpan.FromDays(d) : options.LeadPeriod,
        2 => policy.SupportingDays is { } d ? TimeSpan.FromDays(d) : options.SupportingPeriod,
        _ => policy.ForumDays is { } d ? TimeSpan.FromDays(d) : options.ForumPeriod,
    };

    /// <summary>When deadline event <paramref name="level"/> (1 reminder, 2 overdue, 3 secretariat) is due.</summary>
    public static DateTimeOffset? EventTime(int level, DateTimeOffset openedAt, DateTimeOffset dueAt, ApprovalOptions options) => level switch
    {
        1 => dueAt - options.RemindBefore > openedAt ? dueAt - options.RemindBefore : null,
        2 => dueAt,
        3 => dueAt + options.EscalateToSecretariatAfter,
        _ => null,
    };

    /// <summary>The escalation level time has reached (the reminder may fire late; rights follow the clock).</summary>
    public static int LevelAt(DateTimeOffset now, DateTimeOffset? openedAt, DateTimeOffset? dueAt, ApprovalOptions options)
    {
        if (openedAt is not { } opened || dueAt is not { } due)
        {
            return 0;
        }
        var level = 0;
        for (var l = 1; l <= 3; l++)
        {
            if (EventTime(l, opened, due, options) is { } at && at <= now)
            {
                level = l;
            }
        }
        return level;
    }

    /// <summary>
    /// In which capacity <paramref name="actor"/> may act for <paramref name="slot"/> now, or why not.
    /// Institution: its listed focal point; an alternate only through a delegation active now, or once the
    /// step is overdue (escalation). Forum: the co-chair of that side. The secretariat never signs for anyone.
    /// </summary>
    public static (ApprovalCapacity? Capacity, string Refusal) Entitle(
        Actor actor, SlotDefinition slot, InstitutionView? institution, PlanView? plan,
        IReadOnlyList<DelegationView> delegations, DateTimeOffset now, bool escalatedToAlternates)
    {
        if (actor is null || !actor.IsAuthenticated)
        {
            return (null, "Sign in first.");
        }
        if (slot.ForumSide is { } side)
        {
            var seat = plan?.ForumSeatOf(actor.UserId);
            return seat is { CoChair: true } && seat.Side == side
                ? (ApprovalCapacity.CoChair, "")
                : (null, $"Only the forum's {(side == ForumSide.Government ? "government" : "civil-society")} co-chair signs the forum's validation for that side.");
        }
        var name = slot.InstitutionId;
        if (institution is null)
        {
            return (null, $"There is no institution '{name}'.");
        }
        if (institution.FocalPoints.Contains(actor.UserId))
        {
            return (ApprovalCapacity.FocalPoint, "");
        }
        var mine = delegations.Where(d => d.ToUserId == actor.UserId).ToList();
        var isAlternate = institution.Alternates.Contains(actor.UserId);
        if (isAlternate && mine.Any(d => d.IsActiveAt(now)))
        {
            return (ApprovalCapacity.Delegate, "");
        }
        if (isAlternate && escalatedToAlternates)
        {
            return (ApprovalCapacity.EscalatedAlternate, "");
        }
        if (mine.Count > 0)
        {
            var last = mine.OrderByDescending(d => d.End).First();
            return (null, last.RevokedAt is not null
                ? $"Your delegation to act for '{name}' was revoked on {last.RevokedAt:yyyy-MM-dd HH:mm} UTC."
                : last.Start > now
                    ? $"Your delegation to act for '{name}' starts on {last.Start:yyyy-MM-dd HH:mm} UTC."
                    : !isAlternate
                        ? $"Your delegation to act for '{name}' no longer counts: you are not its alternate any more."
                        : $"Your delegation to act for '{name}' expired on {last.End:yyyy-MM-dd HH:mm} UTC.");
        }
        return (null, isAlternate
            ? $"As an alternate of '{name}' you act for it only through a delegation from its focal point, or once its step is overdue."
            : $"Only the focal point of '{name}' (or a delegate it named) can act for it.");
    }
}
