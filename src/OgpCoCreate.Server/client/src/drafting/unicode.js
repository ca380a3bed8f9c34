// Positions in a textarea are UTF-16 code units; text-unicode ops count Unicode code points (an emoji is
// one). These helpers convert between the two, the way ot-text-unicode (unicount) counts: a surrogate pair
// is one code point. Text that reaches an op is first made well-formed (no lone surrogates), so both
// counts agree with the server's.

const isHigh = code => code >= 0xd800 && code <= 0xdbff;
const isLow = code => code >= 0xdc00 && code <= 0xdfff;

/** Code points in `text` between the UTF-16 offsets `from` and `to`. */
export function codePointCount(text, from = 0, to = text.length) {
  let count = 0;
  for (let i = from; i < to; i++) {
    if (isHigh(text.charCodeAt(i)) && i + 1 < to && isLow(text.charCodeAt(i + 1))) i++;
    count++;
  }
  return count;
}

/** UTF-16 offset → code-point offset (an offset inside a surrogate pair counts the pair as before it). */
export function toCodePoints(text, utf16Offset) {
  const offset = Math.max(0, Math.min(utf16Offset, text.length));
  return codePointCount(text, 0, snapUtf16(text, offset));
}

/** Code-point offset → UTF-16 offset (clamped to the text). */
export function toUtf16(text, codePointOffset) {
  let remaining = Math.max(0, codePointOffset);
  let i = 0;
  while (remaining > 0 && i < text.length) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    remaining--;
  }
  return i;
}

/**
 * Converts several code-point offsets in one pass (sorted or not); returns a Map cp → UTF-16.
 * Used by the cursor overlay, which needs many positions of one large text.
 */
export function toUtf16Many(text, codePointOffsets) {
  const wanted = [...new Set(codePointOffsets.map(p => Math.max(0, p)))].sort((a, b) => a - b);
  const result = new Map();
  let cp = 0;
  let i = 0;
  for (const target of wanted) {
    while (cp < target && i < text.length) {
      i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
      cp++;
    }
    result.set(target, i);
  }
  return result;
}

/** Moves a UTF-16 offset that falls between the two halves of a surrogate pair to before the pair. */
export function snapUtf16(text, offset) {
  if (offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1))) {
    return offset - 1;
  }
  return offset;
}

/** True when the string has no lone surrogate (String.prototype.isWellFormed, with a fallback). */
export function isWellFormed(text) {
  if (typeof text.isWellFormed === 'function') return text.isWellFormed();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHigh(code)) {
      if (!(i + 1 < text.length && isLow(text.charCodeAt(i + 1)))) return false;
      i++;
    } else if (isLow(code)) {
      return false;
    }
  }
  return true;
}

/** Replaces lone surrogates by U+FFFD (String.prototype.toWellFormed, with a fallback). */
export function toWellFormed(text) {
  if (typeof text.toWellFormed === 'function') return text.toWellFormed();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHigh(code) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      out += text[i] + text[i + 1];
      i++;
    } else {
      out += isHigh(code) || isLow(code) ? '\ufffd' : text[i];
    }
  }
  return out;
}
