using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Pages;

[Collection(ServerCollection.Name)]
public sealed class PlanAndHistoryPageTests(ServerFixture server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Rows = "table#commitments tr[data-commitment-id]";

    private async Task<List<string>> IdsFromApi(string query)
    {
        using var client = server.Anonymous();
        var list = await client.GetFromJsonAsync<JsonElement>($"api/commitments?planId=tn-nap5{query}");
        return [.. list.EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order()];
    }

    private static async Task<List<string>> IdsOnPage(IPage page)
    {
        var ids = await page.Locator(Rows).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.commitmentId)");
        return [.. ids.Order()];
    }

    [Fact]
    public async Task Filtering_the_plan_by_institution_reduces_the_table_to_its_commitments()
    {
        var all = await IdsFromApi("");
        var egov = await IdsFromApi("&institution=egov");
        Assert.InRange(egov.Count, 1, all.Count - 1);

        await using var session = await PageSession.OpenAsync(server, browser);
        var page = session.Page;
        await session.GotoAsync("/?lang=fr");
        Assert.Equal(all, await IdsOnPage(page));

        await page.SelectOptionAsync("#filter-institution", "egov");
        await page.WaitForFunctionAsync(
            "n => document.querySelector('table#commitments').dataset.loading === 'false' && document.querySelectorAll('table#commitments tr[data-commitment-id]').length === n",
            egov.Count);
        Assert.Equal(egov, await IdsOnPage(page));
        Assert.Contains("institution=egov", page.Url);
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#filters-summary")));
        Assert.True(await page.Locator($"{Rows} .badge[data-status]").CountAsync() == egov.Count);

        // Two filters together: the API's answer, no more.
        var axis = await page.Locator("#filter-axis option").Nth(1).GetAttributeAsync("value");
        await page.SelectOptionAsync("#filter-axis", axis!);
        var both = await IdsFromApi($"&institution=egov&axis={axis}");
        await page.WaitForFunctionAsync(
            "n => document.querySelector('table#commitments').dataset.loading === 'false' && document.querySelectorAll('table#commitments tr[data-commitment-id]').length === n",
            both.Count);
        Assert.Equal(both, await IdsOnPage(page));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("plan-filters-fr"), FullPage = true });

        await page.ClickAsync("#filters-reset");
        await page.WaitForFunctionAsync(
            "n => document.querySelector('table#commitments').dataset.loading === 'false' && document.querySelectorAll('table#commitments tr[data-commitment-id]').length === n",
            all.Count);
        Assert.DoesNotContain("institution=", page.Url);

        // A filtered address opens filtered (a shared link), in Arabic too.
        await session.GotoAsync("/?institution=egov&lang=ar");
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal(egov, await IdsOnPage(page));
        Assert.Equal("egov", await page.InputValueAsync("#filter-institution"));
        Assert.Contains("history.html?plan=tn-nap5", await page.GetAttributeAsync("#plan-history-link", "href"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_plan_history_page_is_public_and_pages_through_the_journal()
    {
        await using var session = await PageSession.OpenAsync(server, browser);
        var page = session.Page;

        await session.GotoAsync("/history.html?plan=tn-nap5&limit=5&lang=en");

        var entries = page.Locator("#history li.history-entry");
        Assert.Equal(5, await entries.CountAsync());
        Assert.Equal("PlanCreated", await entries.First.GetAttributeAsync("data-event"));
        var lastOfFirstPage = long.Parse((await entries.Last.GetAttributeAsync("data-sequence"))!, System.Globalization.CultureInfo.InvariantCulture);

        // "Show more" reads the next page in place; the "next page" link opens it on its own.
        await page.ClickAsync("#history .history-more");
        await page.WaitForFunctionAsync("document.querySelectorAll('#history li.history-entry').length === 10");
        await page.ClickAsync("#history-next");
        await page.WaitForURLAsync(url => url.Contains("after=", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("body[data-ready='true']");
        Assert.Contains("after=", page.Url);
        var firstOfLaterPage = long.Parse((await entries.First.GetAttributeAsync("data-sequence"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(firstOfLaterPage > lastOfFirstPage);
        Assert.True(await page.IsVisibleAsync("#history-first"));

        // A commitment's and an institution's history pages.
        await session.GotoAsync("/history.html?commitment=tn-nap5-01&lang=fr");
        Assert.Equal("CommitmentCreated", await entries.First.GetAttributeAsync("data-event"));
        Assert.Contains("engagement 1", await page.TextContentAsync("#history-title"));
        await session.GotoAsync("/history.html?institution=finance&lang=ar");
        Assert.Equal("InstitutionCreated", await entries.First.GetAttributeAsync("data-event"));
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_institution_page_shows_names_focal_points_commitments_and_history()
    {
        await using var session = await PageSession.OpenAsync(server, browser);
        var page = session.Page;

        await session.GotoAsync("/institution.html?id=egov&lang=fr");

        Assert.Matches("[\u0600-\u06FF]", await page.TextContentAsync("#institution-name-ar") ?? "");
        Assert.Contains("administration électronique", await page.TextContentAsync("#institution-name-fr"));
        Assert.Contains("E-Government", await page.TextContentAsync("#institution-name-en"));
        Assert.True(await page.Locator("#institution-focal-points li[data-user-id]").CountAsync() >= 1);
        Assert.Equal(1, await page.Locator("#institution-leads tr[data-commitment-id='tn-nap5-06'] a[href='/commitment.html?id=tn-nap5-06']").CountAsync());
        Assert.Equal(1, await page.Locator("#institution-supports tr[data-commitment-id='tn-nap5-05']").CountAsync());
        Assert.True(await page.Locator("#institution-history li.history-entry").CountAsync() >= 2);
        Assert.Equal("InstitutionCreated", await page.Locator("#institution-history li.history-entry").First.GetAttributeAsync("data-event"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("institution-fr"), FullPage = true });
        Assert.Empty(session.Errors);
    }
}
