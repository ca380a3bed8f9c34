// The client side of one live document (docs/realtime.md, "Client algorithm"), in the style of ShareDB:
//   - the text and the server version it is based on;
//   - at most one op in flight (sent, not yet acknowledged) and a buffer composing the edits made since;
//   - server ops (OpApplied, GetOps) integrated strictly in version order: an op from someone else is
//     transformed against the in-flight and buffered ops (theirs on the right, ours on the left, the
//     server's rule), our own op acknowledges the in-flight one;
//   - after a reconnect: OpenDocument again, GetOps(version) to catch up, then the in-flight op is sent
//     again with the SAME (clientId, seq) so that the server applies it exactly once;
//   - a refused op (no rights, invalid, too large …) reverts: the document is reopened from the server.
// It knows nothing about the DOM: a binding (textarea-binding.js) turns edits into ops and ops into edits.
// All positions are Unicode code points, as in text-unicode.
import { type as ot } from 'ot-text-unicode';
import { Emitter } from './emitter.js';
import { codePointCount } from './unicode.js';

/** The server's limits (docs/realtime.md); ops are split below them, with a margin. */
export const OP_LIMITS = Object.freeze({ components: 1000, insertCodePoints: 50_000 });

/** How long a gap in the versions received may last before the client fetches the missing ops. */
const GAP_WAIT_MS = 400;
/** Presence: at most one UpdatePresence per this many ms; refreshed before the server forgets it (90 s). */
const PRESENCE_THROTTLE_MS = 150;
const PRESENCE_HEARTBEAT_MS = 45_000;
/** Refusals that say "try again": resubmitted (same clientId and seq) after these delays. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15_000];
const MAX_SUBMIT_ATTEMPTS = 12;
/** Waits before opening again after a transient refusal (a node died and the document's sequencer is moving). */
const REOPEN_DELAYS_MS = [250, 500, 1000, 2000, 3000, 5000];

const componentLength = c => (typeof c === 'number' ? c : typeof c === 'string' ? codePointCount(c) : typeof c.d === 'number' ? c.d : codePointCount(c.d));

/**
 * Like ot.transformPosition, but an insert exactly at the position moves it when `stickAfter` is true:
 * the author's own caret ends after the text they typed, everybody else's stays before it.
 */
export function transformPosition(position, op, stickAfter = false) {
  let cursor = position;
  let pos = 0;
  for (let i = 0; i < op.length && (stickAfter ? cursor >= pos : cursor > pos); i++) {
    const c = op[i];
    if (typeof c === 'number') {
      pos += c;
    } else if (typeof c === 'string') {
      const n = codePointCount(c);
      pos += n;
      cursor += n;
    } else {
      cursor -= Math.min(componentLength(c), cursor - pos);
    }
  }
  return cursor;
}

/** Splits an op whose size the server would refuse into [first, rest] (first ∘ rest = op); rest is null when it fits. */
export function splitOp(op, limits = OP_LIMITS) {
  let components = 0;
  let inserted = 0;
  let post = 0;
  for (let i = 0; i < op.length; i++) {
    const c = op[i];
    if (typeof c === 'string') {
      const n = codePointCount(c);
      if (inserted + n > limits.insertCodePoints) {
        // Cut inside this insert: the first part ends with as much of it as fits.
        const room = limits.insertCodePoints - inserted;
        if (room > 0) {
          let cut = 0;
          for (let k = 0; k < room; k++) cut += c.codePointAt(cut) > 0xffff ? 2 : 1;
          const first = ot.normalize([...op.slice(0, i), c.slice(0, cut)]);
          const rest = ot.normalize([post + room, c.slice(cut), ...op.slice(i + 1)]);
          return [first, rest];
        }
        return [ot.normalize(op.slice(0, i)), ot.normalize([post, ...op.slice(i)])];
      }
      inserted += n;
      post += n;
    } else if (typeof c === 'number') {
      post += c;
    }
    components++;
    if (components >= limits.components && i + 1 < op.length) {
      return [ot.normalize(op.slice(0, i + 1)), ot.normalize([post, ...op.slice(i + 1)])];
    }
  }
  return [op, null];
}

/** The refusal text of a HubException ("… HubException: <message>"), or null for a connection failure. */
export function refusalMessage(error, connected = true) {
  const message = String(error?.message ?? error ?? '');
  const hub = /HubException:\s*([\s\S]*)$/.exec(message);
  if (hub) return hub[1].trim();
  if (!connected || /connection (?:being|was) closed|not in the 'Connected' State|connection (?:is )?(?:lost|stopped)|WebSocket closed/i.test(message)) {
    return null;
  }
  // Another server-side failure (e.g. argument binding): a refusal, with SignalR's own text.
  return message.replace(/^An unexpected error occurred invoking '\w+' on the server\.\s*/, '') || message;
}

