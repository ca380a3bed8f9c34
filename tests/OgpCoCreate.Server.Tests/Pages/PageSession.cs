using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Pages;

/// <summary>
/// A browser context on the test server, optionally signed in (cookie, through the same login endpoint the
/// sign-in page uses), with the page's uncaught script errors collected.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    private PageSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, error) => Errors.Add(error);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public List<string> Errors { get; } = [];

    public static async Task<PageSession> OpenAsync(ServerFixture server, BrowserFixture browser, string? email = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        if (email is not null)
        {
            var password = email == "admin@ogp.local" ? ServerProcess.AdminPassword : ServerProcess.DemoPassword;
            var response = await context.APIRequest.PostAsync("/api/auth/login?useCookies=true", new APIRequestContextOptions
            {
                DataObject = new { email, password },
            });
            Assert.True(response.Ok, $"Signing in {email} failed: {response.Status} {await response.TextAsync()}");
        }
        return new PageSession(context, await context.NewPageAsync());
    }

    /// <summary>Opens a page and waits until it says it has rendered (body[data-ready=true]).</summary>
    public async Task GotoAsync(string url)
    {
        await Page.GotoAsync(url);
        await Page.WaitForSelectorAsync("body[data-ready='true']");
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
