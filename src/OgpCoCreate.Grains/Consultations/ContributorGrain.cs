using static OgpCoCreate.Consultations.ConsultationLimits;

namespace OgpCoCreate.Consultations;

/// <summary>
/// One person's rate limit on contributions, keyed by user id: a sliding window in memory. One activation per
/// person in the whole cluster, so the limit holds across nodes and across rounds. Nothing is stored: after a
/// deactivation (minutes of silence) the window is empty anyway.
/// </summary>
[GrainType("consultation-contributor")]
public sealed class ContributorGrain(TimeProvider clock) : Grain, IContributorGrain
{
    private readonly Queue<DateTimeOffset> recent = new();

    public Task<TimeSpan?> TryTakeSlot()
    {
        var now = clock.GetUtcNow();
        while (recent.Count > 0 && now - recent.Peek() >= RateWindow)
        {
            recent.Dequeue();
        }
        if (recent.Count >= ContributionsPerWindow)
        {
            return Task.FromResult<TimeSpan?>(RateWindow - (now - recent.Peek()));
        }
        recent.Enqueue(now);
        return Task.FromResult<TimeSpan?>(null);
    }
}
