using OgpCoCreate.Commitments;
using OgpCoCreate.Security;

namespace OgpCoCreate.Approvals;

/// <summary>What this commitment puts in a person's inbox: the slots they may decide now, and the tasks of requested changes.</summary>
public sealed partial class ApprovalGrain
{
    public async Task<IReadOnlyList<InboxItem>> InboxFor(Actor actor, string? institutionId)
    {
        if (actor is null || !actor.IsAuthenticated)
        {
            return [];
        }
        var commitment = await GrainFactory.GetGrain<ICommitmentGrain>(Id).Get();
        if (commitment is null || (!ApprovalRules.AcceptsDecisions(commitment.Status) && S.Slots.Count == 0 && !S.Tasks.Any(t => t.ResolvedAt is null)))
        {
            return [];
        }
        var ctx = await LoadAsync(commitment);
        var view = View(ctx);
        var items = new List<InboxItem>();
        InboxItem Item(InboxItemKind kind, ApprovalSlotView slot, ApprovalCapacity? capacity, TaskRecord? task = null) => new(
            kind, Id, commitment.Details.Number, commitment.Details.Title, slot.Slot, slot.InstitutionId, slot.Stage,
            view.DueAt, slot.Overdue, capacity, task?.Id, task?.Reason, ctx.Hash);
        foreach (var slot in view.Slots)
        {
            var def = ctx.Chain.First(s => s.Slot == slot.Slot);
            var capacity = (await EntitleAsync(actor, def, ctx)).Capacity;
            if (capacity is not null)
            {
                if (slot.State == SlotState.Approved && slot.Stale)
                {
                    items.Add(Item(InboxItemKind.Stale, slot, capacity));
                }
                else if (slot.State == SlotState.ChangesRequested && S.Tasks.FirstOrDefault(t => t.Slot == slot.Slot && t.ResolvedAt is null) is { } own)
                {
                    items.Add(Item(InboxItemKind.ChangesRequested, slot, capacity, own));
                }
                else if (slot.Open && !slot.Fresh)
                {
                    items.Add(Item(slot.Overdue ? InboxItemKind.Overdue : InboxItemKind.Pending, slot, capacity));
                }
            }
            else if (actor.IsSecretariat && slot.Open && !slot.Fresh && slot.Overdue)
            {
                items.Add(Item(InboxItemKind.Overdue, slot, null));
            }
        }
        var lead = view.Slots[0];
        if ((await EntitleAsync(actor, ctx.Chain[0], ctx)).Capacity is { } leadCapacity)
        {
            foreach (var task in S.Tasks.Where(t => t.ResolvedAt is null))
            {
                items.Add(Item(InboxItemKind.Task, lead with { Slot = task.Slot }, leadCapacity, task));
            }
        }
        return institutionId is null
            ? items
            : [.. items.Where(i => i.InstitutionId == institutionId || (i.Kind == InboxItemKind.Task && lead.InstitutionId == institutionId))];
    }
}
