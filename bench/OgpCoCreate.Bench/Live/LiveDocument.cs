using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using OgpCoCreate.Ot;

namespace OgpCoCreate.Bench.Live;

/// <summary>
/// A ShareDB-style client of one live document over the hub (the algorithm of docs/realtime.md): the local
/// text is edited at once; at most one op is in flight and later edits are composed into a buffer; every
/// <c>OpApplied</c> of someone else is transformed against the in-flight and buffered ops and applied; the
/// own op is acknowledged by its <c>OpApplied</c> (same clientId and seq) or by the <c>SubmitOp</c> answer,
/// whichever comes first, and only once every earlier version has been applied. Messages may arrive out of
/// version order: they wait until they are next. Usable by benchmarks and tests alike; a watcher is simply a
/// client that never edits.
/// </summary>
public sealed class LiveDocument : IDisposable
{
    private readonly HubConnection connection;
    private readonly Lock gate = new();
    private readonly SortedDictionary<long, OpAppliedMessage> waiting = [];
    private readonly IDisposable subscription;
    private CodePointBuffer text = new();
    private long version = -1;
    private TextOp? inflight;
    private long inflightSeq;
    private long? inflightAckedAt;
    private TextOp? buffered;
    private long nextSeq = 1;
    private Exception? failure;

    private LiveDocument(HubConnection connection, string documentId, string clientId)
    {
        this.connection = connection;
        DocumentId = documentId;
        ClientId = clientId;
        subscription = connection.On<OpAppliedMessage>("OpApplied", m => OnOpApplied(m, raiseReceived: true));
    }

    public string DocumentId { get; }

    public string ClientId { get; }

    /// <summary>Raised for every <c>OpApplied</c> of this document as it arrives, before it is applied (any thread).</summary>
    public event Action<LiveDocument, OpAppliedMessage>? Received;

    /// <summary>Raised just before an op is sent with <c>SubmitOp</c>, with its seq (any thread).</summary>
    public event Action<LiveDocument, long>? Submitting;

    /// <summary>OpApplied messages that arrived before an earlier version did.</summary>
    public int OutOfOrderArrivals { get; private set; }

    /// <summary>The first error a submission met that was not a rate-limit refusal; the client stops sending.</summary>
    public Exception? Failure
    {
        get
        {
            lock (gate)
            {
                return failure;
            }
        }
    }

    /// <summary>The version the local text is based on (what the server acknowledged or broadcast).</summary>
    public long Version
    {
        get
        {
            lock (gate)
            {
                return version;
            }
        }
    }

    /// <summary>No op in flight and nothing buffered: everything typed here is on the server.</summary>
    public bool IsSettled
    {
        get
        {
            lock (gate)
            {
                return inflight is null && buffered is null;
            }
        }
    }

    public string Text
    {
        get
        {
            lock (gate)
            {
                return text.ToString();
            }
        }
    }

    /// <summary>Opens <paramref name="documentId"/> on <paramref name="connection"/> as client <paramref name="clientId"/>.</summary>
    public static async Task<LiveDocument> OpenAsync(HubConnection connection, string documentId, string clientId)
    {
        var document = new LiveDocument(connection, documentId, clientId);
        var opened = await connection.InvokeAsync<OpenedDocument>("OpenDocument", documentId);
        lock (document.gate)
        {
            document.text = new CodePointBuffer(opened.Text);
            document.version = opened.Version;
            // Messages that came in while opening: the snapshot already holds those up to its version.
            foreach (var old in document.waiting.Keys.Where(v => v <= opened.Version).ToList())
            {
                document.waiting.Remove(old);
            }
            document.Drain();
        }
        return document;
    }

    /// <summary>
    /// Makes a local edit: <paramref name="makeOp"/> sees the current local text and returns the op to apply
    /// (null: no edit). The op is applied locally at once and sent, or buffered while another is in flight.
    /// </summary>
    public TextOp? Edit(Func<CodePointBuffer, TextOp?> makeOp)
    {
        (TextOp Op, long Seq, long BaseVersion)? send = null;
        TextOp? op;
        lock (gate)
        {
            if (version < 0 || failure is not null)
            {
                return null;
            }
            op = makeOp(text);
            if (op is null || op.IsNoop)
            {
                return null;
            }
            text.Apply(op);
            buffered = buffered is null ? op : TextUnicode.Compose(buffered, op);
            send = TakeBufferToSend();
        }
        Send(send);
        return op;
    }

