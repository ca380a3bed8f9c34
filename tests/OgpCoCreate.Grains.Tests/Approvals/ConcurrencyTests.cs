using OgpCoCreate.Approvals;
using OgpCoCreate.Common;

namespace OgpCoCreate.Grains.Tests.Approvals;

[Collection(ApprovalsCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class ConcurrencyTests(ApprovalsCluster cluster)
{
    [Fact]
    public async Task Approvals_and_edits_racing_never_leave_a_fresh_approval_on_content_its_approver_did_not_see()
    {
        var w = await ApprovalsWorld.CreateAsync(cluster.Grains, cluster.Journal);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await w.PendingCommitmentAsync());
        }
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        var tasks = new List<Task>();
        foreach (var id in ids)
        {
            // The same focal point approves twice in parallel while the text is being typed in.
            var hash = await w.HashAsync(id);
            for (var k = 0; k < 3; k++)
            {
                tasks.Add(Task.Run(async () =>
                {
                    try
                    {
                        await w.Approvals(id).Approve(w.Lead, w.World.Lead, hash, null);
                        outcomes.Add("approved");
                    }
                    catch (DomainException e)
                    {
                        outcomes.Add(e.Kind.ToString());
                    }
                }));
            }
            tasks.Add(Task.Run(async () =>
            {
                for (var e = 0; e < 5; e++)
                {
                    await w.EditAsync(id, $"[{e}]");
                }
            }));
        }
        await Task.WhenAll(tasks);
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "approved", "Conflict", "PreconditionFailed" }));

        foreach (var id in ids)
        {
            var view = await w.Approvals(id).Get();
            var lead = view.Slots[0];
            var given = (await w.JournalAsync(id)).Count(e => e.EventType == "ApprovalGiven");
            Assert.True(given <= 1, "one approval per content at most, the parallel duplicates refused");
            if (lead.State == SlotState.Approved)
            {
                var approved = await w.Approvals(id).GetContent(lead.ContentHash!);
                Assert.NotNull(approved);
                // Fresh only if the approved document versions are the current ones.
                Assert.Equal(!lead.Stale, approved!.DocumentVersions.SequenceEqual(view.Content.DocumentVersions));
            }
        }
    }
}
