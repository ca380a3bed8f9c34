// The op of one local edit: what changed between the textarea's value before and after an `input` event.
// A textarea edit replaces one range (typing, deleting, pasting over a selection, dropping, spelling
// corrections), so the common prefix and suffix delimit it. The caret disambiguates repeated characters:
// typing "a" in "a|a" must insert at the caret, not at the start.
import { codePointCount } from './unicode.js';

const splitsPair = (text, offset) => offset > 0 && offset < text.length
  && text.charCodeAt(offset) >= 0xdc00 && text.charCodeAt(offset) <= 0xdfff
  && text.charCodeAt(offset - 1) >= 0xd800 && text.charCodeAt(offset - 1) <= 0xdbff;

/**
 * @param {string} before the text the op applies to
 * @param {string} after the text after the edit
 * @param {number} [caret] UTF-16 caret (selectionEnd) in `after`, when known
 * @returns {{ op: Array, start: number, removed: string, inserted: string }} a normalized text-unicode op
 *   (positions in code points; empty when nothing changed) and the replaced range in UTF-16 units of `before`.
 */
export function diffEdit(before, after, caret = null) {
  if (before === after) return { op: [], start: 0, removed: '', inserted: '' };
  const shortest = Math.min(before.length, after.length);

  // Suffix first, never extending to the left of the caret: the edit ends at or after the caret.
  let maxSuffix = shortest;
  if (caret != null && caret >= 0 && caret <= after.length) maxSuffix = Math.min(maxSuffix, after.length - caret);
  let suffix = 0;
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
    suffix++;
  }
  let prefix = 0;
  const maxPrefix = shortest - suffix;
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;

  // Never split a surrogate pair (an emoji is one code point): shrink the common parts to whole pairs.
  if (splitsPair(before, prefix)) prefix--;
  if (splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix)) suffix--;
  const suffixStart = before.length - suffix;

  const removed = before.slice(prefix, suffixStart);
  const inserted = after.slice(prefix, after.length - suffix);
  const op = [];
  const position = codePointCount(before, 0, prefix);
  if (position > 0) op.push(position);
  if (removed.length > 0) op.push({ d: codePointCount(removed) });
  if (inserted.length > 0) op.push(inserted);
  return { op, start: prefix, removed, inserted };
}

/** The op that turns `before` into `after` (no caret hint). */
export function opFromTo(before, after) {
  return diffEdit(before, after).op;
}
