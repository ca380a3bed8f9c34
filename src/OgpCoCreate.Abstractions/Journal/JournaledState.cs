using System.Text.Json;
using OgpCoCreate.Security;
using System.Text.Json.Serialization;

namespace OgpCoCreate.Journal;

/// <summary>
/// Base of every grain state whose changes are evidence. Events recorded here are written by the storage
/// provider in the same database transaction as the state itself, so the journal never disagrees with the
/// state it describes (a crash between "state saved" and "event saved" cannot happen).
/// </summary>
[GenerateSerializer, Alias("ogp.JournaledState")]
public abstract class JournaledState
{
    // Enums as names: the journal is public evidence, read by people and by other tools, not only by us.
    private static readonly JsonSerializerOptions PayloadOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    // Not serialized by Orleans (no [Id]) nor by JSON: pending events live only until the next write.
    [NonSerialized]
    private List<JournalEvent>? pending;

    [JsonIgnore]
    public IReadOnlyList<JournalEvent> PendingEvents => pending ?? (IReadOnlyList<JournalEvent>)[];

    public void Record(Actor actor, string eventType, object payload, TimeProvider? clock = null)
    {
        var json = JsonSerializer.Serialize(payload, payload.GetType(), PayloadOptions);
        (pending ??= []).Add(new JournalEvent(eventType, actor.UserId, actor.DisplayName,
            (clock ?? TimeProvider.System).GetUtcNow(), json));
    }

    public void ClearPendingEvents() => pending?.Clear();
}
