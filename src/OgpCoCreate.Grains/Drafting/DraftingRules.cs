using OgpCoCreate.Commitments;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Drafting;

public static class DraftingRules
{
    /// <summary>
    /// Who may type in a commitment's live texts: the secretariat, the members of the plan's forum (they draft
    /// as the forum: a seat on <paramref name="plan"/>'s forum, not just the role), and the focal points of the
    /// lead and supporting institutions. <paramref name="actor"/> must already be narrowed to the institutions
    /// it is confirmed for (<c>FocalPoints.ConfirmAsync</c>): a token outlives a removal, the lists do not.
    /// Participants comment instead. Texts stay editable through approval (an edit makes approvals stale, by
    /// design); a withdrawn or completed commitment's texts are frozen.
    /// </summary>
    public static bool CanEditText(Actor actor, CommitmentView commitment, PlanView? plan) =>
        IsOpenForText(commitment.Status)
        && actor.IsAuthenticated
        && (actor.IsSecretariat || plan?.ForumSeatOf(actor.UserId) is not null || CommitmentRules.CanEdit(actor, commitment.Details));

    public static bool IsOpenForText(CommitmentStatus status) => status is not (CommitmentStatus.Withdrawn or CommitmentStatus.Completed);

    /// <summary>Splits a document id <c>{commitmentId}/{field}</c>; null when it is not one.</summary>
    public static (string CommitmentId, string Field)? ParseDocumentId(string documentId)
    {
        var slash = documentId.LastIndexOf('/');
        if (slash <= 0 || slash == documentId.Length - 1)
        {
            return null;
        }
        var field = documentId[(slash + 1)..];
        return CommitmentTextFields.All.Contains(field) ? (documentId[..slash], field) : null;
    }
}
