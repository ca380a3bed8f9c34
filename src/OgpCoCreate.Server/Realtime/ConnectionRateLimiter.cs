namespace OgpCoCreate.Realtime;

/// <summary>
/// A token bucket per connection: a fast typist sends ~15 ops/s, the contract promises at least 50/s;
/// we allow 100/s sustained with bursts of 200 (pasting, a reconnect flushing its buffer).
/// </summary>
public sealed class ConnectionRateLimiter(TimeProvider clock)
{
    public const double OpsPerSecond = 100;
    public const double Burst = 200;

    private readonly object gate = new();
    private double tokens = Burst;
    private long lastTicks = clock.GetTimestamp();

    public bool TryTake()
    {
        lock (gate)
        {
            var now = clock.GetTimestamp();
            tokens = Math.Min(Burst, tokens + clock.GetElapsedTime(lastTicks, now).TotalSeconds * OpsPerSecond);
            lastTicks = now;
            if (tokens < 1)
            {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
