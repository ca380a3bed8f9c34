using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Drafting;

/// <summary>
/// The live editor of the commitment page in Debian's headless Chromium against the real server: people
/// typing at once (Arabic, emoji), remote carets, undo, read-only readers, the Markdown preview, and a
/// dropped connection with an op in flight.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class LiveEditingBrowserTests(ServerFixture server, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    // Commitment 5 is led by the Access to Information Authority and supported by the E-Government Unit.
    private const string Commitment = "tn-nap5-05";
    private static readonly TimeSpan ConvergeTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Two_people_type_at_once_in_the_same_text_and_both_end_with_the_servers_text()
    {
        const string field = "description";
        // The E-Government focal point (a supporting institution) in French, the secretariat in Arabic.
        var focal = await LiveTextsPage.SignedInAsync(browser.Browser, server, "focal.egov@ogp.local", "fr");
        var secretariat = await LiveTextsPage.SignedInAsync(browser.Browser, server, "secretariat@ogp.local", "ar");
        await Task.WhenAll(focal.OpenAsync(Commitment, "fr"), secretariat.OpenAsync(Commitment, "ar"));
        await Task.WhenAll(focal.WaitEditableAsync(field), secretariat.WaitEditableAsync(field));
        var initial = (await ServerText.GetAsync(server, Commitment, field)).Text;
        Assert.Equal(initial, await focal.ValueAsync(field));
        Assert.Equal(initial, await secretariat.ValueAsync(field));
        Assert.Equal("rtl", await secretariat.Page.GetAttributeAsync("html", "dir"));
        Assert.Equal("auto", await focal.Page.GetAttributeAsync(LiveTextsPage.Input(field), "dir"));

        // Round 1: at the two ends of the text, at the same time.
        const string atStart = "النفاذ إلى المعلومة 📜 ";
        const string atEnd = " Open data for all 🚀✅";
        await focal.PlaceCaretAsync(field, 0);
        await secretariat.PlaceCaretAsync(field, -1);
        await Task.WhenAll(
            focal.Page.Keyboard.TypeAsync(atStart, new KeyboardTypeOptions { Delay = 30 }),
            secretariat.Page.Keyboard.TypeAsync(atEnd, new KeyboardTypeOptions { Delay = 25 }));
        var afterRound1 = await ServerText.WaitConvergedAsync(server, Commitment, field, ConvergeTimeout, focal, secretariat);
        Assert.StartsWith(atStart, afterRound1, StringComparison.Ordinal);
        Assert.EndsWith(atEnd, afterRound1, StringComparison.Ordinal);
        Assert.Contains(initial, afterRound1, StringComparison.Ordinal);

        // Round 2: both at the very same position (just after the first fragment), with deletions too.
        // Each one's caret follows their own typing, whatever the other inserts next to it.
        var boundary = afterRound1.IndexOf(atStart, StringComparison.Ordinal) + atStart.Length; // UTF-16, as the textarea counts
        await focal.PlaceCaretAsync(field, boundary);
        await secretariat.PlaceCaretAsync(field, boundary);
        const string focalMiddle = "«Tunisie 🇹🇳 ouverte» ";
        const string secretariatMiddle = "[شفافية ✍️]";
        await Task.WhenAll(
            focal.Page.Keyboard.TypeAsync(focalMiddle, new KeyboardTypeOptions { Delay = 20 }),
            TypeThenErase(secretariat.Page, secretariatMiddle + "xyz", 3));
        var afterRound2 = await ServerText.WaitConvergedAsync(server, Commitment, field, ConvergeTimeout, focal, secretariat);
        Assert.Contains(focalMiddle, afterRound2, StringComparison.Ordinal);
        Assert.Contains(secretariatMiddle, afterRound2, StringComparison.Ordinal);
        Assert.DoesNotContain(secretariatMiddle + "x", afterRound2, StringComparison.Ordinal);
        Assert.StartsWith(atStart, afterRound2, StringComparison.Ordinal);
        Assert.EndsWith(atEnd, afterRound2, StringComparison.Ordinal);
        Assert.Contains(initial, afterRound2, StringComparison.Ordinal);

        // Round 3: undo takes back only one's own typing, even with someone else typing meanwhile.
        await secretariat.PlaceCaretAsync(field, -1);
        var keep = " [يبقى]";
        var undone = " [à annuler]";
        await focal.PlaceCaretAsync(field, 0);
        await Task.WhenAll(
            focal.Page.Keyboard.TypeAsync(undone, new KeyboardTypeOptions { Delay = 20 }),
            secretariat.Page.Keyboard.TypeAsync(keep, new KeyboardTypeOptions { Delay = 20 }));
        await focal.Page.Keyboard.PressAsync("Control+z");
        var final = await ServerText.WaitConvergedAsync(server, Commitment, field, ConvergeTimeout, focal, secretariat);
        Assert.DoesNotContain("[à annuler]", final, StringComparison.Ordinal);
        Assert.EndsWith(atEnd + keep, final, StringComparison.Ordinal);
        foreach (var fragment in new[] { atStart, atEnd, focalMiddle, secretariatMiddle, keep, initial })
        {
            Assert.Equal(1, ServerText.Occurrences(final, fragment));
        }

        // Each sees the other in the text: in the presence list and as a named caret over the textarea.
        await focal.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)} .lt-presence li:has-text('Secrétariat PGO')");
        await focal.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)} .rc-caret[data-user-name^='Secrétariat PGO'] > .rc-flag");
        await secretariat.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)} .rc-caret[data-user-name='Focal point — E-Government Unit'] > .rc-flag");
        Assert.Equal("connected", await focal.Page.GetAttributeAsync("#live-texts-connection", "data-state"));

        // A selection is shown over the same characters on the other side (after emoji: code points ≠ UTF-16 units).
        await secretariat.Page.EvaluateAsync(@"([selector, word]) => {
            const input = document.querySelector(selector);
            input.focus();
            const at = input.value.indexOf(word);
            input.setSelectionRange(at, at + word.length);
        }", new object[] { LiveTextsPage.Input(field), "Open data" });
        await focal.Page.WaitForFunctionAsync(@"selector => [...document.querySelectorAll(selector + ' .rc-selection')].map(s => s.textContent).join('') === 'Open data'", LiveTextsPage.Field(field));

        await focal.ShowAsync(field);
        await secretariat.ShowAsync(field);
        await focal.ScreenshotAsync("drafting-two-users");
        await secretariat.ScreenshotAsync("drafting-two-users-ar");

        Assert.Empty(focal.Errors);
        Assert.Empty(secretariat.Errors);
        Assert.Empty(focal.DraftingComplaints);
        Assert.Empty(secretariat.DraftingComplaints);
        await focal.Context.CloseAsync();
        await secretariat.Context.CloseAsync();
    }

    [Fact]
    public async Task A_participant_and_an_anonymous_visitor_see_the_texts_read_only()
    {
        const string field = "problem";
        var onServer = await ServerText.GetAsync(server, Commitment, field);

        var participant = await LiveTextsPage.SignedInAsync(browser.Browser, server, "participant@ogp.local", "ar");
        await participant.OpenAsync(Commitment, "ar");
        await participant.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)}[data-sync='synced']");
        Assert.Equal("read", await participant.Page.GetAttributeAsync("#live-texts", "data-mode"));
        Assert.Equal("false", await participant.Page.GetAttributeAsync(LiveTextsPage.Field(field), "data-editable"));
        Assert.NotNull(await participant.Page.GetAttributeAsync(LiveTextsPage.Input(field), "readonly"));
        Assert.Equal(onServer.Text, await participant.ValueAsync(field));
        // Typing does nothing, and nothing is sent.
        await participant.PlaceCaretAsync(field, 0);
        await participant.Page.Keyboard.TypeAsync("ممنوع");
        Assert.DoesNotContain("ممنوع", await participant.ValueAsync(field), StringComparison.Ordinal);
        Assert.DoesNotContain("ممنوع", (await ServerText.GetAsync(server, Commitment, field)).Text, StringComparison.Ordinal);
        // The label is the field's name in Arabic.
        Assert.Matches("[\u0600-\u06FF]", await participant.Page.TextContentAsync($"#live-{field}-label") ?? "");
        await participant.ShowAsync(field);
        await participant.ScreenshotAsync("drafting-participant-read-only-ar");
        // Switching the page to French relabels the texts in place, the text itself untouched.
        await participant.Page.ClickAsync("#lang-fr");
        await Assertions.Expect(participant.Page.Locator($"#live-{field}-label")).ToHaveTextAsync("Problème traité");
        await Assertions.Expect(participant.Page.Locator("#live-texts-heading")).ToHaveTextAsync("Textes co-rédigés");
        Assert.Equal(onServer.Text, await participant.ValueAsync(field));
        Assert.Empty(participant.Errors);

        var anonymous = await LiveTextsPage.NewAsync(browser.Browser, server);
        await anonymous.OpenAsync(Commitment, "en");
        await anonymous.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)}[data-sync='static']");
        Assert.Equal("anonymous", await anonymous.Page.GetAttributeAsync("#live-texts", "data-mode"));
        Assert.NotNull(await anonymous.Page.GetAttributeAsync(LiveTextsPage.Input(field), "readonly"));
        Assert.Equal((await ServerText.GetAsync(server, Commitment, field)).Text, await anonymous.ValueAsync(field));
        Assert.True(await anonymous.Page.IsVisibleAsync("#live-texts-signin"));
        Assert.False(await anonymous.Page.IsVisibleAsync("#live-texts-connection"));
        Assert.Empty(anonymous.Errors);

        await participant.Context.CloseAsync();
        await anonymous.Context.CloseAsync();
    }

    [Fact]
    public async Task The_markdown_preview_renders_formatting_and_never_markup_or_script_links()
    {
        const string commitment = "tn-nap5-09";
        const string field = "ogpRelevance";
        var page = await LiveTextsPage.SignedInAsync(browser.Browser, server, "msf.cso@ogp.local", "fr");
        await page.OpenAsync(commitment, "fr");
        await page.WaitEditableAsync(field);
        await page.PlaceCaretAsync(field, -1);
        await page.Page.Keyboard.TypeAsync("\n\n## Valeurs PGO\n- **transparence** et *participation*\n- lien [sûr](https://www.opengovpartnership.org) et [piège](javascript:alert(1))\n\n<img src=x onerror=\"window.pwned=1\"> النص العربي");
        await ServerText.WaitConvergedAsync(server, commitment, field, ConvergeTimeout, page);

        await page.Page.ClickAsync($"#live-{field}-toggle");
        var preview = page.Page.Locator($"#live-{field}-preview");
        await Assertions.Expect(preview).ToBeVisibleAsync();
        Assert.Equal("true", await page.Page.GetAttributeAsync($"#live-{field}-toggle", "aria-pressed"));
        await Assertions.Expect(preview.Locator("h4", new LocatorLocatorOptions { HasText = "Valeurs PGO" })).ToHaveCountAsync(1);
        await Assertions.Expect(preview.Locator("li strong", new LocatorLocatorOptions { HasText = "transparence" })).ToHaveCountAsync(1);
        await Assertions.Expect(preview.Locator("li em", new LocatorLocatorOptions { HasText = "participation" })).ToHaveCountAsync(1);
        await Assertions.Expect(preview.Locator("a[href='https://www.opengovpartnership.org']")).ToHaveCountAsync(1);
        await Assertions.Expect(preview.Locator("a", new LocatorLocatorOptions { HasText = "piège" })).ToHaveCountAsync(0);
        await Assertions.Expect(preview.Locator("img")).ToHaveCountAsync(0);
        await Assertions.Expect(preview).ToContainTextAsync("<img src=x");
        Assert.Null(await page.Page.EvaluateAsync<int?>("() => window.pwned ?? null"));
        await page.ShowAsync(field);
        await page.ScreenshotAsync("drafting-markdown-preview");

        await page.Page.ClickAsync($"#live-{field}-toggle");
        await Assertions.Expect(page.Page.Locator(LiveTextsPage.Input(field))).ToBeVisibleAsync();
        Assert.Empty(page.Errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_a_dropped_connection_the_op_in_flight_is_applied_once_and_offline_typing_is_sent()
    {
        const string field = "contribution";
        var page = await LiveTextsPage.SignedInAsync(browser.Browser, server, "focal.inai@ogp.local", "fr");

        // Every hub WebSocket goes through this relay, which can mute the server's messages; negotiations can be refused.
        var muteServer = false;
        var refuseConnections = false;
        // The commitment page holds several hub connections (live texts, approvals, comments): drop them all.
        var sockets = new List<IWebSocketRoute>();
        await page.Page.RouteWebSocketAsync(new Regex("/hubs/cocreate"), ws =>
        {
            var toServer = ws.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(ws);
            }
            ws.OnMessage(frame =>
            {
                if (frame.Text is not null)
                {
                    toServer.Send(frame.Text);
                }
                else if (frame.Binary is not null)
                {
                    toServer.Send(frame.Binary);
                }
            });
            toServer.OnMessage(frame =>
            {
                if (muteServer)
                {
                    return;
                }
                if (frame.Text is not null)
                {
                    ws.Send(frame.Text);
                }
                else if (frame.Binary is not null)
                {
                    ws.Send(frame.Binary);
                }
            });
        });
        await page.Page.RouteAsync(new Regex("/hubs/cocreate/negotiate"), route => refuseConnections ? route.AbortAsync() : route.ContinueAsync());

        await page.OpenAsync(Commitment, "fr");
        await page.WaitEditableAsync(field);
        var before = await ServerText.GetAsync(server, Commitment, field);

        // The server takes the first keystroke's op, but its answers never arrive: the op stays "in flight"
        // here, and what is typed next waits in the buffer.
        muteServer = true;
        await page.PlaceCaretAsync(field, -1);
        await page.Page.Keyboard.TypeAsync(" Hors ligne");
        await WaitUntil(async () => (await ServerText.GetAsync(server, Commitment, field)).Version == before.Version + 1, "the first op reached the server");
        Assert.Equal("saving", await page.SyncStateAsync(field));

        // The connection drops and cannot come back for a while; the person keeps typing.
        refuseConnections = true;
        List<IWebSocketRoute> open;
        lock (sockets)
        {
            open = [.. sockets];
        }
        Assert.NotEmpty(open);
        foreach (var route in open)
        {
            await route.CloseAsync();
        }
        await page.Page.WaitForSelectorAsync("#live-texts-connection:is([data-state='reconnecting'], [data-state='offline'], [data-state='connecting'])");
        await page.Page.Keyboard.TypeAsync(" 📴 suite");
        await page.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)}[data-sync='offline-pending']");
        await page.ShowAsync(field);
        await page.ScreenshotAsync("drafting-offline");

        // Back online: the op in flight is resubmitted with the same (clientId, seq) and applied once.
        muteServer = false;
        refuseConnections = false;
        await page.Page.WaitForSelectorAsync("#live-texts-connection[data-state='connected']", new PageWaitForSelectorOptions { Timeout = 60_000 });
        var final = await ServerText.WaitConvergedAsync(server, Commitment, field, ConvergeTimeout, page);
        Assert.EndsWith(" Hors ligne 📴 suite", final, StringComparison.Ordinal);
        Assert.Equal(before.Text + " Hors ligne 📴 suite", final);
        Assert.Empty(page.Errors);
        Assert.Empty(page.DraftingComplaints);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_input_method_composition_is_not_broken_by_a_remote_edit_and_both_are_kept()
    {
        const string field = "ambition";
        var composer = await LiveTextsPage.SignedInAsync(browser.Browser, server, "focal.inai@ogp.local", "ar");
        var other = await LiveTextsPage.SignedInAsync(browser.Browser, server, "msf.gov@ogp.local", "fr");
        await Task.WhenAll(composer.OpenAsync(Commitment, "ar"), other.OpenAsync(Commitment, "fr"));
        await Task.WhenAll(composer.WaitEditableAsync(field), other.WaitEditableAsync(field));

        // An input method (as for Arabic on many systems) starts composing at the end of the text…
        await composer.PlaceCaretAsync(field, -1);
        var ime = await composer.Context.NewCDPSessionAsync(composer.Page);
        await ime.SendAsync("Input.imeSetComposition", new Dictionary<string, object> { ["text"] = "نف", ["selectionStart"] = 2, ["selectionEnd"] = 2 });
        // …while someone else types at the start; their edit reaches the composer's document mid-composition.
        await other.PlaceCaretAsync(field, 0);
        await other.Page.Keyboard.TypeAsync("Début — ", new KeyboardTypeOptions { Delay = 20 });
        await other.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)}[data-sync='synced']");
        await composer.Page.WaitForFunctionAsync(@"field => window.ogpLiveTexts.fields.find(f => f.field === field).client.text.startsWith('Début — ')", field);
        Assert.EndsWith("نف", await composer.ValueAsync(field), StringComparison.Ordinal);
        // The remote edit is held back from the textarea (changing it now would break the composition).
        Assert.True(await composer.Page.EvaluateAsync<bool>(@"field => {
            const f = window.ogpLiveTexts.fields.find(f => f.field === field);
            return f.binding.composing && f.binding.deferred !== null && !f.textarea.value.startsWith('Début');
        }", field));
        await ime.SendAsync("Input.imeSetComposition", new Dictionary<string, object> { ["text"] = "نفاذ", ["selectionStart"] = 4, ["selectionEnd"] = 4 });
        await ime.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = "نفاذ" });

        var final = await ServerText.WaitConvergedAsync(server, Commitment, field, ConvergeTimeout, composer, other);
        Assert.StartsWith("Début — ", final, StringComparison.Ordinal);
        Assert.EndsWith("نفاذ", final, StringComparison.Ordinal);
        Assert.Equal(1, ServerText.Occurrences(final, "نفاذ"));
        Assert.Empty(composer.Errors);
        Assert.Empty(composer.DraftingComplaints);
        await composer.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task A_change_the_server_refuses_is_undone_and_explained_inline()
    {
        const string field = "statusQuo";
        var before = await ServerText.GetAsync(server, Commitment, field);
        var participant = await LiveTextsPage.SignedInAsync(browser.Browser, server, "participant@ogp.local", "fr");
        await participant.OpenAsync(Commitment, "fr");
        await participant.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)}[data-sync='synced']");

        // A client that believes it may edit (rights withdrawn meanwhile, a tampered page …): the server decides.
        await participant.Page.EvaluateAsync(@"field => {
            const f = window.ogpLiveTexts.fields.find(f => f.field === field);
            f.editable = true;
            f.client.editable = true;
            f.refresh();
        }", field);
        await participant.PlaceCaretAsync(field, 0);
        await participant.Page.Keyboard.TypeAsync("Refusé ");
        var error = participant.Page.Locator($"#live-{field}-error[data-kind='refused']");
        await Assertions.Expect(error).ToBeVisibleAsync();
        await Assertions.Expect(error).ToContainTextAsync("refusée");
        await Assertions.Expect(error).ToContainTextAsync("Only the secretariat");
        await participant.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(field)}[data-sync='synced']");
        await Assertions.Expect(participant.Page.Locator(LiveTextsPage.Input(field))).ToHaveValueAsync(before.Text);
        Assert.Equal(before, await ServerText.GetAsync(server, Commitment, field));
        await participant.ShowAsync(field);
        await participant.ScreenshotAsync("drafting-refused");
        Assert.Empty(participant.Errors);
        await participant.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Three_people_editing_at_random_places_with_selections_and_deletions_converge(int seed)
    {
        const string commitment = "tn-nap5-10";
        const string field = "statusQuo";
        var pages = await Task.WhenAll(
            LiveTextsPage.SignedInAsync(browser.Browser, server, "secretariat@ogp.local", "fr"),
            LiveTextsPage.SignedInAsync(browser.Browser, server, "msf.gov@ogp.local", "ar"),
            LiveTextsPage.SignedInAsync(browser.Browser, server, "msf.cso@ogp.local", "en"));
        await Task.WhenAll(pages.Select((p, i) => p.OpenAsync(commitment, new[] { "fr", "ar", "en" }[i])));
        await Task.WhenAll(pages.Select(p => p.WaitEditableAsync(field)));

        string[] pieces = ["a", "b", " ", "é", "ن", "ف", "ا", "ذ", "😀", "🚀", "👩🏽‍💻", "\n", "لا", "x"];
        await Task.WhenAll(pages.Select((page, i) => Edit(page, new Random(seed * 100 + i))));
        await ServerText.WaitConvergedAsync(server, commitment, field, ConvergeTimeout, pages);
        foreach (var page in pages)
        {
            Assert.Empty(page.Errors);
            Assert.Empty(page.DraftingComplaints);
            await page.Context.CloseAsync();
        }

        async Task Edit(LiveTextsPage page, Random random)
        {
            for (var step = 0; step < 40; step++)
            {
                // A random caret or selection (never inside an emoji's surrogate pair), then a random edit.
                await page.Page.EvaluateAsync(@"([selector, a, b]) => {
                    const input = document.querySelector(selector);
                    input.focus();
                    const snap = i => {
                        i = Math.round(i * input.value.length);
                        const c = input.value.charCodeAt(i);
                        return c >= 0xdc00 && c <= 0xdfff ? i - 1 : i;
                    };
                    input.setSelectionRange(Math.min(snap(a), snap(b)), Math.max(snap(a), snap(b)));
                }", new object[] { LiveTextsPage.Input(field), random.NextDouble(), random.NextDouble() < 0.7 ? -1.0 : random.NextDouble() });
                switch (random.Next(5))
                {
                    case 0:
                        await page.Page.Keyboard.PressAsync("Backspace");
                        break;
                    case 1:
                        await page.Page.Keyboard.PressAsync("Delete");
                        break;
                    default:
                        var text = string.Concat(Enumerable.Range(0, random.Next(1, 5)).Select(_ => pieces[random.Next(pieces.Length)]));
                        await page.Page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = random.Next(0, 15) });
                        break;
                }
            }
        }
    }

    private static async Task TypeThenErase(IPage page, string text, int erase)
    {
        await page.Keyboard.TypeAsync(text, new KeyboardTypeOptions { Delay = 25 });
        for (var i = 0; i < erase; i++)
        {
            await page.Keyboard.PressAsync("Backspace");
        }
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }
}
