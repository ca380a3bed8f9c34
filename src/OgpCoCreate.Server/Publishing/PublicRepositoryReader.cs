using System.Text.Json;
using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Consultations;
using OgpCoCreate.Drafting;
using OgpCoCreate.Institutions;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Publishing;

/// <summary>
/// Reads everything public about a plan from the grains and the journal, always as an anonymous visitor
/// (whoever calls: a moderator's request must not publish what only moderators see), and maps it onto the
/// public records (PublicModels.cs), which are the whitelist of what is published.
/// </summary>
public sealed class PublicRepositoryReader(IGrainFactory grains, JournalReader journal)
{
    /// <summary>Who the grains see: nobody (no id, no role), exactly like an anonymous visitor.</summary>
    public static Actor Anonymous { get; } = new("", "", new HashSet<string>(), new HashSet<string>());

    private const int JournalPageSize = 1000;

    private static readonly HashSet<string> DecisionEvents = new(StringComparer.Ordinal)
    {
        "ApprovalGiven", "ChangesRequested", "ApprovalWithdrawn", "TaskResolved", "ApprovalCompleted", "ApprovalsInvalidated",
    };

    public static string PlanUrl(string planId) => $"/repository.html?plan={Uri.EscapeDataString(planId)}";
    public static string CommitmentUrl(string id) => $"/repository.html?commitment={Uri.EscapeDataString(id)}";
    public static string RoundUrl(string id) => $"/round.html?id={Uri.EscapeDataString(id)}";
    public static string InstitutionUrl(string id) => $"/institution.html?id={Uri.EscapeDataString(id)}";

