using OgpCoCreate.Security;

namespace OgpCoCreate.Realtime;

/// <summary>
/// Which topics a client may watch and which grain publishes each. Features register their kinds at
/// start-up (e.g. <c>approvals</c> → the commitment's approval grain, readable by any signed-in user;
/// <c>inbox</c> → only the inbox's owner).
/// </summary>
public sealed class TopicRegistry
{
    public sealed record TopicKind(Func<IGrainFactory, string, ITopicPublisherGrain> Publisher, Func<Actor, string, bool> MayWatch);

    private readonly Dictionary<string, TopicKind> kinds = new(StringComparer.Ordinal);

    public TopicRegistry Register(string kind, Func<IGrainFactory, string, ITopicPublisherGrain> publisher, Func<Actor, string, bool>? mayWatch = null)
    {
        kinds[kind] = new TopicKind(publisher, mayWatch ?? ((_, _) => true));
        return this;
    }

    /// <summary>The kind and key of <paramref name="topic"/> (<c>kind:key</c>), or null if unknown.</summary>
    public (TopicKind Kind, string Key)? Resolve(string topic)
    {
        var colon = topic.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == topic.Length - 1 || !kinds.TryGetValue(topic[..colon], out var kind))
        {
            return null;
        }
        return (kind, topic[(colon + 1)..]);
    }

    public IEnumerable<string> Kinds => kinds.Keys;
}