    /// <summary>Waits until this client's version reaches <paramref name="target"/> and nothing is pending.</summary>
    public async Task<bool> WaitForAsync(long target, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            lock (gate)
            {
                if (version >= target && inflight is null && buffered is null)
                {
                    return true;
                }
            }
            await Task.Delay(20);
        }
        return false;
    }

    /// <summary>
    /// Fetches the ops after the local version with <c>GetOps</c> and applies them as if they had been broadcast:
    /// after a reconnect, or when a broadcast never came. Returns how many ops were fetched.
    /// </summary>
    public async Task<int> CatchUpAsync()
    {
        var entries = await connection.InvokeAsync<IReadOnlyList<OpEntry>>("GetOps", DocumentId, Version);
        foreach (var entry in entries)
        {
            OnOpApplied(new OpAppliedMessage(DocumentId, entry.Version, entry.Op, entry.ClientId, entry.Seq, "", ""), raiseReceived: false);
        }
        return entries.Count;
    }

    public void Dispose() => subscription.Dispose();

    private void OnOpApplied(OpAppliedMessage message, bool raiseReceived)
    {
        if (message.DocumentId != DocumentId)
        {
            return;
        }
        if (raiseReceived)
        {
            Received?.Invoke(this, message);
        }
        (TextOp Op, long Seq, long BaseVersion)? send;
        lock (gate)
        {
            if (version >= 0 && message.Version <= version)
            {
                return;
            }
            if (raiseReceived && version >= 0 && message.Version > version + 1)
            {
                OutOfOrderArrivals++;
            }
            waiting[message.Version] = message;
            send = version >= 0 ? Drain() : null;
        }
        Send(send);
    }

    private void OnAcknowledged(long seq, long ackedVersion)
    {
        (TextOp Op, long Seq, long BaseVersion)? send;
        lock (gate)
        {
            if (inflight is null || inflightSeq != seq)
            {
                return;
            }
            inflightAckedAt = ackedVersion;
            send = Drain();
        }
        Send(send);
    }

    /// <summary>Applies every next version that is known, in order; returns the buffered op to send if one is due. Under the lock.</summary>
    private (TextOp Op, long Seq, long BaseVersion)? Drain()
    {
        while (true)
        {
            if (inflight is not null && inflightAckedAt == version + 1)
            {
                Acknowledge();
                continue;
            }
            if (!waiting.Remove(version + 1, out var next))
            {
                break;
            }
            if (inflight is not null && next.ClientId == ClientId && next.Seq == inflightSeq)
            {
                Acknowledge();
                continue;
            }
            ApplyRemote(next.Op);
            version++;
        }
        return TakeBufferToSend();
    }

    private void Acknowledge()
    {
        version++;
        inflight = null;
        inflightAckedAt = null;
        waiting.Remove(version);
    }

    /// <summary>ShareDB's transformX: the server put its op before ours, with ours on the left.</summary>
    private void ApplyRemote(TextOp op)
    {
        if (inflight is not null)
        {
            var remote = TextUnicode.Transform(op, inflight, Side.Right);
            inflight = TextUnicode.Transform(inflight, op, Side.Left);
            op = remote;
        }
        if (buffered is not null)
        {
            var remote = TextUnicode.Transform(op, buffered, Side.Right);
            buffered = TextUnicode.Transform(buffered, op, Side.Left);
            op = remote;
        }
        text.Apply(op);
    }

    /// <summary>Moves the buffer in flight when nothing is; under the lock.</summary>
    private (TextOp Op, long Seq, long BaseVersion)? TakeBufferToSend()
    {
        if (inflight is not null || buffered is null || failure is not null)
        {
            return null;
        }
        inflight = buffered;
        buffered = null;
        inflightSeq = nextSeq++;
        inflightAckedAt = null;
        return (inflight, inflightSeq, version);
    }

    private void Send((TextOp Op, long Seq, long BaseVersion)? send)
    {
        if (send is { } s)
        {
            _ = SubmitAsync(s.Op, s.Seq, s.BaseVersion);
        }
    }

    private async Task SubmitAsync(TextOp op, long seq, long baseVersion)
    {
        Submitting?.Invoke(this, seq);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await connection.InvokeAsync<SubmitResult>("SubmitOp", DocumentId, baseVersion, op, ClientId, seq);
                OnAcknowledged(seq, result.Version);
                return;
            }
            catch (HubException e) when (e.Message.Contains("Too many ops", StringComparison.Ordinal) && attempt < 50)
            {
                // Same (clientId, seq) and the same base: the server either has it already or transforms it again.
                await Task.Delay(100 * attempt);
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    failure ??= e;
                }
                return;
            }
        }
    }
}