/** Refusals after which the same op may simply be sent again (rate limit, timeouts, storage reload). */
export function isTransientRefusal(message) {
  return /too many ops|try again|resubmit|took too long|went away|reloading/i.test(message)
    && !/too far behind/i.test(message);
}

export class DocumentClient extends Emitter {
  /**
   * @param {{ documentId: string, invoke: (method: string, ...args: any[]) => Promise<any>, clientId: string,
   *           selfUserId?: string|null, editable?: boolean }} options
   */
  constructor({ documentId, invoke, clientId, selfUserId = null, editable = false }) {
    super();
    this.documentId = documentId;
    this.invoke = invoke;
    this.clientId = clientId;
    this.selfUserId = selfUserId;
    this.editable = editable;
    /** The text as this client sees it: the server's version `version` plus the in-flight and buffered ops. */
    this.text = '';
    /** The last server version integrated; -1 before the first OpenDocument answered. */
    this.version = -1;
    /** { op, seq, ackVersion, attempts, sending } — the op sent and not yet acknowledged. */
    this.inflight = null;
    /** Local edits made while an op was in flight, composed into one op. */
    this.buffer = null;
    this.seq = 0;
    /** Server ops received ahead of the next expected version, by version. */
    this.pending = new Map();
    /** 'idle' | 'opening' | 'catching-up' | 'ready' | 'offline' | 'resyncing' | 'failed' | 'closed' */
    this.status = 'idle';
    /** Joined the document's group on the current connection (OpenDocument answered). */
    this.joined = false;
    /** Others' carets: userId → { userId, name, cursor: { anchor, focus } | null }. */
    this.remote = new Map();
    /** Called before a remote change is applied, so the binding can turn unsent typing into an op first. */
    this.beforeChange = null;
    /** Returns the local cursor { anchor, focus } (code points in `text`), null for none, undefined for "not now". */
    this.cursorProvider = null;
    this.presenceDirty = false;
    this.cursorShown = false;
    this.presenceTimer = null;
    this.lastPresenceAt = 0;
    this.heartbeat = null;
    this.gapTimer = null;
    this.fetchingGap = false;
    this.needsResync = false;
    this.draining = false;
    /** Transient refusals of OpenDocument/GetOps in a row, and the timer of the next attempt. */
    this.reopenAttempts = 0;
    this.reopenTimer = null;
  }

  /** True when every local edit has been acknowledged by the server. */
  get synced() {
    return this.version >= 0 && !this.inflight && !this.buffer && this.pending.size === 0;
  }

  get pendingEdits() {
    return (this.inflight ? 1 : 0) + (this.buffer ? 1 : 0);
  }

  // ---------------------------------------------------------------- opening, reconnecting, closing

  /** Opens (or, after a reconnect, reopens) the document on the current connection. */
  async open() {
    if (this.status === 'closed') return;
    const first = this.version < 0 || this.needsResync;
    this.setStatus(first ? 'opening' : 'catching-up');
    // Ops broadcast after the server joined us to the group may arrive before its answer: compare with
    // the version we had when we asked, not with what we have when it answers.
    const versionAsked = this.version;
    let snapshot;
    try {
      snapshot = await this.invoke('OpenDocument', this.documentId);
    } catch (error) {
      if (this.status === 'closed') return;
      const refusal = refusalMessage(error, this.isConnected());
      if (refusal === null) {
        this.setStatus('offline');
        return;
      }
      if (isTransientRefusal(refusal)) {
        this.reopenLater(refusal);
        return;
      }
      this.setStatus('failed');
      this.emit('error', { kind: 'open', message: refusal });
      return;
    }
    if (this.status === 'closed') return;
    this.reopenAttempts = 0;
    this.joined = true;
    if (first) {
      this.needsResync = false;
      this.setBase(snapshot.text, snapshot.version, this.version < 0 ? 'open' : 'resync');
    } else if (snapshot.version < versionAsked) {
      // The server is behind what it once confirmed to us (restored from a backup?): its text wins.
      console.warn(`drafting: ${this.documentId} is at version ${snapshot.version} on the server, ${this.version} here; reloading it`);
      this.setBase(snapshot.text, snapshot.version, 'resync');
      this.emit('error', { kind: 'resync', message: null });
    } else {
      const caughtUp = await this.catchUp();
      if (this.status === 'closed') return;
      if (!caughtUp) return;
      if (!this.inflight && !this.buffer && this.version === snapshot.version && this.text !== snapshot.text) {
        // Cannot happen if both sides are right; if it does, the server's text wins, visibly.
        console.error(`drafting: ${this.documentId} diverged from the server at version ${this.version}; reloading it`);
        this.setBase(snapshot.text, snapshot.version, 'resync');
        this.emit('error', { kind: 'resync', message: null });
      }
    }
    this.setStatus('ready');
    this.drain();
    if (this.inflight) {
      this.send(); // the same (clientId, seq): applied once even if the server already had it
    } else {
      this.flush();
    }
    this.cursorShown = false; // a new connection: the server knows nothing of our caret yet
    this.presenceDirty = true;
    this.schedulePresence();
    this.startHeartbeat();
  }

