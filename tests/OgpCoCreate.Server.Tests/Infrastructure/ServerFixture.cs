using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OgpCoCreate.Server.Tests.Infrastructure;

/// <summary>One real server with the demo data, shared by the tests of the <see cref="ServerCollection"/>.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ServerProcess Server { get; } = new();

    public Task InitializeAsync() => Server.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public HttpClient Anonymous() => Server.CreateClient();

    /// <summary>A client carrying a bearer token for the given account (admin or a demo account).</summary>
    public async Task<HttpClient> SignedInAs(string email)
    {
        var token = await TokenFor(email);
        var client = Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> TokenFor(string email)
    {
        var password = email == "admin@ogp.local" ? ServerProcess.AdminPassword : ServerProcess.DemoPassword;
        using var client = Server.CreateClient();
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }
}

[CollectionDefinition(Name)]
public sealed class ServerCollection : ICollectionFixture<ServerFixture>
{
    public const string Name = "server";
}
