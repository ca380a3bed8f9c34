using System.Data.Common;
using OgpCoCreate.Journal;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Storage.Journal;

/// <summary>Appends events inside a transaction someone else owns (the grain-state write).</summary>
public static class JournalWriter
{
    public static async Task AppendAsync(DbConnection connection, DbTransaction transaction, string grainType, string grainKey, IReadOnlyList<JournalEvent> events)
    {
        foreach (var e in events)
        {
            await using var insert = connection.Command(
                "INSERT INTO journal (at, actor_id, actor_name, grain_type, grain_key, event_type, payload) VALUES (@at, @a, @an, @t, @k, @e, @p)",
                transaction)
                .With("@at", e.At.ToUniversalTime().ToString("O")).With("@a", e.ActorId).With("@an", e.ActorName)
                .With("@t", grainType).With("@k", grainKey).With("@e", e.EventType).With("@p", e.PayloadJson);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
