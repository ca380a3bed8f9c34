using OgpCoCreate.Drafting;
using OgpCoCreate.Ot;

namespace OgpCoCreate.Realtime;

/// <summary>The exact shapes of the real-time contract (docs/realtime.md); ops are text-unicode JSON.</summary>
public static class HubPayloads
{
    public sealed record OpenedDocument(string DocumentId, long Version, string Text);

    public sealed record SubmitResult(long Version);

    public sealed record OpEntry(long Version, TextOp Op, string ClientId, long Seq);

    public sealed record OpAppliedMessage(string DocumentId, long Version, TextOp Op, string ClientId, long Seq, string AuthorId, string AuthorName);

    public sealed record CursorPayload(int Anchor, int Focus);

    public sealed record PresenceUserPayload(string UserId, string Name, CursorPayload? Cursor);

    public sealed record PresenceMessage(string DocumentId, IReadOnlyList<PresenceUserPayload> Users);

    public static OpAppliedMessage Op(string documentId, AcceptedOp op) =>
        new(documentId, op.Version, op.Op, op.ClientId, op.Seq, op.AuthorId, op.AuthorName);

    public static PresenceMessage Presence(DocumentPresence presence) =>
        new(presence.DocumentId, [.. presence.Users.Select(u => new PresenceUserPayload(u.UserId, u.Name, u.Cursor is null ? null : new CursorPayload(u.Cursor.Anchor, u.Cursor.Focus)))]);
}
