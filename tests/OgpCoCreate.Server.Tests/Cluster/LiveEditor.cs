using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OgpCoCreate.Ot;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// An editor typing into one document over the hub of a cluster, behaving as the real-time contract asks of a
/// client (docs/realtime.md): one op in flight; unique tokens inserted at word boundaries of its own copy (so
/// the server really transforms concurrent ops, and a token is never split); on a lost connection it connects
/// to another node, reopens, catches up with <c>GetOps</c> and resubmits the pending op with the same
/// <c>(clientId, seq)</c>. Its copy of the text is the opened snapshot plus every <c>OpApplied</c> in version
/// order (gaps filled with <c>GetOps</c>), so comparing copies checks the fan-out across nodes.
/// </summary>
public sealed class LiveEditor(string clientId, string token, string documentId, ClusterNode preferred, Func<IReadOnlyList<ClusterNode>> upNodes) : IAsyncDisposable
{
    private readonly object gate = new();
    private readonly SortedDictionary<long, TextOp> early = [];
    private readonly Random random = new(clientId.GetHashCode(StringComparison.Ordinal));
    private CodePointBuffer? view;
    private long viewVersion;
    private HubConnection? connection;

    public string ClientId { get; } = clientId;

    public ClusterNode? ConnectedTo { get; private set; }

    public ConcurrentQueue<(string Token, long Version, DateTime At)> Acknowledged { get; } = new();

    public ConcurrentQueue<string> Errors { get; } = new();

    public int Connections { get; private set; }

    /// <summary>OpApplied messages about other clients' ops (they were made through any node).</summary>
    public int BroadcastsFromOthers => broadcastsFromOthers;

    private int broadcastsFromOthers;

    public long ViewVersion
    {
        get
        {
            lock (gate)
            {
                return viewVersion;
            }
        }
    }

    public string ViewText
    {
        get
        {
            lock (gate)
            {
                return view?.ToString() ?? "";
            }
        }
    }

