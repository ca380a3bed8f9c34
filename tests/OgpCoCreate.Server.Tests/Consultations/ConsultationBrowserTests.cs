using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;
using static OgpCoCreate.Server.Tests.Consultations.ConsultationClients;

namespace OgpCoCreate.Server.Tests.Consultations;

/// <summary>The consultation pages in the real browser (Debian's Chromium): commenting on a passage live, and no script ever running.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConsultationBrowserTests(ServerFixture server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Waits on the server (a post, a live event) get more than Playwright's 5 s: CI machines may be loaded.</summary>
    private const float Slow = 20_000;

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> SignedInPage(string email, string password, string lang = "fr")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Server.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync($"/signin.html?lang={lang}");
        await page.FillAsync("#signin-email", email);
        await page.FillAsync("#signin-password", password);
        await page.ClickAsync("#signin-submit");
        await page.WaitForURLAsync(url => !url.Contains("signin", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("body[data-ready='true']");
        return (context, page, errors);
    }

    [Fact]
    public async Task One_person_comments_on_a_selected_passage_and_another_sees_it_anchored_live()
    {
        // Both work on commitment 5 (Access to Information Authority), consulted on in the demo round.
        var (_, commenterEmail, commenterName) = await NewParticipant(server, "Nour Commentatrice");
        var (viewerContext, viewer, viewerErrors) = await SignedInPage("msf.cso@ogp.local", ServerProcess.DemoPassword, "ar");
        await viewer.GotoAsync("/commitment.html?id=tn-nap5-05&lang=ar");
        await viewer.WaitForSelectorAsync("#consultation-comments[data-ready='true']");
        await viewer.WaitForSelectorAsync("#consultation-comments .consult-live[data-live='live']");

        var (commenterContext, commenter, commenterErrors) = await SignedInPage(commenterEmail, ParticipantPassword);
        await commenter.GotoAsync("/commitment.html?id=tn-nap5-05&lang=fr");
        await commenter.WaitForSelectorAsync("#consultation-comments[data-ready='true']");
        var text = commenter.Locator(".consult-text[data-document-id='tn-nap5-05/problem']");
        await text.WaitForAsync();

        // Select a passage of the live text as a person would with the mouse (a DOM selection over the text).
        var quote = await commenter.EvaluateAsync<string>(@"() => {
            const element = document.querySelector("".consult-text[data-document-id='tn-nap5-05/problem']"");
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            let node = walker.nextNode();
            while (node && node.data.trim().length < 60) node = walker.nextNode();
            const start = node.data.search(/\S/) + 5;
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + 40);
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            return range.toString();
        }");
        var button = commenter.Locator("#consult-comment-selection");
        await Assertions.Expect(button).ToBeEnabledAsync(new() { Timeout = Slow });
        await button.ClickAsync();
        await Assertions.Expect(commenter.Locator("#consult-selected-quote")).ToHaveTextAsync(quote, new() { Timeout = Slow });
        const string body = "Précisez le délai de réponse aux demandes d'accès.";
        await commenter.FillAsync(".consult-comment-form textarea", body);
        await commenter.ClickAsync(".consult-comment-form button[type='submit']");

        // The commenter sees it at once; the other person receives it live, anchored on the same passage.
        await Assertions.Expect(commenter.Locator("#consult-comments-list .consult-contribution", new() { HasText = body })).ToBeVisibleAsync(new() { Timeout = Slow });
        var arrived = viewer.Locator("#consult-comments-list .consult-contribution", new() { HasText = body });
        await Assertions.Expect(arrived).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(arrived.Locator(".consult-quote")).ToHaveTextAsync(quote, new() { Timeout = Slow });
        await Assertions.Expect(arrived.Locator(".consult-author")).ToHaveTextAsync(commenterName, new() { Timeout = Slow });
        await Assertions.Expect(arrived.Locator(".consult-anchor[data-anchor-state='Intact']")).ToBeVisibleAsync(new() { Timeout = Slow });
        var id = await arrived.GetAttributeAsync("data-contribution-id");
        var mark = viewer.Locator($".consult-text[data-document-id='tn-nap5-05/problem'] mark.consult-mark[data-comments~='{id}']");
        await Assertions.Expect(mark).ToHaveTextAsync(quote, new() { Timeout = Slow });
        Assert.Equal("rtl", await viewer.GetAttributeAsync("html", "dir"));
        await mark.ScrollIntoViewIfNeededAsync();
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("consultation-comment-live-ar"), FullPage = true });
        await viewer.Locator("#consultation-comments").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.ScreenshotPath("consultation-comment-live-ar-section") });
        await commenter.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("consultation-comment-fr"), FullPage = true });

        // The passage then follows an edit made before it: the highlight stays on the same words.
        var token = await server.TokenFor("focal.inai@ogp.local");
        await using (var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Server.BaseAddress, "hubs/cocreate"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build())
        {
            await hub.StartAsync();
            var opened = await hub.InvokeAsync<System.Text.Json.JsonElement>("OpenDocument", "tn-nap5-05/problem");
            using var op = System.Text.Json.JsonDocument.Parse("[\"Note : \"]");
            await hub.InvokeAsync<System.Text.Json.JsonElement>("SubmitOp", "tn-nap5-05/problem", opened.GetProperty("version").GetInt64(), op.RootElement, $"consult-test-{Guid.NewGuid():N}", 1L);
        }
        await Assertions.Expect(viewer.Locator(".consult-text[data-document-id='tn-nap5-05/problem']")).ToContainTextAsync("Note : ", new() { Timeout = Slow });
        await Assertions.Expect(mark).ToHaveTextAsync(quote, new() { Timeout = Slow });

        Assert.Empty(viewerErrors);
        Assert.Empty(commenterErrors);
        await viewerContext.CloseAsync();
        await commenterContext.CloseAsync();
    }

    [Fact]
    public async Task Script_posted_by_a_participant_never_runs_in_another_persons_browser()
    {
        const string attack = "<img src=x onerror=\"window.__xss=1\"> <script>window.__xss=1</script> [lien](javascript:window.__xss=1)";
        var (_, attackerEmail, _) = await NewParticipant(server, "<img src=x onerror=\"window.__xss=1\">");
        using var secretariat = await server.SignedInAs("secretariat@ogp.local");
        var roundId = await OpenRound(secretariat, "Ideas");

        // The other person has the round open before the contribution arrives (live path), then reloads (page path).
        var (viewerContext, viewer, viewerErrors) = await SignedInPage("msf.gov@ogp.local", ServerProcess.DemoPassword);
        await viewer.GotoAsync($"/round.html?id={roundId}");
        await viewer.WaitForSelectorAsync("body[data-ready='true']");
        await viewer.WaitForSelectorAsync(".consult-live[data-live='live']");

        var (attackerContext, attacker, _) = await SignedInPage(attackerEmail, ParticipantPassword);
        await attacker.GotoAsync($"/round.html?id={roundId}");
        await attacker.WaitForSelectorAsync("#contribution-form");
        await attacker.FillAsync("#contribution-title", "<script>window.__xss=1</script>");
        await attacker.FillAsync("#contribution-body", attack);
        await attacker.ClickAsync("#contribution-submit");
        await Assertions.Expect(attacker.Locator("#contribution-status")).Not.ToBeEmptyAsync(new() { Timeout = Slow });

        var live = viewer.Locator(".consult-contribution[data-kind='Idea']");
        await Assertions.Expect(live).ToHaveCountAsync(1, new() { Timeout = Slow });
        await Assertions.Expect(live.Locator(".consult-title")).ToHaveTextAsync("<script>window.__xss=1</script>", new() { Timeout = Slow });
        await Assertions.Expect(live.Locator(".consult-body")).ToContainTextAsync("<script>window.__xss=1</script>", new() { Timeout = Slow });
        await Assertions.Expect(live.Locator(".consult-author")).ToHaveTextAsync("<img src=x onerror=\"window.__xss=1\">", new() { Timeout = Slow });
        Assert.Equal(0, await live.Locator("img, script, [onerror]").CountAsync());
        await viewer.WaitForTimeoutAsync(300);
        Assert.True(await viewer.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));

        await viewer.ReloadAsync();
        await viewer.WaitForSelectorAsync("body[data-ready='true']");
        await Assertions.Expect(viewer.Locator(".consult-contribution[data-kind='Idea'] .consult-body")).ToContainTextAsync("onerror", new() { Timeout = Slow });
        // The link typed with a javascript: address is left without any address.
        var link = viewer.Locator(".consult-contribution[data-kind='Idea'] .consult-body a", new() { HasText = "lien" });
        Assert.Null(await link.GetAttributeAsync("href"));
        await link.ClickAsync();
        await viewer.WaitForTimeoutAsync(300);
        Assert.True(await viewer.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));
        Assert.True(await attacker.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));

        // The report page shows the same content inertly too.
        await viewer.GotoAsync($"/responses.html?round={roundId}");
        await viewer.WaitForSelectorAsync("body[data-ready='true']");
        await Assertions.Expect(viewer.Locator("#report-contributions .consult-contribution")).ToHaveCountAsync(1, new() { Timeout = Slow });
        Assert.True(await viewer.EvaluateAsync<bool>("() => typeof window.__xss === 'undefined'"));
        await viewer.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("consultation-xss-inert"), FullPage = true });
        Assert.Empty(viewerErrors);
        await viewerContext.CloseAsync();
        await attackerContext.CloseAsync();
    }

    [Fact]
    public async Task A_reader_supports_replies_to_and_reports_contributions_on_the_round_page_and_beside_the_texts()
    {
        using var secretariatApi = await server.SignedInAs("secretariat@ogp.local");
        var ideasRound = await OpenRound(secretariatApi, "Ideas");
        var (author, _, _) = await NewParticipant(server, "Amel Autrice");
        string ideaId, commentId;
        using (author)
        {
            ideaId = (await (await author.PostAsJsonAsync($"api/rounds/{ideasRound}/contributions",
                new { kind = "Idea", title = "Registre des lobbies", body = "Un registre public des représentants d'intérêts.", axisId = "axis-1" })).Json()).GetProperty("id").GetString()!;
            // A comment on commitment 5's text, in the demo round that consults on it.
            var anchor = await AnchorOn(author, "tn-nap5-05", "problem", startAt: 10, length: 25);
            commentId = (await (await author.PostAsJsonAsync("api/rounds/tn-nap5-r1/contributions",
                new { kind = "Comment", anchor, body = "Préciser le délai de réponse." })).Json()).GetProperty("id").GetString()!;
        }
        var (readerApi, readerEmail, _) = await NewParticipant(server, "Lina Lectrice");
        readerApi.Dispose();
        var (context, page, errors) = await SignedInPage(readerEmail, ParticipantPassword);

        // The round page.
        await page.GotoAsync($"/round.html?id={ideasRound}&lang=fr");
        await page.WaitForSelectorAsync("body[data-ready='true']");
        var idea = page.Locator($"#contribution-{ideaId}");
        await idea.Locator(":scope > .consult-actions .consult-support").ClickAsync();
        await Assertions.Expect(idea.Locator(":scope > .consult-actions .consult-support")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Slow });
        await Assertions.Expect(idea.Locator(":scope > .consult-actions .consult-support-count")).ToHaveTextAsync("1", new() { Timeout = Slow });

        await idea.Locator(":scope > .consult-actions .consult-reply-button").ClickAsync();
        await idea.Locator(":scope > .consult-reply-form textarea").FillAsync("Avec les rendez-vous des ministres.");
        await idea.Locator(":scope > .consult-reply-form button[type='submit']").ClickAsync();
        await Assertions.Expect(idea.Locator(".consult-replies .consult-contribution.kind-reply")).ToContainTextAsync("Avec les rendez-vous des ministres.", new() { Timeout = Slow });
        Assert.Equal(0, await idea.Locator(":scope > .consult-reply-form").CountAsync());

        await idea.Locator(":scope > .consult-actions .consult-report-button").ClickAsync();
        // A second click closes the form; a third opens it again.
        await idea.Locator(":scope > .consult-actions .consult-report-button").ClickAsync();
        Assert.Equal(0, await idea.Locator(":scope > .consult-report-form").CountAsync());
        await idea.Locator(":scope > .consult-actions .consult-report-button").ClickAsync();
        await idea.Locator(":scope > .consult-report-form input").FillAsync("Hors sujet ?");
        await idea.Locator(":scope > .consult-report-form button[type='submit']").ClickAsync();
        await Assertions.Expect(idea.Locator(":scope > .consult-report-form .form-status")).Not.ToBeEmptyAsync(new() { Timeout = Slow });

        // The same actions beside the commitment's texts.
        await page.GotoAsync("/commitment.html?id=tn-nap5-05&lang=fr");
        await page.WaitForSelectorAsync("#consultation-comments[data-ready='true']");
        var comment = page.Locator($"#consultation-comments #contribution-{commentId}");
        await comment.Locator(":scope > .consult-actions .consult-support").ClickAsync();
        await Assertions.Expect(comment.Locator(":scope > .consult-actions .consult-support")).ToHaveAttributeAsync("aria-pressed", "true", new() { Timeout = Slow });
        await comment.Locator(":scope > .consult-actions .consult-reply-button").ClickAsync();
        await comment.Locator(":scope > .consult-reply-form textarea").FillAsync("D'accord : trente jours au plus.");
        await comment.Locator(":scope > .consult-reply-form button[type='submit']").ClickAsync();
        await Assertions.Expect(comment.Locator(".consult-replies .consult-contribution.kind-reply")).ToContainTextAsync("trente jours", new() { Timeout = Slow });

        // What the page showed is what the server stored.
        using var anonymous = server.Anonymous();
        var ideas = (await (await anonymous.GetAsync($"api/rounds/{ideasRound}")).Json()).GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(1, ideas.Single(c => c.GetProperty("id").GetString() == ideaId).GetProperty("supports").GetInt32());
        Assert.Contains(ideas, c => c.GetProperty("kind").GetString() == "Reply" && c.GetProperty("parentId").GetString() == ideaId);
        var demo = (await (await anonymous.GetAsync("api/rounds/tn-nap5-r1")).Json()).GetProperty("contributions").EnumerateArray().ToList();
        Assert.Equal(1, demo.Single(c => c.GetProperty("id").GetString() == commentId).GetProperty("supports").GetInt32());
        Assert.Contains(demo, c => c.GetProperty("kind").GetString() == "Reply" && c.GetProperty("parentId").GetString() == commentId);
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_secretariat_answers_in_the_workspace_and_the_public_report_shows_the_response()
    {
        using var secretariatApi = await server.SignedInAs("secretariat@ogp.local");
        var roundId = await OpenRound(secretariatApi, "Ideas");
        var (author, _, _) = await NewParticipant(server);
        using (author)
        {
            await (await author.PostAsJsonAsync($"api/rounds/{roundId}/contributions", new { kind = "Idea", title = "Budget citoyen", body = "Un budget citoyen chaque année.", axisId = "axis-1" })).Json();
        }
        var (context, page, errors) = await SignedInPage("secretariat@ogp.local", ServerProcess.DemoPassword, "en");
        await page.GotoAsync($"/responses.html?round={roundId}&lang=en");
        await page.WaitForSelectorAsync("#workspace-card:not([hidden])");
        var form = page.Locator(".consult-draft-form").First;
        await form.Locator("select[name='status']").SelectOptionAsync("Accepted");
        await form.Locator("button[type='submit']").ClickAsync();
        await Assertions.Expect(form.Locator(".form-status")).ToContainTextAsync("justification", new() { IgnoreCase = true });
        await page.Locator(".consult-draft-form textarea[name='justification']").First.FillAsync("It becomes milestone 4 of commitment 1.");
        await page.Locator(".consult-draft-form button[type='submit']").First.ClickAsync();
        await Assertions.Expect(page.Locator("#publish-responses")).ToBeEnabledAsync(new() { Timeout = Slow });
        await page.ClickAsync("#publish-responses");
        await Assertions.Expect(page.Locator("#publish-status")).Not.ToBeEmptyAsync(new() { Timeout = Slow });
        await Assertions.Expect(page.Locator("#counts-status tr[data-key='Accepted'] td")).ToHaveTextAsync("1", new() { Timeout = Slow });

        var anonymous = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Server.BaseAddress.ToString() });
        var reader = await anonymous.NewPageAsync();
        await reader.GotoAsync($"/responses.html?round={roundId}&lang=fr");
        await reader.WaitForSelectorAsync("body[data-ready='true']");
        var published = reader.Locator("#report-contributions .consult-response");
        await Assertions.Expect(published).ToContainTextAsync("It becomes milestone 4 of commitment 1.", new() { Timeout = Slow });
        await Assertions.Expect(published.Locator("[data-response-status='Accepted']")).ToBeVisibleAsync(new() { Timeout = Slow });
        Assert.True(await reader.Locator("#workspace-card").IsHiddenAsync());
        await reader.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("consultation-report-fr"), FullPage = true });
        Assert.Empty(errors);
        await anonymous.CloseAsync();
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_consultation_pages_render_in_the_three_languages_for_the_secretariat_and_moderators()
    {
        using var api = await server.SignedInAs("secretariat@ogp.local");
        var roundId = await OpenRound(api, "Ideas");
        var (p, _, _) = await NewParticipant(server, "Sami");
        using (p)
        {
            var idea = await (await p.PostAsJsonAsync($"api/rounds/{roundId}/contributions", new { kind = "Idea", title = "Données ouvertes", body = "Publier les **marchés publics**.", axisId = "axis-1" })).Json();
            await (await p.PostAsJsonAsync($"api/rounds/{roundId}/contributions/{idea.GetProperty("id").GetString()}/report", new { reason = "Test du signalement" })).Json();
        }
        var (context, page, errors) = await SignedInPage("secretariat@ogp.local", ServerProcess.DemoPassword, "ar");
        foreach (var (lang, dir) in new[] { ("ar", "rtl"), ("fr", "ltr"), ("en", "ltr") })
        {
            await page.GotoAsync($"/rounds.html?lang={lang}");
            await page.WaitForSelectorAsync("body[data-ready='true']");
            Assert.Equal(dir, await page.GetAttributeAsync("html", "dir"));
            await Assertions.Expect(page.Locator($"#rounds tr[data-round-id='{roundId}']")).ToBeVisibleAsync(new() { Timeout = Slow });
            await Assertions.Expect(page.Locator("#round-create-form")).ToBeVisibleAsync(new() { Timeout = Slow });

            await page.GotoAsync($"/round.html?id={roundId}&lang={lang}");
            await page.WaitForSelectorAsync("body[data-ready='true']");
            await Assertions.Expect(page.Locator("#round-close")).ToBeVisibleAsync(new() { Timeout = Slow });
            await Assertions.Expect(page.Locator("#link-moderation")).ToBeVisibleAsync(new() { Timeout = Slow });
            await Assertions.Expect(page.Locator(".consult-contribution .consult-body strong")).ToHaveTextAsync("marchés publics", new() { Timeout = Slow });

            await page.GotoAsync($"/moderation.html?round={roundId}&lang={lang}");
            await page.WaitForSelectorAsync("body[data-ready='true']");
            await Assertions.Expect(page.Locator("#moderation-queue .consult-reports")).ToContainTextAsync("Test du signalement", new() { Timeout = Slow });
            if (lang == "ar")
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("consultation-moderation-ar"), FullPage = true });
            }
        }
        await page.GotoAsync($"/round.html?id={roundId}&lang=ar");
        await page.WaitForSelectorAsync("body[data-ready='true']");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("consultation-round-ar"), FullPage = true });

        Assert.Empty(errors);
        await context.CloseAsync();

        // A participant is told the moderation queue is not for them (the API answers 403).
        var (_, participantEmail, _) = await NewParticipant(server);
        var (participantContext, participantPage, _) = await SignedInPage(participantEmail, ParticipantPassword, "fr");
        await participantPage.GotoAsync($"/moderation.html?round={roundId}");
        await participantPage.WaitForSelectorAsync("body[data-ready='true']");
        await Assertions.Expect(participantPage.Locator("#page-error")).ToBeVisibleAsync(new() { Timeout = Slow });
        Assert.Equal(0, await participantPage.Locator(".consult-hide").CountAsync());
        await participantContext.CloseAsync();
    }
}
