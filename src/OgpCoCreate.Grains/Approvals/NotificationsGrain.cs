using Microsoft.Extensions.Logging;
using OgpCoCreate.Realtime;

namespace OgpCoCreate.Approvals;

[GenerateSerializer, Alias("ogp.NotificationsState")]
public sealed class NotificationsState
{
    [Id(0)] public List<Notification> Items { get; set; } = [];
}

/// <summary>
/// One person's in-app notifications (newest first, the last <see cref="Keep"/>), with read/unread, and the
/// publisher of their live inbox topic <c>inbox:{userId}</c>. Not evidence (the journal of the approval
/// workflows is): kept out of the journal.
/// </summary>
[GrainType("notifications")]
public sealed class NotificationsGrain(
    [PersistentState("notifications", "ogp")] IPersistentState<NotificationsState> state,
    ILogger<NotificationsGrain> logger) : Grain, INotificationsGrain
{
    public const int Keep = 300;

    private TopicPublisher? publisher;

    private TopicPublisher Publisher => publisher ??= new TopicPublisher($"{ApprovalTopics.Inbox}:{this.GetPrimaryKeyString()}", logger);

    public Task SubscribeTopic(ITopicObserver observer)
    {
        Publisher.Subscribe(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeTopic(ITopicObserver observer)
    {
        Publisher.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task Add(Notification notification)
    {
        if (state.State.Items.Any(n => n.Id == notification.Id))
        {
            return;
        }
        state.State.Items.Insert(0, notification with { Read = false });
        if (state.State.Items.Count > Keep)
        {
            state.State.Items.RemoveRange(Keep, state.State.Items.Count - Keep);
        }
        await state.WriteStateAsync();
        Publisher.Publish(ApprovalTopics.NotificationAdded, new { notification, unread = Unread() });
    }

    public Task<NotificationsView> List(bool unreadOnly, int limit)
    {
        limit = Math.Clamp(limit, 1, Keep);
        var items = state.State.Items.Where(n => !unreadOnly || !n.Read).Take(limit).ToList();
        return Task.FromResult(new NotificationsView(items, Unread()));
    }

    public async Task<NotificationsView> MarkRead(IReadOnlyList<string>? ids)
    {
        var wanted = ids?.ToHashSet(StringComparer.Ordinal);
        var changed = false;
        for (var i = 0; i < state.State.Items.Count; i++)
        {
            var n = state.State.Items[i];
            if (!n.Read && (wanted is null || wanted.Contains(n.Id)))
            {
                state.State.Items[i] = n with { Read = true };
                changed = true;
            }
        }
        if (changed)
        {
            await state.WriteStateAsync();
            Publisher.Publish(ApprovalTopics.InboxChanged, new { commitmentId = (string?)null, unread = Unread() });
        }
        return new NotificationsView([.. state.State.Items.Take(50)], Unread());
    }

    public Task Touch(string commitmentId)
    {
        Publisher.Publish(ApprovalTopics.InboxChanged, new { commitmentId, unread = Unread() });
        return Task.CompletedTask;
    }

    private int Unread() => state.State.Items.Count(n => !n.Read);
}
