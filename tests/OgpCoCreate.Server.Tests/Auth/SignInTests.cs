using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Auth;

[Collection(ServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class SignInTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_admin_gets_a_bearer_token_in_the_identity_api_shape()
    {
        using var client = fixture.Anonymous();

        var response = await client.PostAsJsonAsync("api/auth/login", new { email = "admin@ogp.local", password = ServerProcess.AdminPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("tokenType").GetString());
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("accessToken").GetString()));
        Assert.True(body.RootElement.GetProperty("expiresIn").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(body.RootElement.GetProperty("refreshToken").GetString()));
    }

    [Fact]
    public async Task The_token_identifies_the_focal_point_and_its_institution()
    {
        using var client = await fixture.SignedInAs("focal.finance@ogp.local");

        var me = await client.GetFromJsonAsync<JsonElement>("api/auth/me");

        Assert.Equal("focal.finance@ogp.local", me.GetProperty("email").GetString());
        Assert.Contains("FocalPoint", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("finance", me.GetProperty("institutions").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_problem_details()
    {
        using var client = fixture.Anonymous();

        var response = await client.PostAsJsonAsync("api/auth/login", new { email = "secretariat@ogp.local", password = "not-the-password" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
        Assert.Contains("wrong", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_user_is_refused_exactly_like_a_wrong_password()
    {
        using var client = fixture.Anonymous();

        var response = await client.PostAsJsonAsync("api/auth/login", new { email = "nobody@ogp.local", password = "whatever-1A!" });

        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Missing_credentials_are_a_bad_request()
    {
        using var client = fixture.Anonymous();

        var response = await client.PostAsJsonAsync("api/auth/login", new { email = "admin@ogp.local" });

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_with_a_problem_details()
    {
        using var client = fixture.Anonymous();

        var response = await client.PostAsync("api/auth/login", new StringContent("{\"email\": \"admin@ogp.local\", ", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_it_is_read()
    {
        using var client = fixture.Anonymous();
        var huge = "{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\",\"password\":\"x\"}";

        var response = await client.PostAsync("api/auth/login", new StringContent(huge, Encoding.UTF8, "application/json"));

        await ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Calls_without_a_token_or_with_a_forged_one_are_unauthorized()
    {
        using var anonymous = fixture.Anonymous();
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/auth/me"), HttpStatusCode.Unauthorized);

        using var forged = fixture.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8forged-token-that-was-never-issued");
        await ProblemAssert.IsProblem(await forged.GetAsync("api/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password()
    {
        using var client = fixture.Anonymous();
        var email = $"lock-{Guid.NewGuid():N}@example.org";
        const string password = "Right-Password-42!";
        var registered = await client.PostAsJsonAsync("api/auth/register", new { email, password, displayName = "Lock test" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("api/auth/login", new { email, password = "wrong-password" });
        }
        var response = await client.PostAsJsonAsync("api/auth/login", new { email, password });

        var problem = await ProblemAssert.IsProblem(response, (HttpStatusCode)423);
        Assert.Contains("locked", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_new_participant_registers_and_signs_in()
    {
        using var client = fixture.Anonymous();
        var email = $"citizen-{Guid.NewGuid():N}@example.org";

        var registered = await client.PostAsJsonAsync("api/auth/register", new { email, password = "Citizen-Password-7!", displayName = "مواطن", language = "ar" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var login = await client.PostAsJsonAsync("api/auth/login", new { email, password = "Citizen-Password-7!" });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Registration_with_a_weak_password_or_bad_email_gives_field_errors_and_creates_nobody()
    {
        using var client = fixture.Anonymous();

        var response = await client.PostAsJsonAsync("api/auth/register", new { email = "not-an-email", password = "short", displayName = "x" });

        var problem = await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        var login = await client.PostAsJsonAsync("api/auth/login", new { email = "not-an-email", password = "short" });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Fact]
    public async Task A_browser_signs_in_with_a_cookie()
    {
        using var client = fixture.Anonymous();

        var response = await client.PostAsJsonAsync("api/auth/login?useCookies=true", new { email = "participant@ogp.local", password = ServerProcess.DemoPassword });

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ogp.auth=", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/auth/me");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        var me = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }
}
