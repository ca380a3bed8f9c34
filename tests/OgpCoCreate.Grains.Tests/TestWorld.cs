using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests;

/// <summary>Everyone who may ask something of a plan, from the outside in.</summary>
public enum Role
{
    Anonymous,
    Participant,
    MsfMemberWithoutSeat,
    ForumMember,
    ForumCoChair,
    LeadFocalPoint,
    LeadAlternate,
    LeadFocalPointNoLongerListed,
    SupporterFocalPoint,
    OtherFocalPoint,
    Secretariat,
    Admin,
}

/// <summary>
/// A fresh plan of its own (unique ids), with a forum (two co-chairs, one more member), and three institutions
/// each with a focal point: the lead and the supporter of the commitments created here, and an outsider.
/// </summary>
public sealed class TestWorld
{
    private TestWorld(IGrainFactory grains, string suffix)
    {
        Grains = grains;
        Suffix = suffix;
    }

    public IGrainFactory Grains { get; }
    public string Suffix { get; }
    public string PlanId => $"plan-{Suffix}";
    public string Lead => $"lead-{Suffix}";
    public string Supporter => $"sup-{Suffix}";
    public string Other => $"other-{Suffix}";

    public IActionPlanGrain Plan => Grains.GetGrain<IActionPlanGrain>(PlanId);

    /// <summary>Ids a test may use to create one more plan or institution; the snapshot covers them too.</summary>
    public string NewPlanId => $"plan-{Suffix}-new";
    public string NewInstitutionId => $"new-{Suffix}";

    public static DateOnly PlanStart { get; } = new(2023, 1, 1);
    public static DateOnly PlanEnd { get; } = new(2025, 12, 31);

    public static async Task<TestWorld> CreateAsync(IGrainFactory grains)
    {
        var world = new TestWorld(grains, Guid.NewGuid().ToString("N")[..12]);
        await world.Plan.Create(TestActors.Secretariat, PlanDefinition());
        await world.Plan.SetForum(TestActors.Secretariat, world.Forum(), expectedVersion: null);
        foreach (var (id, userId) in new[] { (world.Lead, world.UserOf(Role.LeadFocalPoint)), (world.Supporter, world.UserOf(Role.SupporterFocalPoint)), (world.Other, world.UserOf(Role.OtherFocalPoint)) })
        {
            var institution = grains.GetGrain<IInstitutionGrain>(id);
            await institution.Create(TestActors.Secretariat, new InstitutionDefinition(new LocalizedText("مؤسسة", "Institution", "Institution"), InstitutionKind.Ministry, null));
            IReadOnlyList<string> alternates = id == world.Lead ? [world.UserOf(Role.LeadAlternate)] : [];
            await institution.SetFocalPoints(TestActors.Secretariat, [userId], alternates, expectedVersion: null);
            await world.Plan.AttachInstitution(TestActors.Secretariat, id);
        }
        return world;
    }

    public static PlanDefinition PlanDefinition() => new(
        "Tunisia",
        new LocalizedText("خطة", "Plan", "Plan"),
        PlanStart,
        PlanEnd,
        [new PlanAxis("axis-1", new LocalizedText("محور 1", "Axe 1", "Axis 1")), new PlanAxis("axis-2", new LocalizedText("محور 2", "Axe 2", "Axis 2"))],
        [
            new TimelinePhase("drafting", new LocalizedText("صياغة", "Rédaction", "Drafting"), new DateOnly(2023, 5, 1), new DateOnly(2023, 9, 30)),
            new TimelinePhase("implementation", new LocalizedText("تنفيذ", "Mise en œuvre", "Implementation"), new DateOnly(2024, 1, 1), new DateOnly(2025, 10, 31)),
        ]);

    public IReadOnlyList<ForumMember> Forum() =>
    [
        new("Government co-chair", Org, ForumSide.Government, CoChair: true, UserOf(Role.ForumCoChair)),
        new("Civil society co-chair", Org, ForumSide.CivilSociety, CoChair: true, $"u-cc-cso-{Suffix}"),
        new("Member", Org, ForumSide.Government, CoChair: false, UserOf(Role.ForumMember)),
        new("Member without an account", Org, ForumSide.CivilSociety, CoChair: false, null),
    ];

    private static LocalizedText Org { get; } = new("جمعية", "Association", "Association");

