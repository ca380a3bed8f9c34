using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace OgpCoCreate.Bench.Live;

/// <summary>Signs in over HTTP and opens hub connections the way any outside client does (docs/realtime.md).</summary>
public static class CoCreateHubConnections
{
    public const string HubPath = "/hubs/cocreate";

    private sealed record LoginRequest(string Email, string Password);

    private sealed record LoginResponse(string AccessToken);

    /// <summary><c>POST /api/auth/login</c> → the bearer token for the hub's <c>access_token</c>.</summary>
    public static async Task<string> SignInAsync(HttpClient http, Uri server, string email, string password, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(new Uri(server, "/api/auth/login"), new LoginRequest(email, password), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        var login = await response.Content.ReadFromJsonAsync<LoginResponse>(cancellationToken);
        return login?.AccessToken ?? throw new InvalidOperationException($"Signing in as {email} returned no access token.");
    }

    /// <summary>A started connection to the hub, authenticated with <paramref name="accessToken"/>.</summary>
    public static async Task<HubConnection> ConnectAsync(Uri server, string accessToken, CancellationToken cancellationToken = default)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server, HubPath), o => o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken))
            .Build();
        await connection.StartAsync(cancellationToken);
        return connection;
    }
}
