using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OgpCoCreate.Common;
using OgpCoCreate.Http;
using OgpCoCreate.Identity;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Institutions;

public static class InstitutionsApi
{
    public static RouteGroupBuilder MapInstitutionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/institutions").WithTags("Institutions");
        group.MapGet("/", List).WithSummary("The institutions taking part in a plan (default tn-nap5).");
        group.MapGet("/{institutionId}", Get).WithName("GetInstitution");
        group.MapGet("/{institutionId}/history", History).WithSummary("The institution's public journal.");
        group.MapPost("/", Create).RequireSecretariat().WithSummary("Registers an institution for a plan (secretariat, admin).");
        group.MapPut("/{institutionId}", Update).RequireSecretariat().WithSummary("Changes names, kind and acronym (If-Match).");
        group.MapPut("/{institutionId}/focal-points", SetFocalPoints).RequireSecretariat()
            .WithSummary("Names focal points and alternates by account id (If-Match); mirrored into their ogp:institution claims.");
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<InstitutionView>>, ProblemHttpResult>> List(IGrainFactory grains, string planId = "tn-nap5")
    {
        var plan = await grains.GetGrain<IActionPlanGrain>(planId).Get();
        if (plan is null)
        {
            return Problems.NotFound($"There is no plan '{planId}'.");
        }
        var all = await Task.WhenAll(plan.InstitutionIds.Select(id => grains.GetGrain<IInstitutionGrain>(id).Get()));
        IReadOnlyList<InstitutionView> result = [.. all.OfType<InstitutionView>()];
        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<InstitutionView>, StatusCodeHttpResult, ProblemHttpResult>> Get(string institutionId, IGrainFactory grains, HttpContext context)
    {
        var institution = await grains.GetGrain<IInstitutionGrain>(institutionId).Get();
        if (institution is null)
        {
            return Problems.NotFound($"There is no institution '{institutionId}'.");
        }
        context.Response.Headers.ETag = ETags.For(institution.Version);
        return ETags.IsCurrent(context.Request, institution.Version) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(institution);
    }

    private static async Task<Results<Ok<IReadOnlyList<JournalEntry>>, ProblemHttpResult>> History(
        string institutionId, IGrainFactory grains, JournalReader journal, long? after, int? limit, CancellationToken cancellationToken)
    {
        var page = JournalPage.From(after, limit);
        if (await grains.GetGrain<IInstitutionGrain>(institutionId).Get() is null)
        {
            return Problems.NotFound($"There is no institution '{institutionId}'.");
        }
        return TypedResults.Ok(await journal.ForGrainAsync("institution", institutionId, page.After, page.Limit, cancellationToken));
    }

    private static async Task<Created<InstitutionView>> Create(CreateInstitutionRequest request, IGrainFactory grains, HttpContext context)
    {
        new Validation().Slug(request.Id, "id").Slug(request.PlanId, "planId").ThrowIfInvalid();
        var plan = grains.GetGrain<IActionPlanGrain>(request.PlanId!);
        if (await plan.Get() is null)
        {
            new Validation().Require(false, "planId", $"There is no plan '{request.PlanId}'.").ThrowIfInvalid();
        }
        var actor = context.User.ToActor();
        var institution = await grains.GetGrain<IInstitutionGrain>(request.Id!).Create(actor, Definition(request.Name, request.Kind, request.Acronym));
        await plan.AttachInstitution(actor, institution.Id);
        context.Response.Headers.ETag = ETags.For(institution.Version);
        return TypedResults.Created($"/api/institutions/{institution.Id}", institution);
    }

    private static async Task<Ok<InstitutionView>> Update(string institutionId, UpdateInstitutionRequest request, IGrainFactory grains, HttpContext context)
    {
        var institution = await grains.GetGrain<IInstitutionGrain>(institutionId)
            .UpdateDefinition(context.User.ToActor(), Definition(request.Name, request.Kind, request.Acronym), ETags.FromIfMatch(context.Request));
        context.Response.Headers.ETag = ETags.For(institution.Version);
        return TypedResults.Ok(institution);
    }

    /// <summary>A missing kind travels as an undefined value, so the grain reports it with every other field error.</summary>
    private static InstitutionDefinition Definition(LocalizedText? name, InstitutionKind? kind, string? acronym) =>
        new(name!, kind ?? (InstitutionKind)(-1), acronym);

    private static async Task<Results<Ok<InstitutionView>, ProblemHttpResult>> SetFocalPoints(
        string institutionId, FocalPointsRequest request, IGrainFactory grains, UserManager<OgpUser> users, HttpContext context)
    {
        var grain = grains.GetGrain<IInstitutionGrain>(institutionId);
        if (await grain.Get() is null)
        {
            return Problems.NotFound($"There is no institution '{institutionId}'.");
        }
        var v = await new Validation().RequireExistingAsync(users, request.FocalPoints, "focalPoints");
        (await v.RequireExistingAsync(users, request.Alternates, "alternates")).ThrowIfInvalid();
        var institution = await grain.SetFocalPoints(context.User.ToActor(), request.FocalPoints!, request.Alternates!, ETags.FromIfMatch(context.Request));
        await new FocalPointAccounts(users).MirrorAsync(institution);
        context.Response.Headers.ETag = ETags.For(institution.Version);
        return TypedResults.Ok(institution);
    }
}
