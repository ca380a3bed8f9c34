using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace OgpCoCreate.Realtime;

/// <summary>
/// What a publishing grain holds: its subscribed relays (Orleans' <see cref="ObserverManager{T}"/>, with
/// expiry so a dead process is forgotten) and a way to send them an event.
/// </summary>
public sealed class TopicPublisher(string topic, ILogger logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly ObserverManager<ITopicObserver> observers = new(TimeSpan.FromMinutes(2), logger);

    public string Topic { get; } = topic;

    public void Subscribe(ITopicObserver observer) => observers.Subscribe(observer, observer);

    public void Unsubscribe(ITopicObserver observer) => observers.Unsubscribe(observer);

    public void Publish(string name, object payload)
    {
        var e = new TopicEvent(Topic, name, JsonSerializer.Serialize(payload, payload.GetType(), Json));
        observers.Notify(o => o.Publish(e));
    }
}
