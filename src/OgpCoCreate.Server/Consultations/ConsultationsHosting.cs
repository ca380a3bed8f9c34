using Microsoft.Extensions.Options;
using OgpCoCreate.Common;
using OgpCoCreate.Configuration;
using OgpCoCreate.Realtime;
using OgpCoCreate.Security;

namespace OgpCoCreate.Consultations;

public static class ConsultationsHosting
{
    /// <summary>
    /// The live topic of consultations (<c>round:{roundId}</c>, for any signed-in viewer) and, with
    /// <c>--seed demo</c>, two demo rounds on the Tunisian plan.
    /// Call after <c>AddOgpSeeding()</c>: hosted services start in order, and the rounds need the demo plan.
    /// </summary>
    public static void AddOgpConsultations(this IServiceCollection services)
    {
        // Any signed-in viewer may watch a round (its events carry only what the public sees). Notifications go
        // to the approvals feature's inbox (topic inbox:{userId}, registered there).
        services.AddTopicKind(r => r.Register("round", (grains, key) => grains.GetGrain<IConsultationRoundGrain>(key), (actor, _) => actor.IsAuthenticated));
        services.AddHostedService<ConsultationsDemoSeeder>();
        services.AddHostedService<SafeMarkdownWarmUp>();
    }
}

/// <summary>
/// Builds the Markdown pipeline and the HTML sanitizer (seconds of JIT and AngleSharp set-up) once the server
/// has started, in the background, so that the first contribution posted is answered as fast as the next ones
/// without slowing the start-up itself.
/// </summary>
public sealed class SafeMarkdownWarmUp(IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(() => SafeMarkdown.ToHtml("*warm* [up](https://example.org)"), CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Demo data (<c>--seed demo</c>): an open round of comments on three draft commitments and an open idea
/// collection. Idempotent: a plan that already has rounds gets none.
/// </summary>
public sealed partial class ConsultationsDemoSeeder(IGrainFactory grains, IOptions<OgpOptions> options, TimeProvider clock, ILogger<ConsultationsDemoSeeder> logger, OgpCoCreate.Storage.Database.OgpDatabase database) : IHostedService
{
    public const string PlanId = "tn-nap5";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.Equals(options.Value.Seed, "demo", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        // Nodes of a cluster may start together: the check and the creation run under the cluster-wide seeding lock.
        await using var seeding = await database.LockAsync("seeding", cancellationToken);
        var index = grains.GetGrain<IConsultationIndexGrain>(PlanId);
        if ((await index.GetSettings()).RoundIds.Count > 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var reason = "Données de démonstration : la consultation est ouverte dès l'installation.";
        var comments = await index.CreateRound(Actor.System, new RoundDefinition(
            RoundScope.Commitments,
            new LocalizedText(
                "الاستشارة العمومية حول مشاريع الالتزامات",
                "Consultation publique sur les projets d'engagements",
                "Public consultation on the draft commitments"),
            new LocalizedText(
                "اختر فقرة من نص الالتزام وعلّق عليها. تُنشر كل مساهمة ويُرد عليها بردّ معلّل. يُمنع الكلام المسيء والمعطيات الشخصية.",
                "Sélectionnez un passage du texte d'un engagement pour le commenter. Chaque contribution est publiée et reçoit une réponse motivée. Les propos injurieux et les données personnelles sont interdits.",
                "Select a passage of a commitment's text to comment on it. Every contribution is published and receives a reasoned response. Abusive language and personal data are not allowed."),
            now.AddMinutes(-5), now.AddDays(30), ["tn-nap5-01", "tn-nap5-05", "tn-nap5-06"]));
        await grains.GetGrain<IConsultationRoundGrain>(comments.Id).Open(Actor.System, reason);

        var ideas = await index.CreateRound(Actor.System, new RoundDefinition(
            RoundScope.Ideas,
            new LocalizedText("جمع الأفكار للخطة الوطنية الخامسة", "Appel à idées pour le cinquième plan", "Call for ideas for the fifth plan"),
            new LocalizedText(
                "اقترح فكرة التزام واختر المحور الذي تنتمي إليه، وإن أمكن المؤسسة المعنية.",
                "Proposez une idée d'engagement et choisissez l'axe auquel elle appartient et, si possible, l'institution concernée.",
                "Propose an idea for a commitment, choose the axis it belongs to and, if you can, the institution concerned."),
            now.AddMinutes(-5), now.AddDays(45), []));
        await grains.GetGrain<IConsultationRoundGrain>(ideas.Id).Open(Actor.System, reason);
        LogSeeded(logger, PlanId, 2);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo consultations for {PlanId}: {Count} round(s) added")]
    private static partial void LogSeeded(ILogger logger, string planId, int count);
}
