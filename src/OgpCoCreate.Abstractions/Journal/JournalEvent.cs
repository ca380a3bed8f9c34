namespace OgpCoCreate.Journal;

/// <summary>
/// One entry of the append-only journal: who did what, when, to which grain. The payload is JSON so the
/// public repository, history pages and exports can read it without knowing every grain's types.
/// </summary>
[GenerateSerializer, Immutable, Alias("ogp.JournalEvent")]
public sealed record JournalEvent(
    [property: Id(0)] string EventType,
    [property: Id(1)] string ActorId,
    [property: Id(2)] string ActorName,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string PayloadJson);

/// <summary>A journal entry as read back from the store, with its position and the grain it belongs to.</summary>
[GenerateSerializer, Immutable, Alias("ogp.JournalEntry")]
public sealed record JournalEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string GrainType,
    [property: Id(2)] string GrainKey,
    [property: Id(3)] string EventType,
    [property: Id(4)] string ActorId,
    [property: Id(5)] string ActorName,
    [property: Id(6)] DateTimeOffset At,
    [property: Id(7)] string PayloadJson);
