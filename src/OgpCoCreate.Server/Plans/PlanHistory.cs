using OgpCoCreate.Http;
using OgpCoCreate.Journal;
using OgpCoCreate.Storage.Journal;

namespace OgpCoCreate.Plans;

/// <summary>
/// A plan's history together with its commitments', in journal order. Each grain's journal is read from
/// <c>after</c> with the page's limit and the pages are merged: the first <c>limit</c> entries of the merge
/// are exactly the first <c>limit</c> of the combined history, because each part is in sequence order.
/// </summary>
public static class PlanHistory
{
    public static async Task<IReadOnlyList<JournalEntry>> ReadAsync(JournalReader journal, PlanView plan, bool includeCommitments, JournalPage page, CancellationToken cancellationToken)
    {
        var sources = new List<(string Type, string Key)> { ("plan", plan.Id) };
        if (includeCommitments)
        {
            sources.AddRange(plan.CommitmentIds.Select(id => ("commitment", id)));
        }
        var parts = new List<IReadOnlyList<JournalEntry>>();
        foreach (var (type, key) in sources)
        {
            // One after the other: SQLite serves one connection's reads at a time anyway.
            parts.Add(await journal.ForGrainAsync(type, key, page.After, page.Limit, cancellationToken));
        }
        return [.. parts.SelectMany(p => p).OrderBy(e => e.Sequence).Take(page.Limit)];
    }
}
