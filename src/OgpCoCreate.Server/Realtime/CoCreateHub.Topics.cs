using Microsoft.AspNetCore.SignalR;

namespace OgpCoCreate.Realtime;

/// <summary>Watching live topics other than documents: approvals, consultation rounds, inboxes.</summary>
public sealed partial class CoCreateHub
{
    private const string TopicsKey = "ogp.topics";

    /// <summary>Starts receiving the topic's events (client methods named by each event).</summary>
    public async Task Watch(string topic)
    {
        if (string.IsNullOrWhiteSpace(topic) || topic.Length > 250 || topics.Resolve(topic) is not { } resolved)
        {
            throw new HubException($"'{topic}' is not a topic: use 'kind:key' with a kind among {string.Join(", ", topics.Kinds)}.");
        }
        if (!resolved.Kind.MayWatch(Actor, resolved.Key))
        {
            throw new HubException($"You may not watch '{topic}'.");
        }
        if (WatchedTopics.Add(topic))
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, TopicRelay.Group(topic));
            await topicRelay.WatchAsync(topic);
        }
    }

    public async Task Unwatch(string topic)
    {
        if (WatchedTopics.Remove(topic))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, TopicRelay.Group(topic));
            await topicRelay.ReleaseAsync(topic);
        }
    }

    private async Task UnwatchAll()
    {
        foreach (var topic in WatchedTopics.ToList())
        {
            await Unwatch(topic);
        }
    }

    private HashSet<string> WatchedTopics =>
        (HashSet<string>)(Context.Items.TryGetValue(TopicsKey, out var set) ? set! : Context.Items[TopicsKey] = new HashSet<string>(StringComparer.Ordinal));
}