    /// <summary>Types until <paramref name="stop"/>, then finishes the op in flight (giving up at <paramref name="hardStop"/>).</summary>
    public async Task RunAsync(CancellationToken stop, CancellationToken hardStop, TimeSpan pace)
    {
        for (long seq = 1; !stop.IsCancellationRequested; seq++)
        {
            var tokenText = $"[{ClientId}-{seq}]";
            var version = await SubmitAsync(seq, tokenText, hardStop);
            Acknowledged.Enqueue((tokenText, version, DateTime.UtcNow));
            try
            {
                await Task.Delay(pace, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<long> SubmitAsync(long seq, string tokenText, CancellationToken hardStop)
    {
        for (var attempt = 1; ; attempt++)
        {
            hardStop.ThrowIfCancellationRequested();
            try
            {
                var hub = await EnsureConnectedAsync(hardStop);
                var (baseVersion, position) = ChoosePosition();
                var op = position == 0 ? JsonSerializer.SerializeToElement(new object[] { tokenText }) : JsonSerializer.SerializeToElement(new object[] { position, tokenText });
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
                timeout.CancelAfter(TimeSpan.FromSeconds(20));
                var result = await hub.InvokeAsync<JsonElement>("SubmitOp", documentId, baseVersion, op, ClientId, seq, timeout.Token);
                return result.GetProperty("version").GetInt64();
            }
            catch (HubException e)
            {
                // Refused or failed on the server (a node went away, the document is reloading): the connection is fine.
                Errors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} seq {seq}: {e.Message}");
                if (e.Message.Contains("too far behind", StringComparison.Ordinal) || e.Message.Contains("not a version", StringComparison.Ordinal))
                {
                    await CatchUpAsync();
                }
                await Task.Delay(Math.Min(2000, 100 * attempt), hardStop);
            }
            catch (Exception e) when (!hardStop.IsCancellationRequested)
            {
                // The connection is gone or hangs (its node died): another node, same (clientId, seq).
                Errors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} seq {seq}: {e.GetType().Name}: {e.Message}");
                await DropConnectionAsync();
                await Task.Delay(Math.Min(2000, 100 * attempt), hardStop);
            }
        }
    }

    /// <summary>Where to insert: the start, the end or right after one of the tokens, in the editor's copy at its version.</summary>
    private (long BaseVersion, int Position) ChoosePosition()
    {
        lock (gate)
        {
            var length = view!.Length;
            var choice = random.Next(10);
            if (choice < 4)
            {
                return (viewVersion, 0);
            }
            if (choice < 8 || length == 0)
            {
                return (viewVersion, length);
            }
            var text = view.ToString();
            var boundaries = new List<int>();
            var index = 0;
            foreach (var rune in text.EnumerateRunes())
            {
                index++;
                if (rune.Value == ']')
                {
                    boundaries.Add(index);
                }
            }
            return (viewVersion, boundaries.Count == 0 ? 0 : boundaries[random.Next(boundaries.Count)]);
        }
    }

    private async Task<HubConnection> EnsureConnectedAsync(CancellationToken hardStop)
    {
        if (connection is { State: HubConnectionState.Connected })
        {
            return connection;
        }
        await DropConnectionAsync();
        for (var round = 0; ; round++)
        {
            var candidates = upNodes();
            var ordered = candidates.Where(n => n == preferred).Concat(candidates.Where(n => n != preferred).OrderBy(_ => random.Next())).ToList();
            foreach (var node in ordered)
            {
                hardStop.ThrowIfCancellationRequested();
                var hub = new HubConnectionBuilder()
                    .WithUrl(new Uri(node.Process!.BaseAddress, "hubs/cocreate"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
                    .Build();
                hub.On<JsonElement>("OpApplied", OnOpApplied);
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(hardStop);
                    timeout.CancelAfter(TimeSpan.FromSeconds(20));
                    await hub.StartAsync(timeout.Token);
                    var opened = await hub.InvokeAsync<JsonElement>("OpenDocument", documentId, timeout.Token);
                    connection = hub;
                    ConnectedTo = node;
                    Connections++;
                    OnOpened(opened.GetProperty("version").GetInt64(), opened.GetProperty("text").GetString()!);
                    await CatchUpAsync();
                    return hub;
                }
                catch (Exception e) when (!hardStop.IsCancellationRequested)
                {
                    Errors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} connect to {node.Name}: {e.GetType().Name}: {e.Message}");
                    await hub.DisposeAsync();
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 250 * (round + 1))), hardStop);
        }
    }

    private void OnOpened(long version, string text)
    {
        lock (gate)
        {
            // The first snapshot starts the copy; after a reconnect the copy is kept and caught up with GetOps.
            if (view is null)
            {
                view = new CodePointBuffer(text);
                viewVersion = version;
            }
        }
    }

    private void OnOpApplied(JsonElement message)
    {
        var version = message.GetProperty("version").GetInt64();
        if (message.GetProperty("clientId").GetString() != ClientId)
        {
            Interlocked.Increment(ref broadcastsFromOthers);
        }
        Add(version, TextOp.FromJson(message.GetProperty("op")));
    }

    private void Add(long version, TextOp op)
    {
        lock (gate)
        {
            if (view is null || version <= viewVersion)
            {
                return;
            }
            early[version] = op;
            while (early.Remove(viewVersion + 1, out var next))
            {
                view.Apply(next);
                viewVersion++;
            }
        }
    }

    /// <summary>Fills the gaps of the copy from the server (<c>GetOps</c> from the copy's version).</summary>
    public async Task CatchUpAsync()
    {
        var hub = connection;
        if (hub is null)
        {
            return;
        }
        while (true)
        {
            var from = ViewVersion;
            var ops = await hub.InvokeAsync<JsonElement>("GetOps", documentId, from);
            var count = 0;
            foreach (var entry in ops.EnumerateArray())
            {
                Add(entry.GetProperty("version").GetInt64(), TextOp.FromJson(entry.GetProperty("op")));
                count++;
            }
            if (count < 10_000 || ViewVersion == from)
            {
                return;
            }
        }
    }

    /// <summary>Catches up on a working connection (reconnecting if needed).</summary>
    public async Task SynchroniseAsync(CancellationToken hardStop)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await EnsureConnectedAsync(hardStop);
                await CatchUpAsync();
                return;
            }
            catch (Exception e) when (!hardStop.IsCancellationRequested)
            {
                Errors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} sync: {e.GetType().Name}: {e.Message}");
                await DropConnectionAsync();
                await Task.Delay(Math.Min(2000, 200 * attempt), hardStop);
            }
        }
    }

    private async Task DropConnectionAsync()
    {
        var old = connection;
        connection = null;
        ConnectedTo = null;
        if (old is not null)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await old.StopAsync(timeout.Token);
            }
            catch (Exception)
            {
                // Already dead.
            }
            await old.DisposeAsync();
        }
    }

    public string Describe()
    {
        var errors = Errors.ToArray();
        var sb = new StringBuilder();
        sb.Append($"{ClientId}: {Acknowledged.Count} acked, view v{ViewVersion}, {Connections} connection(s), on {ConnectedTo?.Name ?? "-"}, {errors.Length} error(s)");
        foreach (var error in errors.TakeLast(8))
        {
            sb.Append("\n    ").Append(error);
        }
        return sb.ToString();
    }

    public async ValueTask DisposeAsync() => await DropConnectionAsync();
}
