using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using OgpCoCreate.Journal;
using OgpCoCreate.Storage.Database;
using OgpCoCreate.Storage.Journal;
using Orleans.Storage;

namespace OgpCoCreate.Storage.GrainState;

/// <summary>
/// Orleans grain storage on the project's database. State is JSON (readable evidence, not an opaque blob);
/// the etag is a row version for optimistic concurrency; events a <see cref="JournaledState"/> recorded are
/// appended to the journal in the same transaction, so state and journal never disagree.
/// </summary>
public sealed class SqlGrainStorage(OgpDatabase database, TimeProvider clock) : IGrainStorage
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "SELECT etag, payload FROM grain_state WHERE grain_type = @t AND grain_key = @k AND state_name = @s")
            .With("@t", grainId.Type.ToString()).With("@k", grainId.Key.ToString()).With("@s", stateName);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.ETag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        grainState.State = JsonSerializer.Deserialize<T>(reader.GetString(1), Json) ?? Activator.CreateInstance<T>();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var type = grainId.Type.ToString()!;
        var key = grainId.Key.ToString()!;
        var payload = JsonSerializer.Serialize(grainState.State, Json);
        var now = clock.GetUtcNow();
        long newEtag;

        await using var connection = await database.OpenAsync();
        await using var transaction = await database.BeginWriteAsync(connection);
        if (grainState.ETag is null)
        {
            newEtag = 1;
            await using var insert = connection.Command(
                "INSERT INTO grain_state (grain_type, grain_key, state_name, etag, payload, updated_at) VALUES (@t, @k, @s, 1, @p, @at) ON CONFLICT DO NOTHING",
                transaction).With("@t", type).With("@k", key).With("@s", stateName).With("@p", payload).With("@at", now.ToString("O"));
            if (await insert.ExecuteNonQueryAsync() != 1)
            {
                throw new InconsistentStateException($"State of {grainId} was created by someone else meanwhile.", "(exists)", "(none)");
            }
        }
        else
        {
            var expected = long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
            newEtag = expected + 1;
            await using var update = connection.Command(
                "UPDATE grain_state SET etag = @n, payload = @p, updated_at = @at WHERE grain_type = @t AND grain_key = @k AND state_name = @s AND etag = @e",
                transaction).With("@n", newEtag).With("@p", payload).With("@at", now.ToString("O"))
                .With("@t", type).With("@k", key).With("@s", stateName).With("@e", expected);
            if (await update.ExecuteNonQueryAsync() != 1)
            {
                throw new InconsistentStateException($"State of {grainId} changed meanwhile (expected version {expected}).", "(changed)", grainState.ETag);
            }
        }

        if (grainState.State is JournaledState journaled)
        {
            await JournalWriter.AppendAsync(connection, transaction, type, key, journaled.PendingEvents);
        }
        await transaction.CommitAsync();

        // Only after the commit: a failed write leaves the events pending and the etag unchanged.
        (grainState.State as JournaledState)?.ClearPendingEvents();
        grainState.ETag = newEtag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await database.BeginWriteAsync(connection);
        await using var delete = connection.Command(
            "DELETE FROM grain_state WHERE grain_type = @t AND grain_key = @k AND state_name = @s", transaction)
            .With("@t", grainId.Type.ToString()).With("@k", grainId.Key.ToString()).With("@s", stateName);
        await delete.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
