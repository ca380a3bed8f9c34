using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Browser;

[Collection(ServerCollection.Name)]
public sealed class SignInAndLanguageTests(ServerFixture server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_focal_point_signs_in_switches_to_arabic_and_the_page_turns_right_to_left()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Server.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync("/signin.html?lang=fr");
        await page.FillAsync("#signin-email", "focal.finance@ogp.local");
        await page.FillAsync("#signin-password", ServerProcess.DemoPassword);
        await page.ClickAsync("#signin-submit");
        await page.WaitForURLAsync(url => !url.Contains("signin", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("body[data-ready='true']");

        Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
        Assert.Contains("Finances", await page.TextContentAsync("#user-name"));
        Assert.Equal(15, await page.Locator("table#commitments tr[data-commitment-id]").CountAsync());

        await page.ClickAsync("#lang-ar");
        await page.WaitForFunctionAsync("document.documentElement.dir === 'rtl'");

        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        var title = await page.TextContentAsync("#plan-title") ?? "";
        Assert.Matches("[\u0600-\u06FF]", title);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("home-ar"), FullPage = true });
        Assert.Empty(errors);
        await context.CloseAsync();
    }
}
