using Microsoft.Extensions.Logging;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;
using OgpCoCreate.Ot;
using OgpCoCreate.Security;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace OgpCoCreate.Drafting;

/// <summary>
/// The OT sequencer of one live text. Reentrant on purpose: the in-memory step of a submit (transform,
/// apply, enqueue to the log) runs without an await, so it is atomic within the activation; only the
/// wait for durability interleaves. That lets many ops of one document share one group commit instead
/// of paying one fsync each, while every reader and every broadcast only ever sees durable versions.
/// </summary>
[Reentrant]
[GrainType("document")]
public sealed partial class DocumentGrain(IDocumentLog log, TimeProvider clock, ILogger<DocumentGrain> logger) : Grain, IDocumentGrain
{
    private readonly CodePointBuffer text = new();
    private readonly OpWindow window = new();
    private readonly Dictionary<string, (long Seq, long Version)> clients = new(StringComparer.Ordinal);
    private readonly ObserverManager<IDocumentObserver> observers = new(TimeSpan.FromMinutes(2), logger);
    private readonly PresenceTracker presence = new();
    private long version;
    private long durableVersion;
    private long broadcastVersion;
    private Task lastAppend = Task.CompletedTask;
    private long lastAppendVersion;
    private Exception? failure;
    private CommitmentView? commitment;
    private DateTimeOffset commitmentFetchedAt;
    private IGrainTimer? presenceTimer;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        log.Reset(Id);
        var snapshot = await log.LatestSnapshotAsync(Id);
        var snapshotVersion = snapshot?.Version ?? 0;
        if (snapshot is not null)
        {
            text.Apply(TextOp.Insert(0, snapshot.Text));
        }
        // Keep the last MaxLag ops in memory, even those the snapshot already contains: clients whose base
        // version is older than the snapshot still need them to be transformed.
        var from = Math.Max(0, snapshotVersion - DocumentLimits.MaxLag);
        window.Reset(from);
        foreach (var stored in await log.ReadAsync(Id, from))
        {
            var op = TextOp.Parse(stored.OpJson);
            if (stored.Version > snapshotVersion)
            {
                text.Apply(op);
            }
            var accepted = new AcceptedOp(stored.Version, op, stored.ClientId, stored.Seq, stored.AuthorId, stored.AuthorName, stored.At);
            window.Add(accepted);
            clients[stored.ClientId] = (stored.Seq, stored.Version);
        }
        version = durableVersion = broadcastVersion = lastAppendVersion = Math.Max(snapshotVersion, window.Head);
        this.RegisterGrainTimer(_ => ExpirePresence(), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<DocumentSnapshot> Open(Actor actor)
    {
        await RequireCommitment();
        var (snapshotText, snapshotVersion) = (text.ToString(), version);
        await DurableUpTo(snapshotVersion);
        return new DocumentSnapshot(Id, snapshotVersion, snapshotText);
    }

    public async Task<long> Submit(Actor actor, long baseVersion, TextOp op, string clientId, long seq)
    {
        ThrowIfFailed();
        await RequireEditRights(actor);
        ThrowIfFailed();

        // Everything from here to the append is synchronous: no other call runs in between.
        if (string.IsNullOrWhiteSpace(clientId) || clientId.Length > DocumentLimits.MaxClientIdLength)
        {
            throw Invalid($"clientId must be 1 to {DocumentLimits.MaxClientIdLength} characters.");
        }
        if (seq < 0)
        {
            throw Invalid("seq must be zero or positive.");
        }
        if (clients.TryGetValue(clientId, out var last) && seq <= last.Seq)
        {
            var original = seq == last.Seq ? last.Version : window.Find(clientId, seq)?.Version
                ?? throw DomainException.Conflict($"Op {seq} of client {clientId} is older than its last accepted op ({last.Seq}); it was already applied.");
            await DurableUpTo(original);
            return original;
        }
        if (baseVersion < 0 || baseVersion > version)
        {
            throw Invalid($"baseVersion {baseVersion} is not a version of this document (it is at version {version}).");
        }
        if (baseVersion < window.Base)
        {
            throw DomainException.Conflict($"Your copy is too far behind (version {baseVersion}, the server keeps ops from {window.Base}): reopen the document to resynchronise.");
        }
        CheckOpLimits(op);

        var transformed = op;
        foreach (var concurrent in window.After(baseVersion))
        {
            transformed = TextUnicode.Transform(transformed, concurrent.Op, Side.Left);
        }
        if (text.Length + transformed.LengthChange > DocumentLimits.MaxDocumentCodePoints)
        {
            throw Invalid($"The text would be longer than {DocumentLimits.MaxDocumentCodePoints} characters.");
        }
        TextOp recorded;
        try
        {
            text.CheckCanApply(transformed);
            // Record deleted text so history, authorship and restore can read it back.
            recorded = TextUnicode.MakeInvertible(transformed, text);
            text.Apply(transformed);
        }
        catch (OtException e)
        {
            throw Invalid(e.Message);
        }

        var accepted = new AcceptedOp(++version, recorded, clientId, seq, actor.UserId, actor.DisplayName, clock.GetUtcNow());
        window.Add(accepted);
        window.TrimTo(DocumentLimits.MaxLag, keepAfter: broadcastVersion);
        clients[clientId] = (seq, accepted.Version);
        presence.Transform(transformed);
        var snapshot = accepted.Version % DocumentLimits.SnapshotEvery == 0 ? new StoredSnapshot(accepted.Version, text.ToString(), accepted.At) : null;
        var append = log.AppendAsync(Id, new StoredOp(accepted.Version, recorded.ToJson(), clientId, seq, actor.UserId, actor.DisplayName, accepted.At));
        lastAppend = append;
        lastAppendVersion = accepted.Version;

        await AwaitDurable(append, accepted.Version);
        OgpCoCreate.Approvals.ApprovalSignals.DocumentChanged(GrainFactory, Id);
        if (snapshot is not null)
        {
            await log.SaveSnapshotAsync(Id, snapshot);
        }
        return accepted.Version;
    }

    public async Task<IReadOnlyList<AcceptedOp>> GetOps(long fromVersion, int limit)
    {
        await RequireCommitment();
        if (fromVersion < 0 || fromVersion > version)
        {
            throw Invalid($"fromVersion {fromVersion} is not a version of this document (it is at version {version}).");
        }
        limit = Math.Clamp(limit, 1, 10_000);
        if (fromVersion >= window.Base)
        {
            var ops = window.After(fromVersion).Take(limit).ToList();
            if (ops.Count > 0)
            {
                await DurableUpTo(ops[^1].Version);
            }
            return ops;
        }
        var stored = await log.ReadAsync(Id, fromVersion, long.MaxValue, limit);
        return [.. stored.Select(s => new AcceptedOp(s.Version, TextOp.Parse(s.OpJson), s.ClientId, s.Seq, s.AuthorId, s.AuthorName, s.At))];
    }

    public async Task<long> Initialize(Actor actor, string initialText)
    {
        await RequireCommitment();
        if (!actor.IsSecretariat)
        {
            throw DomainException.Forbidden("Only the secretariat or the system can set a document's initial text.");
        }
        if (version > 0 || string.IsNullOrEmpty(initialText))
        {
            return version;
        }
        return await Submit(actor, 0, TextOp.Insert(0, initialText), "initial-text", 0);
    }

    public async Task UpdatePresence(Actor actor, string connectionId, long atVersion, Cursor? cursor)
    {
        await RequireCommitment();
        if (cursor is not null)
        {
            if (atVersion < window.Base || atVersion > version)
            {
                cursor = null;
            }
            else
            {
                foreach (var op in window.After(atVersion))
                {
                    cursor = new Cursor(TextUnicode.TransformPosition(cursor.Anchor, op.Op), TextUnicode.TransformPosition(cursor.Focus, op.Op));
                }
                cursor = cursor is { Anchor: >= 0, Focus: >= 0 } && cursor.Anchor <= text.Length && cursor.Focus <= text.Length ? cursor : null;
            }
        }
        presence.Set(connectionId, actor.UserId, actor.DisplayName, cursor, clock.GetUtcNow());
        SchedulePresenceBroadcast();
    }

    public Task Leave(string connectionId)
    {
        if (presence.Remove(connectionId))
        {
            SchedulePresenceBroadcast();
        }
        return Task.CompletedTask;
    }

    public Task<DocumentPresence> GetPresence() => Task.FromResult(new DocumentPresence(Id, presence.Users()));

    public Task Subscribe(IDocumentObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IDocumentObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<DocumentSnapshot> GetTextAt(long atVersion)
    {
        await RequireCommitment();
        if (atVersion < 0 || atVersion > version)
        {
            throw Invalid($"Version {atVersion} does not exist (the document is at version {version}).");
        }
        await DurableUpTo(atVersion);
        if (atVersion == version)
        {
            return new DocumentSnapshot(Id, version, text.ToString());
        }
        var snapshot = await log.LatestSnapshotAsync(Id, atVersion);
        var buffer = new CodePointBuffer(snapshot?.Text ?? "");
        foreach (var stored in await log.ReadAsync(Id, snapshot?.Version ?? 0, atVersion))
        {
            buffer.Apply(TextOp.Parse(stored.OpJson));
        }
        return new DocumentSnapshot(Id, atVersion, buffer.ToString());
    }

    public async Task<NamedVersion> NameVersion(Actor actor, string name)
    {
        await RequireEditRights(actor);
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            throw Invalid("A version name must be 1 to 200 characters.");
        }
        var named = new NamedVersion(version, name.Trim(), actor.UserId, actor.DisplayName, clock.GetUtcNow());
        await DurableUpTo(named.Version);
        await log.SaveNamedVersionAsync(Id, named);
        return named;
    }

    public Task<IReadOnlyList<NamedVersion>> GetNamedVersions() => log.NamedVersionsAsync(Id);

    public async Task<long> Restore(Actor actor, long toVersion)
    {
        await RequireEditRights(actor);
        var old = await GetTextAt(toVersion);
        var (current, at) = (text.ToString(), version);
        var op = TextDiff.OpFromTo(current, old.Text);
        return op.IsNoop ? version : await Submit(actor, at, op, $"restore-{Guid.NewGuid():N}", 0);
    }

    private async Task AwaitDurable(Task append, long appendedVersion)
    {
        try
        {
            await append;
        }
        catch (Exception e)
        {
            Fail(e);
            throw new DomainException(DomainErrorKind.Conflict, "The server could not save this change; nothing was lost that it had confirmed. Resubmit it (same clientId and seq).", null);
        }
        MarkDurable(appendedVersion);
    }

    /// <summary>Waits until every version up to <paramref name="target"/> is committed.</summary>
    private async Task DurableUpTo(long target)
    {
        while (durableVersion < target)
        {
            ThrowIfFailed();
            await AwaitDurable(lastAppend, lastAppendVersion);
        }
    }

    /// <summary>Appends of one document commit in order, so version v durable means all before it are too.</summary>
    private void MarkDurable(long durable)
    {
        if (durable <= durableVersion)
        {
            return;
        }
        durableVersion = durable;
        foreach (var op in window.After(broadcastVersion).TakeWhile(o => o.Version <= durableVersion))
        {
            observers.Notify(o => o.OpApplied(Id, op));
            broadcastVersion = op.Version;
        }
    }

    private void Fail(Exception e)
    {
        if (failure is null)
        {
            failure = e;
            LogAppendFailed(logger, Id, e);
            // Memory may hold ops that never became durable: start again from what the store has.
            DeactivateOnIdle();
        }
    }

    private void ThrowIfFailed()
    {
        if (failure is not null)
        {
            throw new DomainException(DomainErrorKind.Conflict, "This document is reloading after a storage error; try again in a moment.", null);
        }
    }

    private async Task<CommitmentView> RequireCommitment()
    {
        if (commitment is null || clock.GetUtcNow() - commitmentFetchedAt > TimeSpan.FromSeconds(5))
        {
            var parsed = DraftingRules.ParseDocumentId(Id) ?? throw DomainException.NotFound($"'{Id}' is not a document: use '{{commitmentId}}/{{field}}' with a field among {string.Join(", ", CommitmentTextFields.All)}.");
            commitment = await GrainFactory.GetGrain<ICommitmentGrain>(parsed.CommitmentId).Get()
                ?? throw DomainException.NotFound($"There is no commitment '{parsed.CommitmentId}', so no document '{Id}'.");
            commitmentFetchedAt = clock.GetUtcNow();
        }
        return commitment;
    }

    private static void CheckOpLimits(TextOp op)
    {
        if (op.Count > DocumentLimits.MaxOpComponents)
        {
            throw Invalid($"An op may have at most {DocumentLimits.MaxOpComponents} components ({op.Count} given).");
        }
        var inserted = op.Components.Where(c => c.IsInsert).Sum(c => (long)c.Length);
        if (inserted > DocumentLimits.MaxInsertCodePoints)
        {
            throw Invalid($"An op may insert at most {DocumentLimits.MaxInsertCodePoints} characters ({inserted} given).");
        }
    }

    private static DomainException Invalid(string message) => new(DomainErrorKind.Invalid, message, null);

    private void SchedulePresenceBroadcast()
    {
        // Throttled: many cursor moves within 100 ms become one broadcast.
        presenceTimer ??= this.RegisterGrainTimer(BroadcastPresence, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);
    }

    private Task BroadcastPresence(CancellationToken cancellationToken)
    {
        presenceTimer?.Dispose();
        presenceTimer = null;
        var snapshot = new DocumentPresence(Id, presence.Users());
        observers.Notify(o => o.PresenceChanged(snapshot));
        return Task.CompletedTask;
    }

    private Task ExpirePresence()
    {
        if (presence.RemoveOlderThan(clock.GetUtcNow() - TimeSpan.FromSeconds(90)))
        {
            SchedulePresenceBroadcast();
        }
        observers.ClearExpired();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not make an op of {DocumentId} durable; reloading the document")]
    private static partial void LogAppendFailed(ILogger logger, string documentId, Exception exception);
}
