using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Drafting;

/// <summary>The live texts of the commitment page, as the browser tests drive them (js/drafting/live-texts.js).</summary>
public sealed class LiveTextsPage
{
    private LiveTextsPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, e) => Errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                ConsoleMessages.Add($"{m.Type}: {m.Text}");
            }
        };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    /// <summary>Uncaught exceptions of the page (a test asserts there are none).</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Console errors and warnings (the editor's own start with "drafting:").</summary>
    public List<string> ConsoleMessages { get; } = [];

    /// <summary>What the editor itself complained about (divergence, failed ops …): none in a healthy run.</summary>
    public IEnumerable<string> DraftingComplaints => ConsoleMessages.Where(m => m.Contains("drafting:", StringComparison.Ordinal));

    public static Task<LiveTextsPage> NewAsync(IBrowser browser, ServerFixture server) => NewAsync(browser, server.Server.BaseAddress);

    /// <summary>A page on any address: one server, or the single address in front of a cluster.</summary>
    public static async Task<LiveTextsPage> NewAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        return new LiveTextsPage(context, await context.NewPageAsync());
    }

    /// <summary>A page signed in through /signin.html, as a person does it.</summary>
    public static Task<LiveTextsPage> SignedInAsync(IBrowser browser, ServerFixture server, string email, string lang) =>
        SignedInAsync(browser, server.Server.BaseAddress, email, lang);

    public static async Task<LiveTextsPage> SignedInAsync(IBrowser browser, Uri baseAddress, string email, string lang)
    {
        var result = await NewAsync(browser, baseAddress);
        var page = result.Page;
        await page.GotoAsync($"/signin.html?lang={lang}");
        await page.FillAsync("#signin-email", email);
        await page.FillAsync("#signin-password", email == "admin@ogp.local" ? ServerProcess.AdminPassword : ServerProcess.DemoPassword);
        await page.ClickAsync("#signin-submit");
        await page.WaitForURLAsync(url => !url.Contains("signin", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("body[data-ready='true']");
        return result;
    }

    public async Task OpenAsync(string commitmentId, string lang)
    {
        await Page.GotoAsync($"/commitment.html?id={commitmentId}&lang={lang}");
        await Page.WaitForSelectorAsync("#live-texts[data-state='ready']");
    }

    public static string Field(string field) => $"#live-{field}";

    public static string Input(string field) => $"#live-{field}-input";

    /// <summary>Waits until the text is open on the hub and this user may type in it.</summary>
    public async Task WaitEditableAsync(string field)
    {
        await Page.WaitForSelectorAsync($"{Field(field)}[data-editable='true'][data-sync='synced']");
        await Page.WaitForSelectorAsync($"{Input(field)}:not([readonly])");
    }

    /// <summary>Focuses the textarea and puts the caret at a UTF-16 offset (-1: the end).</summary>
    public Task PlaceCaretAsync(string field, int offset) =>
        Page.EvaluateAsync(@"([selector, offset]) => {
            const input = document.querySelector(selector);
            input.focus();
            const at = offset < 0 ? input.value.length : offset;
            input.setSelectionRange(at, at);
        }", new object[] { Input(field), offset });

    public Task<string> ValueAsync(string field) => Page.InputValueAsync(Input(field));

    public Task<string?> SyncStateAsync(string field) => Page.GetAttributeAsync(Field(field), "data-sync");

    public Task ScreenshotAsync(string name) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath(name), FullPage = false });

    /// <summary>Scrolls the field into the middle of the viewport (for screenshots).</summary>
    public Task ShowAsync(string field) =>
        Page.EvaluateAsync("selector => document.querySelector(selector).scrollIntoView({ block: 'center' })", Field(field));
}

/// <summary>The server's own copy of a live text, read over the public HTTP endpoint.</summary>
public static class ServerText
{
    public sealed record Document(string DocumentId, long Version, string Text);

    public static async Task<Document> GetAsync(ServerFixture server, string commitmentId, string field)
    {
        using var client = server.Anonymous();
        var document = await client.GetFromJsonAsync<Document>($"api/documents/{commitmentId}/{field}", new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return document!;
    }

    /// <summary>
    /// Waits (on conditions, not on time) until every page says the text is saved and shows exactly the
    /// server's text; returns that text. Fails with what each side had after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<string> WaitConvergedAsync(ServerFixture server, string commitmentId, string field, TimeSpan timeout, params LiveTextsPage[] pages)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (true)
        {
            var states = await Task.WhenAll(pages.Select(p => p.SyncStateAsync(field)));
            var values = await Task.WhenAll(pages.Select(p => p.ValueAsync(field)));
            var onServer = await GetAsync(server, commitmentId, field);
            if (states.All(s => s == "synced") && values.All(v => v == onServer.Text))
            {
                return onServer.Text;
            }
            last = $"server v{onServer.Version}: {onServer.Text}\n" + string.Join("\n", values.Select((v, i) => $"page {i} ({states[i]}): {v}"));
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The pages did not converge on the server's text within {timeout}:\n{last}");
            }
            await Task.Delay(100);
        }
    }

    public static int Occurrences(string text, string fragment)
    {
        var count = 0;
        for (var i = text.IndexOf(fragment, StringComparison.Ordinal); i >= 0; i = text.IndexOf(fragment, i + fragment.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
