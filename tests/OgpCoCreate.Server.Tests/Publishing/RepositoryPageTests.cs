using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;
using OgpCoCreate.Server.Tests.Pages;

namespace OgpCoCreate.Server.Tests.Publishing;

/// <summary>The public repository and the print view in a real browser, anonymous, in Arabic (right to left), French and English.</summary>
[Collection(PublishingCollection.Name)]
public sealed class RepositoryPageTests(PublishingFixture fixture, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_anonymous_visitor_reads_the_plan_s_repository_in_arabic_with_dates_downloads_commitments_rounds_and_approvals()
    {
        await using var session = await PageSession.OpenAsync(fixture.Server, browser);
        var page = session.Page;
        await session.GotoAsync("/repository.html?plan=tn-nap5&lang=ar");

        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("rtl", await page.EvaluateAsync<string>("getComputedStyle(document.body).direction"));
        Assert.Matches("[\u0600-\u06FF]", await page.TextContentAsync("#repo-title") ?? "");
        Assert.Equal("page", await page.GetAttributeAsync("#nav-repository", "aria-current"));
        Assert.False(await page.IsHiddenAsync("#plan-view"));
        Assert.False(string.IsNullOrWhiteSpace(await page.GetAttributeAsync("#repo-last-updated time", "datetime")));
        Assert.EndsWith("/repository.html?plan=tn-nap5", await page.TextContentAsync("#repo-permalink"));

        // Downloads: the action plan in three languages, the print view, the open data and the API.
        Assert.Equal(7, await page.Locator("#download-list li").CountAsync());
        Assert.Equal("/api/public/plans/tn-nap5/action-plan.docx?lang=ar", await page.GetAttributeAsync("#download-docx-ar", "href"));
        Assert.Equal("/api/open-data/tn-nap5/open-data.zip", await page.GetAttributeAsync("#download-zip", "href"));

        Assert.True(await page.Locator("#repo-timeline li[data-phase-id]").CountAsync() >= 4);
        Assert.True(await page.Locator("#repo-forum li[data-side]").CountAsync() >= 2);

        // Every commitment with its approved version and its last update; a permanent link to its record.
        var rows = page.Locator("#repo-commitments tbody tr[data-commitment-id]");
        Assert.Equal(15, await rows.CountAsync());
        var approved = page.Locator($"#repo-commitments tr[data-commitment-id='{fixture.Scenario.ApprovedCommitment}']");
        Assert.Equal("true", await approved.Locator("[data-approved]").GetAttributeAsync("data-approved"));
        Assert.Equal("/repository.html?commitment=tn-nap5-06", await approved.Locator("a").First.GetAttributeAsync("href"));
        Assert.Equal(15, await page.Locator("#repo-commitments tbody time.updated").CountAsync());

        Assert.True(await page.Locator("#repo-rounds tbody tr[data-round-id]").CountAsync() >= 2);
        Assert.Equal($"/round.html?id={fixture.Scenario.RoundId}", await page.Locator($"#repo-rounds tr[data-round-id='{fixture.Scenario.RoundId}'] a").GetAttributeAsync("href"));
        Assert.True(await page.Locator("#repo-decisions tbody tr[data-event='ApprovalGiven']").CountAsync() >= 5);
        Assert.Equal(1, await page.Locator("#repo-decisions tbody tr[data-event='ChangesRequested']").CountAsync());
        Assert.Contains("history.html?plan=tn-nap5", await page.GetAttributeAsync("#repo-history-link", "href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("repository-ar"), FullPage = true });

        await page.ClickAsync("#lang-en");
        await page.WaitForFunctionAsync("document.documentElement.dir === 'ltr' && document.body.dataset.ready === 'true'");
        Assert.Contains("Public repository", await page.TextContentAsync("#repo-eyebrow"));
        Assert.Contains("Fifth National Action Plan", await page.TextContentAsync("#repo-title"));
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_commitment_s_record_shows_its_current_and_approved_texts_its_signatures_and_its_consultation()
    {
        await using var session = await PageSession.OpenAsync(fixture.Server, browser);
        var page = session.Page;
        await session.GotoAsync("/repository.html?commitment=tn-nap5-06&lang=fr");

        Assert.False(await page.IsHiddenAsync("#commitment-view"));
        Assert.Contains("Engagement 6", await page.TextContentAsync("#repo-eyebrow"));
        Assert.Equal(6, await page.Locator("#c-texts article[data-field]").CountAsync());
        Assert.Equal(6, await page.Locator("#c-texts section[data-version='approved']").CountAsync());
        Assert.Contains("signé par", await page.TextContentAsync("#c-approved-summary"));
        Assert.Equal(4, await page.Locator("#c-slots tbody tr[data-state='Approved']").CountAsync());
        Assert.True(await page.Locator("#c-decisions li[data-event='ApprovalCompleted']").CountAsync() == 1);
        Assert.Contains(fixture.Scenario.ApprovalComment.Split('\n')[0], await page.TextContentAsync("#c-decisions"));
        Assert.True(await page.Locator("#c-milestones tbody tr[data-milestone-id]").CountAsync() >= 1);
        Assert.Equal("/commitment.html?id=tn-nap5-06", await page.GetAttributeAsync("#repo-commitment-page", "href"));
        Assert.Equal("/history.html?commitment=tn-nap5-06", await page.GetAttributeAsync("#repo-commitment-history", "href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("repository-commitment-fr"), FullPage = true });

        // Commitment 1: its contributions, with the published response; the hidden one as a placeholder.
        await session.GotoAsync("/repository.html?commitment=tn-nap5-01&lang=ar");
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal(0, await page.Locator("#c-texts section[data-version='approved']").CountAsync());
        var visible = page.Locator($"li.contribution[data-contribution-id='{fixture.Scenario.VisibleContributionId}']");
        Assert.Contains("par région", await visible.Locator(".body").TextContentAsync());
        Assert.Equal("Accepted", await visible.Locator(".response").GetAttributeAsync("data-status"));
        Assert.Contains("dès 2025", await visible.Locator(".response").TextContentAsync());
        var hidden = page.Locator($"li.contribution[data-contribution-id='{fixture.Scenario.HiddenContributionId}']");
        Assert.Equal(0, await hidden.Locator(".body").CountAsync());
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_print_view_shows_the_same_document_as_the_docx_right_to_left_in_arabic()
    {
        await using var session = await PageSession.OpenAsync(fixture.Server, browser);
        var page = session.Page;
        await session.GotoAsync("/print.html?plan=tn-nap5&lang=ar");

        Assert.Equal("rtl", await page.GetAttributeAsync("#document", "dir"));
        Assert.Equal("ar", await page.GetAttributeAsync("#document", "lang"));
        var htmlHeadings = await page.Locator("#document h2, #document h3").AllTextContentsAsync();

        using var anonymous = fixture.Server.Anonymous();
        using var docx = WordprocessingDocument.Open(new MemoryStream(await anonymous.Bytes("api/public/plans/tn-nap5/action-plan.docx?lang=ar")), false);
        var body = docx.MainDocumentPart!.Document.Body!;
        var docxHeadings = ActionPlanDocxTests.Headings(body, "Heading1").Concat(ActionPlanDocxTests.Headings(body, "Heading2")).ToHashSet();
        Assert.Equal(ActionPlanDocxTests.Headings(body, "Heading1").Concat(ActionPlanDocxTests.Headings(body, "Heading2")).Count(), await page.Locator("#document h2, #document h3").CountAsync());
        Assert.All(htmlHeadings, h => Assert.Contains(h, docxHeadings));
        Assert.Equal(15, await page.Locator("#document table.doc-fields").CountAsync());
        Assert.Equal(15, await page.Locator("#document h3[id^='c-']").CountAsync());
        Assert.Equal("/api/public/plans/tn-nap5/action-plan.docx?lang=ar", await page.GetAttributeAsync("#print-docx", "href"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("print-ar"), FullPage = false });

        // The print medium hides the site's frame and the toolbar.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await page.IsHiddenAsync(".print-toolbar"));
        Assert.True(await page.IsHiddenAsync("#site-header"));
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // Another language: the document is fetched again in it.
        await page.ClickAsync("#lang-fr");
        await page.WaitForFunctionAsync("document.body.dataset.ready === 'true' && document.getElementById('document').lang === 'fr'");
        Assert.Equal("ltr", await page.GetAttributeAsync("#document", "dir"));
        Assert.Equal("1. Introduction", await page.Locator("#document h2").First.TextContentAsync());
        Assert.Empty(session.Errors);
    }
}
