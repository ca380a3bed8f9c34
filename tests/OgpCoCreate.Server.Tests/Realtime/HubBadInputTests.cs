using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Realtime;

/// <summary>Bad input on the hub: a readable HubException, the document unchanged, the connection still usable.</summary>
[Collection(ServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class HubBadInputTests(ServerFixture fixture)
{
    private const string DocumentId = "tn-nap5-12/ambition";

    [Fact]
    public async Task More_than_a_hundred_bad_inputs_are_refused_with_readable_messages_and_change_nothing()
    {
        await using var connection = await HubClients.ConnectAsync(fixture.Server, await fixture.TokenFor("secretariat@ogp.local"));
        var before = await connection.Open(DocumentId);
        var length = before.Text.EnumerateRunes().Count();
        var cases = BadCases(before.Version, length).ToList();
        Assert.True(cases.Count >= 100, $"only {cases.Count} cases");

        foreach (var (name, invoke) in cases)
        {
            var error = await Assert.ThrowsAsync<HubException>(() => invoke(connection));
            Assert.False(string.IsNullOrWhiteSpace(error.Message), name);
            // SignalR prefixes every HubException with "An unexpected error occurred invoking …"; what matters
            // is that our explanation follows it, rather than the bare prefix an unhandled exception gets.
            Assert.False(error.Message.TrimEnd().EndsWith("on the server.", StringComparison.Ordinal), $"{name}: {error.Message}");
            Assert.True(error.Message.Length > 80, $"{name}: {error.Message}");
        }

        var after = await connection.Open(DocumentId);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Text, after.Text);
        // Still usable: a good op goes through on the same connection.
        var ok = await connection.Submit(DocumentId, after.Version, "[\"ok \"]", "bad-input-test", 1);
        Assert.Equal(after.Version + 1, ok.Version);
    }

    [Theory]
    [InlineData("[true]", "boolean")]
    [InlineData("[1.5, \"x\"]", "whole")]
    [InlineData("[0, \"x\"]", "")]
    [InlineData("[\"\"]", "empty")]
    [InlineData("[{\"d\": 1, \"extra\": 2}]", "")]
    public async Task A_malformed_op_gets_a_message_that_says_what_is_wrong(string op, string mentions)
    {
        await using var connection = await HubClients.ConnectAsync(fixture.Server, await fixture.TokenFor("secretariat@ogp.local"));
        var opened = await connection.Open(DocumentId);

        var error = await Assert.ThrowsAsync<HubException>(() => connection.Submit(DocumentId, opened.Version, op, "malformed", 1));

        Assert.Contains("not a valid text-unicode op", error.Message, StringComparison.Ordinal);
        Assert.Contains(mentions, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_participant_cannot_edit_a_commitment_text()
    {
        await using var connection = await HubClients.ConnectAsync(fixture.Server, await fixture.TokenFor("participant@ogp.local"));
        var opened = await connection.Open(DocumentId);

        var error = await Assert.ThrowsAsync<HubException>(() => connection.Submit(DocumentId, opened.Version, "[\"spam\"]", "participant", 1));

        Assert.Contains("Only the secretariat", error.Message, StringComparison.Ordinal);
        Assert.Equal(opened.Text, (await connection.Open(DocumentId)).Text);
    }

    [Fact]
    public async Task A_focal_point_cannot_edit_the_text_of_a_commitment_its_institution_is_not_part_of()
    {
        await using var connection = await HubClients.ConnectAsync(fixture.Server, await fixture.TokenFor("focal.finance@ogp.local"));
        var opened = await connection.Open("tn-nap5-06/problem");

        var error = await Assert.ThrowsAsync<HubException>(() => connection.Submit("tn-nap5-06/problem", opened.Version, "[\"x\"]", "finance", 1));

        Assert.Contains("focal points of the lead or supporting institutions", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hub_refuses_anonymous_connections()
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(fixture.Server.BaseAddress, "hubs/cocreate")).Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    private static IEnumerable<(string Name, Func<HubConnection, Task> Invoke)> BadCases(long version, int length)
    {
        var malformed = new[]
        {
            "true", "false", "null", "\"text\"", "42", "{}", "{\"d\": 1}", "[true]", "[false]", "[null]", "[1.5]", "[-1]", "[0]",
            "[\"\"]", "[{}]", "[{\"d\": 0}]", "[{\"d\": -1}]", "[{\"d\": 1, \"x\": 2}]", "[{\"e\": 1}]", "[[1]]", "[1, \"a\", true]",
            "[{\"d\": 1.5}]", "[{\"d\": \"\"}]", "[1e20, \"a\"]", "[2147483648, \"a\"]", "[-5, \"a\"]", "[0.5, \"a\"]", "[\"a\", 0, \"b\"]",
            "[{\"d\": null}]", "[{\"d\": true}]", "[{\"d\": [1]}]", "[{\"d\": {}}]", "[\"a\", null]", "[1, {}]",
        };
        foreach (var op in malformed)
        {
            yield return ($"malformed {op}", c => c.Submit(DocumentId, version, op, "bad", 1));
        }
        foreach (var extra in new[] { 1, 2, 10, 1000, 100_000 })
        {
            yield return ($"skip past end +{extra}", c => c.Submit(DocumentId, version, $"[{length + extra}, \"x\"]", "bad", 1));
            yield return ($"delete past end +{extra}", c => c.Submit(DocumentId, version, $"[{{\"d\": {length + extra}}}]", "bad", 1));
            yield return ($"skip then delete past end +{extra}", c => c.Submit(DocumentId, version, $"[{length}, {{\"d\": {extra}}}]", "bad", 1));
            yield return ($"delete wrong text +{extra}", c => c.Submit(DocumentId, version, $"[{{\"d\": \"{new string('#', Math.Min(extra, 50))}\"}}]", "bad", 1));
        }
        foreach (var future in new long[] { 1, 2, 100, 1_000_000 })
        {
            yield return ($"baseVersion from the future +{future}", c => c.Submit(DocumentId, version + future, "[\"x\"]", "bad", 1));
        }
        foreach (var negative in new long[] { -1, -2, long.MinValue })
        {
            yield return ($"negative baseVersion {negative}", c => c.Submit(DocumentId, negative, "[\"x\"]", "bad", 1));
        }
        foreach (var document in new[] { "", "x", "nope/problem", "tn-nap5-01/unknown", "tn-nap5-99/problem", "tn-nap5-01/", "/problem", "a/b/c", new string('x', 300) })
        {
            yield return ($"unknown document '{document}'", c => c.Submit(document, 0, "[\"x\"]", "bad", 1));
            yield return ($"open unknown document '{document}'", c => c.InvokeAsync<object>("OpenDocument", document));
            yield return ($"ops of unknown document '{document}'", c => c.InvokeAsync<object>("GetOps", document, 0L));
        }
        yield return ("insert over the op limit", c => c.Submit(DocumentId, version, $"[\"{new string('a', 100_001)}\"]", "bad", 1));
        yield return ("too many components", c => c.Submit(DocumentId, version, "[" + string.Join(",", Enumerable.Repeat("\"a\"", 1).Concat(Enumerable.Range(0, 2001).SelectMany(_ => new[] { "1", "\"b\"" }).Skip(1))) + "]", "bad", 1));
        yield return ("empty client id", c => c.Submit(DocumentId, version, "[\"x\"]", "", 1));
        yield return ("blank client id", c => c.Submit(DocumentId, version, "[\"x\"]", "   ", 1));
        yield return ("client id too long", c => c.Submit(DocumentId, version, "[\"x\"]", new string('c', 101), 1));
        yield return ("negative seq", c => c.Submit(DocumentId, version, "[\"x\"]", "bad", -1));
        yield return ("ops from the future", c => c.InvokeAsync<object>("GetOps", DocumentId, version + 5));
        yield return ("ops from a negative version", c => c.InvokeAsync<object>("GetOps", DocumentId, -1L));
        yield return ("wrong argument types", c => c.InvokeAsync<object>("SubmitOp", DocumentId, "not a number", "[\"x\"]", "bad", 1));
        yield return ("missing arguments", c => c.InvokeAsync<object>("SubmitOp", DocumentId));
        yield return ("cursor before opening", c => c.InvokeAsync("UpdatePresence", "tn-nap5-13/problem", 0L, new { anchor = 0, focus = 0 }));
        yield return ("unknown method", c => c.InvokeAsync("DropAllTables"));
        yield return ("unknown topic", c => c.InvokeAsync("Watch", "nothing:here"));
        var sb = new StringBuilder("[");
        sb.Append(length + 1).Append(",{\"d\":1}]");
        yield return ("delete just past the end", c => c.Submit(DocumentId, version, sb.ToString(), "bad", 1));
    }
}
