using System.Data.Common;
using System.Globalization;
using OgpCoCreate.Journal;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Storage.Journal;

/// <summary>
/// Reads the public journal. A query over an append-only table, not a repository over grains: history is
/// evidence that outlives the grains' current state.
/// </summary>
public sealed class JournalReader(OgpDatabase database)
{
    public async Task<IReadOnlyList<JournalEntry>> ForGrainAsync(string grainType, string grainKey, long afterSequence = 0, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT seq, grain_type, grain_key, event_type, actor_id, actor_name, at, payload FROM journal WHERE grain_type = @t AND grain_key = @k AND seq > @after ORDER BY seq LIMIT @limit")
            .With("@t", grainType).With("@k", grainKey).With("@after", afterSequence).With("@limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<JournalEntry>> AllAsync(long afterSequence = 0, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT seq, grain_type, grain_key, event_type, actor_id, actor_name, at, payload FROM journal WHERE seq > @after ORDER BY seq LIMIT @limit")
            .With("@after", afterSequence).With("@limit", limit);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<JournalEntry>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new JournalEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), reader.GetString(7)));
        }
        return entries;
    }
}
