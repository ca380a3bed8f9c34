using OgpCoCreate.Common;
using OgpCoCreate.Consultations;

namespace OgpCoCreate.Grains.Tests.Consultations;

[Collection(ConsultationCollection.Name)]
public sealed class RoundLifecycleTests(ConsultationCluster cluster)
{
    [Fact]
    public async Task A_round_is_announced_scheduled_numbered_per_plan_and_listed()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var first = await w.Index.CreateRound(TestActors.Secretariat, w.Definition());
        var second = await w.Index.CreateRound(TestActors.Secretariat, w.Definition(RoundScope.Ideas));

        Assert.Equal($"{w.PlanId}-r1", first.Id);
        Assert.Equal($"{w.PlanId}-r2", second.Id);
        Assert.Equal(RoundStatus.Scheduled, first.Status);
        Assert.False(first.AcceptingContributions);
        Assert.Equal(ConsultationLimits.DefaultNoticeDays, first.NoticeDays);
        Assert.Equal([first.Id, second.Id], (await w.Index.GetSettings()).RoundIds);
        Assert.Contains(cluster.Storage.EventsOf("consultation-round", first.Id), e => e.EventType == "RoundAnnounced");
    }

    [Fact]
    public async Task Only_the_secretariat_announces_and_bad_definitions_are_refused_without_a_trace()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var participant = ConsultationWorld.NewParticipant();
        await Assert.ThrowsAsync<DomainException>(() => w.Index.CreateRound(participant, w.Definition()));
        await Assert.ThrowsAsync<DomainException>(() => w.Index.CreateRound(w.World.As(Role.ForumMember), w.Definition()));

        var now = cluster.Clock.GetUtcNow();
        var bad = new[]
        {
            w.Definition() with { ClosesAt = now.AddDays(1), OpensAt = now.AddDays(2) },
            w.Definition() with { Title = new LocalizedText("", "Titre", "Title") },
            w.Definition() with { CommitmentIds = [] },
            w.Definition() with { CommitmentIds = ["not-in-this-plan"] },
            w.Definition(RoundScope.Ideas) with { CommitmentIds = [w.World.CommitmentId(1)] },
            w.Definition() with { ClosesAt = now.AddMinutes(-1), OpensAt = now.AddDays(-2) },
        };
        foreach (var definition in bad)
        {
            var error = await Assert.ThrowsAsync<DomainException>(() => w.Index.CreateRound(TestActors.Secretariat, definition));
            Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        }
        Assert.Empty((await w.Index.GetSettings()).RoundIds);
        Assert.Empty(cluster.Storage.EventsOf("consultation-index", w.PlanId));
    }

    [Fact]
    public async Task Opening_before_the_notice_period_is_refused_unless_the_secretariat_gives_a_recorded_reason()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var view = await w.Index.CreateRound(TestActors.Secretariat, w.Definition(opensIn: TimeSpan.FromDays(3)));
        var round = cluster.Grains.GetGrain<IConsultationRoundGrain>(view.Id);

        var refused = await Assert.ThrowsAsync<DomainException>(() => round.Open(TestActors.Secretariat, null));
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.Contains("14 days", refused.Message);
        Assert.True(refused.Errors.ContainsKey("overrideReason"));
        Assert.Equal(RoundStatus.Scheduled, (await round.GetSummary())!.Status);
        await Assert.ThrowsAsync<DomainException>(() => round.Open(w.World.As(Role.ForumCoChair), "We are in a hurry."));

        var opened = await round.Open(TestActors.Secretariat, "The forum asked for an early start (minutes of 3 May).");
        Assert.Equal(RoundStatus.Open, opened.Status);
        Assert.NotNull(opened.NoticeOverride);
        Assert.Equal("The forum asked for an early start (minutes of 3 May).", opened.NoticeOverride!.Reason);
        var journal = cluster.Storage.EventsOf("consultation-round", view.Id);
        Assert.Contains("early start", journal.Single(e => e.EventType == "RoundOpened").PayloadJson);
    }

    [Fact]
    public async Task After_the_notice_period_a_round_opens_without_a_reason_and_the_period_is_the_plans()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        await w.Index.SetNoticeDays(TestActors.Secretariat, 2);
        await Assert.ThrowsAsync<DomainException>(() => w.Index.SetNoticeDays(ConsultationWorld.NewParticipant(), 0));
        await Assert.ThrowsAsync<DomainException>(() => w.Index.SetNoticeDays(TestActors.Secretariat, -1));
        var view = await w.Index.CreateRound(TestActors.Secretariat, w.Definition(opensIn: TimeSpan.FromDays(2)));
        var round = cluster.Grains.GetGrain<IConsultationRoundGrain>(view.Id);
        await Assert.ThrowsAsync<DomainException>(() => round.Open(TestActors.Secretariat, null));

        cluster.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        var opened = await round.Open(TestActors.Secretariat, null);
        Assert.Equal(RoundStatus.Open, opened.Status);
        Assert.Null(opened.NoticeOverride);
        Assert.True(opened.AcceptingContributions);
    }

    [Fact]
    public async Task Contributions_are_accepted_only_inside_the_open_window()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var participant = ConsultationWorld.NewParticipant();
        var scheduled = cluster.Grains.GetGrain<IConsultationRoundGrain>((await w.Index.CreateRound(TestActors.Secretariat, w.Definition(RoundScope.Ideas))).Id);
        var early = await Assert.ThrowsAsync<DomainException>(() => scheduled.Contribute(participant, ConsultationWorld.Idea()));
        Assert.Equal(DomainErrorKind.Conflict, early.Kind);
        Assert.Contains("not open yet", early.Message);

        var round = await w.OpenRoundAsync(RoundScope.Ideas, closesIn: TimeSpan.FromHours(1));
        await round.Contribute(participant, ConsultationWorld.Idea());

        cluster.Clock.Advance(TimeSpan.FromHours(1));
        var late = await Assert.ThrowsAsync<DomainException>(() => round.Contribute(participant, ConsultationWorld.Idea()));
        Assert.Equal(DomainErrorKind.Conflict, late.Kind);
        Assert.Contains("closed", late.Message);
        Assert.False((await round.Get(participant))!.AcceptingContributions);
        Assert.Single((await round.Get(participant))!.Contributions);

        await round.Close(TestActors.Secretariat);
        await Assert.ThrowsAsync<DomainException>(() => round.Contribute(participant, ConsultationWorld.Idea()));
        await Assert.ThrowsAsync<DomainException>(() => round.Close(TestActors.Secretariat));
    }

    [Fact]
    public async Task A_round_moves_to_answered_only_when_every_contribution_has_a_published_justified_response()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var round = await w.OpenRoundAsync(RoundScope.Ideas);
        var a = await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Idea("Idea A"));
        var b = await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Idea("Idea B"));
        var reply = await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Reply(a.Id));
        Assert.False(reply.NeedsResponse);

        // Still open: first close.
        var stillOpen = await Assert.ThrowsAsync<DomainException>(() => round.MarkAnswered(TestActors.Secretariat));
        Assert.Contains("still open", stillOpen.Message);
        await round.Close(TestActors.Secretariat);

        var none = await Assert.ThrowsAsync<DomainException>(() => round.MarkAnswered(TestActors.Secretariat));
        Assert.Equal(DomainErrorKind.Conflict, none.Kind);
        Assert.Equal([a.Id, b.Id], none.Errors["unanswered"]);

        // No justification: refused, nothing stored.
        var events = cluster.Storage.EventsOf("consultation-round", a.RoundId).Count;
        var unjustified = await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(TestActors.Secretariat, a.Id, new ResponseInput(ResponseStatus.Rejected, null, "  ")));
        Assert.Equal(DomainErrorKind.Invalid, unjustified.Kind);
        Assert.True(unjustified.Errors.ContainsKey("justification"));
        await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(TestActors.Secretariat, a.Id, new ResponseInput(ResponseStatus.MergedInto, null, "Merged.")));
        await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(TestActors.Secretariat, a.Id, new ResponseInput(ResponseStatus.MergedInto, "nowhere", "Merged.")));
        await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(TestActors.Secretariat, reply.Id, new ResponseInput(ResponseStatus.Accepted, null, "Yes.")));
        Assert.Equal(events, cluster.Storage.EventsOf("consultation-round", a.RoundId).Count);

        // Under review needs no justification, but does not answer.
        await round.DraftResponse(TestActors.Secretariat, a.Id, new ResponseInput(ResponseStatus.UnderReview, null, null));
        await round.DraftResponse(TestActors.Secretariat, b.Id, new ResponseInput(ResponseStatus.Accepted, null, "It becomes milestone 3 of commitment 1."));
        var drafts = await Assert.ThrowsAsync<DomainException>(() => round.MarkAnswered(TestActors.Secretariat));
        Assert.True(drafts.Errors.ContainsKey("drafts"));

        // Drafts are invisible to the public until published, then published together.
        var publicView = (await round.Get(ConsultationWorld.NewParticipant()))!;
        Assert.All(publicView.Contributions, c => { Assert.Null(c.Draft); Assert.Null(c.Response); });
        Assert.Equal(2, await round.PublishResponses(TestActors.Secretariat));
        await Assert.ThrowsAsync<DomainException>(() => round.PublishResponses(TestActors.Secretariat));

        var stillUnderReview = await Assert.ThrowsAsync<DomainException>(() => round.MarkAnswered(TestActors.Secretariat));
        Assert.Equal([a.Id], stillUnderReview.Errors["unanswered"]);

        await round.DraftResponse(TestActors.Secretariat, a.Id, new ResponseInput(ResponseStatus.MergedInto, w.World.CommitmentId(1), "Merged into commitment 1, milestone 2."));
        await round.PublishResponses(TestActors.Secretariat);
        await Assert.ThrowsAsync<DomainException>(() => round.Publish(TestActors.Secretariat));
        var answered = await round.MarkAnswered(TestActors.Secretariat);
        Assert.Equal(RoundStatus.Answered, answered.Status);

        var published = await round.Publish(TestActors.Secretariat);
        Assert.Equal(RoundStatus.Published, published.Status);
        var after = published.Contributions.Single(c => c.Id == a.Id);
        Assert.Equal(ResponseStatus.MergedInto, after.Status);
        Assert.Equal(w.World.CommitmentId(1), after.Response!.MergedIntoCommitmentId);

        // Published is final.
        await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(TestActors.Secretariat, b.Id, new ResponseInput(ResponseStatus.Rejected, null, "Changed our mind.")));
        await Assert.ThrowsAsync<DomainException>(() => round.Hide(TestActors.Secretariat, b.Id, "Late moderation."));
        var journal = cluster.Storage.EventsOf("consultation-round", a.RoundId).Select(e => e.EventType).ToList();
        Assert.Equal(["RoundAnnounced", "RoundOpened", "ContributionPosted", "ContributionPosted", "ContributionPosted", "RoundClosed",
            "ResponseDrafted", "ResponseDrafted", "ResponsesPublished", "ResponseDrafted", "ResponsesPublished", "RoundAnswered", "RoundPublished"], journal);
    }

    [Fact]
    public async Task Hidden_contributions_need_no_response_and_an_empty_round_can_be_answered()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var round = await w.OpenRoundAsync(RoundScope.Ideas);
        var spam = await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Idea("Buy cheap watches!"));
        await round.Hide(w.World.As(Role.ForumMember), spam.Id, "Advertising.");
        await round.Close(TestActors.Secretariat);
        Assert.Equal(RoundStatus.Answered, (await round.MarkAnswered(TestActors.Secretariat)).Status);
    }

    [Fact]
    public async Task Focal_points_answer_only_what_concerns_their_institution_and_only_the_secretariat_publishes()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var round = await w.OpenRoundAsync();
        var comment = await round.Contribute(ConsultationWorld.NewParticipant(), w.Comment("Add a deadline."));
        var ok = new ResponseInput(ResponseStatus.PartiallyAccepted, null, "A deadline is added for the first milestone.");

        await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(w.World.As(Role.OtherFocalPoint), comment.Id, ok));
        await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(w.World.As(Role.LeadFocalPointNoLongerListed), comment.Id, ok));
        await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(ConsultationWorld.NewParticipant(), comment.Id, ok));
        await Assert.ThrowsAsync<DomainException>(() => round.DraftResponse(w.World.As(Role.ForumMember), comment.Id, ok));

        var drafted = await round.DraftResponse(w.World.As(Role.SupporterFocalPoint), comment.Id, ok);
        Assert.Equal(ResponseStatus.PartiallyAccepted, drafted.Draft!.Status);
        var lead = await round.DraftResponse(w.World.As(Role.LeadFocalPoint), comment.Id, ok with { Status = ResponseStatus.Accepted });
        Assert.Equal(ResponseStatus.Accepted, lead.Draft!.Status);

        var refused = await Assert.ThrowsAsync<DomainException>(() => round.PublishResponses(w.World.As(Role.LeadFocalPoint)));
        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
        Assert.Equal(1, await round.PublishResponses(TestActors.Secretariat));

        // Unanswered discards a draft.
        await round.DraftResponse(TestActors.Secretariat, comment.Id, new ResponseInput(ResponseStatus.Rejected, null, "Second thoughts."));
        var discarded = await round.DraftResponse(TestActors.Secretariat, comment.Id, new ResponseInput(ResponseStatus.Unanswered, null, null));
        Assert.Null(discarded.Draft);
        Assert.Equal(ResponseStatus.Accepted, discarded.Status);
    }

    [Fact]
    public async Task A_scheduled_round_can_be_changed_with_its_version_and_no_longer_once_open()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var view = await w.Index.CreateRound(TestActors.Secretariat, w.Definition());
        var round = cluster.Grains.GetGrain<IConsultationRoundGrain>(view.Id);
        var changed = await round.Update(TestActors.Secretariat, view.Definition with { CommitmentIds = [w.World.CommitmentId(2)] }, view.Version);
        Assert.Equal([w.World.CommitmentId(2)], changed.Definition.CommitmentIds);
        var stale = await Assert.ThrowsAsync<DomainException>(() => round.Update(TestActors.Secretariat, view.Definition, view.Version));
        Assert.Equal(DomainErrorKind.PreconditionFailed, stale.Kind);
        await round.Open(TestActors.Secretariat, "Now.");
        var open = await Assert.ThrowsAsync<DomainException>(() => round.Update(TestActors.Secretariat, view.Definition, null));
        Assert.Equal(DomainErrorKind.Conflict, open.Kind);
    }
}
