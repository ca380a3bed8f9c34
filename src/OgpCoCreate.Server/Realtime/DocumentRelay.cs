using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OgpCoCreate.Drafting;

namespace OgpCoCreate.Realtime;

/// <summary>
/// One per server process: a grain observer that subscribes to the documents this process's connections
/// have open and forwards their events to the local SignalR groups. Grains never see SignalR, and no
/// backplane is needed: each process hears exactly what its own clients watch, on one node or many.
/// </summary>
public sealed partial class DocumentRelay(IGrainFactory grains, IHubContext<CoCreateHub> hub, ILogger<DocumentRelay> logger)
    : IDocumentObserver, IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, int> watched = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private IDocumentObserver? reference;
    private Timer? renewal;

    public static string Group(string documentId) => "doc:" + documentId;

    private IDocumentObserver Reference => reference ??= grains.CreateObjectReference<IDocumentObserver>(this);

    /// <summary>A local connection opened the document: subscribe if it is the first one.</summary>
    public async Task WatchAsync(string documentId)
    {
        await gate.WaitAsync();
        try
        {
            var count = watched.AddOrUpdate(documentId, 1, (_, c) => c + 1);
            if (count == 1)
            {
                await grains.GetGrain<IDocumentGrain>(documentId).Subscribe(Reference);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A local connection closed the document: unsubscribe when it was the last one.</summary>
    public async Task ReleaseAsync(string documentId)
    {
        await gate.WaitAsync();
        try
        {
            if (watched.TryGetValue(documentId, out var count))
            {
                if (count <= 1)
                {
                    watched.TryRemove(documentId, out _);
                    await grains.GetGrain<IDocumentGrain>(documentId).Unsubscribe(Reference);
                }
                else
                {
                    watched[documentId] = count - 1;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public Task OpApplied(string documentId, AcceptedOp op) =>
        hub.Clients.Group(Group(documentId)).SendAsync("OpApplied", HubPayloads.Op(documentId, op));

    public Task PresenceChanged(DocumentPresence presence) =>
        hub.Clients.Group(Group(presence.DocumentId)).SendAsync("Presence", HubPayloads.Presence(presence));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscriptions expire after two minutes in the grains (a dead process must not be called forever):
        // renew them well before that. A grain that was reactivated elsewhere gets the subscription again.
        renewal = new Timer(_ => _ = RenewAsync(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        renewal?.Dispose();
        return Task.CompletedTask;
    }

    internal async Task RenewAsync()
    {
        foreach (var documentId in watched.Keys)
        {
            try
            {
                await grains.GetGrain<IDocumentGrain>(documentId).Subscribe(Reference);
            }
            catch (Exception e)
            {
                LogRenewFailed(logger, documentId, e);
            }
        }
    }

    public void Dispose()
    {
        renewal?.Dispose();
        gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the relay's subscription to {DocumentId}")]
    private static partial void LogRenewFailed(ILogger logger, string documentId, Exception exception);
}
