// Anchored passages in the browser: the same rules as the server (Grains/Consultations/AnchorMath.cs). A
// passage [start, end) in code points follows a text-unicode op: the end as ot-text-unicode's
// transformPosition (text typed exactly at the end stays outside), the start as its mirror image (text
// typed exactly at the start stays outside too); a passage that collapses is removed for good.

/** Length in code points of an op component's text ("a😀" is 2). */
const cpLength = text => [...text].length;

function componentLength(c) {
  if (typeof c === 'number') return c;
  if (typeof c === 'string') return cpLength(c);
  return typeof c.d === 'number' ? c.d : cpLength(c.d);
}

/** ot-text-unicode's transformPosition: an insert exactly at the cursor leaves it before the insert. */
export function transformEnd(cursor, op) {
  let position = 0;
  for (let i = 0; i < op.length && cursor > position; i++) {
    const c = op[i];
    const length = componentLength(c);
    if (typeof c === 'number') {
      position += length;
    } else if (typeof c === 'string') {
      position += length;
      cursor += length;
    } else {
      cursor -= Math.min(length, cursor - position);
    }
  }
  return cursor;
}

/** The mirror image: an insert exactly at the cursor moves it after the insert. */
export function transformStart(cursor, op) {
  let position = 0;
  for (let i = 0; i < op.length && cursor >= position; i++) {
    const c = op[i];
    const length = componentLength(c);
    if (typeof c === 'number') {
      if (cursor === position) return cursor;
      position += length;
    } else if (typeof c === 'string') {
      position += length;
      cursor += length;
    } else {
      cursor -= Math.min(length, cursor - position);
    }
  }
  return cursor;
}

/** { start, end, removed } after `op`. */
export function transformRange(range, op) {
  if (range.removed) {
    const at = transformEnd(range.start, op);
    return { start: at, end: at, removed: true };
  }
  const start = transformStart(range.start, op);
  const end = transformEnd(range.end, op);
  if (start >= end) {
    const at = Math.min(start, end);
    return { start: at, end: at, removed: true };
  }
  return { start, end, removed: false };
}

// ---- code points ↔ UTF-16 (DOM offsets) ----------------------------------------------------------------

const isHigh = code => code >= 0xd800 && code <= 0xdbff;
const isLow = code => code >= 0xdc00 && code <= 0xdfff;

/** Code points in text[0, utf16). */
export function toCodePoints(text, utf16) {
  let count = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) && i + 1 < utf16) i++;
    count++;
  }
  return count;
}

/** UTF-16 offset of code point `cp` (clamped). */
export function toUtf16(text, cp) {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** text[startCp, endCp) in code points. */
export function sliceCodePoints(text, start, end) {
  return text.slice(toUtf16(text, start), toUtf16(text, end));
}
