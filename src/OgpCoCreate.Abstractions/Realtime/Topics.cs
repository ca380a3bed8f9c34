using Orleans.Concurrency;

namespace OgpCoCreate.Realtime;

/// <summary>
/// A live event of a grain other than a document (approvals changed, a contribution posted, an inbox item).
/// <see cref="Topic"/> is <c>{kind}:{key}</c> (e.g. <c>approvals:tn-nap5-01</c>); <see cref="Name"/> is the
/// SignalR client method the browser listens to; the payload is JSON so the relay needs no feature types.
/// </summary>
[GenerateSerializer, Immutable, Alias("ogp.TopicEvent")]
public sealed record TopicEvent(
    [property: Id(0)] string Topic,
    [property: Id(1)] string Name,
    [property: Id(2)] string PayloadJson);

/// <summary>The per-process relay listens with this; grains never see SignalR.</summary>
[Alias("ogp.ITopicObserver")]
public interface ITopicObserver : IGrainObserver
{
    [OneWay, Alias("Publish")]
    Task Publish(TopicEvent e);
}

/// <summary>A grain whose events can be watched live. Subscriptions expire: the relay renews them.</summary>
[Alias("ogp.ITopicPublisherGrain")]
public interface ITopicPublisherGrain : IGrainWithStringKey
{
    [Alias("SubscribeTopic")]
    Task SubscribeTopic(ITopicObserver observer);

    [Alias("UnsubscribeTopic")]
    Task UnsubscribeTopic(ITopicObserver observer);
}
