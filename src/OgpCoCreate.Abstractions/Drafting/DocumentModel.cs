using OgpCoCreate.Ot;

namespace OgpCoCreate.Drafting;

/// <summary>What <c>OpenDocument</c> answers: the text at a version that is already durable.</summary>
[GenerateSerializer, Immutable, Alias("ogp.DocumentSnapshot")]
public sealed record DocumentSnapshot(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] long Version,
    [property: Id(2)] string Text);

/// <summary>An op as the sequencer accepted it: transformed to apply at <see cref="Version"/> − 1.</summary>
[GenerateSerializer, Immutable, Alias("ogp.AcceptedOp")]
public sealed record AcceptedOp(
    [property: Id(0)] long Version,
    [property: Id(1)] TextOp Op,
    [property: Id(2)] string ClientId,
    [property: Id(3)] long Seq,
    [property: Id(4)] string AuthorId,
    [property: Id(5)] string AuthorName,
    [property: Id(6)] DateTimeOffset At);

/// <summary>A cursor or selection in code points (anchor = focus for a caret).</summary>
[GenerateSerializer, Immutable, Alias("ogp.Cursor")]
public sealed record Cursor(
    [property: Id(0)] int Anchor,
    [property: Id(1)] int Focus);

[GenerateSerializer, Immutable, Alias("ogp.PresenceUser")]
public sealed record PresenceUser(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Name,
    [property: Id(2)] Cursor? Cursor,
    [property: Id(3)] string ConnectionId);

[GenerateSerializer, Immutable, Alias("ogp.DocumentPresence")]
public sealed record DocumentPresence(
    [property: Id(0)] string DocumentId,
    [property: Id(1)] IReadOnlyList<PresenceUser> Users);

[GenerateSerializer, Immutable, Alias("ogp.NamedVersion")]
public sealed record NamedVersion(
    [property: Id(0)] long Version,
    [property: Id(1)] string Name,
    [property: Id(2)] string AuthorId,
    [property: Id(3)] string AuthorName,
    [property: Id(4)] DateTimeOffset At);

/// <summary>The limits every document enforces (refused with a clear message, nothing changed).</summary>
public static class DocumentLimits
{
    /// <summary>Largest text, in code points (the longest real trace, a whole paper, is ~105k).</summary>
    public const int MaxDocumentCodePoints = 500_000;

    /// <summary>Largest single op: components and inserted code points.</summary>
    public const int MaxOpComponents = 2_000;
    public const int MaxInsertCodePoints = 100_000;

    /// <summary>How far behind the head a base version may be before the client must resync.</summary>
    public const int MaxLag = 1_000;

    /// <summary>A snapshot every so many ops keeps loading and version reconstruction cheap.</summary>
    public const int SnapshotEvery = 500;

    public const int MaxClientIdLength = 100;
}
