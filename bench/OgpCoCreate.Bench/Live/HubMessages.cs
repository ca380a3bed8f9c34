using OgpCoCreate.Ot;

namespace OgpCoCreate.Bench.Live;

// The shapes of the real-time contract (docs/realtime.md), as a client reads them. Ops travel as
// text-unicode JSON; TextOp's JSON converter reads and writes that format.

public sealed record OpenedDocument(string DocumentId, long Version, string Text);

public sealed record SubmitResult(long Version);

public sealed record OpEntry(long Version, TextOp Op, string ClientId, long Seq);

public sealed record OpAppliedMessage(string DocumentId, long Version, TextOp Op, string ClientId, long Seq, string AuthorId, string AuthorName);
