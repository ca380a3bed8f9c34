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
                // Detailed errors only add the binding error's explanation ("the types of the provided values
                // must match …"); every exception inside a method is already turned into a readable
                // HubException by HubErrorFilter, so no internal detail leaks through this.
                o.EnableDetailedErrors = true;
                o.AddFilter<HubErrorFilter>();
            });
        services.AddSingleton<DocumentRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<DocumentRelay>());
        services.AddSingleton(sp =>
        {
            var registry = new TopicRegistry();
            foreach (var registration in sp.GetServices<TopicKindRegistration>())
            {
                registration.Register(registry);
            }
            return registry;
        });
        services.AddSingleton<TopicRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<TopicRelay>());
    }

    /// <summary>Lets a feature declare a watchable topic kind (see <see cref="TopicRegistry"/>).</summary>
    public static void AddTopicKind(this IServiceCollection services, Action<TopicRegistry> register) =>
        services.AddSingleton(new TopicKindRegistration(register));

    public static void MapOgpRealtime(this WebApplication app) => app.MapHub<CoCreateHub>(CoCreateHub.Path);
}

/// <summary>A feature's registration of topic kinds, applied when the registry is built.</summary>
public sealed record TopicKindRegistration(Action<TopicRegistry> Register);
