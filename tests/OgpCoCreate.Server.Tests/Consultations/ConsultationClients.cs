using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Consultations;

/// <summary>Accounts and rounds for the consultation tests: each test registers its own participants.</summary>
public static class ConsultationClients
{
    public const string ParticipantPassword = "Consult-Test-1!";

    /// <summary>Registers a new participant (the rate limit is per person: tests never share one) and signs them in.</summary>
    public static async Task<(HttpClient Client, string Email, string Name)> NewParticipant(ServerFixture fixture, string? name = null)
    {
        var email = $"p-{Guid.NewGuid():N}@example.org";
        name ??= "Participante " + email[2..8];
        using var anonymous = fixture.Anonymous();
        var registered = await anonymous.PostAsJsonAsync("api/auth/register", new { email, password = ParticipantPassword, displayName = name, language = "fr" });
        registered.EnsureSuccessStatusCode();
        var login = await anonymous.PostAsJsonAsync("api/auth/login", new { email, password = ParticipantPassword });
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        var client = fixture.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("accessToken").GetString());
        return (client, email, name);
    }

    /// <summary>A round of comments on the given commitments (or ideas), announced and opened now by the secretariat.</summary>
    public static async Task<string> OpenRound(HttpClient secretariat, string scope = "Commitments", params string[] commitmentIds)
    {
        var now = DateTimeOffset.UtcNow;
        var created = await secretariat.PostAsJsonAsync("api/rounds", new
        {
            planId = "tn-nap5",
            scope,
            title = new { ar = "جولة اختبار", fr = "Cycle de test", en = "Test round" },
            rules = new { ar = "قواعد", fr = "Règles", en = "Rules" },
            opensAt = now.AddMinutes(-1),
            closesAt = now.AddDays(7),
            commitmentIds = scope == "Commitments" ? (commitmentIds.Length > 0 ? commitmentIds : new[] { "tn-nap5-01" }) : Array.Empty<string>(),
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var opened = await secretariat.PostAsJsonAsync($"api/rounds/{id}/open", new { overrideReason = "Test: opened at once." });
        opened.EnsureSuccessStatusCode();
        return id;
    }

    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>An anchor on <paramref name="quote"/> (first occurrence) of a document's current text.</summary>
    public static async Task<object> AnchorOn(HttpClient client, string commitmentId, string field, int startAt = 0, int length = 20)
    {
        var doc = await (await client.GetAsync($"api/documents/{commitmentId}/{field}")).Json();
        var text = doc.GetProperty("text").GetString()!;
        var runes = text.EnumerateRunes().ToList();
        var quote = string.Concat(runes.Skip(startAt).Take(length).Select(r => r.ToString()));
        return new { documentId = $"{commitmentId}/{field}", version = doc.GetProperty("version").GetInt64(), start = startAt, end = startAt + length, quote };
    }
}
