using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Pages;

[Collection(ServerCollection.Name)]
public sealed class CommitmentPageTests(ServerFixture server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_anonymous_visitor_reads_a_commitment_in_arabic_right_to_left_with_its_template_milestones_and_history()
    {
        await using var session = await PageSession.OpenAsync(server, browser);
        var page = session.Page;

        await session.GotoAsync("/commitment.html?id=tn-nap5-01&lang=ar");

        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Matches("[\u0600-\u06FF]", await page.TextContentAsync("#commitment-title") ?? "");
        Assert.False(string.IsNullOrEmpty(await page.GetAttributeAsync("#commitment-status [data-status]", "data-status")));

        // The OGP template, field by field.
        Assert.Contains("tn-nap5-01", await page.TextContentAsync("#commitment-number"));
        Assert.Matches("[\u0600-\u06FF]", await page.TextContentAsync("#commitment-axis") ?? "");
        Assert.Equal(1, await page.Locator("#commitment-lead-field a[href='/institution.html?id=finance']").CountAsync());
        Assert.Equal("state", await page.GetAttributeAsync("#commitment-supporting li[data-institution-id='egov']", "data-state"));
        Assert.Equal("non-state", await page.GetAttributeAsync("#commitment-supporting li[data-institution-id='albawsala']", "data-state"));
        Assert.True(await page.Locator("#commitment-policy-areas li").CountAsync() >= 1);
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#commitment-start")));
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#commitment-end")));
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#commitment-baseline")));
        Assert.Equal("true", await page.GetAttributeAsync("#commitment-values li[data-value='transparency']", "data-relevant"));
        Assert.Equal(4, await page.Locator("#commitment-values li").CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#commitment-budget")));
        Assert.True(await page.Locator("#commitment-national-links li").CountAsync() >= 1);
        Assert.True(await page.Locator("#commitment-sdgs li").CountAsync() >= 1);

        // Milestones, the PDIA fishbone and the lifecycle.
        Assert.True(await page.Locator("#milestones tr[data-milestone-id]").CountAsync() >= 1);
        Assert.False(string.IsNullOrWhiteSpace(await page.TextContentAsync("#milestones tr[data-milestone-id] td")));
        Assert.True(await page.Locator("#fishbone .bone").CountAsync() >= 1);
        Assert.True(await page.Locator("#commitment-entry-points li").CountAsync() >= 1);
        Assert.Equal(1, await page.Locator("#commitment-lifecycle li[aria-current='step']").CountAsync());

        // The public history: at least the creation, by the system, in Arabic.
        var entries = page.Locator("#commitment-history li.history-entry");
        Assert.True(await entries.CountAsync() >= 1);
        Assert.Equal("CommitmentCreated", await entries.First.GetAttributeAsync("data-event"));
        Assert.Matches("[\u0600-\u06FF]", await entries.First.Locator(".history-what").TextContentAsync() ?? "");
        Assert.Contains("commitment=tn-nap5-01", await page.GetAttributeAsync("#commitment-history-link", "href"));

        // Anonymous: nothing to edit, no move to make.
        Assert.True(await page.IsHiddenAsync("#edit-commitment"));
        Assert.True(await page.IsHiddenAsync("#commitment-transitions"));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("commitment-ar"), FullPage = true });

        await page.ClickAsync("#lang-fr");
        await page.WaitForFunctionAsync("document.documentElement.dir === 'ltr' && document.body.dataset.ready === 'true'");
        Assert.Contains("Engagement", await page.TextContentAsync("#commitment-eyebrow"));
        Assert.Contains("Engagement créé", await entries.First.Locator(".history-what").TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("commitment-fr"), FullPage = true });
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_secretariat_edits_the_baseline_through_the_form_and_sees_the_new_history_entry()
    {
        const string commitmentId = "tn-nap5-10";
        var baseline = $"Situation de référence mise à jour par le test des pages {Guid.NewGuid():N}";
        await using var session = await PageSession.OpenAsync(server, browser, "secretariat@ogp.local");
        var page = session.Page;
        await session.GotoAsync($"/commitment.html?id={commitmentId}&lang=fr");

        await page.ClickAsync("#edit-commitment");
        await page.WaitForSelectorAsync("#commitment-form");
        await page.FillAsync("#commitment-form [name='baseline']", baseline);
        await page.ClickAsync("#commitment-save");

        var entry = page.Locator("#commitment-history li.history-entry[data-event='CommitmentEdited']").Filter(new LocatorFilterOptions { HasText = baseline });
        await entry.WaitForAsync();
        Assert.Equal(1, await entry.Locator("tr[data-field='baseline']").CountAsync());
        Assert.Contains(baseline, await entry.Locator("tr[data-field='baseline'] td.after").TextContentAsync());
        Assert.Contains("Secrétariat", await entry.Locator(".history-actor").TextContentAsync());
        Assert.Contains(baseline, await page.TextContentAsync("#commitment-baseline"));
        Assert.True(await page.IsHiddenAsync("#commitment-edit-card"));
        Assert.True(await page.IsVisibleAsync("#commitment-saved"));

        using var anonymous = server.Anonymous();
        var stored = await anonymous.GetFromJsonAsync<JsonElement>($"api/commitments/{commitmentId}");
        Assert.Equal(baseline, stored.GetProperty("details").GetProperty("baseline").GetString());
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_participant_sees_no_edit_form_and_no_lifecycle_buttons()
    {
        await using var session = await PageSession.OpenAsync(server, browser, "participant@ogp.local");
        var page = session.Page;

        await session.GotoAsync("/commitment.html?id=tn-nap5-10&lang=en");

        Assert.NotNull(await page.TextContentAsync("#user-name"));
        Assert.True(await page.IsHiddenAsync("#edit-commitment"));
        Assert.True(await page.IsHiddenAsync("#commitment-edit-card"));
        Assert.Equal(0, await page.Locator("#commitment-form").CountAsync());
        Assert.True(await page.IsHiddenAsync("#commitment-transitions"));
        Assert.True(await page.Locator("#commitment-history li.history-entry").CountAsync() >= 1);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Field_errors_show_next_to_their_fields_and_a_stale_form_says_to_reload()
    {
        const string commitmentId = "tn-nap5-11";
        await using var session = await PageSession.OpenAsync(server, browser, "secretariat@ogp.local");
        var page = session.Page;
        await session.GotoAsync($"/commitment.html?id={commitmentId}&lang=en");
        await page.ClickAsync("#edit-commitment");
        await page.WaitForSelectorAsync("#commitment-form");

        // End before start: the server's field error appears next to the end date, nothing is saved.
        var start = await page.InputValueAsync("#commitment-form [name='start']");
        var end = await page.InputValueAsync("#commitment-form [name='end']");
        await page.FillAsync("#commitment-form [name='end']", start);
        await page.ClickAsync("#commitment-save");
        var endError = page.Locator("#commitment-form [data-error-for='end']");
        await endError.WaitForAsync();
        Assert.False(string.IsNullOrWhiteSpace(await endError.TextContentAsync()));
        Assert.Equal("true", await page.GetAttributeAsync("#commitment-form [name='end']", "aria-invalid"));
        Assert.True(await page.IsVisibleAsync("#commitment-form-errors"));

        // Someone else saves meanwhile: this form's version is stale → 412, "reload".
        using (var client = await server.SignedInAs("secretariat@ogp.local"))
        {
            var read = await client.GetAsync($"api/commitments/{commitmentId}");
            var current = await read.Content.ReadFromJsonAsync<JsonElement>();
            var details = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(current.GetProperty("details").GetRawText())!;
            details["baseline"] = JsonSerializer.SerializeToElement($"Changed elsewhere {Guid.NewGuid():N}");
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/commitments/{commitmentId}") { Content = JsonContent.Create(details) };
            put.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
            (await client.SendAsync(put)).EnsureSuccessStatusCode();
        }
        await page.FillAsync("#commitment-form [name='end']", end);
        await page.FillAsync("#commitment-form [name='baseline']", "My own change");
        await page.ClickAsync("#commitment-save");
        await page.Locator("#commitment-form-errors button[data-action='reload']").WaitForAsync();
        Assert.Contains("changed this meanwhile", await page.TextContentAsync("#commitment-form-errors"));
        Assert.Empty(session.Errors);
    }
}
