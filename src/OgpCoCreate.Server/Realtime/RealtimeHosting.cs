using Microsoft.AspNetCore.SignalR;

namespace OgpCoCreate.Realtime;

public static class RealtimeHosting
{
    public static void AddOgpRealtime(this IServiceCollection services)
    {
        services.AddSignalR(o =>
            {
                // Ops are small; a pasted page is the largest honest message. Larger ones close the connection.
                o.MaximumReceiveMessageSize = 512 * 1024;
                o.AddFilter<HubErrorFilter>();
            });
        services.AddSingleton<DocumentRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<DocumentRelay>());
    }

    public static void MapOgpRealtime(this WebApplication app) => app.MapHub<CoCreateHub>(CoCreateHub.Path);
}