    public string UserOf(Role role) => role switch
    {
        Role.ForumCoChair => $"u-cc-gov-{Suffix}",
        Role.ForumMember => $"u-forum-{Suffix}",
        Role.LeadFocalPoint => $"u-lead-{Suffix}",
        Role.LeadAlternate => $"u-lead-alt-{Suffix}",
        Role.LeadFocalPointNoLongerListed => $"u-lead-former-{Suffix}",
        Role.SupporterFocalPoint => $"u-sup-{Suffix}",
        Role.OtherFocalPoint => $"u-other-{Suffix}",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "This role has no per-world account."),
    };

    public Actor As(Role role) => role switch
    {
        Role.Anonymous => TestActors.Anonymous,
        Role.Participant => TestActors.Participant,
        Role.MsfMemberWithoutSeat => TestActors.MsfMember,
        Role.ForumMember or Role.ForumCoChair => TestActors.Person(UserOf(role), OgpRoles.MsfMember),
        // Their sign-in still carries the lead institution, but the institution no longer lists them.
        Role.LeadFocalPoint or Role.LeadAlternate or Role.LeadFocalPointNoLongerListed => TestActors.FocalPoint(UserOf(role), Lead),
        Role.SupporterFocalPoint => TestActors.FocalPoint(UserOf(role), Supporter),
        Role.OtherFocalPoint => TestActors.FocalPoint(UserOf(role), Other),
        Role.Secretariat => TestActors.Secretariat,
        Role.Admin => TestActors.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public string CommitmentId(int number) => CommitmentIds.For(PlanId, number);

    public ICommitmentGrain Commitment(int number = 1) => Grains.GetGrain<ICommitmentGrain>(CommitmentId(number));

    public CommitmentDetails Details(int number = 1) => new(
        number,
        new LocalizedText($"التزام {number}", $"Engagement {number}", $"Commitment {number}"),
        "axis-1",
        Lead,
        [Supporter],
        ["Open data"],
        new DateOnly(2024, 1, 1),
        new DateOnly(2025, 6, 30),
        "Baseline.",
        new OgpValues(Transparency: true, CivicParticipation: false, PublicAccountability: false, Technology: true, Inclusion: false),
        null,
        [],
        [16],
        [new Milestone("m1", "Publish the data", "Data published", new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 30), Lead)],
        null);

    public async Task<ICommitmentGrain> CreateCommitmentAsync(int number = 1)
    {
        var commitment = Commitment(number);
        await commitment.Create(TestActors.Secretariat, PlanId, Details(number));
        return commitment;
    }

    /// <summary>Brings a commitment (the plan's only one) to a status by the shortest way, as the secretariat.</summary>
    public async Task DriveToAsync(ICommitmentGrain commitment, CommitmentStatus status)
    {
        var path = status switch
        {
            CommitmentStatus.Proposed => [],
            CommitmentStatus.Drafting => [CommitmentStatus.Drafting],
            CommitmentStatus.InConsultation => [CommitmentStatus.Drafting, CommitmentStatus.InConsultation],
            CommitmentStatus.Revised => [CommitmentStatus.Drafting, CommitmentStatus.InConsultation, CommitmentStatus.Revised],
            CommitmentStatus.PendingApproval => [CommitmentStatus.Drafting, CommitmentStatus.PendingApproval],
            CommitmentStatus.Approved or CommitmentStatus.InImplementation or CommitmentStatus.Completed =>
                new[] { CommitmentStatus.Drafting, CommitmentStatus.PendingApproval, CommitmentStatus.Approved },
            CommitmentStatus.Withdrawn => [CommitmentStatus.Withdrawn],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var to in path)
        {
            await commitment.Transition(TestActors.Secretariat, to, to == CommitmentStatus.Withdrawn ? "Merged into another commitment." : null, expectedVersion: null);
        }
        if (status is CommitmentStatus.InImplementation or CommitmentStatus.Completed)
        {
            await AdoptPlanAsync();
            await commitment.Transition(TestActors.Secretariat, CommitmentStatus.InImplementation, null, null);
        }
        if (status == CommitmentStatus.Completed)
        {
            await commitment.Transition(TestActors.Secretariat, CommitmentStatus.Completed, null, null);
        }
    }

    /// <summary>
    /// Everything a command could have touched: the plan, the institutions and the first commitments as read
    /// by anyone, and the length of each one's journal. Equal snapshots mean nothing changed.
    /// </summary>
    public async Task<string> SnapshotAsync(JournalingTestStorage storage)
    {
        var parts = new List<object?>
        {
            await Plan.Get(), storage.EventsOf("plan", PlanId).Count,
            await Grains.GetGrain<IActionPlanGrain>(NewPlanId).Get(), storage.EventsOf("plan", NewPlanId).Count,
        };
        foreach (var id in new[] { Lead, Supporter, Other, NewInstitutionId })
        {
            parts.Add(await Grains.GetGrain<IInstitutionGrain>(id).Get());
            parts.Add(storage.EventsOf("institution", id).Count);
        }
        for (var number = 1; number <= 4; number++)
        {
            parts.Add(await Commitment(number).Get());
            parts.Add(storage.EventsOf("commitment", CommitmentId(number)).Count);
        }
        return System.Text.Json.JsonSerializer.Serialize(parts);
    }

    /// <summary>Runs a command that must be refused with <paramref name="kind"/>, and checks it left no trace.</summary>
    public async Task<DomainException> AssertRefusedAsync(JournalingTestStorage storage, DomainErrorKind kind, Func<Task> command)
    {
        var before = await SnapshotAsync(storage);
        var error = await Assert.ThrowsAsync<DomainException>(command);
        Assert.True(kind == error.Kind, $"Expected {kind} but got {error.Kind}: {error.Message} {string.Join("; ", error.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        Assert.Equal(before, await SnapshotAsync(storage));
        return error;
    }

    /// <summary>Preparation → … → Adopted; every commitment must already be approved or withdrawn.</summary>
    public async Task AdoptPlanAsync()
    {
        foreach (var to in new[] { PlanStatus.CoCreation, PlanStatus.Consultation, PlanStatus.Validation, PlanStatus.Adopted })
        {
            await Plan.Transition(TestActors.Secretariat, to, null, null);
        }
    }
}