    /// <summary>The whole public record of a plan, or null when there is no such plan.</summary>
    public async Task<PublicRepository?> ReadAsync(string planId, CancellationToken cancellationToken = default)
    {
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Get();
        if (plan is null)
        {
            return null;
        }
        var institutionViews = await Task.WhenAll(plan.InstitutionIds.Select(id => grains.GetGrain<IInstitutionGrain>(id).Get()));
        var institutions = institutionViews.OfType<InstitutionView>().OrderBy(i => i.Id, NaturalOrder.Instance).Select(ToPublic).ToList();

        var rounds = await ReadRoundsAsync(plan.Id);
        var contributions = rounds.SelectMany(r => r.Contributions.Select(c => ToPublic(r.View.Id, c))).ToList();
        var publicRounds = rounds.Select(r => ToPublic(r.View)).ToList();

        var commitmentViews = (await Task.WhenAll(plan.CommitmentIds.Select(id => grains.GetGrain<ICommitmentGrain>(id).Get())))
            .OfType<CommitmentView>().OrderBy(c => c.Details.Number).ToList();
        var commitments = new List<PublicCommitment>();
        var decisions = new List<PublicApprovalDecision>();
        // A few at a time: each reads six live texts, its approval workflow and the workflow's journal.
        foreach (var batch in commitmentViews.Chunk(4))
        {
            var read = await Task.WhenAll(batch.Select(c => ReadCommitmentAsync(c, publicRounds, contributions, cancellationToken)));
            foreach (var (commitment, commitmentDecisions) in read)
            {
                commitments.Add(commitment);
                decisions.AddRange(commitmentDecisions);
            }
        }
        decisions.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));

        var adoption = await ReadAdoptionAsync(plan.Id);
        var lastUpdated = new[] { plan.UpdatedAt }
            .Concat(institutions.Select(i => i.UpdatedAt))
            .Concat(commitments.Select(c => c.LastUpdated))
            .Concat(publicRounds.Select(r => r.UpdatedAt))
            .Concat(decisions.Select(d => d.At))
            .Concat(adoption?.AdoptedAt is { } adopted ? [adopted] : [])
            .Max();

        var publicPlan = new PublicPlan(
            plan.Id, plan.Country, plan.Title, plan.Start, plan.End, plan.Status, plan.Axes,
            [.. plan.Timeline.OrderBy(p => p.Start)],
            [.. plan.Forum.Select((m, i) => new PublicForumMember(i + 1, PublicNames.Mask(m.Name), m.Organisation, m.Side, m.CoChair))],
            [.. commitments.Select(c => c.Id)], [.. institutions.Select(i => i.Id)], adoption, plan.Version, plan.UpdatedAt, lastUpdated, PlanUrl(plan.Id));

        return new PublicRepository(publicPlan, institutions, commitments, publicRounds, contributions, decisions, lastUpdated, LinksFor(plan.Id));
    }

    /// <summary>Which grains' journals belong to the plan (cheaper than <see cref="ReadAsync"/>: no texts, no approvals).</summary>
    public async Task<JournalScope?> ReadScopeAsync(string planId)
    {
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Get();
        if (plan is null)
        {
            return null;
        }
        var settings = await grains.GetGrain<IConsultationIndexGrain>(planId).GetSettings();
        return new JournalScope(plan.Id, plan.CommitmentIds.ToHashSet(StringComparer.Ordinal), plan.InstitutionIds.ToHashSet(StringComparer.Ordinal),
            settings.RoundIds.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// The plan's public journal after <paramref name="afterSequence"/>: up to <paramref name="limit"/> entries,
    /// and the sequence number the next page starts after (null when this is the end).
    /// </summary>
    public async Task<(IReadOnlyList<PublicJournalEvent> Events, long? NextAfter)> ReadJournalAsync(
        JournalScope scope, IReadOnlySet<string> hiddenContributions, long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var events = new List<PublicJournalEvent>();
        var after = afterSequence;
        while (true)
        {
            var batch = await journal.AllAsync(after, JournalPageSize, cancellationToken);
            foreach (var entry in batch)
            {
                after = entry.Sequence;
                if (scope.Contains(entry.GrainType, entry.GrainKey))
                {
                    events.Add(PublicJournal.ToPublic(entry, hiddenContributions));
                    if (events.Count == limit)
                    {
                        // Full page: the next one starts after this entry (it may turn out empty).
                        return (events, after);
                    }
                }
            }
            if (batch.Count < JournalPageSize)
            {
                return (events, null);
            }
        }
    }

    /// <summary>Ids (<c>{roundId}/{contributionId}</c>) of the contributions hidden now.</summary>
    public async Task<IReadOnlySet<string>> HiddenContributionsAsync(JournalScope scope)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        foreach (var roundId in scope.RoundIds)
        {
            var round = await grains.GetGrain<IConsultationRoundGrain>(roundId).Get(Anonymous);
            foreach (var c in round?.Contributions ?? [])
            {
                if (c.Hidden)
                {
                    hidden.Add($"{roundId}/{c.Id}");
                }
            }
        }
        return hidden;
    }

    public static PublicLinks LinksFor(string planId)
    {
        var id = Uri.EscapeDataString(planId);
        return new PublicLinks(
            PlanUrl(planId),
            $"/print.html?plan={id}",
            $"/history.html?plan={id}",
            new Dictionary<string, string>
            {
                ["ar"] = $"/api/public/plans/{id}/action-plan.docx?lang=ar",
                ["fr"] = $"/api/public/plans/{id}/action-plan.docx?lang=fr",
                ["en"] = $"/api/public/plans/{id}/action-plan.docx?lang=en",
            },
            $"/api/open-data/{id}",
            $"/api/open-data/{id}/open-data.zip",
            $"/api/public/plans/{id}");
    }

    // ---- commitments ------------------------------------------------------------------------------------

    private async Task<(PublicCommitment, IReadOnlyList<PublicApprovalDecision>)> ReadCommitmentAsync(
        CommitmentView c, IReadOnlyList<PublicRound> rounds, IReadOnlyList<PublicContribution> contributions, CancellationToken cancellationToken)
    {
        var texts = new List<PublicText>();
        foreach (var field in CommitmentTextFields.All)
        {
            var document = grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(c.Id, field));
            var snapshot = await document.Open(Anonymous);
            texts.Add(new PublicText(field, snapshot.Version, snapshot.Text, await VersionTimeAsync(document, snapshot.Version)));
        }

        var approvals = grains.GetGrain<IApprovalGrain>(c.Id);
        var view = await approvals.Get();
        var entries = await ReadGrainJournalAsync("approval", c.Id, cancellationToken);
        var decisions = entries.Where(e => DecisionEvents.Contains(e.EventType)).Select(e => ToDecision(c.Id, e)).ToList();
        var approved = await ApprovedVersionAsync(c.Id, approvals, view, decisions);

        var roundIds = rounds.Where(r => r.CommitmentIds.Contains(c.Id)).Select(r => r.Id)
            .Union(contributions.Where(x => x.CommitmentId == c.Id).Select(x => x.RoundId))
            .Distinct().OrderBy(id => id, NaturalOrder.Instance).ToList();

        var lastUpdated = new[] { c.UpdatedAt }
            .Concat(texts.Select(t => t.UpdatedAt).OfType<DateTimeOffset>())
            .Concat(decisions.Select(d => d.At))
            .Max();
        var commitment = new PublicCommitment(
            c.Id, c.PlanId, c.Details, c.Status, texts,
            new PublicApprovalState(view.Content.Hash, view.Complete, view.CurrentStage,
                [.. view.Slots.Select(s => new PublicApprovalSlot(s.Slot, s.Stage, s.InstitutionId, s.ForumSide, s.State, s.Stale,
                    PublicNames.MaskOrNull(s.ByName), s.Capacity, s.At, s.ContentHash, s.Comment))],
                [.. view.Tasks.Select(t => new PublicApprovalTask(t.Id, t.Slot, t.Reason, PublicNames.Mask(t.ByName), t.At, t.ContentHash, t.Resolved,
                    PublicNames.MaskOrNull(t.ResolvedByName), t.ResolvedAt, t.Resolution))]),
            approved, roundIds, c.Version, c.UpdatedAt, lastUpdated, CommitmentUrl(c.Id), $"/history.html?commitment={Uri.EscapeDataString(c.Id)}");
        return (commitment, decisions);
    }

    /// <summary>When the op that made this version was accepted (null for version 0 or when the log no longer has it).</summary>
    private static async Task<DateTimeOffset?> VersionTimeAsync(IDocumentGrain document, long version)
    {
        if (version <= 0)
        {
            return null;
        }
        var ops = await document.GetOps(version - 1, 1);
        return ops.Count > 0 && ops[0].Version == version ? ops[0].At : null;
    }

    /// <summary>
    /// The content the whole chain last completed on. A completion that was undone afterwards (an approval of
    /// that content withdrawn) no longer counts, and the one before it is the approved version.
    /// </summary>
    private async Task<PublicApprovedVersion?> ApprovedVersionAsync(
        string commitmentId, IApprovalGrain approvals, ApprovalView view, IReadOnlyList<PublicApprovalDecision> decisions)
    {
        foreach (var completed in decisions.Where(d => d.EventType == "ApprovalCompleted" && d.ContentHash is not null).Reverse())
        {
            // A withdrawal is journaled with the content it had approved (see ToDecision).
            var undone = decisions.Any(d => d.Sequence > completed.Sequence && d.EventType == "ApprovalWithdrawn" && d.ContentHash == completed.ContentHash);
            if (undone)
            {
                continue;
            }
            var content = await approvals.GetContent(completed.ContentHash!);
            if (content is null)
            {
                continue;
            }
            CommitmentDetails? details = null;
            try
            {
                details = JsonSerializer.Deserialize<CommitmentDetails>(content.DetailsJson, PublicJson.Options);
            }
            catch (JsonException)
            {
                // Kept as it was approved; a shape this version cannot read is shown without its fields.
            }
            var texts = new List<PublicText>();
            foreach (var field in CommitmentTextFields.All)
            {
                if (content.DocumentVersions.TryGetValue(field, out var version))
                {
                    var document = grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(commitmentId, field));
                    var snapshot = await document.GetTextAt(version);
                    texts.Add(new PublicText(field, snapshot.Version, snapshot.Text, await VersionTimeAsync(document, snapshot.Version)));
                }
            }
            var signatures = decisions
                .Where(d => d.Sequence < completed.Sequence && d.EventType == "ApprovalGiven" && d.ContentHash == completed.ContentHash)
                .GroupBy(d => d.Slot).Select(g => g.Last()).ToList();
            return new PublicApprovedVersion(completed.ContentHash!, completed.At, view.Content.Hash == completed.ContentHash, details, texts, signatures);
        }
        return null;
    }

    private static PublicApprovalDecision ToDecision(string commitmentId, JournalEntry e)
    {
        using var document = JsonDocument.Parse(e.PayloadJson);
        var p = document.RootElement;
        string? Str(string name) => p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => v.GetRawText(),
            }
            : null;
        var comment = e.EventType switch
        {
            "ChangesRequested" => Str("reason"),
            "TaskResolved" => Str("note"),
            _ => Str("comment"),
        };
        // A withdrawal names the content that had been approved (approvedHash); that is the version it is about.
        var hash = e.EventType == "ApprovalWithdrawn" ? Str("approvedHash") ?? Str("contentHash") : Str("contentHash");
        return new PublicApprovalDecision(e.Sequence, commitmentId, e.EventType, Str("slot"), StageName(Str("stage")), Str("institutionId"), Str("forumSide"),
            Str("capacity"), PublicNames.Mask(e.ActorName), e.At, hash, comment is null ? null : PublicNames.Mask(comment));
    }

    /// <summary>Stages are journaled as names or as numbers depending on the serializer: always publish the name.</summary>
    private static string? StageName(string? stage) =>
        stage is not null && int.TryParse(stage, out var n) && Enum.IsDefined(typeof(ApprovalStage), n) ? ((ApprovalStage)n).ToString() : stage;

    private async Task<IReadOnlyList<JournalEntry>> ReadGrainJournalAsync(string grainType, string grainKey, CancellationToken cancellationToken)
    {
        var all = new List<JournalEntry>();
        long after = 0;
        while (true)
        {
            var page = await journal.ForGrainAsync(grainType, grainKey, after, JournalPageSize, cancellationToken);
            all.AddRange(page);
            if (page.Count < JournalPageSize)
            {
                return all;
            }
            after = page[^1].Sequence;
        }
    }

    private async Task<PublicAdoption?> ReadAdoptionAsync(string planId)
    {
        var status = await grains.GetGrain<IPlanAdoptionGrain>(planId).Status();
        return new PublicAdoption(status.Adopted, status.AdoptedAt, PublicNames.MaskOrNull(status.AdoptedByName), status.Missing);
    }

    // ---- institutions and rounds ------------------------------------------------------------------------

    private static PublicInstitution ToPublic(InstitutionView i) =>
        new(i.Id, i.Name, i.Kind, i.Acronym, IsStateActor(i.Kind), i.Leads, i.Supports, i.Version, i.UpdatedAt, InstitutionUrl(i.Id));

    /// <summary>The OGP template tells state and non-state supporting actors apart.</summary>
    public static bool IsStateActor(InstitutionKind kind) => kind is not InstitutionKind.Cso;

    private sealed record RoundRead(RoundView View, IReadOnlyList<ContributionView> Contributions);

    private async Task<IReadOnlyList<RoundRead>> ReadRoundsAsync(string planId)
    {
        var settings = await grains.GetGrain<IConsultationIndexGrain>(planId).GetSettings();
        var views = await Task.WhenAll(settings.RoundIds.Select(id => grains.GetGrain<IConsultationRoundGrain>(id).Get(Anonymous)));
        return [.. views.OfType<RoundView>().OrderBy(r => r.Definition.OpensAt).ThenBy(r => r.Id, NaturalOrder.Instance)
            .Select(r => new RoundRead(r, r.Contributions))];
    }

    private static PublicRound ToPublic(RoundView r)
    {
        var d = r.Definition;
        return new PublicRound(r.Id, r.PlanId, d.Scope, d.Title, d.Rules, r.Status, r.AnnouncedAt, d.OpensAt, d.ClosesAt, r.OpenedAt, r.ClosedAt,
            r.NoticeOverride?.Reason, d.CommitmentIds, r.Contributions.Count,
            r.Contributions.Count(c => c.Response is { } response && ConsultationLimits.IsFinal(response.Status)),
            r.Contributions.Count(c => c.Hidden), r.Version, r.UpdatedAt, RoundUrl(r.Id));
    }

    private static PublicContribution ToPublic(string roundId, ContributionView c)
    {
        var hidden = c.Hidden;
        var response = c.Response is { } r
            ? new PublicResponse(r.Status, r.MergedIntoCommitmentId, r.Justification, PublicNames.Mask(r.ByName), r.At)
            : null;
        return new PublicContribution(
            c.Id, roundId, c.Kind, c.ParentId,
            hidden ? null : PublicNames.Mask(c.AuthorName),
            c.At,
            hidden ? null : c.Title,
            hidden ? null : c.Body,
            hidden,
            c.AxisId, c.InstitutionId, c.CommitmentId,
            c.Anchor?.DocumentId,
            hidden ? null : c.Anchor?.Quote,
            hidden ? null : c.Position?.State,
            c.Supports,
            response?.Status ?? ResponseStatus.Unanswered,
            response);
    }
}
