// Binds a <textarea> to a DocumentClient:
//   - each `input` becomes an op (diff of the value before/after around the caret, in code points);
//   - IME composition: nothing is sent while a composition is open; remote ops received meanwhile are
//     held back and merged by OT when it ends, so the composition is never broken;
//   - remote ops are written into the textarea without moving the local caret or selection (positions
//     transformed in code points, converted from and to the textarea's UTF-16 offsets) nor the scroll;
//   - undo/redo (Ctrl/Cmd+Z, Ctrl+Y, Ctrl/Cmd+Shift+Z, the Edit menu) undo YOUR edits only, transformed
//     through everybody else's, instead of the browser's history (which a remote edit would corrupt).
import { type as ot } from 'ot-text-unicode';
import { diffEdit } from './text-diff.js';
import { isWellFormed, toCodePoints, toUtf16, toWellFormed } from './unicode.js';

const UNDO_GROUP_MS = 1000;
const UNDO_LIMIT = 500;

/** Where the caret goes after an op: after the last text it inserts, or where it last deletes. */
function caretAfter(op) {
  let pos = 0;
  let caret = null;
  for (const c of op) {
    if (typeof c === 'number') {
      pos += c;
    } else if (typeof c === 'string') {
      pos += [...c].length;
      caret = pos;
    } else {
      caret = pos;
    }
  }
  return caret;
}

function deleted(op) {
  return op.reduce((n, c) => n + (typeof c === 'object' ? (typeof c.d === 'number' ? c.d : [...c.d].length) : 0), 0);
}

function editKind(op) {
  let kind = null;
  for (const c of op) {
    const k = typeof c === 'string' ? (/\n/.test(c) ? 'break' : 'insert') : typeof c === 'object' ? 'delete' : null;
    if (k === null) continue;
    if (kind !== null && kind !== k) return 'mixed';
    kind = k;
  }
  return kind ?? 'mixed';
}

export class TextareaBinding {
  /**
   * @param {HTMLTextAreaElement} textarea
   * @param {import('./document-client.js').DocumentClient} client
   */
  constructor(textarea, client) {
    this.textarea = textarea;
    this.client = client;
    /** What the textarea shows, as far as we know (equal to client.text except during a composition). */
    this.shown = textarea.value;
    /** Remote ops applied to the client's text but not yet to the textarea (during a composition). */
    this.deferred = null;
    this.composing = false;
    this.editable = false;
    this.undoStack = [];
    this.redoStack = [];
    this.unsubscribe = [];
    this.listeners = [];
  }

  attach() {
    const { textarea, client } = this;
    this.write(client.text, null);
    client.beforeChange = () => {
      if (!this.composing) this.syncFromTextarea();
    };
    client.cursorProvider = () => this.cursor();
    this.unsubscribe.push(
      client.on('remoteOp', ({ op }) => this.remoteOp(op)),
      client.on('reset', ({ text }) => this.reset(text)),
    );
    const listen = (target, type, handler, options) => {
      target.addEventListener(type, handler, options);
      this.listeners.push(() => target.removeEventListener(type, handler, options));
    };
    listen(textarea, 'input', event => {
      if (event.isComposing || this.composing) return;
      this.syncFromTextarea();
    });
    listen(textarea, 'compositionstart', () => {
      this.syncFromTextarea();
      this.composing = true;
    });
    listen(textarea, 'compositionend', () => {
      this.composing = false;
      this.syncFromTextarea();
    });
    listen(textarea, 'beforeinput', event => {
      if (event.inputType === 'historyUndo' || event.inputType === 'historyRedo') {
        event.preventDefault();
        if (event.inputType === 'historyUndo') this.undo(); else this.redo();
      }
    });
    listen(textarea, 'keydown', event => this.keydown(event));
    const moved = () => this.selectionChanged();
    for (const type of ['select', 'selectionchange', 'keyup', 'mouseup', 'focus', 'blur', 'pointerup']) listen(textarea, type, moved);
    listen(document, 'selectionchange', () => {
      if (document.activeElement === textarea) moved();
    });
    return this;
  }

  detach() {
    for (const off of this.unsubscribe.splice(0)) off();
    for (const off of this.listeners.splice(0)) off();
    if (this.client.beforeChange) this.client.beforeChange = null;
    this.client.cursorProvider = null;
  }

  /** Whether the user may type (the owner sets it from rights and the client's status). */
  setEditable(editable) {
    this.editable = editable;
    this.textarea.readOnly = !editable;
    this.textarea.setAttribute('aria-readonly', String(!editable));
  }

  /** The local caret/selection in code points of the client's text; undefined while it cannot be said. */
  cursor() {
    const { textarea } = this;
    if (document.activeElement !== textarea) return null;
    if (this.composing || this.deferred || textarea.value !== this.client.text) return undefined;
    const start = toCodePoints(textarea.value, textarea.selectionStart);
    const end = toCodePoints(textarea.value, textarea.selectionEnd);
    return textarea.selectionDirection === 'backward' ? { anchor: end, focus: start } : { anchor: start, focus: end };
  }

  selectionChanged() {
    this.client.schedulePresence();
    this.onSelection?.();
  }

  // ---------------------------------------------------------------- local edits

