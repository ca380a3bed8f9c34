using Microsoft.AspNetCore.SignalR;
using OgpCoCreate.Drafting;

namespace OgpCoCreate.Realtime;

/// <summary>
/// One per server process: a grain observer that subscribes to the documents this process's connections
/// have open and forwards their events to the local SignalR groups. Grains never see SignalR, and no
/// backplane is needed: each process hears exactly what its own clients watch, on one node or many.
/// </summary>
public sealed class DocumentRelay(IGrainFactory grains, IHubContext<CoCreateHub> hub, ILogger<DocumentRelay> logger)
    : GrainRelay(logger), IDocumentObserver
{
    private IDocumentObserver? reference;

    public static string Group(string documentId) => "doc:" + documentId;

    private IDocumentObserver Reference => reference ??= grains.CreateObjectReference<IDocumentObserver>(this);

    protected override Task Subscribe(string key) => grains.GetGrain<IDocumentGrain>(key).Subscribe(Reference);

    protected override Task Unsubscribe(string key) => grains.GetGrain<IDocumentGrain>(key).Unsubscribe(Reference);

    public Task OpApplied(string documentId, AcceptedOp op) =>
        hub.Clients.Group(Group(documentId)).SendAsync("OpApplied", HubPayloads.Op(documentId, op));

    public Task PresenceChanged(DocumentPresence presence) =>
        hub.Clients.Group(Group(presence.DocumentId)).SendAsync("Presence", HubPayloads.Presence(presence));
}
