using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;
using static OgpCoCreate.Realtime.HubPayloads;

namespace OgpCoCreate.Realtime;

/// <summary>Live drafting over the hub: the document part of the real-time contract.</summary>
public sealed partial class CoCreateHub
{
    private const string OpenDocumentsKey = "ogp.documents";
    private const string RateLimiterKey = "ogp.rate";

    public async Task<OpenedDocument> OpenDocument(string documentId)
    {
        CheckDocumentId(documentId);
        // Join the group before taking the snapshot, so no op falls between the two. The client ignores the
        // OpApplied messages whose version its snapshot already contains.
        var joined = OpenDocuments.Add(documentId);
        if (joined)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, DocumentRelay.Group(documentId));
            await relay.WatchAsync(documentId);
        }
        try
        {
            var snapshot = await grains.GetGrain<IDocumentGrain>(documentId).Open(Actor);
            return new OpenedDocument(snapshot.DocumentId, snapshot.Version, snapshot.Text);
        }
        catch when (joined)
        {
            await CloseDocument(documentId);
            throw;
        }
    }

    public async Task<SubmitResult> SubmitOp(string documentId, long baseVersion, JsonElement op, string clientId, long seq)
    {
        CheckDocumentId(documentId);
        if (!RateLimiter.TryTake())
        {
            throw new HubException($"Too many ops: at most {ConnectionRateLimiter.OpsPerSecond:0} per second on one connection. Slow down and resubmit (same clientId and seq).");
        }
        TextOp parsed;
        try
        {
            parsed = TextOp.FromJson(op);
        }
        catch (OtException e)
        {
            throw new HubException($"The op is not a valid text-unicode op: {e.Message}");
        }
        var version = await grains.GetGrain<IDocumentGrain>(documentId).Submit(Actor, baseVersion, parsed, clientId, seq);
        return new SubmitResult(version);
    }

    public async Task<IReadOnlyList<OpEntry>> GetOps(string documentId, long fromVersion)
    {
        CheckDocumentId(documentId);
        var ops = await grains.GetGrain<IDocumentGrain>(documentId).GetOps(fromVersion, 10_000);
        return [.. ops.Select(o => new OpEntry(o.Version, o.Op, o.ClientId, o.Seq))];
    }

    public async Task CloseDocument(string documentId)
    {
        CheckDocumentId(documentId);
        if (OpenDocuments.Remove(documentId))
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, DocumentRelay.Group(documentId));
            await relay.ReleaseAsync(documentId);
            await grains.GetGrain<IDocumentGrain>(documentId).Leave(Context.ConnectionId);
        }
    }

    /// <summary>Where this user's caret or selection is, at <paramref name="version"/> (null: none).</summary>
    public async Task UpdatePresence(string documentId, long version, CursorPayload? cursor)
    {
        CheckDocumentId(documentId);
        if (!OpenDocuments.Contains(documentId))
        {
            throw new HubException($"Open the document '{documentId}' before sending your cursor.");
        }
        await grains.GetGrain<IDocumentGrain>(documentId).UpdatePresence(Actor, Context.ConnectionId, version, cursor is null ? null : new Cursor(cursor.Anchor, cursor.Focus));
    }

    private async Task CloseAllDocuments()
    {
        foreach (var documentId in OpenDocuments.ToList())
        {
            try
            {
                await CloseDocument(documentId);
            }
            catch (Exception e)
            {
                LogCloseFailed(logger, documentId, e);
            }
        }
    }

    private HashSet<string> OpenDocuments =>
        (HashSet<string>)(Context.Items.TryGetValue(OpenDocumentsKey, out var set) ? set! : Context.Items[OpenDocumentsKey] = new HashSet<string>(StringComparer.Ordinal));

    private ConnectionRateLimiter RateLimiter =>
        (ConnectionRateLimiter)(Context.Items.TryGetValue(RateLimiterKey, out var limiter) ? limiter! : Context.Items[RateLimiterKey] = new ConnectionRateLimiter(TimeProvider.System));

    private static void CheckDocumentId(string documentId)
    {
        if (string.IsNullOrWhiteSpace(documentId) || documentId.Length > 200 || DraftingRules.ParseDocumentId(documentId) is null)
        {
            throw new HubException($"'{documentId}' is not a document id: use '{{commitmentId}}/{{field}}', e.g. 'tn-nap5-01/problem'.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing {DocumentId} on disconnect failed")]
    private static partial void LogCloseFailed(ILogger logger, string documentId, Exception exception);
}
