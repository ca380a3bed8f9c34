using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace OgpCoCreate.Realtime;

/// <summary>
/// The per-process relay for every non-document topic: subscribes to the publishing grains that local
/// connections watch, renews the subscriptions, and forwards each event to the topic's SignalR group as
/// the client method named by the event.
/// </summary>
public sealed partial class TopicRelay(IGrainFactory grains, TopicRegistry registry, IHubContext<CoCreateHub> hub, ILogger<TopicRelay> logger)
    : ITopicObserver, IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, int> watched = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private ITopicObserver? reference;
    private Timer? renewal;

    public static string Group(string topic) => "topic:" + topic;

    private ITopicObserver Reference => reference ??= grains.CreateObjectReference<ITopicObserver>(this);

    public async Task WatchAsync(string topic)
    {
        await gate.WaitAsync();
        try
        {
            if (watched.AddOrUpdate(topic, 1, (_, c) => c + 1) == 1)
            {
                await Publisher(topic).SubscribeTopic(Reference);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task ReleaseAsync(string topic)
    {
        await gate.WaitAsync();
        try
        {
            if (watched.TryGetValue(topic, out var count))
            {
                if (count <= 1)
                {
                    watched.TryRemove(topic, out _);
                    await Publisher(topic).UnsubscribeTopic(Reference);
                }
                else
                {
                    watched[topic] = count - 1;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public Task Publish(TopicEvent e)
    {
        using var payload = JsonDocument.Parse(e.PayloadJson);
        return hub.Clients.Group(Group(e.Topic)).SendAsync(e.Name, payload.RootElement.Clone());
    }

    private ITopicPublisherGrain Publisher(string topic) =>
        registry.Resolve(topic) is { } resolved ? resolved.Kind.Publisher(grains, resolved.Key) : throw new HubException($"Unknown topic '{topic}'.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        renewal = new Timer(_ => _ = RenewAsync(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        renewal?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Subscribes again to every watched topic (also called when a silo dies: grains move).</summary>
    internal async Task RenewAsync()
    {
        foreach (var topic in watched.Keys)
        {
            try
            {
                await Publisher(topic).SubscribeTopic(Reference);
            }
            catch (Exception e)
            {
                LogRenewFailed(logger, topic, e);
            }
        }
    }

    public void Dispose()
    {
        renewal?.Dispose();
        gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the relay's subscription to {Topic}")]
    private static partial void LogRenewFailed(ILogger logger, string topic, Exception exception);
}
