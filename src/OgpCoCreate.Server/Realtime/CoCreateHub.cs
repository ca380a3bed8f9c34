using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OgpCoCreate.Identity;
using OgpCoCreate.Security;

namespace OgpCoCreate.Realtime;

/// <summary>
/// The one real-time endpoint, <c>/hubs/cocreate</c>, for signed-in users. Each feature adds its methods
/// in its own folder (partial class): drafting in <c>Drafting/CoCreateHub.Drafting.cs</c>. The contract
/// outside clients rely on is in docs/realtime.md.
/// </summary>
[Authorize]
public sealed partial class CoCreateHub(IGrainFactory grains, DocumentRelay relay, TopicRelay topicRelay, TopicRegistry topics, ILogger<CoCreateHub> logger) : Hub
{
    public const string Path = "/hubs/cocreate";

    private Actor Actor => Context.User!.ToActor();

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await CloseAllDocuments();
        await UnwatchAll();
        await base.OnDisconnectedAsync(exception);
    }
}
