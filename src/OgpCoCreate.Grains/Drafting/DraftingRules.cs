using OgpCoCreate.Commitments;
using OgpCoCreate.Security;

namespace OgpCoCreate.Drafting;

public static class DraftingRules
{
    /// <summary>
    /// Who may type in a commitment's live texts: the secretariat, forum members (they draft as the forum),
    /// and the focal points of the lead and supporting institutions. Participants comment instead.
    /// A withdrawn or completed commitment's texts are frozen.
    /// </summary>
    public static bool CanEditText(Actor actor, CommitmentView commitment) =>
        commitment.Status is not (CommitmentStatus.Withdrawn or CommitmentStatus.Completed)
        && (actor.IsSecretariat || actor.IsMsfMember || CommitmentRules.CanEdit(actor, commitment.Details));

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
