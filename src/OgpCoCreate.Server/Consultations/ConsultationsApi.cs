using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Http;
using OgpCoCreate.Identity;
using OgpCoCreate.Plans;
using OgpCoCreate.Publishing;
using OgpCoCreate.Security;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Consultations;

/// <summary>
/// Consultation rounds over HTTP: reading is public (hidden contributions' content excepted), contributing
/// needs a sign-in, moderation needs the moderator roles, answering the secretariat or a focal point. The
/// grains decide the details (and check again); live events go over the hub (topic <c>round:{id}</c>).
/// </summary>
public static partial class ConsultationsApi
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void MapConsultationsApi(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/rounds").WithTags("Consultations").AddEndpointFilter(TooManyRequestsFilter);
        rounds.MapGet("/", List).WithSummary("A plan's consultation rounds (planId, default tn-nap5), or those consulting on one commitment (commitmentId).");
        rounds.MapPost("/", Create).RequireSecretariat().WithSummary("Announces a round (secretariat); it stays Scheduled until opened.");
        rounds.MapGet("/{roundId}", Get).WithName("GetRound").WithSummary("The round with its contributions, as the caller may see them.");
        rounds.MapPut("/{roundId}", Update).RequireSecretariat().WithSummary("Changes a scheduled round (If-Match).");
        rounds.MapPost("/{roundId}/open", Open).RequireSecretariat()
            .WithSummary("Opens the round. Before the plan's notice period is over, an overrideReason is needed and published.");
        rounds.MapPost("/{roundId}/close", Close).RequireSecretariat();
        rounds.MapPost("/{roundId}/answered", MarkAnswered).RequireSecretariat()
            .WithSummary("Closed → Answered: refused while any contribution lacks a published, justified response.");
        rounds.MapPost("/{roundId}/publish", Publish).RequireSecretariat().WithSummary("Answered → Published: the report is final.");
        rounds.MapGet("/{roundId}/contributions", Contributions).WithSummary("The round's contributions, optionally those on one commitment.");
        rounds.MapPost("/{roundId}/contributions", Contribute).RequireAuthorization()
            .WithSummary("Posts an idea, a comment (anchored to a passage: documentId, version, start, end in code points, quote) or a reply.");
        rounds.MapPost("/{roundId}/contributions/{contributionId}/support", Support).RequireAuthorization().WithSummary("+1, once per person.");
        rounds.MapPost("/{roundId}/contributions/{contributionId}/report", Report).RequireAuthorization().WithSummary("Reports a contribution to the moderators.");
        rounds.MapPost("/{roundId}/contributions/{contributionId}/hide", Hide).RequireModerator().WithSummary("Hides a contribution, with a reason (moderators).");
        rounds.MapPost("/{roundId}/contributions/{contributionId}/restore", Restore).RequireModerator();
        rounds.MapPost("/{roundId}/contributions/{contributionId}/dismiss-reports", DismissReports).RequireModerator();
        rounds.MapGet("/{roundId}/moderation", ModerationQueue).RequireModerator().WithSummary("Reported and hidden contributions (moderators).");
        rounds.MapPut("/{roundId}/contributions/{contributionId}/response", DraftResponse).RequireResponder()
            .WithSummary("Drafts the reasoned response (secretariat, or focal point of the institution concerned). Status Unanswered discards the draft.");
        rounds.MapPost("/{roundId}/responses/publish", PublishResponses).RequireSecretariat()
            .WithSummary("Publishes every draft response together and notifies the authors (GET /api/notifications).");
        rounds.MapGet("/{roundId}/report", PublicReport).WithSummary("The public report: counts by status, axis, institution; every contribution with its response.");
        rounds.MapGet("/{roundId}/report.json", ReportJsonDownload).WithSummary("The report as a JSON download.");
        rounds.MapGet("/{roundId}/report.csv", ReportCsvDownload).WithSummary("The report as a CSV download (UTF-8).");
        rounds.MapGet("/{roundId}/history", History).WithSummary("The round's public journal (what people wrote appears as digests; published responses in full).");

        var settings = app.MapGroup("/api/consultations").WithTags("Consultations");
        settings.MapGet("/settings/{planId}", GetSettings).WithSummary("A plan's consultation settings: notice period and rounds.");
        settings.MapPut("/settings/{planId}", SetSettings).RequireSecretariat().WithSummary("Sets the notice period (days between announcing and opening a round).");
    }

    private static TBuilder RequireModerator<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireRole(OgpRoles.Secretariat, OgpRoles.Admin, OgpRoles.MsfMember));

    private static TBuilder RequireResponder<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireRole(OgpRoles.Secretariat, OgpRoles.Admin, OgpRoles.FocalPoint));

    /// <summary>A rate-limited person gets 429 with Retry-After (the exception handler would drop the header).</summary>
    private static async ValueTask<object?> TooManyRequestsFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (DomainException e) when (e.Kind == ConsultationLimits.TooManyRequests)
        {
            if (e.Errors.TryGetValue("retryAfter", out var seconds) && seconds.Length > 0)
            {
                context.HttpContext.Response.Headers.RetryAfter = seconds[0];
            }
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many contributions");
        }
    }

    private static IConsultationRoundGrain Round(IGrainFactory grains, string roundId) => grains.GetGrain<IConsultationRoundGrain>(CheckId(roundId, "round"));

    /// <summary>Made-up ids must not activate grains: anything that is not an id is a 404 at once.</summary>
    private static string CheckId(string id, string what) =>
        id.Length <= Validation.MaxIdLength && IdPattern().IsMatch(id) ? id : throw DomainException.NotFound($"There is no {what} '{id}'.");

    // ---- rounds -----------------------------------------------------------------------------------------

    private static async Task<Results<Ok<IReadOnlyList<RoundSummary>>, ProblemHttpResult>> List(IGrainFactory grains, string? planId = null, string? commitmentId = null)
    {
        if (planId is null && commitmentId is not null)
        {
            var commitment = await grains.GetGrain<ICommitmentGrain>(CheckId(commitmentId, "commitment")).Get();
            if (commitment is null)
            {
                return Problems.NotFound($"There is no commitment '{commitmentId}'.");
            }
            planId = commitment.PlanId;
        }
        planId ??= "tn-nap5";
        if (await grains.GetGrain<IActionPlanGrain>(CheckId(planId, "plan")).Get() is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        var settings = await grains.GetGrain<IConsultationIndexGrain>(planId).GetSettings();
        var summaries = await Task.WhenAll(settings.RoundIds.Select(id => grains.GetGrain<IConsultationRoundGrain>(id).GetSummary()));
        IReadOnlyList<RoundSummary> result = [.. summaries.OfType<RoundSummary>()
            .Where(r => commitmentId is null || r.CommitmentIds.Contains(commitmentId))
            .OrderByDescending(r => r.OpensAt)];
        return TypedResults.Ok(result);
    }

    private static async Task<Created<RoundView>> Create(CreateRoundRequest request, IGrainFactory grains, HttpContext context)
    {
        new Validation().Slug(request.PlanId, "planId").ThrowIfInvalid();
        var definition = request.ToDefinition();
        var created = await grains.GetGrain<IConsultationIndexGrain>(request.PlanId!).CreateRound(context.User.ToActor(), definition);
        context.Response.Headers.ETag = ETags.For(created.Version);
        return TypedResults.Created($"/api/rounds/{created.Id}", created);
    }

    private static async Task<Results<Ok<RoundView>, ProblemHttpResult>> Get(string roundId, IGrainFactory grains, HttpContext context)
    {
        var round = await Round(grains, roundId).Get(context.User.ToActor());
        if (round is null)
        {
            return Problems.NotFound($"There is no consultation round '{roundId}'.");
        }
        context.Response.Headers.ETag = ETags.For(round.Version);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(round);
    }

    private static async Task<Ok<RoundView>> Update(string roundId, CreateRoundRequest request, IGrainFactory grains, HttpContext context)
    {
        var updated = await Round(grains, roundId).Update(context.User.ToActor(), request.ToDefinition(), ETags.FromIfMatch(context.Request));
        context.Response.Headers.ETag = ETags.For(updated.Version);
        return TypedResults.Ok(updated);
    }

    private static async Task<Ok<RoundView>> Open(string roundId, OpenRoundRequest? request, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).Open(context.User.ToActor(), request?.OverrideReason));

    private static async Task<Ok<RoundView>> Close(string roundId, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).Close(context.User.ToActor()));

    private static async Task<Ok<RoundView>> MarkAnswered(string roundId, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).MarkAnswered(context.User.ToActor()));

    private static async Task<Ok<RoundView>> Publish(string roundId, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).Publish(context.User.ToActor()));

    // ---- contributions ----------------------------------------------------------------------------------

    private static async Task<Results<Ok<IReadOnlyList<ContributionView>>, ProblemHttpResult>> Contributions(
        string roundId, IGrainFactory grains, HttpContext context, string? commitmentId = null)
    {
        var round = await Round(grains, roundId).Get(context.User.ToActor());
        if (round is null)
        {
            return Problems.NotFound($"There is no consultation round '{roundId}'.");
        }
        IReadOnlyList<ContributionView> result = [.. round.Contributions.Where(c => commitmentId is null || c.CommitmentId == commitmentId)];
        return TypedResults.Ok(result);
    }

    private static async Task<Created<ContributionView>> Contribute(string roundId, ContributionRequest request, IGrainFactory grains, HttpContext context)
    {
        var created = await Round(grains, roundId).Contribute(context.User.ToActor(), request.ToContribution());
        return TypedResults.Created($"/api/rounds/{roundId}/contributions/{created.Id}", created);
    }

    private static async Task<Ok<ContributionView>> Support(string roundId, string contributionId, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).Support(context.User.ToActor(), contributionId));

    private static async Task<Ok<ContributionView>> Report(string roundId, string contributionId, ReasonRequest request, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).Report(context.User.ToActor(), contributionId, request.Reason!));

    private static async Task<Ok<ContributionView>> Hide(string roundId, string contributionId, ReasonRequest request, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).Hide(context.User.ToActor(), contributionId, request.Reason!));

    private static async Task<Ok<ContributionView>> Restore(string roundId, string contributionId, ReasonRequest request, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).Restore(context.User.ToActor(), contributionId, request.Reason!));

    private static async Task<Ok<ContributionView>> DismissReports(string roundId, string contributionId, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).DismissReports(context.User.ToActor(), contributionId));

    private static async Task<Ok<IReadOnlyList<ContributionView>>> ModerationQueue(string roundId, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).GetModerationQueue(context.User.ToActor()));

    // ---- responses and report ---------------------------------------------------------------------------

    private static async Task<Ok<ContributionView>> DraftResponse(string roundId, string contributionId, ResponseRequest request, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(await Round(grains, roundId).DraftResponse(context.User.ToActor(), contributionId, request.ToInput()));

    private static async Task<Ok<PublishResult>> PublishResponses(string roundId, IGrainFactory grains, HttpContext context) =>
        TypedResults.Ok(new PublishResult(await Round(grains, roundId).PublishResponses(context.User.ToActor())));

    private static async Task<Ok<RoundReport>> PublicReport(string roundId, IGrainFactory grains, HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(await Round(grains, roundId).GetReport(context.User.ToActor()));
    }

    private static async Task<FileContentHttpResult> ReportJsonDownload(string roundId, IGrainFactory grains, HttpContext context)
    {
        var report = await Round(grains, roundId).GetReport(context.User.ToActor());
        var bytes = JsonSerializer.SerializeToUtf8Bytes(report, ReportJson);
        return TypedResults.File(bytes, "application/json; charset=utf-8", $"{report.Round.Id}-report.json");
    }

    private static async Task<FileContentHttpResult> ReportCsvDownload(string roundId, IGrainFactory grains, HttpContext context)
    {
        var report = await Round(grains, roundId).GetReport(context.User.ToActor());
        var csv = RoundReportCsv.Write(report);
        // A byte-order mark so that spreadsheet programs read the Arabic and French text as UTF-8.
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        return TypedResults.File(bytes, "text/csv; charset=utf-8", $"{report.Round.Id}-report.csv");
    }

    /// <summary>
    /// The round's journal as the public repository publishes it (<see cref="PublicJournal"/>): no actor ids, and no
    /// names of who supported, reported, moderated or drafted, nor of a hidden contribution's author.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<PublicJournalEvent>>, ProblemHttpResult>> History(
        string roundId, IGrainFactory grains, JournalReader journal, long? after, int? limit, CancellationToken cancellationToken)
    {
        var page = JournalPage.From(after, limit);
        var round = await Round(grains, roundId).Get(Anonymous);
        if (round is null)
        {
            return Problems.NotFound($"There is no consultation round '{roundId}'.");
        }
        var hidden = round.Contributions.Where(c => c.Hidden).Select(c => $"{roundId}/{c.Id}").ToHashSet(StringComparer.Ordinal);
        var entries = await journal.ForGrainAsync("consultation-round", roundId, page.After, page.Limit, cancellationToken);
        IReadOnlyList<PublicJournalEvent> result = [.. entries.Select(e => PublicJournal.ToPublic(e, hidden))];
        return TypedResults.Ok(result);
    }

    private static Actor Anonymous { get; } = new("", "", new HashSet<string>(), new HashSet<string>());

    // ---- settings -----------------------------------------------------------------------------

    private static async Task<Results<Ok<ConsultationSettings>, ProblemHttpResult>> GetSettings(string planId, IGrainFactory grains)
    {
        if (await grains.GetGrain<IActionPlanGrain>(CheckId(planId, "plan")).Get() is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        return TypedResults.Ok(await grains.GetGrain<IConsultationIndexGrain>(planId).GetSettings());
    }

    private static async Task<Ok<ConsultationSettings>> SetSettings(string planId, NoticePeriodRequest request, IGrainFactory grains, HttpContext context)
    {
        new Validation().Require(request.NoticeDays is not null, "noticeDays", "This field is required.").ThrowIfInvalid();
        return TypedResults.Ok(await grains.GetGrain<IConsultationIndexGrain>(CheckId(planId, "plan")).SetNoticeDays(context.User.ToActor(), request.NoticeDays!.Value));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
