using OgpCoCreate.Approvals;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests.Approvals;

/// <summary>
/// The workflow as a state machine, driven by random sequences (fixed seeds, so a failure replays) of
/// approve / request changes / withdraw / edit / delegate / revoke / send back for revision, by random people
/// for random slots with a current or an outdated content hash. A small model predicts every outcome (success,
/// or which refusal) and the state after it; the grain must agree at every step and never reach a state the
/// model calls invalid.
/// </summary>
[Collection(ApprovalsCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class PropertyTests(ApprovalsCluster cluster)
{
    private sealed record Model(Dictionary<string, (SlotState State, string Hash)> Slots)
    {
        public bool DelegationActive { get; set; }
        public string? DelegationId { get; set; }
    }

    private static readonly string[] ActionEvents = ["ApprovalGiven", "ChangesRequested", "ApprovalWithdrawn"];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2025)]
    public async Task Random_sequences_never_reach_an_invalid_state(int seed)
    {
        var random = new Random(seed);
        var w = await ApprovalsWorld.CreateAsync(cluster.Grains, cluster.Journal);
        var id = await w.PendingCommitmentAsync();
        var commitment = w.World.Commitment(1);
        var grain = w.Approvals(id);
        var slots = new[] { w.World.Lead, w.World.Supporter, ApprovalSlots.ForumGovernment, ApprovalSlots.ForumCivilSociety };
        var step = new Dictionary<string, int> { [slots[0]] = 1, [slots[1]] = 2, [slots[2]] = 3, [slots[3]] = 3 };
        var people = new[] { w.Lead, w.LeadAlternate, w.Supporter, w.Other, w.GovCoChair, w.CsoCoChair, w.Secretariat };
        var model = new Model([]);
        var oldHashes = new List<string>();

        bool Entitled(Actor a, string slot) =>
            (slot == slots[0] && (a.UserId == w.Lead.UserId || (a.UserId == w.LeadAlternate.UserId && model.DelegationActive)))
            || (slot == slots[1] && a.UserId == w.Supporter.UserId)
            || (slot == slots[2] && a.UserId == w.GovCoChair.UserId)
            || (slot == slots[3] && a.UserId == w.CsoCoChair.UserId);
        bool Fresh(string slot, string hash) => model.Slots.TryGetValue(slot, out var s) && s.State == SlotState.Approved && s.Hash == hash;

        for (var i = 0; i < 45; i++)
        {
            var view = await grain.Get();
            var hash = view.Content.Hash;
            var status = (await commitment.Get())!.Status;
            var accepting = status is CommitmentStatus.PendingApproval or CommitmentStatus.Approved;
            var actor = people[random.Next(people.Length)];
            var slot = random.Next(12) == 0 ? "nobody" : slots[random.Next(slots.Length)];
            var actionCount = (await w.JournalAsync(id)).Count(e => ActionEvents.Contains(e.EventType));
            DomainErrorKind? expected;
            Func<Task> act;
            Action apply = () => { };
            var roll = random.Next(100);
            if (roll < 40)
            {
                var useOld = oldHashes.Count > 0 && random.Next(4) == 0;
                var sent = useOld ? oldHashes[random.Next(oldHashes.Count)] : hash;
                var current = slots.Where(s => !Fresh(s, hash)).Select(s => step[s]).DefaultIfEmpty(int.MaxValue).Min();
                expected = slot == "nobody" ? DomainErrorKind.NotFound
                    : !Entitled(actor, slot) ? DomainErrorKind.Forbidden
                    : !accepting ? DomainErrorKind.Conflict
                    : sent != hash ? DomainErrorKind.PreconditionFailed
                    : Fresh(slot, hash) || step[slot] > current ? DomainErrorKind.Conflict
                    : null;
                act = () => grain.Approve(actor, slot, sent, null);
                apply = () => model.Slots[slot] = (SlotState.Approved, hash);
            }
            else if (roll < 50)
            {
                var reason = random.Next(4) == 0 ? "" : $"Raison {i}";
                expected = slot == "nobody" ? DomainErrorKind.NotFound
                    : !Entitled(actor, slot) ? DomainErrorKind.Forbidden
                    : reason == "" ? DomainErrorKind.Invalid
                    : !accepting ? DomainErrorKind.Conflict
                    : null;
                act = () => grain.RequestChanges(actor, slot, reason, null);
                apply = () => model.Slots[slot] = (SlotState.ChangesRequested, hash);
            }
            else if (roll < 62)
            {
                expected = slot == "nobody" ? DomainErrorKind.NotFound
                    : !Entitled(actor, slot) ? DomainErrorKind.Forbidden
                    : !(model.Slots.TryGetValue(slot, out var s) && s.State == SlotState.Approved) ? DomainErrorKind.Conflict
                    : null;
                act = () => grain.Withdraw(actor, slot, null);
                apply = () => model.Slots.Remove(slot);
            }
            else if (roll < 80)
            {
                oldHashes.Add(hash);
                await w.EditAsync(id, $"<{i}>");
                await CheckInvariants(w, grain, model, slots, step);
                continue;
            }
            else if (roll < 90)
            {
                var delegations = cluster.Grains.GetGrain<IDelegationsGrain>(w.World.Lead);
                if (model.DelegationActive)
                {
                    await delegations.Revoke(w.Lead, model.DelegationId!);
                    model.DelegationActive = false;
                }
                else
                {
                    model.DelegationId = (await delegations.Delegate(w.Lead, w.LeadAlternate.UserId, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(3), null)).Id;
                    model.DelegationActive = true;
                }
                await CheckInvariants(w, grain, model, slots, step);
                continue;
            }
            else
            {
                // The secretariat sends the text back for revision and resubmits it (the hash does not change).
                if (status is CommitmentStatus.PendingApproval or CommitmentStatus.Approved)
                {
                    await commitment.Transition(w.Secretariat, CommitmentStatus.Revised, "Révision", null);
                }
                else if (status == CommitmentStatus.Revised && random.Next(2) == 0)
                {
                    await commitment.Transition(w.Secretariat, CommitmentStatus.PendingApproval, null, null);
                }
                await CheckInvariants(w, grain, model, slots, step);
                continue;
            }

            DomainErrorKind? actual = null;
            try
            {
                await act();
            }
            catch (DomainException e)
            {
                actual = e.Kind;
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
            Assert.True(expected == actual, $"seed {seed} step {i}: expected {expected?.ToString() ?? "success"}, got {actual?.ToString() ?? "success"} ({actor.UserId} on {slot}, status {status})");
            var nowCount = (await w.JournalAsync(id)).Count(e => ActionEvents.Contains(e.EventType));
            if (actual is null)
            {
                apply();
                Assert.Equal(actionCount + 1, nowCount);
            }
            else
            {
                Assert.Equal(actionCount, nowCount);
            }
            await CheckInvariants(w, grain, model, slots, step);
        }
    }

    private static async Task CheckInvariants(ApprovalsWorld w, IApprovalGrain grain, Model model, string[] slots, Dictionary<string, int> step)
    {
        var view = await grain.Get();
        var hash = view.Content.Hash;
        foreach (var s in view.Slots)
        {
            var expected = model.Slots.TryGetValue(s.Slot, out var m) ? m : (State: SlotState.Pending, Hash: (string)null!);
            Assert.Equal(expected.State, s.State);
            Assert.Equal(s.State == SlotState.Approved && expected.Hash != hash, s.Stale);
            Assert.Equal(s.State == SlotState.Pending ? null : expected.Hash, s.ContentHash);
        }
        Assert.Equal(view.Slots.All(s => s.Fresh), view.Complete);
        if (view.Open)
        {
            var current = view.Slots.Where(s => !s.Fresh).Select(s => step[s.Slot]).DefaultIfEmpty(0).Min();
            Assert.All(view.Slots, s => Assert.Equal(current != 0 && step[s.Slot] == current && !s.Fresh, s.Open));
        }
        else
        {
            Assert.DoesNotContain(view.Slots, s => s.Open);
        }
        Assert.Equal(slots, view.Slots.Select(s => s.Slot));
        Assert.All(view.Tasks.Where(t => !t.Resolved), t => Assert.Equal(SlotState.ChangesRequested, view.Slots.Single(s => s.Slot == t.Slot).State));
        _ = w;
    }
}
