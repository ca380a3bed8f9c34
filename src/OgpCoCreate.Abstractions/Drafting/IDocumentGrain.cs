using OgpCoCreate.Ot;
using OgpCoCreate.Security;
using Orleans.Concurrency;

namespace OgpCoCreate.Drafting;

/// <summary>
/// The sequencer of one live text, keyed <c>{commitmentId}/{field}</c>. Orleans' single activation makes it
/// the one place where concurrent ops are ordered, across the whole cluster.
/// </summary>
[Alias("ogp.IDocumentGrain")]
public interface IDocumentGrain : IGrainWithStringKey
{
    /// <summary>The current text at a durable version.</summary>
    [Alias("Open")]
    Task<DocumentSnapshot> Open(Actor actor);

    /// <summary>
    /// Transforms <paramref name="op"/> (written against <paramref name="baseVersion"/>) over everything
    /// accepted since, applies it, makes it durable, then returns the version it got. A resubmitted
    /// (<paramref name="clientId"/>, <paramref name="seq"/>) returns the original version and changes nothing.
    /// </summary>
    [Alias("Submit")]
    Task<long> Submit(Actor actor, long baseVersion, TextOp op, string clientId, long seq);

    /// <summary>The accepted ops with version &gt; <paramref name="fromVersion"/>, in order (catch-up).</summary>
    [Alias("GetOps")]
    Task<IReadOnlyList<AcceptedOp>> GetOps(long fromVersion, int limit);

    /// <summary>Puts the initial text in an empty document (version 0 only); idempotent for seeding.</summary>
    [Alias("Initialize")]
    Task<long> Initialize(Actor actor, string text);

    [Alias("UpdatePresence")]
    Task UpdatePresence(Actor actor, string connectionId, long version, Cursor? cursor);

    [Alias("Leave")]
    Task Leave(string connectionId);

    [Alias("GetPresence")]
    Task<DocumentPresence> GetPresence();

    /// <summary>Registers a relay (one per server process); must be renewed before it expires.</summary>
    [Alias("Subscribe")]
    Task Subscribe(IDocumentObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IDocumentObserver observer);

    /// <summary>The text as it was at <paramref name="version"/> (from the nearest snapshot plus the log).</summary>
    [Alias("GetTextAt")]
    Task<DocumentSnapshot> GetTextAt(long version);

    [Alias("NameVersion")]
    Task<NamedVersion> NameVersion(Actor actor, string name);

    [Alias("GetNamedVersions")]
    Task<IReadOnlyList<NamedVersion>> GetNamedVersions();

    /// <summary>Makes the text what it was at <paramref name="version"/>, as one new op: nobody's history is erased.</summary>
    [Alias("Restore")]
    Task<long> Restore(Actor actor, long version);
}

/// <summary>Events a document pushes to the per-process relay, which forwards them to SignalR groups.</summary>
[Alias("ogp.IDocumentObserver")]
public interface IDocumentObserver : IGrainObserver
{
    [OneWay, Alias("OpApplied")]
    Task OpApplied(string documentId, AcceptedOp op);

    [OneWay, Alias("PresenceChanged")]
    Task PresenceChanged(DocumentPresence presence);
}
