using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OgpCoCreate.Common;
using OgpCoCreate.Drafting;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;
using static OgpCoCreate.Consultations.ConsultationLimits;

namespace OgpCoCreate.Consultations;

/// <summary>The round's invariants and lifecycle as pure functions (documented in docs/architecture.md).</summary>
public static partial class RoundRules
{
    /// <summary>Moderators keep the consultation civil: the secretariat (and admins) and forum members.</summary>
    public static bool IsModerator(Actor actor) => actor.IsAuthenticated && (actor.IsSecretariat || actor.IsMsfMember);

    /// <summary>Who may see the response workspace at all; per contribution, focal points only for their institutions.</summary>
    public static bool MayRespond(Actor actor) => actor.IsAuthenticated && (actor.IsSecretariat || actor.Roles.Contains(OgpRoles.FocalPoint));

    public static bool AcceptsContributions(RoundStatus status, DateTimeOffset? openedAt, DateTimeOffset closesAt, DateTimeOffset now) =>
        status == RoundStatus.Open && openedAt is { } opened && now >= opened && now < closesAt;

    /// <summary>Responses may be drafted and published from the opening until the report is published.</summary>
    public static bool AcceptsResponses(RoundStatus status) => status is RoundStatus.Open or RoundStatus.Closed or RoundStatus.Answered;

    public static void ValidateDefinition(RoundDefinition? d, PlanView plan, DateTimeOffset now)
    {
        var v = new Validation();
        if (d is null)
        {
            v.Require(false, "definition", "This field is required.");
            v.ThrowIfInvalid();
            return;
        }
        v.Require(Enum.IsDefined(d.Scope), "scope", "Use Ideas or Commitments.")
            .Localized(d.Title, "title", MaxTitleLength)
            .Localized(d.Rules, "rules", MaxRulesLength)
            .Require(d.ClosesAt > d.OpensAt, "closesAt", "The round must close after it opens.")
            .Require(d.ClosesAt > now, "closesAt", "The closing time is already past.")
            .Require(d.ClosesAt - d.OpensAt <= TimeSpan.FromDays(366), "closesAt", "A round lasts at most a year.");
        var ids = d.CommitmentIds;
        v.List(ids, "commitmentIds", MaxCommitmentsPerRound);
        if (ids is not null)
        {
            if (d.Scope == RoundScope.Commitments)
            {
                v.Require(ids.Count > 0, "commitmentIds", "Name the draft commitments this round consults on.")
                    .Unique(ids, "commitmentIds", "Commitments");
                foreach (var id in ids.Distinct())
                {
                    v.Require(plan.CommitmentIds.Contains(id), "commitmentIds", $"'{id}' is not a commitment of plan '{plan.Id}'.");
                }
            }
            else
            {
                v.Require(ids.Count == 0, "commitmentIds", "An idea collection is on the whole plan: leave the commitments empty.");
            }
        }
        v.ThrowIfInvalid();
    }

    /// <summary>The checks that need nothing but the input (the grain checks references and the document).</summary>
    public static void ValidateShape(NewContribution? c, RoundScope scope)
    {
        var v = new Validation();
        if (c is null)
        {
            v.Require(false, "contribution", "This field is required.");
            v.ThrowIfInvalid();
            return;
        }
        v.Require(Enum.IsDefined(c.Kind), "kind", "Use Idea, Comment or Reply.");
        Body(v, c.Body, "body", MaxBodyLength);
        switch (c.Kind)
        {
            case ContributionKind.Idea:
                v.Require(scope == RoundScope.Ideas, "kind", "This round collects comments on draft commitments, not ideas: comment on a commitment instead.");
                Body(v, c.Title, "title", MaxTitleLength);
                v.Require(!string.IsNullOrWhiteSpace(c.AxisId), "axisId", "Choose the plan's axis the idea belongs to.")
                    .Require(c.CommitmentId is null && c.Anchor is null, "anchor", "An idea is on the plan, not on a commitment's text.")
                    .Require(c.ParentId is null, "parentId", "Only replies have a parent.");
                break;
            case ContributionKind.Comment:
                v.Require(scope == RoundScope.Commitments, "kind", "This round collects ideas on the plan: propose an idea instead.")
                    .Require(c.Anchor is not null || !string.IsNullOrWhiteSpace(c.CommitmentId), "commitmentId", "Say which commitment the comment is on (or anchor it to a passage).")
                    .Require(c.Title is null, "title", "Comments have no title.")
                    .Require(c.AxisId is null && c.InstitutionId is null, "axisId", "A comment takes its axis and institution from its commitment.")
                    .Require(c.ParentId is null, "parentId", "Only replies have a parent.");
                if (c.Anchor is { } a)
                {
                    v.Require(DraftingRules.ParseDocumentId(a.DocumentId ?? "") is not null, "anchor.documentId", "Use '{commitmentId}/{field}', e.g. 'tn-nap5-01/problem'.")
                        .Require(a.Version >= 0, "anchor.version", "A version is zero or more.")
                        .Require(a.Start >= 0, "anchor.start", "The passage starts at 0 or after.")
                        .Require(a.End > a.Start, "anchor.end", "Select at least one character: the passage ends after it starts.")
                        .Require(a.End - (long)a.Start <= MaxQuoteCodePoints, "anchor.end", $"Select at most {MaxQuoteCodePoints} characters.")
                        .Require(!string.IsNullOrEmpty(a.Quote), "anchor.quote", "Give the quoted passage.");
                    if (DraftingRules.ParseDocumentId(a.DocumentId ?? "") is { } parsed && c.CommitmentId is not null)
                    {
                        v.Require(parsed.CommitmentId == c.CommitmentId, "commitmentId", "The passage belongs to another commitment.");
                    }
                }
                break;
            case ContributionKind.Reply:
                v.Require(!string.IsNullOrWhiteSpace(c.ParentId), "parentId", "Say which contribution you reply to.")
                    .Require(c.Title is null && c.AxisId is null && c.InstitutionId is null && c.CommitmentId is null && c.Anchor is null,
                        "kind", "A reply has only a body: it takes everything else from the contribution it answers.");
                break;
        }
        v.ThrowIfInvalid();
    }