  /** Turns whatever the user changed since we last looked into an op (merging held-back remote ops). */
  syncFromTextarea() {
    const { textarea, client } = this;
    let value = textarea.value;
    if (value === this.shown && !this.deferred) return;
    if (!isWellFormed(value)) {
      // A lone surrogate (a broken paste) would count differently here and on the server.
      const caret = textarea.selectionEnd;
      value = toWellFormed(value);
      textarea.value = value;
      textarea.setSelectionRange(caret, caret);
    }
    let local = [];
    if (value !== this.shown) {
      if (!this.editable || client.version < 0) {
        // Read-only (or not loaded): whatever happened is undone.
        this.write(client.text, null);
        return;
      }
      local = diffEdit(this.shown, value, textarea.selectionEnd).op;
    }
    let remote = this.deferred;
    this.deferred = null;
    if (remote && local.length > 0) {
      const l = local;
      local = ot.transform(l, remote, 'left');
      remote = ot.transform(remote, l, 'right');
    }
    this.shown = value;
    if (local.length > 0) this.applyLocal(local, true);
    if (remote && remote.length > 0) this.writeOp(remote);
    if (this.shown !== client.text) {
      console.error('drafting: the textarea and the document disagree; showing the document');
      this.write(client.text, null);
    }
  }

  /** Sends a local op (already shown in the textarea or about to be) and records its undo. */
  applyLocal(op, recordUndo) {
    const before = this.client.text;
    this.client.submitLocal(op);
    if (recordUndo) this.record(op, before);
  }

  record(op, before) {
    const inverse = ot.invert(ot.makeInvertible(op, before));
    const kind = editKind(op);
    const now = Date.now();
    const start = typeof op[0] === 'number' ? op[0] : 0;
    const end = caretAfter(op) ?? start;
    const last = this.undoStack[this.undoStack.length - 1];
    // Typing (or erasing) a run of characters in one place, without a pause, is undone in one step.
    const continues = last && last.kind === kind && now - last.at < UNDO_GROUP_MS && (
      (kind === 'insert' && start === last.end)
      || (kind === 'delete' && (start + deleted(op) === last.start || start === last.start)));
    if (continues) {
      last.op = ot.compose(inverse, last.op);
      last.at = now;
      last.start = Math.min(start, last.start);
      last.end = end;
    } else {
      this.undoStack.push({ op: inverse, kind, at: now, start, end });
      if (this.undoStack.length > UNDO_LIMIT) this.undoStack.shift();
    }
    this.redoStack = [];
  }

  keydown(event) {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const latin = /^[a-z]$/i.test(event.key) ? event.key.toLowerCase() : null;
    const key = latin ?? (event.code === 'KeyZ' ? 'z' : event.code === 'KeyY' ? 'y' : null);
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      this.undo();
    } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)) {
      event.preventDefault();
      this.redo();
    }
  }

  undo() {
    this.step(this.undoStack, this.redoStack);
  }

  redo() {
    this.step(this.redoStack, this.undoStack);
  }

  step(from, to) {
    if (!this.editable || this.composing) return;
    this.syncFromTextarea();
    let entry;
    do {
      entry = from.pop();
    } while (entry && entry.op.length === 0);
    if (!entry) return;
    const before = this.client.text;
    const inverse = ot.invert(ot.makeInvertible(entry.op, before));
    this.client.submitLocal(entry.op);
    to.push({ op: inverse, kind: 'mixed', at: 0, start: null, end: null });
    const caret = caretAfter(entry.op);
    this.write(this.client.text, caret == null ? null : { start: caret, end: caret, direction: 'none' });
  }

  // ---------------------------------------------------------------- remote edits

  remoteOp(op) {
    // Undo entries are ops on the client's text: move them past the remote op (top of the stack first).
    const last = this.undoStack[this.undoStack.length - 1];
    if (last?.start != null) {
      last.start = ot.transformPosition(last.start, op);
      last.end = ot.transformPosition(last.end, op);
    }
    for (const stack of [this.undoStack, this.redoStack]) {
      let other = op;
      for (let i = stack.length - 1; i >= 0; i--) {
        const mine = stack[i].op;
        stack[i].op = ot.transform(mine, other, 'left');
        other = ot.transform(other, mine, 'right');
      }
    }
    if (this.composing) {
      this.deferred = this.deferred ? ot.compose(this.deferred, op) : op;
      return;
    }
    this.writeOp(op);
  }

  /** Writes an op into the textarea, keeping the selection where it was in the text and the scroll. */
  writeOp(op) {
    const { textarea } = this;
    const old = textarea.value;
    const start = toCodePoints(old, textarea.selectionStart);
    const end = toCodePoints(old, textarea.selectionEnd);
    const next = ot.apply(old, op);
    this.write(next, {
      start: ot.transformPosition(start, op),
      end: ot.transformPosition(end, op),
      direction: textarea.selectionDirection,
    });
  }

  /** Replaces the textarea's value; `selection` in code points of `text` (null: keep the offsets, clamped). */
  write(text, selection) {
    const { textarea } = this;
    const focused = document.activeElement === textarea;
    const { scrollTop, scrollLeft } = textarea;
    let start;
    let end;
    let direction = textarea.selectionDirection;
    if (selection) {
      start = toUtf16(text, selection.start);
      end = toUtf16(text, selection.end);
      direction = selection.direction ?? direction;
    } else {
      start = Math.min(textarea.selectionStart, text.length);
      end = Math.min(textarea.selectionEnd, text.length);
    }
    if (textarea.value !== text) textarea.value = text;
    this.shown = text;
    if (focused || selection) textarea.setSelectionRange(start, end, direction);
    textarea.scrollTop = scrollTop;
    textarea.scrollLeft = scrollLeft;
    this.onWrite?.();
  }

  reset(text) {
    this.composing = false;
    this.deferred = null;
    this.undoStack = [];
    this.redoStack = [];
    const { textarea } = this;
    const start = toCodePoints(textarea.value, textarea.selectionStart);
    const end = toCodePoints(textarea.value, textarea.selectionEnd);
    this.write(text, { start, end, direction: textarea.selectionDirection });
  }
}
