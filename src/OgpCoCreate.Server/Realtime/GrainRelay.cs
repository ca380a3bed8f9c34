using System.Collections.Concurrent;

namespace OgpCoCreate.Realtime;

/// <summary>
/// What the per-process relays share: one grain subscription per watched key however many local connections
/// watch it (reference counted), renewed every 30 s — grains drop subscriptions after two minutes, so that a
/// dead process is not called forever — and renewed at once when a silo dies (<c>RelayFailover</c>): the
/// grain is reactivated elsewhere without its subscribers, and the renewal gives them back.
/// </summary>
public abstract partial class GrainRelay(ILogger logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RenewalPeriod = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, int> watched = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private Timer? renewal;

    /// <summary>The keys some local connection watches now.</summary>
    protected ICollection<string> WatchedKeys => watched.Keys;

    /// <summary>Subscribes this process to the grain behind <paramref name="key"/> (idempotent in the grains).</summary>
    protected abstract Task Subscribe(string key);

    protected abstract Task Unsubscribe(string key);

    /// <summary>A local connection watches the key: subscribe if it is the first one.</summary>
    public async Task WatchAsync(string key)
    {
        await gate.WaitAsync();
        try
        {
            if (watched.AddOrUpdate(key, 1, (_, c) => c + 1) == 1)
            {
                try
                {
                    await Subscribe(key);
                }
                catch
                {
                    // Not subscribed: the next watcher must try again rather than count on a subscription.
                    watched.TryRemove(key, out _);
                    throw;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A local connection stopped watching: unsubscribe when it was the last one.</summary>
    public async Task ReleaseAsync(string key)
    {
        await gate.WaitAsync();
        try
        {
            if (watched.TryGetValue(key, out var count))
            {
                if (count <= 1)
                {
                    watched.TryRemove(key, out _);
                    await Unsubscribe(key);
                }
                else
                {
                    watched[key] = count - 1;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Subscribes again to everything watched (periodically, and when a silo dies: grains move).</summary>
    internal async Task RenewAsync()
    {
        foreach (var key in watched.Keys)
        {
            try
            {
                await Subscribe(key);
            }
            catch (Exception e)
            {
                LogRenewFailed(logger, GetType().Name, key, e);
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        renewal = new Timer(_ => _ = RenewAsync(), null, RenewalPeriod, RenewalPeriod);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        renewal?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        renewal?.Dispose();
        gate.Dispose();
        GC.SuppressFinalize(this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Relay} could not renew its subscription to {Key}")]
    private static partial void LogRenewFailed(ILogger logger, string relay, string key, Exception exception);
}
