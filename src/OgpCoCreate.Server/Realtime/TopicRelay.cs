using System.Text.Json;
using Microsoft.AspNetCore.SignalR;

namespace OgpCoCreate.Realtime;

/// <summary>
/// The per-process relay for every non-document topic: subscribes to the publishing grains that local
/// connections watch and forwards each event to the topic's SignalR group as the client method named by the event.
/// </summary>
public sealed class TopicRelay(IGrainFactory grains, TopicRegistry registry, IHubContext<CoCreateHub> hub, ILogger<TopicRelay> logger)
    : GrainRelay(logger), ITopicObserver
{
    private ITopicObserver? reference;

    public static string Group(string topic) => "topic:" + topic;

    private ITopicObserver Reference => reference ??= grains.CreateObjectReference<ITopicObserver>(this);

    protected override Task Subscribe(string key) => Publisher(key).SubscribeTopic(Reference);

    protected override Task Unsubscribe(string key) => Publisher(key).UnsubscribeTopic(Reference);

    public Task Publish(TopicEvent e)
    {
        using var payload = JsonDocument.Parse(e.PayloadJson);
        return hub.Clients.Group(Group(e.Topic)).SendAsync(e.Name, payload.RootElement.Clone());
    }

    /// <summary>
    /// After a silo died: tells the watchers of every topic to read the state again. A publishing grain that
    /// came back elsewhere had no subscribers until the renewal, so its first events may never have been
    /// pushed, and topic events carry no sequence a client could check (documents have versions).
    /// </summary>
    public async Task ResyncAsync()
    {
        foreach (var topic in WatchedKeys)
        {
            await hub.Clients.Group(Group(topic)).SendAsync("Resync", new { topic });
        }
    }

    private ITopicPublisherGrain Publisher(string topic) =>
        registry.Resolve(topic) is { } resolved ? resolved.Kind.Publisher(grains, resolved.Key) : throw new HubException($"Unknown topic '{topic}'.");
}
