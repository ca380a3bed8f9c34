using OgpCoCreate.Common;
using OgpCoCreate.Consultations;
using OgpCoCreate.Ot;
using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests.Consultations;

[Collection(ConsultationCollection.Name)]
public sealed class ContributionTests(ConsultationCluster cluster)
{
    private async Task<(ConsultationWorld World, IConsultationRoundGrain Round)> OpenAsync(RoundScope scope = RoundScope.Commitments)
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        return (w, await w.OpenRoundAsync(scope));
    }

    /// <summary>A refused contribution leaves the round and its journal exactly as they were.</summary>
    private async Task<DomainException> Refused(IConsultationRoundGrain round, Actor actor, NewContribution contribution, DomainErrorKind kind, string? field = null)
    {
        var roundId = (await round.GetSummary())!.Id;
        var before = System.Text.Json.JsonSerializer.Serialize(await round.Get(TestActors.Secretariat));
        var events = cluster.Storage.EventsOf("consultation-round", roundId).Count;
        var error = await Assert.ThrowsAsync<DomainException>(() => round.Contribute(actor, contribution));
        Assert.True(kind == error.Kind, $"Expected {kind}, got {error.Kind}: {error.Message} {string.Join("; ", error.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"))}");
        if (field is not null)
        {
            Assert.True(error.Errors.ContainsKey(field), $"No error for '{field}': {string.Join(", ", error.Errors.Keys)}");
        }
        Assert.Equal(events, cluster.Storage.EventsOf("consultation-round", roundId).Count);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(await round.Get(TestActors.Secretariat)));
        return error;
    }

    [Fact]
    public async Task Ideas_carry_title_axis_and_optional_institution_and_replies_thread_under_them()
    {
        var (w, round) = await OpenAsync(RoundScope.Ideas);
        var author = ConsultationWorld.NewParticipant("Amira");
        var idea = await round.Contribute(author, ConsultationWorld.Idea("Publish **all** budget lines.", institution: w.World.Lead));
        Assert.Equal("c1", idea.Id);
        Assert.Equal("Amira", idea.AuthorName);
        Assert.Equal("axis-1", idea.AxisId);
        Assert.Equal(w.World.Lead, idea.InstitutionId);
        Assert.Equal("<p>Publish <strong>all</strong> budget lines.</p>", idea.BodyHtml);
        Assert.True(idea.Mine);
        Assert.Equal(ResponseStatus.Unanswered, idea.Status);

        var reply = await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Reply(idea.Id, "Also the municipalities."));
        var nested = await round.Contribute(author, ConsultationWorld.Reply(reply.Id, "Yes!"));
        Assert.Equal(idea.Id, reply.ParentId);
        Assert.Equal(reply.Id, nested.ParentId);
        Assert.Equal(idea.AxisId, nested.AxisId);

        var journal = cluster.Storage.EventsOf("consultation-round", idea.RoundId).Where(e => e.EventType == "ContributionPosted").ToList();
        Assert.Equal(3, journal.Count);
        // The public journal proves what was written without republishing it.
        Assert.All(journal, e => Assert.DoesNotContain("budget", e.PayloadJson));
        Assert.Contains("contentSha256", journal[0].PayloadJson);
    }

    [Fact]
    public async Task Bad_contributions_are_refused_with_field_errors_and_nothing_is_stored()
    {
        var (w, round) = await OpenAsync(RoundScope.Ideas);
        var p = ConsultationWorld.NewParticipant();
        await Refused(round, p, ConsultationWorld.Idea(body: ""), DomainErrorKind.Invalid, "body");
        await Refused(round, p, ConsultationWorld.Idea(body: "   \n\t "), DomainErrorKind.Invalid, "body");
        await Refused(round, p, ConsultationWorld.Idea(body: new string('x', ConsultationLimits.MaxBodyLength + 1)), DomainErrorKind.Invalid, "body");
        await Refused(round, p, ConsultationWorld.Idea(title: ""), DomainErrorKind.Invalid, "title");
        await Refused(round, p, ConsultationWorld.Idea(axis: "no-such-axis"), DomainErrorKind.Invalid, "axisId");
        await Refused(round, p, ConsultationWorld.Idea(institution: "no-such-institution"), DomainErrorKind.Invalid, "institutionId");
        await Refused(round, p, ConsultationWorld.Idea(body: "null \u0000 byte"), DomainErrorKind.Invalid, "body");
        await Refused(round, p, w.Comment("A comment in an idea round."), DomainErrorKind.Invalid, "kind");
        await Refused(round, p, ConsultationWorld.Reply("c999"), DomainErrorKind.Invalid, "parentId");
        await Refused(round, TestActors.Anonymous, ConsultationWorld.Idea(), DomainErrorKind.Forbidden);
        // At the limit exactly: accepted.
        await round.Contribute(p, ConsultationWorld.Idea(body: new string('x', ConsultationLimits.MaxBodyLength)));
    }

    [Fact]
    public async Task Anchors_must_be_a_real_passage_of_that_version()
    {
        var (w, round) = await OpenAsync();
        var p = ConsultationWorld.NewParticipant();
        var good = await w.AnchorOn("PDF files only");
        var length = ConsultationWorld.CodePointCount(ConsultationWorld.ProblemText);

        await Refused(round, p, w.Comment("x", good with { End = length + 1, Start = length - 3 }), DomainErrorKind.Invalid, "anchor.end");
        await Refused(round, p, w.Comment("x", good with { Start = -1 }), DomainErrorKind.Invalid, "anchor.start");
        await Refused(round, p, w.Comment("x", good with { End = good.Start }), DomainErrorKind.Invalid, "anchor.end");
        await Refused(round, p, w.Comment("x", good with { Quote = "PDF files ONLY" }), DomainErrorKind.Invalid, "anchor.quote");
        await Refused(round, p, w.Comment("x", good with { Version = good.Version + 5 }), DomainErrorKind.Invalid, "anchor.version");
        await Refused(round, p, w.Comment("x", good with { DocumentId = w.World.CommitmentId(1) + "/nonsense" }), DomainErrorKind.Invalid, "anchor.documentId");
        await Refused(round, p, w.Comment("x", good with { DocumentId = w.World.CommitmentId(3) + "/problem" }), DomainErrorKind.Invalid, "anchor.documentId");
        await Refused(round, p, w.Comment("x", good with { Start = 0, End = ConsultationLimits.MaxQuoteCodePoints + 1 }), DomainErrorKind.Invalid, "anchor.end");

        var posted = await round.Contribute(p, w.Comment("PDF is not open data.", good));
        Assert.Equal(good, posted.Anchor);
        Assert.Equal(w.World.CommitmentId(1), posted.CommitmentId);
        Assert.Equal(w.World.Lead, posted.InstitutionId);
        Assert.Equal(AnchorState.Intact, posted.Position!.State);
        Assert.Equal((good.Start, good.End), (posted.Position.Start, posted.Position.End));
    }

    [Fact]
    public async Task An_anchored_comment_follows_edits_and_shows_passage_removed_when_it_is_deleted()
    {
        var (w, round) = await OpenAsync();
        var editor = w.World.As(Role.LeadFocalPoint);
        var doc = w.Document(1, "problem");
        var anchor = await w.AnchorOn("PDF files only");
        var comment = await round.Contribute(ConsultationWorld.NewParticipant(), w.Comment("PDF is not open data.", anchor));

        // Text typed before the passage moves it; text typed at its start or end stays outside it.
        var v = await doc.Submit(editor, anchor.Version, TextOp.Insert(0, "Today, "), "ed", 1);
        v = await doc.Submit(editor, v, TextOp.Insert(anchor.Start + 7, "«"), "ed", 2);
        v = await doc.Submit(editor, v, TextOp.Insert(anchor.End + 8, "»"), "ed", 3);
        var moved = (await round.Get(TestActors.Secretariat))!.Contributions.Single(c => c.Id == comment.Id).Position!;
        Assert.Equal(AnchorState.Intact, moved.State);
        Assert.Equal(anchor.Start + 8, moved.Start);
        Assert.Equal(v, moved.Version);
        var text = (await doc.Open(editor)).Text;
        Assert.Equal("«PDF files only»", text.Substring(moved.Start - 1, moved.End - moved.Start + 2));

        // An edit inside: the passage is edited, its current text is given.
        v = await doc.Submit(editor, v, TextOp.Insert(moved.Start + 3, " and scanned"), "ed", 4);
        var edited = (await round.Get(TestActors.Secretariat))!.Contributions.Single(c => c.Id == comment.Id).Position!;
        Assert.Equal(AnchorState.Edited, edited.State);
        Assert.Equal("PDF and scanned files only", edited.CurrentText);

        // The whole passage deleted: removed, with the original quote still on the comment.
        v = await doc.Submit(editor, v, TextOp.Delete(edited.Start, edited.End - edited.Start), "ed", 5);
        var removed = (await round.Get(ConsultationWorld.NewParticipant()))!.Contributions.Single(c => c.Id == comment.Id);
        Assert.Equal(AnchorState.Removed, removed.Position!.State);
        Assert.Equal("PDF files only", removed.Anchor!.Quote);

        // Retyping the same words does not bring a deleted passage back.
        await doc.Submit(editor, v, TextOp.Insert(removed.Position.Start, "PDF files only"), "ed", 6);
        Assert.Equal(AnchorState.Removed, (await round.Get(TestActors.Secretariat))!.Contributions.Single(c => c.Id == comment.Id).Position!.State);
    }

    [Fact]
    public async Task A_comment_written_against_an_older_version_is_brought_forward()
    {
        var (w, round) = await OpenAsync();
        var editor = w.World.As(Role.LeadFocalPoint);
        var doc = w.Document(1, "problem");
        var anchor = await w.AnchorOn("budget data");
        // Someone edits before the comment is sent (the commenter's page was behind).
        await doc.Submit(editor, anchor.Version, TextOp.Insert(0, "In 2023, "), "ed", 1);
        var comment = await round.Contribute(ConsultationWorld.NewParticipant(), w.Comment("Which budget?", anchor));
        Assert.Equal(anchor.Start + 9, comment.Position!.Start);
        Assert.Equal(AnchorState.Intact, comment.Position.State);
    }

    [Fact]
    public async Task Support_counts_once_per_person()
    {
        var (_, round) = await OpenAsync(RoundScope.Ideas);
        var idea = await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Idea());
        var fan = ConsultationWorld.NewParticipant();
        var supported = await round.Support(fan, idea.Id);
        Assert.Equal(1, supported.Supports);
        Assert.True(supported.SupportedByMe);
        var twice = await Assert.ThrowsAsync<DomainException>(() => round.Support(fan, idea.Id));
        Assert.Equal(DomainErrorKind.Conflict, twice.Kind);
        Assert.Equal(2, (await round.Support(ConsultationWorld.NewParticipant(), idea.Id)).Supports);
        await Assert.ThrowsAsync<DomainException>(() => round.Support(fan, "c404"));
        await Assert.ThrowsAsync<DomainException>(() => round.Support(TestActors.Anonymous, idea.Id));
    }

    [Fact]
    public async Task Script_and_html_are_stored_as_typed_and_rendered_inert()
    {
        var (_, round) = await OpenAsync(RoundScope.Ideas);
        const string attack = "<img src=x onerror=\"window.__xss=1\"> <script>window.__xss=1</script> [click](javascript:alert(1)) <a href=\"https://example.org\" onclick=\"x()\">site</a>";
        var idea = await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Idea(attack, title: "<b>bold</b>"));
        var seen = (await round.Get(ConsultationWorld.NewParticipant()))!.Contributions.Single(c => c.Id == idea.Id);

        Assert.Equal(attack, seen.Body);
        Assert.Equal("<b>bold</b>", seen.Title);
        var html = seen.BodyHtml!;
        HtmlAssert.IsInert(html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task Moderators_hide_with_a_reason_that_only_they_see_and_participants_cannot_moderate()
    {
        var (w, round) = await OpenAsync(RoundScope.Ideas);
        var author = ConsultationWorld.NewParticipant("Troll");
        var idea = await round.Contribute(author, ConsultationWorld.Idea("Insults and a phone number 20 123 456", title: "Rude"));
        var reporter = ConsultationWorld.NewParticipant("Reporter");
        var reported = await round.Report(reporter, idea.Id, "Personal data.");
        Assert.Null(reported.Moderation);
        await Assert.ThrowsAsync<DomainException>(() => round.Report(reporter, idea.Id, "Again."));
        await Assert.ThrowsAsync<DomainException>(() => round.Report(ConsultationWorld.NewParticipant(), idea.Id, " "));

        var forbidden = await Assert.ThrowsAsync<DomainException>(() => round.Hide(reporter, idea.Id, "I do not like it."));
        Assert.Equal(DomainErrorKind.Forbidden, forbidden.Kind);
        await Assert.ThrowsAsync<DomainException>(() => round.GetModerationQueue(reporter));
        await Assert.ThrowsAsync<DomainException>(() => round.GetModerationQueue(w.World.As(Role.LeadFocalPoint)));
        var queue = await round.GetModerationQueue(w.World.As(Role.ForumMember));
        Assert.Equal("Personal data.", Assert.Single(Assert.Single(queue).Moderation!.Reports).Reason);

        var noReason = await Assert.ThrowsAsync<DomainException>(() => round.Hide(TestActors.Secretariat, idea.Id, ""));
        Assert.Equal(DomainErrorKind.Invalid, noReason.Kind);
        var hidden = await round.Hide(w.World.As(Role.ForumMember), idea.Id, "Contains a phone number.");
        Assert.True(hidden.Hidden);
        Assert.Equal("Contains a phone number.", hidden.Moderation!.HiddenReason);

        var publicView = (await round.Get(ConsultationWorld.NewParticipant()))!.Contributions.Single();
        Assert.True(publicView.Hidden);
        Assert.Null(publicView.Body);
        Assert.Null(publicView.BodyHtml);
        Assert.Null(publicView.Title);
        Assert.Equal("", publicView.AuthorName);
        Assert.Null(publicView.Moderation);
        var report = await round.GetReport(TestActors.Secretariat);
        Assert.DoesNotContain("20 123 456", System.Text.Json.JsonSerializer.Serialize(report));
        Assert.Equal(1, report.Counts.Hidden);

        // The author still sees their own text; moderators see it and the reason.
        Assert.NotNull((await round.Get(author))!.Contributions.Single().Body);
        Assert.Equal("Contains a phone number.", (await round.Get(TestActors.Secretariat))!.Contributions.Single().Moderation!.HiddenReason);
        // Hidden contributions take no support and no reply.
        await Assert.ThrowsAsync<DomainException>(() => round.Support(reporter, idea.Id));
        await Refused(round, reporter, ConsultationWorld.Reply(idea.Id), DomainErrorKind.Invalid, "parentId");
        // The journal keeps the event with a digest of the reason, never the content.
        var events = cluster.Storage.EventsOf("consultation-round", idea.RoundId);
        Assert.All(events, e => Assert.DoesNotContain("phone number", e.PayloadJson));
        Assert.Contains(events, e => e.EventType == "ContributionHidden");

        var restored = await round.Restore(TestActors.Secretariat, idea.Id, "Author removed the number? No: reviewed again.");
        Assert.False(restored.Hidden);
    }

    [Fact]
    public async Task Each_person_may_post_at_most_ten_contributions_a_minute_across_rounds()
    {
        var (w, round) = await OpenAsync(RoundScope.Ideas);
        var other = await w.OpenRoundAsync(RoundScope.Ideas);
        var eager = ConsultationWorld.NewParticipant();
        for (var i = 0; i < ConsultationLimits.ContributionsPerWindow; i++)
        {
            await (i % 2 == 0 ? round : other).Contribute(eager, ConsultationWorld.Idea($"Idea {i}"));
        }
        var limited = await Refused(round, eager, ConsultationWorld.Idea("One more"), ConsultationLimits.TooManyRequests);
        Assert.Equal(429, (int)limited.Kind);
        Assert.True(limited.Errors.ContainsKey("retryAfter"));
        // Someone else is not affected; the limit lifts after a minute.
        await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Idea());
        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        await round.Contribute(eager, ConsultationWorld.Idea("Later"));
    }

    [Fact]
    public async Task Display_names_that_look_like_email_addresses_are_never_shown_whole()
    {
        Assert.Equal("amira", RoundRules.PublicName("amira@example.org"));
        Assert.Equal("Amira (amira)", RoundRules.PublicName("Amira (amira@example.org)"));
        Assert.Equal("مواطنة مشاركة", RoundRules.PublicName("مواطنة مشاركة"));
        var (_, round) = await OpenAsync(RoundScope.Ideas);
        var idea = await round.Contribute(ConsultationWorld.NewParticipant("someone@ogp.local"), ConsultationWorld.Idea());
        Assert.Equal("someone", idea.AuthorName);
        Assert.All(cluster.Storage.EventsOf("consultation-round", idea.RoundId), e => Assert.DoesNotContain("@", e.ActorName));
    }
}
