using OgpCoCreate.Commitments;
using OgpCoCreate.Drafting;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Seeding;

/// <summary>
/// Puts the Tunisian demo plan into the grains. Idempotent: whatever already exists is left exactly as it
/// is (never overwritten or reset), only what is missing is added.
/// </summary>
public sealed partial class DemoPlanSeeder(IGrainFactory grains, ILogger<DemoPlanSeeder> logger)
{
    public async Task SeedAsync(IReadOnlyDictionary<string, string> accountIds)
    {
        var actor = Actor.System;
        var plan = grains.GetGrain<IActionPlanGrain>(DemoPlanData.PlanId);
        var added = 0;
        if (await plan.Get() is null)
        {
            await plan.Create(actor, DemoPlanData.Plan);
            var forum = DemoPlanData.Forum.Select(m => m.CoChair && m.UserId is null
                ? m with { UserId = accountIds.GetValueOrDefault(m.Side == ForumSide.Government ? "msf.gov@ogp.local" : "msf.cso@ogp.local") }
                : m).ToList();
            await plan.SetForum(actor, forum, expectedVersion: null);
            added++;
        }

        foreach (var (id, definition) in DemoPlanData.Institutions)
        {
            var institution = grains.GetGrain<IInstitutionGrain>(id);
            if (await institution.Get() is null)
            {
                await institution.Create(actor, definition);
                var focal = DemoAccounts.All.Where(a => a.Institutions.Contains(id)).Select(a => accountIds[a.Email]).ToList();
                if (focal.Count > 0)
                {
                    await institution.SetFocalPoints(actor, focal, [], expectedVersion: null);
                }
                added++;
            }
            await plan.AttachInstitution(actor, id);
        }

        foreach (var (id, details, texts) in DemoPlanData.Commitments)
        {
            var commitment = grains.GetGrain<ICommitmentGrain>(id);
            if (await commitment.Get() is null)
            {
                await commitment.Create(actor, DemoPlanData.PlanId, details);
                added++;
            }
            // Initialize only fills an empty document: texts people have edited are never reset.
            foreach (var (field, text) in texts)
            {
                await grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(id, field)).Initialize(actor, text);
            }
        }
        LogSeeded(logger, DemoPlanData.PlanId, added);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data for {PlanId}: {Added} item(s) added, the rest already existed")]
    private static partial void LogSeeded(ILogger logger, string planId, int added);
}
