using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>
/// A plan with a lead and a supporting institution, made through the grains by the secretariat, so that
/// documents have a real commitment behind them. Each test takes a fresh commitment: its six live texts
/// are empty documents at version 0.
/// </summary>
public sealed class DraftingWorld
{
    private readonly IGrainFactory grains;
    private int lastNumber;

    private DraftingWorld(IGrainFactory grains, string planId, string leadId, string supporterId, string otherId)
    {
        this.grains = grains;
        PlanId = planId;
        LeadId = leadId;
        SupporterId = supporterId;
        OtherInstitutionId = otherId;
    }

    public string PlanId { get; }

    public string LeadId { get; }

    public string SupporterId { get; }

    /// <summary>An institution taking part in the plan but not in these commitments.</summary>
    public string OtherInstitutionId { get; }

    public Actor LeadFocalPoint => TestActors.FocalPointOf(LeadId);

    public Actor SupporterFocalPoint => TestActors.FocalPointOf(SupporterId);

    public Actor OtherFocalPoint => TestActors.FocalPointOf(OtherInstitutionId);

    public static async Task<DraftingWorld> CreateAsync(IGrainFactory grains)
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var world = new DraftingWorld(grains, $"draft-{suffix}", $"lead-{suffix}", $"support-{suffix}", $"other-{suffix}");
        var secretariat = TestActors.Secretariat;
        await grains.GetGrain<IActionPlanGrain>(world.PlanId).Create(secretariat, new PlanDefinition(
            "Tunisia",
            new LocalizedText("خطة العمل", "Plan d'action", "Action plan"),
            new DateOnly(2023, 1, 1),
            new DateOnly(2025, 12, 31),
            [new PlanAxis("axis-1", new LocalizedText("محور", "Axe", "Axis"))],
            []));
        // TestActors.MsfMember holds a seat on this plan's forum: forum members draft as the forum.
        await grains.GetGrain<IActionPlanGrain>(world.PlanId).SetForum(secretariat,
            [new ForumMember("Membre du comité", new LocalizedText("جمعية", "Association", "Association"), ForumSide.CivilSociety, false, TestActors.MsfMember.UserId)],
            expectedVersion: null);
        foreach (var institution in new[] { world.LeadId, world.SupporterId, world.OtherInstitutionId })
        {
            await grains.GetGrain<IInstitutionGrain>(institution).Create(
                secretariat, new InstitutionDefinition(new LocalizedText("مؤسسة", "Institution", "Institution"), InstitutionKind.Ministry, null));
            await grains.GetGrain<IInstitutionGrain>(institution).SetFocalPoints(
                secretariat, [TestActors.FocalPointOf(institution).UserId], [], expectedVersion: null);
            await grains.GetGrain<IActionPlanGrain>(world.PlanId).AttachInstitution(secretariat, institution);
        }
        return world;
    }

    /// <summary>A new commitment led by <see cref="LeadId"/> and supported by <see cref="SupporterId"/>.</summary>
    public async Task<string> NewCommitmentAsync()
    {
        var number = Interlocked.Increment(ref lastNumber);
        var id = CommitmentIds.For(PlanId, number);
        await grains.GetGrain<ICommitmentGrain>(id).Create(TestActors.Secretariat, PlanId, new CommitmentDetails(
            number,
            new LocalizedText("التزام", "Engagement", $"Commitment {number}"),
            "axis-1",
            LeadId,
            [SupporterId],
            [],
            new DateOnly(2024, 1, 1),
            new DateOnly(2025, 6, 30),
            "",
            new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: false, Technology: false, Inclusion: false),
            null,
            [],
            [],
            [],
            null));
        return id;
    }

    /// <summary>A fresh, empty live text (the <c>description</c> of a new commitment).</summary>
    public async Task<string> NewDocumentAsync(string field = CommitmentTextFields.Description) =>
        CommitmentTextFields.DocumentId(await NewCommitmentAsync(), field);
}
