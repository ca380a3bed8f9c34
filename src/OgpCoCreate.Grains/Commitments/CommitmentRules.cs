using OgpCoCreate.Common;
using OgpCoCreate.Security;

namespace OgpCoCreate.Commitments;

/// <summary>The commitment template's invariants and who may do what; pure functions, tested on their own.</summary>
public static class CommitmentRules
{
    public static void Validate(CommitmentDetails d)
    {
        var v = new Validation()
            .Require(d.Number is > 0 and < 1000, "number", "The number must be between 1 and 999.")
            .Localized(d.Title, "title", 300)
            .Text(d.AxisId, "axisId", 80)
            .Text(d.LeadInstitutionId, "leadInstitutionId", 80)
            .Require(d.End > d.Start, "end", "A commitment must end after it starts.")
            .Text(d.Baseline, "baseline", 4000, required: false)
            .Require(!d.SupportingInstitutionIds.Contains(d.LeadInstitutionId), "supportingInstitutionIds", "The lead institution cannot also be a supporter.")
            .Require(d.SupportingInstitutionIds.Distinct().Count() == d.SupportingInstitutionIds.Count, "supportingInstitutionIds", "An institution is listed twice.")
            .Require(d.Values.HasCoreValue || (!d.Values.Technology && !d.Values.Inclusion), "values",
                "Technology and inclusion count only together with transparency, civic participation or public accountability.")
            .Require(d.Sdgs.All(s => s is >= 1 and <= 17), "sdgs", "SDGs are numbered 1 to 17.")
            .Require(d.PolicyAreas.Count <= 20 && d.PolicyAreas.All(p => !string.IsNullOrWhiteSpace(p) && p.Length <= 100), "policyAreas", "Up to 20 policy areas of at most 100 characters.");
        for (var i = 0; i < d.Milestones.Count; i++)
        {
            var m = d.Milestones[i];
            v.Text(m.Action, $"milestones[{i}].action", 1000)
             .Text(m.ExpectedOutput, $"milestones[{i}].expectedOutput", 1000, required: false)
             .Require(m.End >= m.Start, $"milestones[{i}].end", "A milestone cannot end before it starts.")
             .Require(m.Start >= d.Start && m.End <= d.End, $"milestones[{i}]", "A milestone must fall within the commitment's dates.");
        }
        v.Require(d.Milestones.Select(m => m.Id).Distinct().Count() == d.Milestones.Count, "milestones", "Milestone ids must be unique.");
        v.ThrowIfInvalid();
    }

    /// <summary>Secretariat, or a focal point of the lead or of a supporting institution.</summary>
    public static bool CanEdit(Actor actor, CommitmentDetails d) =>
        actor.IsSecretariat
        || actor.IsFocalPointOf(d.LeadInstitutionId)
        || d.SupportingInstitutionIds.Any(actor.IsFocalPointOf);

    private static readonly Dictionary<CommitmentStatus, CommitmentStatus[]> Allowed = new()
    {
        [CommitmentStatus.Proposed] = [CommitmentStatus.Drafting, CommitmentStatus.Withdrawn],
        [CommitmentStatus.Drafting] = [CommitmentStatus.InConsultation, CommitmentStatus.PendingApproval, CommitmentStatus.Withdrawn],
        [CommitmentStatus.InConsultation] = [CommitmentStatus.Revised, CommitmentStatus.Withdrawn],
        [CommitmentStatus.Revised] = [CommitmentStatus.InConsultation, CommitmentStatus.PendingApproval, CommitmentStatus.Withdrawn],
        [CommitmentStatus.PendingApproval] = [CommitmentStatus.Approved, CommitmentStatus.Revised, CommitmentStatus.Withdrawn],
        [CommitmentStatus.Approved] = [CommitmentStatus.InImplementation, CommitmentStatus.Revised, CommitmentStatus.Withdrawn],
        [CommitmentStatus.InImplementation] = [CommitmentStatus.Completed, CommitmentStatus.Withdrawn],
        [CommitmentStatus.Completed] = [],
        [CommitmentStatus.Withdrawn] = [],
    };

    public static bool IsValidTransition(CommitmentStatus from, CommitmentStatus to) =>
        Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    /// <summary>
    /// Who may move a commitment: the secretariat runs the calendar; the lead focal point may start drafting
    /// and ask for approval; approval itself is the secretariat's record of the approval workflow's outcome.
    /// </summary>
    public static bool CanTransition(Actor actor, CommitmentDetails d, CommitmentStatus to) => to switch
    {
        CommitmentStatus.Drafting or CommitmentStatus.Revised or CommitmentStatus.PendingApproval =>
            actor.IsSecretariat || actor.IsFocalPointOf(d.LeadInstitutionId),
        CommitmentStatus.InImplementation or CommitmentStatus.Completed =>
            actor.IsSecretariat || actor.IsFocalPointOf(d.LeadInstitutionId),
        _ => actor.IsSecretariat,
    };
}
