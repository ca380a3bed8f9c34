using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Drafting;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Bench.Hosting;

/// <summary>
/// A plan with one institution, made through the grains, so that documents have a real commitment behind
/// them (a DocumentGrain checks that its commitment exists and who may edit it). Each document the bench
/// uses is the <c>description</c> of a fresh commitment, empty at version 0.
/// </summary>
internal sealed class BenchWorld
{
    private const string PlanId = "bench-plan";
    private const string InstitutionId = "bench-institution";

    private readonly IGrainFactory grains;
    private int lastNumber;

    private BenchWorld(IGrainFactory grains) => this.grains = grains;

    /// <summary>Who types in the bench: the secretariat may edit every commitment's texts.</summary>
    public static Actor Editor { get; } = new("bench-editor", "Bench editor", new HashSet<string> { OgpRoles.Secretariat }, new HashSet<string>());

    public static async Task<BenchWorld> CreateAsync(IGrainFactory grains)
    {
        var actor = Actor.System;
        await grains.GetGrain<IActionPlanGrain>(PlanId).Create(actor, new PlanDefinition(
            "Tunisia",
            new LocalizedText("خطة", "Plan", "Plan"),
            new DateOnly(2023, 1, 1),
            new DateOnly(2025, 12, 31),
            [new PlanAxis("axis-1", new LocalizedText("محور", "Axe", "Axis"))],
            []));
        await grains.GetGrain<IInstitutionGrain>(InstitutionId).Create(
            actor, new InstitutionDefinition(new LocalizedText("مؤسسة", "Institution", "Institution"), InstitutionKind.Ministry, null));
        await grains.GetGrain<IActionPlanGrain>(PlanId).AttachInstitution(actor, InstitutionId);
        return new BenchWorld(grains);
    }

    public async Task<IDocumentGrain> NewDocumentAsync()
    {
        var number = Interlocked.Increment(ref lastNumber);
        var commitmentId = CommitmentIds.For(PlanId, number);
        await grains.GetGrain<ICommitmentGrain>(commitmentId).Create(Actor.System, PlanId, new CommitmentDetails(
            number,
            new LocalizedText("التزام", "Engagement", $"Commitment {number}"),
            "axis-1",
            InstitutionId,
            [],
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
        return grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(commitmentId, CommitmentTextFields.Description));
    }
}
