using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Hosting;

[Trait(TestStore.Trait, TestStore.Shared)]
public sealed partial class FirstAdminTests
{
    [Fact]
    public async Task Without_a_configured_password_the_first_start_prints_a_generated_one_once_and_it_works()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "ogp-tests", "admin-" + Guid.NewGuid().ToString("N"));
        var noPassword = new Dictionary<string, string> { ["OGP_ADMIN_PASSWORD"] = "" };
        string password;
        await using (var first = new ServerProcess(dataDir, seedDemo: false, environment: noPassword))
        {
            await first.StartAsync();
            var match = GeneratedPassword().Match(first.Output);
            Assert.True(match.Success, first.Output);
            password = match.Groups[1].Value;
            using var client = first.CreateClient();
            var login = await client.PostAsJsonAsync("api/auth/login", new { email = "admin@ogp.local", password });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            await first.StopAsync();
        }

        await using var second = new ServerProcess(dataDir, seedDemo: false, environment: noPassword);
        await second.StartAsync();
        Assert.DoesNotMatch(GeneratedPassword(), second.Output);
        using var again = second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await again.PostAsJsonAsync("api/auth/login", new { email = "admin@ogp.local", password })).StatusCode);
    }

    [GeneratedRegex("created admin@ogp.local with the generated password: (\\S+)")]
    private static partial Regex GeneratedPassword();
}
