using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Realtime;

/// <summary>Real SignalR .NET clients against the real server, signed in with a bearer token.</summary>
public static class HubClients
{
    public sealed record Opened(string DocumentId, long Version, string Text);

    public sealed record Submitted(long Version);

    public static async Task<HubConnection> ConnectAsync(ServerProcess server, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "hubs/cocreate"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public static Task<Opened> Open(this HubConnection connection, string documentId) =>
        connection.InvokeAsync<Opened>("OpenDocument", documentId);

    public static Task<Submitted> Submit(this HubConnection connection, string documentId, long baseVersion, string opJson, string clientId, long seq) =>
        connection.InvokeAsync<Submitted>("SubmitOp", documentId, baseVersion, JsonDocument.Parse(opJson).RootElement, clientId, seq);
}
