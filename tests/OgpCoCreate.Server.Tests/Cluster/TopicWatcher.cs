using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// A signed-in hub connection to one node that watches live topics once — it never reconnects nor watches
/// again — and records each approvals and round push with the time it arrived, under a key naming what was
/// pushed (<see cref="ApprovalKey"/>, <see cref="ContributionKey"/>).
/// </summary>
public sealed class TopicWatcher : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Key, DateTime At)> pushes = new();
    private readonly ConcurrentQueue<(string Topic, DateTime At)> resyncs = new();
    private readonly HubConnection connection;
    private int closed;

    private TopicWatcher(string name, ClusterNode node, HubConnection connection)
    {
        Name = name;
        Node = node;
        this.connection = connection;
        connection.On<JsonElement>("ApprovalsChanged", e => Record(ApprovalKey(e.GetProperty("commitmentId").GetString()!, e.GetProperty("version").GetInt32())));
        connection.On<JsonElement>("ContributionAdded", OnContribution);
        connection.On<JsonElement>("ReplyAdded", OnContribution);
        connection.On<JsonElement>("Resync", e => resyncs.Enqueue((e.GetProperty("topic").GetString()!, DateTime.UtcNow)));
        connection.Closed += _ =>
        {
            Interlocked.Increment(ref closed);
            return Task.CompletedTask;
        };
    }

    public string Name { get; }

    public ClusterNode Node { get; }

    /// <summary>How many times the connection closed (a watcher that had to reconnect would not be testing the relay).</summary>
    public int Closed => closed;

    public bool Connected => connection.State == HubConnectionState.Connected;

    public IReadOnlyList<(string Key, DateTime At)> Pushes => [.. pushes];

    public static string ApprovalKey(string commitmentId, int version) => string.Create(CultureInfo.InvariantCulture, $"approvals:{commitmentId}#v{version}");

    public static string ContributionKey(string roundId, string contributionId) => $"round:{roundId}#{contributionId}";

    public static async Task<TopicWatcher> StartAsync(string name, ClusterNode node, string token, params string[] topics)
    {
        var watcher = new TopicWatcher(name, node, await ClusterHttp.ConnectAsync(node, token));
        foreach (var topic in topics)
        {
            await watcher.connection.InvokeAsync("Watch", topic);
        }
        return watcher;
    }

    /// <summary>When the server last asked to read <paramref name="topic"/> again (events may have been lost), or null.</summary>
    public DateTime? LastResync(string topic) => resyncs.Where(r => r.Topic == topic).Select(r => (DateTime?)r.At).Max();

    /// <summary>The topic a push key belongs to (<c>approvals:…</c> or <c>round:…</c>).</summary>
    public static string TopicOf(string key) => key[..key.IndexOf('#', StringComparison.Ordinal)];

    /// <summary>When the push of <paramref name="key"/> first arrived, or null.</summary>
    public DateTime? ReceivedAt(string key) => pushes.Where(p => p.Key == key).Select(p => (DateTime?)p.At).Min();

    public int Count(string key) => pushes.Count(p => p.Key == key);

    private void OnContribution(JsonElement e) =>
        Record(ContributionKey(e.GetProperty("roundId").GetString()!, e.GetProperty("contribution").GetProperty("id").GetString()!));

    private void Record(string key) => pushes.Enqueue((key, DateTime.UtcNow));

    public override string ToString() => $"{Name} on {Node.Name}: {pushes.Count} push(es), {resyncs.Count} resync(s), {(Connected ? "connected" : "not connected")}, closed {closed} time(s)";

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