    public static void ValidateResponse(ResponseInput? r, PlanView plan)
    {
        var v = new Validation();
        if (r is null)
        {
            v.Require(false, "response", "This field is required.");
            v.ThrowIfInvalid();
            return;
        }
        v.Require(Enum.IsDefined(r.Status), "status", "Use Unanswered, UnderReview, Accepted, PartiallyAccepted, MergedInto or Rejected.");
        if (IsFinal(r.Status))
        {
            v.Require(!string.IsNullOrWhiteSpace(r.Justification), "justification",
                "Explain the decision: every response other than 'under review' needs a justification (OGP Standard 4).");
        }
        v.Text(r.Justification, "justification", MaxJustificationLength, required: false);
        if (r.Status == ResponseStatus.MergedInto)
        {
            v.Require(!string.IsNullOrWhiteSpace(r.MergedIntoCommitmentId), "mergedIntoCommitmentId", "Say which commitment the contribution was merged into.");
            if (!string.IsNullOrWhiteSpace(r.MergedIntoCommitmentId))
            {
                v.Require(plan.CommitmentIds.Contains(r.MergedIntoCommitmentId), "mergedIntoCommitmentId", $"'{r.MergedIntoCommitmentId}' is not a commitment of plan '{plan.Id}'.");
            }
        }
        else
        {
            v.Require(r.MergedIntoCommitmentId is null, "mergedIntoCommitmentId", "Only a 'merged into' response names a commitment.");
        }
        v.ThrowIfInvalid();
    }

    public static void ValidateReason(string? reason, string field = "reason") =>
        Body(new Validation(), reason, field, MaxReasonLength).ThrowIfInvalid();

    /// <summary>Required, not only whitespace, at most <paramref name="max"/> characters, no control characters but line breaks and tabs.</summary>
    private static Validation Body(Validation v, string? value, string field, int max)
    {
        v.Text(value, field, max);
        if (!string.IsNullOrEmpty(value))
        {
            v.Require(!ControlCharacters().IsMatch(value), field, "Remove the invisible control characters from the text.");
        }
        return v;
    }

    /// <summary>
    /// The name shown next to a contribution: the person's display name, never an e-mail address (a name that
    /// looks like one keeps only the part before the @).
    /// </summary>
    public static string PublicName(string? displayName)
    {
        var name = (displayName ?? "").Trim();
        if (name.Length == 0)
        {
            return "—";
        }
        return EmailLike().Replace(name, m => m.Groups[1].Value);
    }

    /// <summary>A SHA-256 of what a person wrote: the public journal proves the content without republishing it.</summary>
    public static string Digest(params string?[] parts)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts.Select(p => p ?? ""))));
        return Convert.ToHexStringLower(bytes);
    }

    [GeneratedRegex(@"[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]", RegexOptions.CultureInvariant)]
    private static partial Regex ControlCharacters();

    [GeneratedRegex(@"([^\s@<>()]+)@[^\s@<>()]+\.[^\s@<>()]+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLike();
}
