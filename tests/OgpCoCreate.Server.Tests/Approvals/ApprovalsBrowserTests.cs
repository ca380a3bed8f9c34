using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Approvals;

/// <summary>Two people on the same commitment page: one approves, the other's page shows it without reloading.</summary>
public sealed class ApprovalsBrowserTests(ApprovalsServerFixture fixture, BrowserFixture browser) : IClassFixture<ApprovalsServerFixture>, IClassFixture<BrowserFixture>
{
    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> SignedInPage(string email, string lang)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"/signin.html?lang={lang}");
        await page.FillAsync("#signin-email", email);
        await page.FillAsync("#signin-password", ServerProcess.DemoPassword);
        await page.ClickAsync("#signin-submit");
        await page.WaitForURLAsync(url => !url.Contains("signin", StringComparison.Ordinal));
        return (context, page, errors);
    }

    [Fact]
    public async Task A_focal_point_approves_and_the_co_chairs_page_shows_it_live_in_arabic()
    {
        const string id = "tn-nap5-05";
        var inaiApi = await fixture.SignedInAs("focal.inai@ogp.local");
        await inaiApi.Submit(id);

        var (watcherContext, watcher, watcherErrors) = await SignedInPage("msf.cso@ogp.local", "ar");
        await watcher.GotoAsync($"/commitment.html?id={id}&lang=ar");
        await watcher.WaitForSelectorAsync("#approvals-panel[data-live='true']");
        await watcher.WaitForSelectorAsync("#approvals-table tr[data-slot='inai'][data-state='Pending']");
        Assert.Equal("rtl", await watcher.GetAttributeAsync("html", "dir"));
        await watcher.EvaluateAsync("window.__notReloaded = true");

        var (approverContext, approver, approverErrors) = await SignedInPage("focal.inai@ogp.local", "fr");
        await approver.GotoAsync($"/commitment.html?id={id}&lang=fr");
        await approver.WaitForSelectorAsync("#approvals-panel[data-ready='true']");
        await approver.FillAsync("#approval-comment-inai", "Texte validé par l'INAI.");
        await approver.ClickAsync("button[data-action='approve'][data-slot='inai']");
        await approver.WaitForSelectorAsync("#approvals-table tr[data-slot='inai'][data-state='Approved']");

        // The other page updates by itself.
        await watcher.WaitForSelectorAsync("#approvals-table tr[data-slot='inai'][data-state='Approved']", new PageWaitForSelectorOptions { Timeout = 15000 });
        Assert.True(await watcher.EvaluateAsync<bool>("window.__notReloaded === true"));
        var row = await watcher.TextContentAsync("#approvals-table tr[data-slot='inai']") ?? "";
        Assert.Contains("Texte validé par l'INAI.", row, StringComparison.Ordinal);
        await watcher.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("approvals-live-ar"), FullPage = true });

        // The supporting institution's focal point finds it in the inbox.
        var (egovContext, egov, egovErrors) = await SignedInPage("focal.egov@ogp.local", "en");
        await egov.GotoAsync("/inbox.html?lang=en");
        await egov.WaitForSelectorAsync($"#inbox-table tr[data-kind='Pending'][data-commitment-id='{id}']");
        await egov.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("approvals-inbox-en"), FullPage = true });
        await egov.GotoAsync("/adoption.html?lang=en");
        await egov.WaitForSelectorAsync($"#adoption-table tr[data-commitment-id='{id}'][data-complete='false']");
        await egov.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("approvals-adoption-en"), FullPage = true });

        Assert.Empty(watcherErrors);
        Assert.Empty(approverErrors);
        Assert.Empty(egovErrors);
        await watcherContext.CloseAsync();
        await approverContext.CloseAsync();
        await egovContext.CloseAsync();
    }
}
