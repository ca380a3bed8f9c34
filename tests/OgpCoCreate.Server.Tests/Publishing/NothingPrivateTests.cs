using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;
using OgpCoCreate.Server.Tests.Pages;

namespace OgpCoCreate.Server.Tests.Publishing;

/// <summary>
/// Nothing private in anything public: every GET endpoint of the API answered to an anonymous visitor, every
/// file of the open-data ZIP (the DOCX included), the action plan in three languages, and the public pages as
/// a browser renders them are scanned for every account's e-mail address, password hash and security stamp
/// (the real values, read from the database, and the field names), a hidden contribution's content, the
/// reasons given to the moderators and an unpublished draft response. And no e-mail is ever journaled.
/// </summary>
[Collection(PublishingCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class NothingPrivateTests(PublishingFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] TextFields = ["problem", "statusQuo", "description", "contribution", "ogpRelevance", "ambition"];

    [Fact]
    public async Task No_public_endpoint_export_or_document_reveals_anything_private()
    {
        var secrets = await Secrets();
        using var anonymous = fixture.Server.Anonymous();
        var openapi = await anonymous.Json("openapi/v1.json");
        var scanned = new List<string>();
        var leaks = new List<string>();

        foreach (var path in openapi.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out _) || !path.Name.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var url in Expand(path.Name))
            {
                var response = await anonymous.GetAsync(url.TrimStart('/') + (url.Contains('?') ? "&" : "?") + "limit=1000");
                if (!response.IsSuccessStatusCode)
                {
                    continue;
                }
                scanned.Add(url);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                foreach (var (name, text) in Texts(url, response.Content.Headers.ContentType?.MediaType, bytes))
                {
                    leaks.AddRange(Find(secrets, name, text));
                }
            }
        }
        // Every public list to its end: the journal of the whole plan, page after page.
        string? next = "api/public/plans/tn-nap5/journal?limit=50";
        while (next is not null)
        {
            var page = await anonymous.GetStringAsync(next.TrimStart('/'));
            leaks.AddRange(Find(secrets, next, page));
            using var document = JsonDocument.Parse(page);
            next = document.RootElement.GetProperty("next").GetString();
        }

        Assert.True(leaks.Count == 0, "Private data in public output:\n" + string.Join("\n", leaks.Distinct().Take(40)));
        // The scan did reach the public repository, the exports and the other public readers.
        foreach (var expected in new[]
        {
            "/api/public/plans/tn-nap5/repository", "/api/open-data/tn-nap5/open-data.zip", "/api/public/plans/tn-nap5/action-plan.docx?lang=ar",
            "/api/open-data/tn-nap5/contributions.csv", "/api/public/plans/tn-nap5/journal", "/api/rounds/tn-nap5-r1",
        })
        {
            Assert.Contains(expected, scanned);
        }
        // The raw journal (account ids, inboxes, supporters, moderation) is the administrators' audit feed only.
        Assert.DoesNotContain("/api/journal", scanned);
    }

    [Fact]
    public async Task No_public_page_shows_anything_private_as_a_browser_renders_it()
    {
        var secrets = await Secrets();
        var pages = new[]
        {
            "/repository.html", "/repository.html?lang=ar", "/repository.html?commitment=tn-nap5-01", "/repository.html?commitment=tn-nap5-05&lang=ar",
            "/repository.html?commitment=tn-nap5-06&lang=en", "/print.html?lang=ar", "/print.html?lang=fr", "/print.html?lang=en",
            "/", "/commitment.html?id=tn-nap5-01", "/commitment.html?id=tn-nap5-06", "/institutions.html", "/institution.html?id=egov",
            "/history.html?plan=tn-nap5", "/history.html?commitment=tn-nap5-06", "/rounds.html", $"/round.html?id={fixture.Scenario.RoundId}",
            $"/round.html?id={fixture.Scenario.IdeasRoundId}",
        };
        var leaks = new List<string>();
        await using var session = await PageSession.OpenAsync(fixture.Server, browser);
        foreach (var url in pages)
        {
            await session.Page.GotoAsync(url);
            try
            {
                await session.Page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 20_000 });
            }
            catch (TimeoutException)
            {
                // A page that never says it is ready is still scanned as it stands.
            }
            await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            leaks.AddRange(Find(secrets, url, await session.Page.ContentAsync()));
        }
        Assert.True(leaks.Count == 0, "Private data in public pages:\n" + string.Join("\n", leaks.Distinct()));

        // The hidden contribution is there as a placeholder, without its content.
        await session.GotoAsync("/repository.html?commitment=tn-nap5-01&lang=fr");
        var hidden = session.Page.Locator($"li.contribution[data-contribution-id='{fixture.Scenario.HiddenContributionId}']");
        Assert.Equal("true", await hidden.GetAttributeAsync("data-hidden"));
        Assert.Contains("masquée", await hidden.TextContentAsync());
    }

    [Fact]
    public async Task No_e_mail_address_is_ever_journaled_by_any_grain()
    {
        await using var connection = await TestStore.OpenDatabaseAsync(fixture.Server.Server);
        var emails = new List<string>();
        await using (var users = connection.CreateCommand())
        {
            users.CommandText = "SELECT \"Email\" FROM \"AspNetUsers\"";
            await using var reader = await users.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                emails.Add(reader.GetString(0));
            }
        }
        Assert.Contains("participant@ogp.local", emails);
        Assert.True(emails.Count >= 10, "the demo accounts, the admin and the scenario's participants");

        var rows = 0;
        var actors = new HashSet<string>();
        var found = new List<string>();
        await using (var journal = connection.CreateCommand())
        {
            journal.CommandText = "SELECT seq, grain_type, grain_key, event_type, actor_id, actor_name, payload FROM journal ORDER BY seq";
            await using var reader = await journal.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
                actors.Add(reader.GetString(4));
                var entry = string.Join(" | ", Enumerable.Range(1, 6).Select(reader.GetString));
                foreach (var email in emails.Where(e => entry.Contains(e, StringComparison.OrdinalIgnoreCase)))
                {
                    found.Add($"#{reader.GetInt64(0)} {reader.GetString(1)}/{reader.GetString(2)} {reader.GetString(3)}: {email}");
                }
                if (entry.Contains('@') && System.Text.RegularExpressions.Regex.IsMatch(entry, @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"))
                {
                    found.Add($"#{reader.GetInt64(0)} {reader.GetString(1)}/{reader.GetString(2)} {reader.GetString(3)}: an e-mail-like string");
                }
            }
        }
        Assert.True(rows > 100, $"{rows} journal entries");
        // Every demo role acted in the scenario, so their actions are among the entries checked.
        Assert.True(actors.Count >= 9, $"{actors.Count} distinct actors");
        Assert.True(found.Count == 0, "E-mail addresses in the journal:\n" + string.Join("\n", found));
    }

    // ---- what must never be public ----------------------------------------------------------------------

    private sealed record Secret(string What, string Value);

    private async Task<IReadOnlyList<Secret>> Secrets()
    {
        var scenario = fixture.Scenario;
        var secrets = new List<Secret>
        {
            new("field name", "passwordHash"), new("field name", "securityStamp"), new("field name", "concurrencyStamp"), new("field name", "normalizedEmail"),
            new("hidden contribution", scenario.HiddenBody), new("hidden contribution", scenario.HiddenBody[..30]),
            new("hidden contribution", scenario.HiddenBody[^20..]), new("moderation reason", scenario.HiddenReason),
            new("report reason", scenario.ReportReason), new("draft response", scenario.DraftJustification),
        };
        await using var connection = await TestStore.OpenDatabaseAsync(fixture.Server.Server);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Email\", \"PasswordHash\", \"SecurityStamp\" FROM \"AspNetUsers\"";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            secrets.Add(new("e-mail", reader.GetString(0)));
            if (!reader.IsDBNull(1))
            {
                secrets.Add(new("password hash", reader.GetString(1)));
            }
            if (!reader.IsDBNull(2))
            {
                secrets.Add(new("security stamp", reader.GetString(2)));
            }
        }
        foreach (var email in PublishingScenario.DemoEmails.Concat(scenario.ParticipantEmails))
        {
            Assert.Contains(secrets, s => s.What == "e-mail" && string.Equals(s.Value, email, StringComparison.OrdinalIgnoreCase));
        }
        return secrets;
    }

    private static IEnumerable<string> Find(IReadOnlyList<Secret> secrets, string where, string text) =>
        secrets.Where(s => text.Contains(s.Value, StringComparison.OrdinalIgnoreCase)).Select(s => $"{where}: {s.What} '{s.Value}'");

    /// <summary>Every concrete URL of a path template: known ids for the parameters, or nothing when one is unknown.</summary>
    private static IEnumerable<string> Expand(string template)
    {
        var values = new Dictionary<string, string[]>
        {
            ["planId"] = ["tn-nap5"],
            ["commitmentId"] = ["tn-nap5-01", "tn-nap5-05", "tn-nap5-06"],
            ["institutionId"] = ["egov", "inai", "finance"],
            ["roundId"] = ["tn-nap5-r1", "tn-nap5-r2"],
            ["field"] = TextFields,
            ["file"] = ["README.md", "datapackage.json", "open-data.zip", "contributions.csv", "contributions.json", "journal_events.csv", "journal_events.json", "approvals.csv"],
        };
        IEnumerable<string> urls = [template];
        foreach (System.Text.RegularExpressions.Match parameter in System.Text.RegularExpressions.Regex.Matches(template, "\\{(\\w+)\\}"))
        {
            if (!values.TryGetValue(parameter.Groups[1].Value, out var options))
            {
                return [];
            }
            urls = urls.SelectMany(u => options.Select(o => u.Replace(parameter.Value, o, StringComparison.Ordinal))).ToList();
        }
        // The action plan in every language.
        return urls.SelectMany(u => u.Contains("action-plan", StringComparison.Ordinal) ? new[] { u + "?lang=ar", u + "?lang=fr", u + "?lang=en" } : [u]);
    }

    /// <summary>The readable text of an answer: JSON, CSV and Markdown as they are; ZIP entries and DOCX opened.</summary>
    private static IEnumerable<(string Name, string Text)> Texts(string name, string? mediaType, byte[] bytes)
    {
        if (mediaType == "application/zip")
        {
            foreach (var (entry, content) in OpenDataTests.Unzip(bytes))
            {
                foreach (var text in Texts($"{name} → {entry}", entry.EndsWith(".docx", StringComparison.Ordinal) ? "application/docx" : "text/plain", content))
                {
                    yield return text;
                }
            }
        }
        else if (mediaType is "application/docx" or "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        {
            yield return (name, ActionPlanDocxTests.DocxText(bytes));
            // And the raw parts (properties, styles): nothing hides there either.
            using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                yield return ($"{name} → {entry.FullName}", reader.ReadToEnd());
            }
        }
        else
        {
            yield return (name, Encoding.UTF8.GetString(bytes));
        }
    }
}
