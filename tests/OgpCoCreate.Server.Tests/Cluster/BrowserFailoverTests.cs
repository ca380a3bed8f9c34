using System.Diagnostics;
using Microsoft.Playwright;
using OgpCoCreate.Server.Tests.Drafting;
using OgpCoCreate.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// A person types in a live text in the real browser, through the one address of a two-node cluster
/// (<see cref="FailoverProxy"/>, as a load balancer would be); the node their browser is connected to is
/// killed with SIGKILL mid-typing. The page reconnects through the same address to the other node, resubmits
/// what was in flight, sends what was typed meanwhile, and ends with exactly the server's text, everything
/// typed in it once.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BrowserFailoverTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Commitment = "tn-nap5-05";
    private const string Field = "description";

    [Fact]
    public Task A_browser_keeps_typing_through_the_other_node_when_its_node_is_killed_and_nothing_typed_is_lost() =>
        TestCluster.RunAsync("browserfailover", silos: 2, frontends: 0, output, Scenario);

    private async Task Scenario(TestCluster cluster, Stopwatch clock)
    {
        // The victim is the node that holds the document's sequencer, and the browser is connected to it: the
        // hardest case (its connection and the document both move; opening fails until the node is declared dead).
        var admin = await cluster.TokenAsync(cluster.Node("silo1"), "admin@ogp.local");
        await ClusterHttp.OpenAsync(cluster.Node("silo1"), admin, $"{Commitment}/{Field}");
        var silo2 = await cluster.DocumentHostAsync($"{Commitment}/{Field}", admin) ?? throw new InvalidOperationException("The document is active nowhere.");
        var silo1 = cluster.Silos.Single(n => n != silo2);
        output.WriteLine($"{Commitment}/{Field} is on {silo2.Name}: the browser connects there, {silo1.Name} takes over");
        await using var proxy = new FailoverProxy(FailoverProxy.Prefer(silo2, silo1));
        var page = await LiveTextsPage.SignedInAsync(browser.Browser, proxy.BaseAddress, "focal.inai@ogp.local", "fr");
        await page.OpenAsync(Commitment, "fr");
        await page.WaitEditableAsync(Field);
        Assert.Equal(silo2.Process!.HttpPort, proxy.LastBackend);

        const string before = "[avant la panne] ";
        const string during = "[pendant la panne] ";
        const string after = "[après la panne] ";
        await page.PlaceCaretAsync(Field, 0);
        await page.Page.Keyboard.TypeAsync(before, new KeyboardTypeOptions { Delay = 20 });
        await page.Page.WaitForSelectorAsync($"{LiveTextsPage.Field(Field)}[data-sync='synced']");

        // Killed while the person goes on typing: some keystrokes are in flight, the rest typed while offline.
        var typing = page.Page.Keyboard.TypeAsync(during, new KeyboardTypeOptions { Delay = 60 });
        await Task.Delay(300);
        await silo2.KillAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: killed {silo2.Name}, the browser's node");
        await typing;

        // Back through the same address, now served by silo1 (once silo2 is declared dead and the document's
        // sequencer is back on silo1): saved again without reloading the page.
        var reader = await cluster.TokenAsync(silo1, "participant@ogp.local");
        await ConvergedAsync(page, silo1, reader, before + during, TimeSpan.FromSeconds(120));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: the page and silo1 agree again (the proxy's last node: {proxy.LastBackend}, silo1: {silo1.Process!.HttpPort})");
        Assert.Equal(silo1.Process.HttpPort, proxy.LastBackend);
        await page.Page.Keyboard.TypeAsync(after, new KeyboardTypeOptions { Delay = 20 });
        var final = await ConvergedAsync(page, silo1, reader, before + during + after, TimeSpan.FromSeconds(60));

        Assert.StartsWith(before + during + after, final, StringComparison.Ordinal);
        foreach (var fragment in new[] { before, during, after })
        {
            Assert.Equal(1, CountOf(final, fragment));
        }
        Assert.Empty(page.Errors);
        Assert.Empty(page.DraftingComplaints);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Waits until the page says "saved" and shows exactly the text the server holds, which starts with
    /// <paramref name="expectedStart"/>; returns it. The server may refuse to open the document for a while
    /// (the dead node still owns it until it is declared dead): that is retried, as the page retries.
    /// </summary>
    private static async Task<string> ConvergedAsync(LiveTextsPage page, ClusterNode node, string token, string expectedStart, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var server = await ClusterHttp.OpenAsync(node, token, $"{Commitment}/{Field}");
                var shown = await page.ValueAsync(Field);
                var sync = await page.SyncStateAsync(Field);
                last = $"page ({sync}): {shown[..Math.Min(80, shown.Length)]} | server v{server.Version}: {server.Text[..Math.Min(80, server.Text.Length)]}";
                if (sync == "synced" && shown == server.Text && server.Text.StartsWith(expectedStart, StringComparison.Ordinal))
                {
                    return server.Text;
                }
            }
            catch (Microsoft.AspNetCore.SignalR.HubException e)
            {
                last = e.Message;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"The page and {node.Name} did not agree within {timeout.TotalSeconds:0} s; last: {last}");
    }

    private static int CountOf(string text, string fragment)
    {
        var count = 0;
        for (var at = text.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fragment, at + fragment.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
