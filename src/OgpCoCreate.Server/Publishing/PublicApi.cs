using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Consultations;
using OgpCoCreate.Http;

namespace OgpCoCreate.Publishing;

/// <summary>
/// The public repository over HTTP, for anyone (no sign-in, and the same answer whoever asks): the plan
/// and everything about it as nested records (<c>/api/public</c>), the action plan in the OGP template
/// (DOCX, and the model the print view renders), and the open data as flat tables in CSV and JSON with a
/// ZIP of everything (<c>/api/open-data</c>). Lists are paged (limit, after, a next link in the body and in
/// a Link header); every answer has a strong ETag (304 on If-None-Match) and Cache-Control.
/// </summary>
public static partial class PublicApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static void AddOgpPublishing(this IServiceCollection services)
    {
        services.AddSingleton<PublicRepositoryReader>();
        services.AddSingleton<PublishingLabelsProvider>();
    }

    public static void MapPublishingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public").WithTags("Public repository").AllowAnonymous();
        api.MapGet("/plans/{planId}", Plan).WithName("GetPublicPlan")
            .WithSummary("The plan: title, period, status, axes, co-creation timeline, forum membership, adoption, last updated.")
            .WithDescription("Public, the same for everyone. Strong ETag over the body (send If-None-Match for 304).")
            .Produces<PublicPlan>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/repository", Repository)
            .WithSummary("Everything public about the plan in one document: plan, institutions, commitments (current and approved texts, approvals), rounds, contributions with responses, approval decisions.")
            .WithDescription("What the public repository page shows. Not paged: use the paged lists below for large plans.")
            .Produces<PublicRepository>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/commitments", Commitments)
            .WithSummary("The plan's commitments, paged, in number order: OGP template fields, current live texts, approval chain and approved version.")
            .WithDescription("Paging: limit (1-1000, default 100) and after (the id of the last commitment you have); next is the link to the following page. Filters: status, axis, institution (lead or supporting).")
            .Produces<PublicPage<PublicCommitment>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/commitments/{commitmentId}", Commitment).WithName("GetPublicCommitment")
            .WithSummary("One commitment's public record: template fields, milestones, current texts, approved version with its texts and signatures, approval chain, rounds.")
            .Produces<PublicCommitment>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/rounds/{roundId}", Round).WithName("GetPublicRound")
            .WithSummary("One consultation round: definition, status, dates, counts (its contributions: /plans/{planId}/contributions?roundId=).")
            .Produces<PublicRound>().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/milestones", Milestones)
            .WithSummary("Every commitment's milestones, paged (after = {commitmentId}/{position} of the last one you have).")
            .Produces<PublicPage<PublicMilestone>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/institutions", Institutions)
            .WithSummary("The institutions taking part in the plan, paged by id.")
            .Produces<PublicPage<PublicInstitution>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/rounds", Rounds)
            .WithSummary("The consultation rounds, paged by id, with their counts of contributions, answered and hidden ones.")
            .Produces<PublicPage<PublicRound>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/contributions", Contributions)
            .WithSummary("Every contribution with its reasoned response, paged (after = {roundId}/{contributionId}); filters roundId, commitmentId.")
            .WithDescription("Hidden contributions keep their place without title, body, quote or author.")
            .Produces<PublicPage<PublicContribution>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/approvals", Approvals)
            .WithSummary("Every approval action (approved, changes requested, withdrawn, completed, invalidated): who, when, which content version. Paged by journal sequence; filter commitmentId.")
            .Produces<PublicPage<PublicApprovalDecision>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/journal", Journal)
            .WithSummary("The plan's public journal (plan, commitments, institutions, approvals, rounds), oldest first, paged by sequence number (after).")
            .WithDescription("No actor ids; the actor's name only where the public pages show it; payloads without account data.")
            .Produces<PublicPage<PublicJournalEvent>>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/action-plan", ActionPlan)
            .WithSummary("The action plan in the OGP template as a document model (headings, paragraphs, tables) in one language: what the DOCX and print.html render.")
            .WithDescription("lang = ar, fr (default) or en. Labels are translated; names and titles are in that language; live texts are as written.")
            .Produces<ActionPlanDocument>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/plans/{planId}/action-plan.docx", ActionPlanDocxFile)
            .WithSummary("The action plan as a Word document (DOCX) in the OGP action-plan template, in lang = ar (right to left), fr or en.")
            .Produces(StatusCodes.Status200OK, contentType: ActionPlanDocx.ContentType).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        var data = app.MapGroup("/api/open-data").WithTags("Open data").AllowAnonymous();
        data.MapGet("/{planId}", OpenDataIndex)
            .WithSummary("The open-data files of the plan: each table's name, description, columns (name, type, description), row count and links to its CSV and JSON.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        data.MapGet("/{planId}/{file}", OpenDataFile)
            .WithSummary("One open-data file: {table}.csv, {table}.json, README.md, datapackage.json, or open-data.zip (everything public, with the README and the DOCX in three languages).")
            .WithDescription("Tables: " + string.Join(", ", OpenDataTables.Names) + ". CSV is RFC 4180, UTF-8 with BOM, every field quoted; see README.md for the conventions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    // ---- /api/public ------------------------------------------------------------------------------------

    private static async Task<IResult> Plan(string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct)
    {
        var repo = await Read(reader, planId, ct);
        return repo is null ? NoPlan(planId) : PublicCaching.Json(context, repo.Plan, repo.LastUpdated);
    }

    private static async Task<IResult> Repository(string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct)
    {
        var repo = await Read(reader, planId, ct);
        return repo is null ? NoPlan(planId) : PublicCaching.Json(context, repo, repo.LastUpdated);
    }

    private static async Task<IResult> Commitments(
        string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct,
        int? limit = null, string? after = null, CommitmentStatus? status = null, string? axis = null, string? institution = null)
    {
        var paging = Paging.From(limit, after);
        var repo = await Read(reader, planId, ct);
        if (repo is null)
        {
            return NoPlan(planId);
        }
        var items = repo.Commitments
            .Where(c => status is null || c.Status == status)
            .Where(c => axis is null || c.Details.AxisId == axis)
            .Where(c => institution is null || c.Details.LeadInstitutionId == institution || c.Details.SupportingInstitutionIds.Contains(institution));
        return Page(context, items, c => c.Id, paging, repo.LastUpdated);
    }

    private static async Task<IResult> Commitment(string commitmentId, PublicRepositoryReader reader, IGrainFactory grains, HttpContext context, CancellationToken ct)
    {
        if (!IsId(commitmentId) || await grains.GetGrain<ICommitmentGrain>(commitmentId).Get() is not { } view)
        {
            return Problems.NotFound($"There is no commitment '{commitmentId}'.");
        }
        var repo = await Read(reader, view.PlanId, ct);
        var commitment = repo?.Commitments.FirstOrDefault(c => c.Id == commitmentId);
        return commitment is null
            ? Problems.NotFound($"There is no commitment '{commitmentId}' in a plan.")
            : PublicCaching.Json(context, commitment, commitment.LastUpdated);
    }

    private static async Task<IResult> Round(string roundId, PublicRepositoryReader reader, IGrainFactory grains, HttpContext context, CancellationToken ct)
    {
        if (!IsId(roundId) || await grains.GetGrain<IConsultationRoundGrain>(roundId).GetSummary() is not { } summary)
        {
            return Problems.NotFound($"There is no consultation round '{roundId}'.");
        }
        var repo = await Read(reader, summary.PlanId, ct);
        var round = repo?.Rounds.FirstOrDefault(r => r.Id == roundId);
        return round is null
            ? Problems.NotFound($"There is no consultation round '{roundId}' in a plan.")
            : PublicCaching.Json(context, round, round.UpdatedAt);
    }

    private static async Task<IResult> Milestones(string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct, int? limit = null, string? after = null)
    {
        var paging = Paging.From(limit, after);
        var repo = await Read(reader, planId, ct);
        return repo is null ? NoPlan(planId) : Page(context, PublicMilestone.All(repo), m => $"{m.CommitmentId}/{m.Position}", paging, repo.LastUpdated);
    }

    private static async Task<IResult> Institutions(string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct, int? limit = null, string? after = null)
    {
        var paging = Paging.From(limit, after);
        var repo = await Read(reader, planId, ct);
        return repo is null ? NoPlan(planId) : Page(context, repo.Institutions, i => i.Id, paging, repo.LastUpdated);
    }

    private static async Task<IResult> Rounds(string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct, int? limit = null, string? after = null)
    {
        var paging = Paging.From(limit, after);
        var repo = await Read(reader, planId, ct);
        return repo is null ? NoPlan(planId) : Page(context, repo.Rounds, r => r.Id, paging, repo.LastUpdated);
    }

    private static async Task<IResult> Contributions(
        string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct,
        int? limit = null, string? after = null, string? roundId = null, string? commitmentId = null)
    {
        var paging = Paging.From(limit, after);
        var repo = await Read(reader, planId, ct);
        if (repo is null)
        {
            return NoPlan(planId);
        }
        var items = repo.Contributions
            .Where(c => roundId is null || c.RoundId == roundId)
            .Where(c => commitmentId is null || c.CommitmentId == commitmentId);
        return Page(context, items, c => $"{c.RoundId}/{c.Id}", paging, repo.LastUpdated);
    }

    private static async Task<IResult> Approvals(
        string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct, int? limit = null, string? after = null, string? commitmentId = null)
    {
        var paging = Paging.From(limit, after);
        var repo = await Read(reader, planId, ct);
        if (repo is null)
        {
            return NoPlan(planId);
        }
        var items = repo.ApprovalDecisions.Where(d => commitmentId is null || d.CommitmentId == commitmentId);
        return Page(context, items, d => d.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), paging, repo.LastUpdated);
    }

    private static async Task<IResult> Journal(string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct, int? limit = null, long? after = null)
    {
        new Validation()
            .Require(limit is null or (>= 1 and <= MaxLimit), "limit", $"Between 1 and {MaxLimit}.")
            .Require(after is null or >= 0, "after", "Give the sequence number of the last entry you have (0 or more).")
            .ThrowIfInvalid();
        if (!IsId(planId) || await reader.ReadScopeAsync(planId) is not { } scope)
        {
            return NoPlan(planId);
        }
        var hidden = await reader.HiddenContributionsAsync(scope);
        var (events, nextAfter) = await reader.ReadJournalAsync(scope, hidden, after ?? 0, limit ?? JournalPage.DefaultLimit, ct);
        var next = nextAfter is { } n ? NextLink(context, n.ToString(System.Globalization.CultureInfo.InvariantCulture), limit ?? JournalPage.DefaultLimit) : null;
        DateTimeOffset? lastUpdated = events.Count > 0 ? events.Max(e => e.At) : null;
        return PublicCaching.Json(context, new PublicPage<PublicJournalEvent>(events, limit ?? JournalPage.DefaultLimit, next, lastUpdated), lastUpdated, next);
    }

    // ---- /api/open-data ---------------------------------------------------------------------------------

    /// <summary>The tables, their README and the repository they were made from.</summary>
    public sealed record OpenDataSet(PublicRepository Repository, IReadOnlyList<OpenDataTable> Tables, string Readme);

    // ---- helpers ----------------------------------------------------------------------------------------

    private static async Task<PublicRepository?> Read(PublicRepositoryReader reader, string planId, CancellationToken ct) =>
        IsId(planId) ? await reader.ReadAsync(planId, ct) : null;

    private static IResult NoPlan(string planId) => Problems.NotFound($"There is no plan '{planId}'.");

    private static string Language(string? lang)
    {
        var language = PublishingLabelsProvider.Normalize(lang);
        new Validation().Require(language is not null, "lang", "Use ar, fr or en.").ThrowIfInvalid();
        return language!;
    }

    private readonly record struct Paging(int Limit, string? After)
    {
        public static Paging From(int? limit, string? after)
        {
            new Validation()
                .Require(limit is null or (>= 1 and <= MaxLimit), "limit", $"Between 1 and {MaxLimit}.")
                .Require(after is null || (after.Length is > 0 and <= 200), "after", "Give the key of the last item you have (the next link does).")
                .ThrowIfInvalid();
            return new Paging(limit ?? DefaultLimit, after);
        }
    }

    /// <summary>
    /// The items after the cursor, in natural key order, at most <c>limit</c>; <c>next</c> when there are more.
    /// "After this key" rather than an offset: a page boundary stays right when items are added or removed.
    /// </summary>
    private static IResult Page<T>(HttpContext context, IEnumerable<T> items, Func<T, string> key, Paging paging, DateTimeOffset lastUpdated)
    {
        var page = items
            .Where(item => paging.After is null || NaturalOrder.Instance.Compare(key(item), paging.After) > 0)
            .OrderBy(key, NaturalOrder.Instance)
            .Take(paging.Limit + 1)
            .ToList();
        string? next = null;
        if (page.Count > paging.Limit)
        {
            page.RemoveAt(page.Count - 1);
            next = NextLink(context, key(page[^1]), paging.Limit);
        }
        return PublicCaching.Json(context, new PublicPage<T>(page, paging.Limit, next, lastUpdated), lastUpdated, next);
    }

    /// <summary>The same request with <c>after</c> moved on (and the limit made explicit); other filters stay.</summary>
    private static string NextLink(HttpContext context, string after, int limit)
    {
        var query = QueryHelpers.ParseQuery(context.Request.QueryString.Value);
        var parameters = query.Where(p => p.Key is not "after" and not "limit")
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Append(new("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("after", after));
        return QueryHelpers.AddQueryString(context.Request.PathBase + context.Request.Path, parameters);
    }

    private static bool IsId(string id) => id.Length <= Validation.MaxIdLength && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
