using System.Net;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Hosting;

[Collection(ServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class MonitoringTests(ServerFixture fixture)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_healthy_without_signing_in()
    {
        using var client = fixture.Anonymous();

        var live = await client.GetAsync("health/live");
        var ready = await client.GetAsync("health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_the_reference_page_is_served()
    {
        using var client = fixture.Anonymous();

        var document = await client.GetAsync("openapi/v1.json");
        var reference = await client.GetAsync("api-reference/");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        using var json = JsonDocument.Parse(await document.Content.ReadAsStringAsync());
        var paths = json.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/auth/login", out _));
        Assert.True(paths.TryGetProperty("/api/plans/{planId}", out _));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("text/html", reference.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_dashboard_sends_an_anonymous_browser_to_sign_in()
    {
        using var client = fixture.Anonymous();

        var response = await client.GetAsync("dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/signin.html", response.Headers.Location?.ToString());
        Assert.Contains("ReturnUrl=%2Fdashboard", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("secretariat@ogp.local")]
    [InlineData("focal.finance@ogp.local")]
    [InlineData("participant@ogp.local")]
    public async Task The_dashboard_is_forbidden_to_everyone_but_admins(string email)
    {
        using var client = await fixture.SignedInAs(email);

        var response = await client.GetAsync("dashboard");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_admin_sees_the_orleans_dashboard()
    {
        using var client = await fixture.SignedInAs("admin@ogp.local");

        var response = await client.GetAsync("dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}
