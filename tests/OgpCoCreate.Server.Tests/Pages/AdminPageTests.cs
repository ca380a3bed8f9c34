using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Pages;

[Collection(ServerCollection.Name)]
public sealed class AdminPageTests(ServerFixture server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_admin_registers_an_institution_which_then_appears_on_the_institution_list()
    {
        var id = $"pages-{Guid.NewGuid():N}"[..20];
        var name = $"Institution d'essai {id}";
        await using var session = await PageSession.OpenAsync(server, browser, "admin@ogp.local");
        var page = session.Page;
        await session.GotoAsync("/admin.html?lang=fr");
        await page.WaitForSelectorAsync("#admin-institutions tbody tr");

        await page.ClickAsync("#institution-create-panel summary");
        await page.FillAsync("#institution-create-form [name='id']", id);
        await page.FillAsync("#institution-create-form [name='name.ar']", $"مؤسسة تجريبية {id}");
        await page.FillAsync("#institution-create-form [name='name.fr']", name);
        await page.FillAsync("#institution-create-form [name='name.en']", $"Test institution {id}");
        await page.SelectOptionAsync("#institution-create-form [name='kind']", "Cso");
        await page.FillAsync("#institution-create-form [name='acronym']", "TST");
        await page.ClickAsync("#institution-create");

        await page.WaitForSelectorAsync($"#admin-institutions tr[data-institution-id='{id}']");
        Assert.Contains(name, await page.TextContentAsync("#institution-create-status"));

        await session.GotoAsync("/institutions.html?lang=fr");
        var row = page.Locator($"table#institutions tr[data-institution-id='{id}']");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains(name, await row.TextContentAsync());
        await row.Locator("a").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/institution.html?id=", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("body[data-ready='true']");
        Assert.Contains(name, await page.TextContentAsync("#institution-title"));
        Assert.Equal("InstitutionCreated", await page.Locator("#institution-history li.history-entry").First.GetAttributeAsync("data-event"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_secretariat_manages_the_plan_but_a_participant_is_told_the_page_is_reserved()
    {
        await using (var secretariat = await PageSession.OpenAsync(server, browser, "secretariat@ogp.local"))
        {
            await secretariat.GotoAsync("/admin.html?lang=ar");
            var page = secretariat.Page;
            Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
            Assert.True(await page.IsVisibleAsync("#manage-panel"));
            Assert.True(await page.IsHiddenAsync("#admin-panel"));
            Assert.True(await page.IsVisibleAsync("#nav-admin"));
            Assert.True(await page.Locator("#admin-institutions tbody tr").CountAsync() >= 1);
            Assert.True(await page.Locator("#forum-form .repeater-item").CountAsync() >= 2);
            Assert.True(await page.Locator("#plan-definition-form [name='axes[0].id']").CountAsync() == 1);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("admin-ar"), FullPage = true });
            Assert.Empty(secretariat.Errors);
        }

        await using var participant = await PageSession.OpenAsync(server, browser, "participant@ogp.local");
        await participant.GotoAsync("/admin.html?lang=fr");
        Assert.True(await participant.Page.IsVisibleAsync("#admin-denied"));
        Assert.True(await participant.Page.IsHiddenAsync("#manage-panel"));
        Assert.True(await participant.Page.IsHiddenAsync("#nav-admin"));
        Assert.Empty(participant.Errors);
    }
}