  /** Fetches the ops missed while away; false when the document had to be reloaded instead. */
  async catchUp() {
    for (;;) {
      let ops;
      try {
        ops = await this.invoke('GetOps', this.documentId, this.version);
      } catch (error) {
        const refusal = refusalMessage(error, this.isConnected());
        if (refusal === null) {
          this.setStatus('offline');
          return false;
        }
        if (isTransientRefusal(refusal)) {
          // Not a verdict on our version: the server could not reach the document yet. Keep local edits.
          this.reopenLater(refusal);
          return false;
        }
        // e.g. our version is no longer one of the document's: start again from its text.
        this.emit('error', { kind: 'resync', message: refusal });
        await this.resync('resync');
        return false;
      }
      if (this.status === 'closed') return false;
      for (const entry of ops) this.receive(entry, false);
      this.drain();
      if (ops.length < 10_000) return true;
    }
  }

  /**
   * The server answered "try again" (e.g. "A server node went away"): while a dead node's documents move to
   * the surviving ones, opening fails for some seconds. Stay offline, keep every local edit, open again
   * with growing delays — unless a reconnection opens it first.
   */
  reopenLater(refusal) {
    this.joined = false;
    this.setStatus('offline');
    this.emit('error', { kind: 'transient', message: refusal });
    const delay = REOPEN_DELAYS_MS[Math.min(this.reopenAttempts++, REOPEN_DELAYS_MS.length - 1)];
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => {
      if (this.status === 'offline' && this.isConnected()) this.open();
    }, delay);
  }

  /** The connection dropped: keep editing locally; reopen() runs when it is back. */
  connectionLost() {
    this.joined = false;
    if (this.inflight) this.inflight.sending = false;
    clearTimeout(this.gapTimer);
    this.gapTimer = null;
    if (this.status !== 'closed' && this.status !== 'idle') this.setStatus('offline');
  }

  async close() {
    const wasJoined = this.joined;
    this.setStatus('closed');
    this.joined = false;
    clearTimeout(this.reopenTimer);
    clearTimeout(this.gapTimer);
    clearTimeout(this.presenceTimer);
    clearInterval(this.heartbeat);
    if (wasJoined) {
      try {
        await this.invoke('CloseDocument', this.documentId);
      } catch {
        // The connection is going away anyway.
      }
    }
  }

  /** Reloads the text from the server, dropping local edits not yet acknowledged (after a refusal). */
  async resync(reason) {
    if (this.status === 'closed') return;
    this.setStatus('resyncing');
    this.inflight = null;
    this.buffer = null;
    let snapshot;
    try {
      snapshot = await this.invoke('OpenDocument', this.documentId);
    } catch (error) {
      this.needsResync = true;
      const refusal = refusalMessage(error, this.isConnected());
      this.setStatus(refusal === null ? 'offline' : 'failed');
      if (refusal !== null) this.emit('error', { kind: 'open', message: refusal });
      return;
    }
    if (this.status === 'closed') return;
    this.joined = true;
    this.needsResync = false;
    this.setBase(snapshot.text, snapshot.version, reason);
    this.setStatus('ready');
    this.drain();
  }

  setBase(text, version, reason) {
    this.text = text;
    this.version = version;
    this.inflight = null;
    this.buffer = null;
    for (const v of [...this.pending.keys()]) if (v <= version) this.pending.delete(v);
    this.clampRemote();
    this.emit('reset', { text, version, reason });
    this.emitState();
  }

  // ---------------------------------------------------------------- local edits

  /** Applies a local edit (a text-unicode op on `text`) and sends it when nothing is in flight. */
  submitLocal(op) {
    if (!op || op.length === 0) return;
    if (this.version < 0 || !this.editable) throw new Error(`drafting: ${this.documentId} cannot be edited now`);
    ot.checkOp(op);
    this.text = ot.apply(this.text, op);
    this.buffer = this.buffer ? ot.compose(this.buffer, op) : op;
    for (const user of this.remote.values()) {
      if (user.cursor) user.cursor = { anchor: transformPosition(user.cursor.anchor, op), focus: transformPosition(user.cursor.focus, op) };
    }
    this.emit('localOp', { op });
    this.flush();
    this.emitState();
    this.presenceDirty = true;
  }

  flush() {
    // Only once caught up: an edit sent mid catch-up would carry a base version that may be far behind.
    if (this.inflight || !this.buffer || !this.joined || this.status !== 'ready') return;
    const [first, rest] = splitOp(this.buffer);
    this.inflight = { op: first, seq: ++this.seq, ackVersion: null, attempts: 0, sending: false };
    this.buffer = rest;
    this.send();
  }

  send() {
    const inflight = this.inflight;
    if (!inflight || !this.joined) return;
    inflight.sending = true;
    inflight.ackVersion = null;
    this.invoke('SubmitOp', this.documentId, this.version, inflight.op, this.clientId, inflight.seq).then(result => {
      if (this.inflight !== inflight) return;
      inflight.sending = false;
      inflight.ackVersion = result.version;
      this.drain();
    }, error => this.submitFailed(inflight, error));
    this.emitState();
  }

  submitFailed(inflight, error) {
    if (this.inflight !== inflight || this.status === 'closed') return;
    inflight.sending = false;
    const refusal = refusalMessage(error, this.isConnected());
    if (refusal === null) return; // the connection dropped: open() resends it after the reconnect
    // Up to ~2 minutes of "try again" (a node's death takes tens of seconds to settle) before giving up.
    if (isTransientRefusal(refusal) && inflight.attempts < MAX_SUBMIT_ATTEMPTS) {
      const delay = RETRY_DELAYS_MS[Math.min(inflight.attempts++, RETRY_DELAYS_MS.length - 1)];
      this.emit('error', { kind: 'transient', message: refusal });
      setTimeout(() => {
        if (this.inflight === inflight && this.joined && !inflight.sending && inflight.ackVersion == null) this.send();
      }, delay);
      return;
    }
    // Refused for good (no rights, invalid, too large, too far behind): what the server has wins.
    this.emit('error', { kind: 'refused', message: refusal });
    this.resync('refused');
  }

  // ---------------------------------------------------------------- server ops

  /** An OpApplied message or a GetOps entry. */
  receive(entry, drainNow = true) {
    if (!entry || typeof entry.version !== 'number') return;
    if (this.version >= 0 && entry.version <= this.version) return; // already in our text
    this.pending.set(entry.version, entry);
    if (drainNow) this.drain();
  }

  drain() {
    if (this.version < 0 || this.draining || this.status === 'resyncing' || this.needsResync) return;
    this.draining = true;
    try {
      for (;;) {
        const next = this.version + 1;
        const entry = this.pending.get(next);
        if (entry) {
          this.pending.delete(next);
          if (this.inflight && entry.clientId === this.clientId && entry.seq === this.inflight.seq) {
            this.acknowledge(next);
          } else {
            this.applyRemote(entry);
          }
        } else if (this.inflight && this.inflight.ackVersion === next) {
          this.acknowledge(next);
        } else {
          break;
        }
      }
      for (const v of [...this.pending.keys()]) if (v <= this.version) this.pending.delete(v);
    } catch (error) {
      // An op that does not fit our text: we are out of step with the server, so reload.
      console.error(`drafting: could not apply an op of ${this.documentId}; reloading it`, error);
      this.draining = false;
      this.emit('error', { kind: 'resync', message: null });
      this.resync('resync');
      return;
    } finally {
      this.draining = false;
    }
    this.checkGap();
    this.emitState();
  }

  acknowledge(version) {
    this.version = version;
    this.inflight = null;
    this.emit('ack', { version });
    this.flush();
    if (!this.inflight && this.presenceDirty) this.schedulePresence();
  }

  applyRemote(entry) {
    this.beforeChange?.();
    let op = entry.op;
    if (this.inflight) {
      const mine = this.inflight.op;
      this.inflight.op = ot.transform(mine, op, 'left');
      op = ot.transform(op, mine, 'right');
    }
    if (this.buffer) {
      const mine = this.buffer;
      this.buffer = ot.transform(mine, op, 'left');
      op = ot.transform(op, mine, 'right');
    }
    this.text = ot.apply(this.text, op);
    this.version = entry.version;
    for (const user of this.remote.values()) {
      if (user.cursor) {
        const author = user.userId === entry.authorId;
        user.cursor = { anchor: transformPosition(user.cursor.anchor, op, author), focus: transformPosition(user.cursor.focus, op, author) };
      }
    }
    this.emit('remoteOp', { op, version: entry.version, authorId: entry.authorId ?? null, authorName: entry.authorName ?? null });
  }

  /** Missing versions (a message lost between GetOps and the group, or an answer faster than a broadcast). */
  checkGap() {
    const waiting = this.pending.size > 0 || (this.inflight?.ackVersion != null && this.inflight.ackVersion > this.version + 1);
    if (!waiting) {
      clearTimeout(this.gapTimer);
      this.gapTimer = null;
      return;
    }
    if (!this.gapTimer) {
      this.gapTimer = setTimeout(() => {
        this.gapTimer = null;
        this.fillGap();
      }, GAP_WAIT_MS);
    }
  }

  async fillGap() {
    if (!this.joined || this.fetchingGap || this.status !== 'ready') return;
    this.fetchingGap = true;
    try {
      const ops = await this.invoke('GetOps', this.documentId, this.version);
      for (const entry of ops) this.receive(entry, false);
    } catch (error) {
      if (refusalMessage(error, this.isConnected()) !== null) console.warn(`drafting: GetOps(${this.documentId}) failed`, error);
    } finally {
      this.fetchingGap = false;
    }
    this.drain();
  }

  // ---------------------------------------------------------------- presence

  /** The local caret moved (or the text changed): send it soon, when our text is a server version. */
  schedulePresence() {
    if (!this.editable || this.presenceTimer || this.status === 'closed') return;
    this.presenceDirty = true;
    const wait = Math.max(0, PRESENCE_THROTTLE_MS - (Date.now() - this.lastPresenceAt));
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      this.sendPresence();
    }, wait);
  }

  sendPresence() {
    if (!this.presenceDirty || !this.joined || this.status !== 'ready') return;
    // A cursor is sent "at version v": only when our text is exactly version v (nothing pending);
    // otherwise the acknowledgement sends it.
    if (this.inflight || this.buffer) return;
    const cursor = this.cursorProvider ? this.cursorProvider() : null;
    if (cursor === undefined) return;
    this.presenceDirty = false;
    // Present in a text = having the caret in it. Not focused and never was: nothing to say.
    if (cursor === null && !this.cursorShown) return;
    this.cursorShown = cursor !== null;
    this.lastPresenceAt = Date.now();
    this.invoke('UpdatePresence', this.documentId, this.version, cursor ? { anchor: cursor.anchor, focus: cursor.focus } : null)
      .catch(error => {
        if (refusalMessage(error, this.isConnected()) !== null) console.warn(`drafting: UpdatePresence(${this.documentId}) failed`, error);
        else this.presenceDirty = true;
      });
  }

  startHeartbeat() {
    if (!this.editable || this.heartbeat) return;
    // The server forgets a presence after 90 s without news.
    this.heartbeat = setInterval(() => {
      if (!this.cursorShown) return;
      this.presenceDirty = true;
      this.sendPresence();
    }, PRESENCE_HEARTBEAT_MS);
  }

  /** A Presence message: who has the document open and where their caret is (ours left out). */
  receivePresence(users) {
    const next = new Map();
    for (const user of users ?? []) {
      if (!user?.userId || user.userId === this.selfUserId) continue;
      const cursor = user.cursor ? { anchor: user.cursor.anchor, focus: user.cursor.focus } : null;
      const existing = next.get(user.userId);
      if (!existing || (!existing.cursor && cursor)) next.set(user.userId, { userId: user.userId, name: user.name ?? '', cursor });
    }
    this.remote = next;
    this.clampRemote();
    this.emit('presence', { users: [...next.values()] });
  }

  clampRemote() {
    if (this.remote.size === 0) return;
    const length = codePointCount(this.text);
    const clamp = p => Math.max(0, Math.min(length, Number.isFinite(p) ? p : 0));
    for (const user of this.remote.values()) {
      if (user.cursor) user.cursor = { anchor: clamp(user.cursor.anchor), focus: clamp(user.cursor.focus) };
    }
  }

  // ---------------------------------------------------------------- state

  isConnected() {
    return this.connectedProbe ? this.connectedProbe() : true;
  }

  setStatus(status) {
    if (this.status === status) return;
    if (this.status === 'closed') return;
    this.status = status;
    this.emitState();
  }

  emitState() {
    this.emit('state', {
      status: this.status,
      synced: this.synced,
      pendingEdits: this.pendingEdits,
      version: this.version,
    });
  }
}
