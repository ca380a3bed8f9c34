using System.Collections.Concurrent;
using System.Text.Json;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Institutions;
using OgpCoCreate.Journal;
using OgpCoCreate.Plans;
using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests.Commitments;

/// <summary>
/// Random command sequences (seeded, so a failure can be replayed) of creates, edits, transitions and
/// withdrawals of a plan's commitments, plus plan moves and focal point changes, by random people with
/// random, often wrong, input. After every command: the commitments are valid, their versions count exactly
/// the accepted changes, their journals have one event per change, the links institutions keep agree with
/// the commitments, and a refused command changed nothing at all.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CommitmentPropertyTests(ClusterFixture fixture)
{
    private const int Sequences = 200;
    private const int CommandsPerSequence = 30;
    private const int FirstSeed = 5_2023;
    private const int CommitmentSlots = 4;

    private readonly ConcurrentDictionary<string, int> outcomes = new();

    [Fact]
    public async Task Random_command_sequences_never_reach_an_invalid_state()
    {
        var failures = new ConcurrentBag<string>();

        // Each sequence has its own plan, institutions and Random: they run side by side, each one deterministic.
        await Parallel.ForEachAsync(Enumerable.Range(0, Sequences), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var log = new List<string>();
            try
            {
                await RunSequence(FirstSeed + i, log);
            }
            catch (Exception e)
            {
                failures.Add($"Seed {FirstSeed + i} failed: {e.Message}\nLast commands:\n  {string.Join("\n  ", log.TakeLast(8))}");
            }
        });

        Assert.True(failures.IsEmpty, $"{failures.Count} sequence(s) failed. {string.Join("\n\n", failures.Take(3))}");
        // The sequences must really have exercised both sides of every rule.
        foreach (var expected in new[] { "create:ok", "edit:ok", "transition:ok", "plan:ok", "create:Invalid", "edit:Invalid", "edit:Forbidden", "edit:PreconditionFailed", "edit:NotFound", "edit:Conflict", "transition:Conflict", "transition:Forbidden", "transition:Invalid", "plan:Conflict" })
        {
            Assert.True(outcomes.GetValueOrDefault(expected) >= 5, $"'{expected}' happened only {outcomes.GetValueOrDefault(expected)} time(s): {Describe()}");
        }
        Assert.True(outcomes.GetValueOrDefault("transition:ok") >= 300 && outcomes.GetValueOrDefault("edit:ok") >= 300, Describe());
    }

    private string Describe() => string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}={o.Value}"));

    private sealed class Slot
    {
        public int Accepted { get; set; }
        public CommitmentStatus Status { get; set; }
        public string Json { get; set; } = "null";
    }

    private async Task RunSequence(int seed, List<string> log)
    {
        var random = new Random(seed);
        var world = await TestWorld.CreateAsync(fixture.Grains);
        var details = new RandomDetails(random, world);
        var slots = Enumerable.Range(1, CommitmentSlots).ToDictionary(n => n, _ => new Slot());
        var planStatus = PlanStatus.Preparation;
        var roles = Enum.GetValues<Role>();

        for (var step = 0; step < CommandsPerSequence; step++)
        {
            var role = random.Next(2) == 0 ? (random.Next(2) == 0 ? Role.Secretariat : Role.Admin) : roles[random.Next(roles.Length)];
            var actor = world.As(role);
            var number = random.Next(1, CommitmentSlots + 1);
            var slot = slots[number];
            var commitment = world.Commitment(number);
            var current = await commitment.Get();
            int? expectedVersion = random.Next(20) switch
            {
                < 10 => null,
                < 17 => current?.Version ?? 0,
                _ => (current?.Version ?? 0) + (random.Next(2) == 0 ? 1 : -1),
            };
            // Mostly commands that can succeed (creating what is missing, working on what exists), but all of
            // them everywhere: editing a commitment that does not exist must be a clean 404 too.
            var kind = random.Next(100) switch
            {
                < 5 => "create",
                < 10 => "edit",
                < 15 => "transition",
                < 21 => "plan",
                < 24 => "focal",
                _ when current is null => "create",
                < 58 => "edit",
                _ => "transition",
            };

            string label;
            Func<Task> command;
            CommitmentDetails? sent = null;
            var spoiled = false;
            var to = CommitmentStatus.Proposed;
            string? reason = null;
            var planTo = PlanStatus.Preparation;
            switch (kind)
            {
                case "create":
                    // Usually the slot's own number; sometimes another one, which the plan may already have given away.
                    sent = details.Next(world.Details(random.Next(5) == 0 ? random.Next(1, CommitmentSlots + 1) : number), out spoiled);
                    label = $"{role} creates #{number} (number {sent.Number}{(spoiled ? ", spoiled" : "")})";
                    command = () => commitment.Create(actor, world.PlanId, sent);
                    break;
                case "edit":
                    sent = details.Next(current?.Details ?? world.Details(number), out spoiled);
                    if (random.Next(20) == 0 && current is not null)
                    {
                        (sent, spoiled) = (current.Details, false);
                    }
                    label = $"{role} edits #{number} at {expectedVersion?.ToString() ?? "any"}{(spoiled ? ", spoiled" : "")}";
                    command = () => commitment.UpdateDetails(actor, sent, expectedVersion);
                    break;
                case "transition":
                    var statuses = Enum.GetValues<CommitmentStatus>();
                    var next = CommitmentRules.NextStatuses(current?.Status ?? CommitmentStatus.Proposed);
                    to = next.Count > 0 && random.Next(10) < 7 ? next[random.Next(next.Count)] : statuses[random.Next(statuses.Length)];
                    reason = random.Next(5) switch
                    {
                        0 => null,
                        1 => " ",
                        2 => new string('r', CommitmentRules.MaxReasonLength + 1),
                        _ => "A reason.",
                    };
                    label = $"{role} moves #{number} {current?.Status.ToString() ?? "(none)"} → {to} at {expectedVersion?.ToString() ?? "any"}";
                    command = () => commitment.Transition(actor, to, reason, expectedVersion);
                    break;
                case "plan":
                    var planNext = PlanRules.NextStatuses(planStatus);
                    planTo = planNext.Count > 0 && random.Next(10) < 8 ? planNext[random.Next(planNext.Count)] : Enum.GetValues<PlanStatus>()[random.Next(7)];
                    label = $"{role} moves the plan {planStatus} → {planTo}";
                    command = () => world.Plan.Transition(actor, planTo, null, null);
                    break;
                default:
                    var keep = random.Next(2) == 0;
                    label = $"{role} {(keep ? "restores" : "removes")} the lead's focal point";
                    IReadOnlyList<string> focal = keep ? [world.UserOf(Role.LeadFocalPoint)] : [];
                    command = () => fixture.Grains.GetGrain<IInstitutionGrain>(world.Lead).SetFocalPoints(actor, focal, [world.UserOf(Role.LeadAlternate)], null);
                    break;
            }

            var planBefore = (await world.Plan.Get())!;
            string outcome;
            try
            {
                await command();
                outcome = "ok";
            }
            catch (DomainException e)
            {
                outcome = e.Kind.ToString();
            }
            log.Add($"{step}: {label} → {outcome}");
            outcomes.AddOrUpdate($"{kind}:{outcome}", 1, (_, n) => n + 1);
            var accepted = outcome == "ok";

            // Who can never do anything, and what can never be accepted.
            if (accepted && kind != "plan" && kind != "focal")
            {
                Assert.False(role is Role.Anonymous or Role.Participant or Role.MsfMemberWithoutSeat or Role.LeadFocalPointNoLongerListed, $"{role} was allowed: {label}");
                Assert.False(spoiled, $"Spoiled input was accepted: {label}");
                Assert.True(kind == "create" || expectedVersion is null || expectedVersion == current?.Version, $"A stale version was accepted: {label}");
            }
            if (accepted && kind is "plan" or "focal")
            {
                Assert.True(role is Role.Secretariat or Role.Admin, $"{role} was allowed: {label}");
            }

            // What the model expects the command to have done.
            var changedSlot = 0;
            if (accepted)
            {
                switch (kind)
                {
                    case "create":
                        changedSlot = number;
                        slot.Status = CommitmentStatus.Proposed;
                        break;
                    case "edit":
                        Assert.True(CommitmentRules.IsEditable(current!.Status), $"Edited while {current.Status}: {label}");
                        changedSlot = Changes.Same(current.Details, CommitmentRules.Normalize(sent)) ? 0 : number;
                        break;
                    case "transition":
                        Assert.True(CommitmentRules.IsValidTransition(current!.Status, to), $"Invalid move accepted: {label}");
                        Assert.True(to != CommitmentStatus.Withdrawn || !string.IsNullOrWhiteSpace(reason), $"Withdrawn without a reason: {label}");
                        if (to == CommitmentStatus.InImplementation)
                        {
                            Assert.True(PlanRules.AllowsImplementation(planBefore.Status), $"Implementation before adoption: {label}");
                        }
                        changedSlot = number;
                        slot.Status = to;
                        break;
                    case "plan":
                        Assert.True(PlanRules.IsValidTransition(planStatus, planTo), $"Invalid plan move accepted: {label}");
                        planStatus = planTo;
                        break;
                }
                if (changedSlot != 0)
                {
                    slots[changedSlot].Accepted++;
                }
            }

            await CheckInvariants(world, slots, changedSlot, planStatus, label, sent);
        }
    }

    private async Task CheckInvariants(TestWorld world, Dictionary<int, Slot> slots, int changedSlot, PlanStatus planStatus, string label, CommitmentDetails? sent)
    {
        var plan = (await world.Plan.Get())!;
        Assert.Equal(planStatus, plan.Status);
        Assert.Equal(plan.Version, fixture.Storage.EventsOf("plan", world.PlanId).Count);
        var institutions = new Dictionary<string, InstitutionView>();
        foreach (var id in new[] { world.Lead, world.Supporter, world.Other })
        {
            institutions[id] = (await fixture.Grains.GetGrain<IInstitutionGrain>(id).Get())!;
            Assert.Equal(institutions[id].Version, fixture.Storage.EventsOf("institution", id).Count);
        }

        var created = new List<CommitmentView>();
        foreach (var (number, slot) in slots)
        {
            var id = world.CommitmentId(number);
            var view = await world.Commitment(number).Get();
            if (view is not null)
            {
                created.Add(view);
            }
            var events = fixture.Storage.EventsOf("commitment", id);
            var json = JsonSerializer.Serialize(view);
            if (number == changedSlot)
            {
                Assert.True(json != slot.Json, $"#{number} should have changed after: {label}");
            }
            else
            {
                Assert.True(json == slot.Json, $"#{number} changed although nothing was accepted for it: {label}");
            }
            slot.Json = json;

            if (view is null)
            {
                Assert.Equal(0, slot.Accepted);
                Assert.Empty(events);
                continue;
            }
            // One version and one journal event per accepted change, never more, never on a refusal.
            Assert.Equal(slot.Accepted, view.Version);
            Assert.Equal(view.Version, events.Count);
            Assert.Equal(slot.Status, view.Status);
            if (number == changedSlot && sent is not null && label.Contains(" edits ", StringComparison.Ordinal))
            {
                Assert.True(Changes.Same(CommitmentRules.Normalize(sent), view.Details), $"The stored details are not what was sent: {label}");
            }

            // The stored commitment is valid on its own and against its plan.
            CommitmentRules.Validate(view.Details);
            Assert.Contains(plan.Axes, a => a.Id == view.Details.AxisId);
            Assert.True(view.Details.Start >= plan.Start && view.Details.End <= plan.End);
            Assert.Contains(id, plan.CommitmentIds);
            if (view.Status is CommitmentStatus.PendingApproval or CommitmentStatus.Approved or CommitmentStatus.InImplementation or CommitmentStatus.Completed)
            {
                CommitmentRules.CheckReadyForApproval(view.Details);
            }
            if (view.Status is CommitmentStatus.InImplementation or CommitmentStatus.Completed)
            {
                Assert.True(plan.Status >= PlanStatus.Adopted, $"#{number} is {view.Status} in a plan that is {plan.Status}");
            }

            // Institutions list exactly the commitments they lead and support.
            foreach (var (institutionId, institution) in institutions)
            {
                Assert.True((view.Details.LeadInstitutionId == institutionId) == institution.Leads.Contains(id),
                    $"{institutionId} lists #{number} among its leads wrongly (or misses it) after: {label}");
                Assert.True(view.Details.SupportingInstitutionIds.Contains(institutionId) == institution.Supports.Contains(id),
                    $"{institutionId} lists #{number} among its supports wrongly (or misses it) after: {label}");
            }
        }

        // Numbers are unique in the plan.
        Assert.Equal(created.Count, created.Select(c => c.Details.Number).Distinct().Count());
    }
}
