using Microsoft.Extensions.DependencyInjection;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Consultations;
using OgpCoCreate.Drafting;
using OgpCoCreate.Security;
using OgpCoCreate.Storage.Drafting;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace OgpCoCreate.Grains.Tests.Consultations;

/// <summary>
/// A wall clock a test can move forward (notice periods, closing times) without sleeping. Only the wall
/// clock moves; timers and stopwatches keep real time.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));
}

/// <summary>
/// The consultation grains on an in-process cluster: journaling in-memory storage (so tests read the journal),
/// documents with an in-memory op log, and a clock the tests move forward.
/// </summary>
public sealed class ConsultationCluster : IAsyncLifetime
{
    public ConsultationCluster()
    {
        var storage = Storage;
        var clock = Clock;
        Cluster = new InProcessTestClusterBuilder()
            .ConfigureSilo((_, silo) =>
            {
                silo.Services.AddGrainStorage("ogp", (_, _) => storage);
                silo.Services.AddSingleton<TimeProvider>(clock);
                silo.Services.AddSingleton<IDocumentLog, InMemoryDocumentLog>();
            })
            .Build();
    }

    public InProcessTestCluster Cluster { get; }

    public JournalingTestStorage Storage { get; } = new();

    public ShiftableClock Clock { get; } = new();

    public IGrainFactory Grains => Cluster.Client;

    public Task InitializeAsync() => Cluster.DeployAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ConsultationCollection : ICollectionFixture<ConsultationCluster>
{
    public const string Name = "consultations";
}

/// <summary>A fresh plan (see <see cref="TestWorld"/>) with commitments whose live texts have content, and helpers for rounds.</summary>
public sealed class ConsultationWorld
{
    private ConsultationWorld(ConsultationCluster cluster, TestWorld world)
    {
        Cluster = cluster;
        World = world;
    }

    public ConsultationCluster Cluster { get; }

    public TestWorld World { get; }

    public IGrainFactory Grains => Cluster.Grains;

    public string PlanId => World.PlanId;

    public IConsultationIndexGrain Index => Grains.GetGrain<IConsultationIndexGrain>(PlanId);

    public const string ProblemText = "Citizens cannot find the budget data. The portal publishes PDF files only, months late.";

    public static async Task<ConsultationWorld> CreateAsync(ConsultationCluster cluster, int commitments = 2)
    {
        var world = new ConsultationWorld(cluster, await TestWorld.CreateAsync(cluster.Grains));
        for (var n = 1; n <= commitments; n++)
        {
            await world.World.CreateCommitmentAsync(n);
            await world.Document(n, CommitmentTextFields.Problem).Initialize(TestActors.Secretariat, ProblemText);
        }
        return world;
    }

    public IDocumentGrain Document(int commitment, string field) =>
        Grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(World.CommitmentId(commitment), field));

    /// <summary>A participant of its own (the rate limit is per person, so tests do not share one).</summary>
    public static Actor NewParticipant(string name = "Participant") =>
        new($"u-p-{Guid.NewGuid():N}", name, new HashSet<string> { OgpRoles.Participant }, new HashSet<string>());

    public RoundDefinition Definition(RoundScope scope = RoundScope.Commitments, TimeSpan? opensIn = null, TimeSpan? closesIn = null)
    {
        var now = Cluster.Clock.GetUtcNow();
        return new RoundDefinition(
            scope,
            new LocalizedText("استشارة", "Consultation", "Consultation"),
            new LocalizedText("قواعد", "Règles", "Rules"),
            now + (opensIn ?? TimeSpan.FromDays(14)),
            now + (closesIn ?? TimeSpan.FromDays(30)),
            scope == RoundScope.Commitments ? [World.CommitmentId(1), World.CommitmentId(2)] : []);
    }

    /// <summary>A round announced now and opened at once by the secretariat (notice period overridden).</summary>
    public async Task<IConsultationRoundGrain> OpenRoundAsync(RoundScope scope = RoundScope.Commitments, TimeSpan? closesIn = null)
    {
        var view = await Index.CreateRound(TestActors.Secretariat, Definition(scope, TimeSpan.Zero, closesIn));
        var round = Grains.GetGrain<IConsultationRoundGrain>(view.Id);
        await round.Open(TestActors.Secretariat, "Test round: opened at once.");
        return round;
    }

    public static NewContribution Idea(string body = "Publish the budget as open data.", string axis = "axis-1", string? institution = null, string title = "Open budget data") =>
        new(ContributionKind.Idea, title, body, axis, institution, null, null, null);

    public NewContribution Comment(string body, TextAnchor? anchor = null, int commitment = 1) =>
        new(ContributionKind.Comment, null, body, null, null, anchor is null ? World.CommitmentId(commitment) : null, anchor, null);

    public static NewContribution Reply(string parentId, string body = "I agree.") =>
        new(ContributionKind.Reply, null, body, null, null, null, null, parentId);

    /// <summary>An anchor on the first occurrence of <paramref name="quote"/> in the problem text of commitment 1 at its current version.</summary>
    public async Task<TextAnchor> AnchorOn(string quote, int commitment = 1, string field = CommitmentTextFields.Problem)
    {
        var snapshot = await Document(commitment, field).Open(TestActors.Secretariat);
        var utf16 = snapshot.Text.IndexOf(quote, StringComparison.Ordinal);
        Assert.True(utf16 >= 0, $"'{quote}' is not in the text.");
        var start = CodePointCount(snapshot.Text[..utf16]);
        return new TextAnchor(snapshot.DocumentId, snapshot.Version, start, start + CodePointCount(quote), quote);
    }

    public static int CodePointCount(string text) => text.EnumerateRunes().Count();
}
