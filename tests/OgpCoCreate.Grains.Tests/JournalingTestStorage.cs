using System.Text.Json;
using OgpCoCreate.Journal;
using Orleans.Storage;

namespace OgpCoCreate.Grains.Tests;

/// <summary>
/// In-memory grain storage that behaves like the real provider where the grains can tell: state goes through
/// JSON (so state types must survive the round trip the SQL store makes), the etag is a row version, and the
/// events a <see cref="JournaledState"/> recorded are appended to a journal in the same step as the state. It
/// also lets a test make the next write of a grain fail, as a lost database would.
/// </summary>
public sealed class JournalingTestStorage : IGrainStorage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lock gate = new();
    private readonly Dictionary<string, (long ETag, string Payload)> rows = [];
    private readonly Dictionary<string, List<JournalEvent>> journal = [];
    private readonly HashSet<string> failNextWrite = [];

    /// <summary>The journal of one grain, e.g. <c>("commitment", "tn-nap5-01")</c>, oldest first.</summary>
    public IReadOnlyList<JournalEvent> EventsOf(string grainType, string key)
    {
        lock (gate)
        {
            return journal.TryGetValue($"{grainType}/{key}", out var events) ? [.. events] : [];
        }
    }

    public void FailNextWriteOf(string grainType, string key)
    {
        lock (gate)
        {
            failNextWrite.Add($"{grainType}/{key}");
        }
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (gate)
        {
            if (rows.TryGetValue(RowKey(stateName, grainId), out var row))
            {
                grainState.State = JsonSerializer.Deserialize<T>(row.Payload, Json)!;
                grainState.ETag = row.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture);
                grainState.RecordExists = true;
            }
            else
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
            }
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grainKey = $"{grainId.Type}/{grainId.Key}";
        var rowKey = RowKey(stateName, grainId);
        lock (gate)
        {
            if (failNextWrite.Remove(grainKey))
            {
                throw new InvalidOperationException($"Simulated storage failure for {grainKey}.");
            }
            var current = rows.TryGetValue(rowKey, out var row) ? row.ETag.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            if (current != grainState.ETag)
            {
                throw new InconsistentStateException($"State of {grainId} changed meanwhile.", current ?? "(none)", grainState.ETag ?? "(none)");
            }
            var next = row.ETag + 1;
            rows[rowKey] = (next, JsonSerializer.Serialize(grainState.State, Json));
            if (grainState.State is JournaledState journaled)
            {
                if (!journal.TryGetValue(grainKey, out var events))
                {
                    journal[grainKey] = events = [];
                }
                events.AddRange(journaled.PendingEvents);
                journaled.ClearPendingEvents();
            }
            grainState.ETag = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (gate)
        {
            rows.Remove(RowKey(stateName, grainId));
        }
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private static string RowKey(string stateName, GrainId grainId) => $"{grainId.Type}/{grainId.Key}/{stateName}";
}
