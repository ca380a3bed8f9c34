using OgpCoCreate.Approvals;
using OgpCoCreate.Consultations;
using OgpCoCreate.Realtime;

namespace OgpCoCreate.Grains.Tests.Consultations;

[Collection(ConsultationCollection.Name)]
public sealed class NotificationTests(ConsultationCluster cluster)
{
    [Fact]
    public async Task Publishing_responses_notifies_each_author_once_in_their_persisted_notifications()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var round = await w.OpenRoundAsync(RoundScope.Ideas);
        var amira = ConsultationWorld.NewParticipant("Amira");
        var karim = ConsultationWorld.NewParticipant("Karim");
        var first = await round.Contribute(amira, ConsultationWorld.Idea("Open the procurement data."));
        var second = await round.Contribute(amira, ConsultationWorld.Idea("Publish the audit reports.", institution: w.World.Lead));
        var other = await round.Contribute(karim, ConsultationWorld.Idea("Train the focal points."));
        await round.Contribute(karim, ConsultationWorld.Reply(first.Id));

        await round.DraftResponse(TestActors.Secretariat, first.Id, new ResponseInput(ResponseStatus.Accepted, null, "Commitment 1 covers it."));
        // The idea names the lead institution: its focal point may answer it.
        await round.DraftResponse(w.World.As(Role.LeadFocalPoint), second.Id, new ResponseInput(ResponseStatus.Rejected, null, "The Court of Audit publishes them already."));
        // Drafting notifies nobody.
        Assert.Empty((await Notifications(amira)).Items);
        await round.PublishResponses(TestActors.Secretariat);

        var inbox = (await Notifications(amira)).Items;
        Assert.Equal(2, inbox.Count);
        Assert.All(inbox, n =>
        {
            Assert.Equal(NotificationKind.ConsultationResponse, n.Kind);
            Assert.StartsWith(first.RoundId + "/", n.Text);
            Assert.False(n.Read);
        });
        Assert.Contains(inbox, n => n.Text!.StartsWith($"{first.RoundId}/{first.Id} Accepted", StringComparison.Ordinal));
        Assert.Contains(inbox, n => n.Text!.StartsWith($"{first.RoundId}/{second.Id} Rejected", StringComparison.Ordinal) && n.ActorName == w.World.As(Role.LeadFocalPoint).DisplayName);
        Assert.Empty((await Notifications(karim)).Items);

        // A later publication notifies again, for that response only.
        await round.DraftResponse(TestActors.Secretariat, other.Id, new ResponseInput(ResponseStatus.PartiallyAccepted, null, "Training is planned for the leads."));
        await round.PublishResponses(TestActors.Secretariat);
        Assert.Single((await Notifications(karim)).Items);
        Assert.Equal(2, (await Notifications(amira)).Items.Count);
        Assert.Equal(2, (await Notifications(amira)).Unread);
    }

    [Fact]
    public async Task Watchers_of_the_round_receive_contributions_supports_and_responses_live()
    {
        var w = await ConsultationWorld.CreateAsync(cluster);
        var round = await w.OpenRoundAsync(RoundScope.Ideas);
        var watcher = new RecordingObserver();
        var reference = cluster.Grains.CreateObjectReference<ITopicObserver>(watcher);
        await round.SubscribeTopic(reference);

        var idea = await round.Contribute(ConsultationWorld.NewParticipant("Amira"), ConsultationWorld.Idea("<script>x()</script> Live idea"));
        await round.Contribute(ConsultationWorld.NewParticipant(), ConsultationWorld.Reply(idea.Id));
        await round.Support(ConsultationWorld.NewParticipant(), idea.Id);
        await round.DraftResponse(TestActors.Secretariat, idea.Id, new ResponseInput(ResponseStatus.Accepted, null, "Yes."));
        await round.PublishResponses(TestActors.Secretariat);

        var events = await watcher.WaitFor(4);
        Assert.Equal(["ContributionAdded", "ReplyAdded", "SupportChanged", "ResponsesPublished"], events.Select(e => e.Name).Take(4));
        Assert.All(events, e => Assert.Equal("round:" + idea.RoundId, e.Topic));
        using var added = System.Text.Json.JsonDocument.Parse(events[0].PayloadJson);
        var bodyHtml = added.RootElement.GetProperty("contribution").GetProperty("bodyHtml").GetString()!;
        Assert.Contains("&lt;script&gt;", bodyHtml);
        HtmlAssert.IsInert(bodyHtml);
        Assert.DoesNotContain("UserId", events[0].PayloadJson, StringComparison.OrdinalIgnoreCase);
        await round.UnsubscribeTopic(reference);
    }

    private Task<NotificationsView> Notifications(OgpCoCreate.Security.Actor person) =>
        cluster.Grains.GetGrain<INotificationsGrain>(person.UserId).List(unreadOnly: false, limit: 100);

    private sealed class RecordingObserver : ITopicObserver
    {
        private readonly List<TopicEvent> events = [];

        public Task Publish(TopicEvent e)
        {
            lock (events)
            {
                events.Add(e);
            }
            return Task.CompletedTask;
        }

        public async Task<IReadOnlyList<TopicEvent>> WaitFor(int count)
        {
            for (var i = 0; i < 200; i++)
            {
                lock (events)
                {
                    if (events.Count >= count)
                    {
                        return [.. events];
                    }
                }
                await Task.Delay(25);
            }
            lock (events)
            {
                return [.. events];
            }
        }
    }
}
