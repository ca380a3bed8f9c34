using Microsoft.Extensions.Logging;
using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Security;
using static OgpCoCreate.Consultations.ConsultationLimits;

namespace OgpCoCreate.Consultations;

/// <summary>What each reader sees of the round and its contributions (moderation and drafts only for those entitled; anchors placed on the current text).</summary>
public sealed partial class ConsultationRoundGrain
{
    public async Task<RoundView?> Get(Actor viewer) => S.Created ? await View(viewer) : null;

    public Task<RoundSummary?> GetSummary() => Task.FromResult(S.Created ? Summary() : null);

    private async Task<RoundView> View(Actor viewer)
    {
        var contributions = await ViewMany(S.Contributions, viewer);
        var accepting = RoundRules.AcceptsContributions(S.Status, S.OpenedAt, S.ClosesAt, Now);
        var capabilities = new RoundCapabilities(
            Contribute: viewer.IsAuthenticated && accepting,
            Moderate: RoundRules.IsModerator(viewer),
            Respond: RoundRules.MayRespond(viewer) && RoundRules.AcceptsResponses(S.Status),
            PublishResponses: viewer.IsAuthenticated && viewer.IsSecretariat && RoundRules.AcceptsResponses(S.Status),
            Manage: viewer.IsAuthenticated && viewer.IsSecretariat);
        var noticeDays = (await GrainFactory.GetGrain<IConsultationIndexGrain>(S.PlanId).GetSettings()).NoticeDays;
        return new RoundView(Id, S.PlanId, S.Definition(), S.Status, S.AnnouncedAt, S.OpenedAt, S.ClosedAt, S.NoticeOverride, accepting,
            contributions, capabilities, S.Version, S.UpdatedAt, noticeDays);
    }

    private RoundSummary Summary() => new(Id, S.PlanId, S.Scope, S.Title, S.Status, S.OpensAt, S.ClosesAt, [.. S.CommitmentIds],
        S.Contributions.Count(c => c.NeedsResponse), S.Contributions.Count(c => c.NeedsResponse && c.IsAnswered),
        RoundRules.AcceptsContributions(S.Status, S.OpenedAt, S.ClosesAt, Now));

    private RoundCounts Counts()
    {
        var main = S.Contributions.Where(c => c.Kind != ContributionKind.Reply).ToList();
        var visible = main.Where(c => !c.Hidden).ToList();
        static Dictionary<string, int> By(IEnumerable<ContributionRecord> items, Func<ContributionRecord, string?> key) =>
            items.GroupBy(c => key(c) ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new RoundCounts(
            main.Count,
            main.Count(c => c.Hidden),
            S.Contributions.Count(c => c.Kind == ContributionKind.Reply),
            Enum.GetValues<ResponseStatus>().ToDictionary(s => s.ToString(), s => visible.Count(c => c.Status == s)),
            By(visible, c => c.AxisId),
            By(visible, c => c.InstitutionId),
            By(visible, c => c.CommitmentId));
    }

    private async Task<ContributionView> ViewOne(ContributionRecord c, Actor viewer) =>
        (await ViewMany([c], viewer))[0];

    private async Task<IReadOnlyList<ContributionView>> ViewMany(IReadOnlyList<ContributionRecord> items, Actor viewer)
    {
        var moderator = RoundRules.IsModerator(viewer);
        var responder = RoundRules.MayRespond(viewer);
        var anchored = items.Where(c => c.Anchor is not null).Select(c => (c.Id, c.Anchor!)).ToList();
        IReadOnlyDictionary<string, AnchorPosition> positions = new Dictionary<string, AnchorPosition>();
        if (anchored.Count > 0)
        {
            var failures = new List<(string DocumentId, Exception Error)>();
            positions = await Anchors.ResolveAsync(anchored, failures);
            foreach (var (documentId, error) in failures)
            {
                LogAnchorsFailed(logger, Id, documentId, error);
            }
        }
        return [.. items.Select(c => Project(c, viewer, moderator, responder, positions.GetValueOrDefault(c.Id)))];
    }

    private ContributionView Project(ContributionRecord c, Actor viewer, bool moderator, bool responder, AnchorPosition? position)
    {
        var mine = viewer.IsAuthenticated && c.AuthorId == viewer.UserId;
        var showContent = !c.Hidden || moderator || mine;
        return new ContributionView(
            c.Id, Id, c.Kind, c.ParentId,
            showContent ? c.AuthorName : "",
            c.At,
            showContent ? c.Title : null,
            showContent ? c.Body : null,
            showContent ? Html(c) : null,
            c.AxisId, c.InstitutionId, c.CommitmentId, c.Anchor, position,
            c.Supporters.Count,
            viewer.IsAuthenticated && c.Supporters.Contains(viewer.UserId),
            mine,
            c.Hidden,
            c.Status,
            c.Response?.View(),
            responder ? c.Draft?.View() : null,
            moderator ? new ModerationView([.. c.Reports.Where(r => !r.Dismissed).Select(r => new ReportView(r.ByName, r.Reason, r.At))], c.HiddenReason, c.HiddenByName, c.HiddenAt) : null,
            c.NeedsResponse);
    }

    private string Html(ContributionRecord c)
    {
        if (!html.TryGetValue(c.Id, out var rendered))
        {
            html[c.Id] = rendered = SafeMarkdown.ToHtml(c.Body);
        }
        return rendered;
    }

    private static string Excerpt(ContributionRecord c)
    {
        var text = (c.Title ?? c.Body).ReplaceLineEndings(" ").Trim();
        return text.Length <= 140 ? text : text[..140] + "…";
    }

    private void PublishRoundChanged() => Publisher.Publish("RoundChanged", new { roundId = Id, summary = Summary() });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Round {RoundId}: could not place anchors of {DocumentId}")]
    private static partial void LogAnchorsFailed(ILogger logger, string roundId, string documentId, Exception exception);
}
