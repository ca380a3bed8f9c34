// Other people's carets and selections drawn over a <textarea>. A textarea cannot style ranges of its
// text, so an invisible "mirror" <div> with exactly the textarea's box, font, wrapping and bidi rules
// (dir=auto textareas lay out each paragraph with unicode-bidi: plaintext) holds the same text, with the
// remote ranges wrapped in tinted <span>s and a zero-width marker at each remote caret. The browser lays
// out the mirror the way it lays out the textarea, so the marks land on the right glyphs, in Arabic and
// in mixed-direction lines too. The mirror scrolls with the textarea and never takes pointer events.
import { toUtf16Many } from './unicode.js';

const COPIED_STYLES = [
  'fontFamily', 'fontSize', 'fontWeight', 'fontStyle', 'fontStretch', 'fontVariant', 'fontKerning',
  'fontFeatureSettings', 'fontVariationSettings', 'fontVariantLigatures', 'lineHeight', 'letterSpacing',
  'wordSpacing', 'textTransform', 'textIndent', 'textAlign', 'textRendering', 'tabSize', 'direction',
  'unicodeBidi', 'whiteSpace', 'overflowWrap', 'wordBreak', 'hyphens', 'lineBreak',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
];

/** Distinct, readable colours for people (contrast ≥ 4.5:1 with white text on the name flag). */
export const PERSON_COLOURS = ['#b3261e', '#1b6e3a', '#6a3fa0', '#0d5f8a', '#9a4b00', '#a0235f', '#3f5f00', '#5a4a9f'];

/** A stable colour for a person. */
export function personColour(userId) {
  let hash = 2166136261;
  for (const ch of String(userId)) hash = Math.imul(hash ^ ch.codePointAt(0), 16777619) >>> 0;
  return PERSON_COLOURS[hash % PERSON_COLOURS.length];
}

export class RemoteCursorOverlay {
  /** @param {HTMLTextAreaElement} textarea its parent must be position: relative (the overlay goes inside it). */
  constructor(textarea) {
    this.textarea = textarea;
    this.cursors = [];
    this.frame = 0;
    this.layer = document.createElement('div');
    this.layer.className = 'rc-layer';
    this.layer.setAttribute('aria-hidden', 'true');
    this.layer.hidden = true;
    this.mirror = document.createElement('div');
    this.mirror.className = 'rc-mirror';
    this.layer.append(this.mirror);
    textarea.insertAdjacentElement('afterend', this.layer);
    this.onScroll = () => this.position();
    textarea.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.schedule()) : null;
    this.resizeObserver?.observe(textarea);
    document.fonts?.ready?.then(() => this.schedule());
  }

  /**
   * @param {{ id: string, name: string, colour: string, anchor: number, focus: number }[]} cursors
   *   positions in code points of the textarea's current value
   */
  update(cursors) {
    this.cursors = cursors;
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.textarea.removeEventListener('scroll', this.onScroll);
    this.resizeObserver?.disconnect();
    this.layer.remove();
  }

  render() {
    const { textarea, layer, mirror } = this;
    if (this.cursors.length === 0 || textarea.offsetParent === null) {
      layer.hidden = true;
      mirror.replaceChildren();
      return;
    }
    layer.hidden = false;
    const style = getComputedStyle(textarea);
    // The layer covers the textarea's client area: inside the borders, beside a scrollbar on either side.
    Object.assign(layer.style, {
      left: `${textarea.offsetLeft + textarea.clientLeft}px`,
      top: `${textarea.offsetTop + textarea.clientTop}px`,
      width: `${textarea.clientWidth}px`,
      height: `${textarea.clientHeight}px`,
    });
    for (const name of COPIED_STYLES) mirror.style[name] = style[name];
    mirror.style.width = `${textarea.clientWidth}px`;
    // A textarea with dir=auto chooses each paragraph's direction from its first strong letter.
    if (textarea.getAttribute('dir') === 'auto' && style.unicodeBidi !== 'plaintext') mirror.style.unicodeBidi = 'plaintext';
    mirror.style.whiteSpace = 'pre-wrap';
    if (style.overflowWrap === 'normal' && style.wordBreak === 'normal') mirror.style.overflowWrap = 'break-word';

    const text = textarea.value;
    const marks = this.cursors.map(c => ({ ...c, start: Math.min(c.anchor, c.focus), end: Math.max(c.anchor, c.focus) }));
    const offsets = toUtf16Many(text, marks.flatMap(m => [m.start, m.end, m.focus]));
    for (const m of marks) {
      m.start16 = offsets.get(Math.max(0, m.start));
      m.end16 = offsets.get(Math.max(0, m.end));
      m.focus16 = offsets.get(Math.max(0, m.focus));
    }
    const points = [...new Set([0, text.length, ...marks.flatMap(m => [m.start16, m.end16, m.focus16])])].sort((a, b) => a - b);
    const children = [];
    const carets = [];
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      for (const m of marks) {
        if (m.focus16 === p) {
          const caret = document.createElement('span');
          caret.className = 'rc-caret';
          caret.style.setProperty('--rc-colour', m.colour);
          caret.dataset.userId = m.id;
          caret.dataset.userName = m.name;
          const flag = document.createElement('span');
          flag.className = 'rc-flag';
          flag.dir = 'auto';
          flag.textContent = m.name;
          caret.append(flag);
          children.push(caret);
          carets.push(caret);
        }
      }
      if (i + 1 >= points.length) break;
      const q = points[i + 1];
      if (q <= p) continue;
      const piece = text.slice(p, q);
      const covering = marks.filter(m => m.start16 <= p && q <= m.end16 && m.start16 < m.end16);
      if (covering.length === 0) {
        children.push(document.createTextNode(piece));
      } else {
        const span = document.createElement('span');
        span.className = 'rc-selection';
        span.style.setProperty('--rc-colour', covering[0].colour);
        span.dataset.userId = covering.map(m => m.id).join(' ');
        span.textContent = piece;
        children.push(span);
      }
    }
    // A final empty line (text ending with a line break) exists in a textarea; make it exist here too.
    children.push(document.createTextNode('\u200b'));
    mirror.replaceChildren(...children);
    this.position();
    // Name flags sit above the caret, or below it on the first visible line.
    // and extend towards the side where there is room.
    const width = textarea.clientWidth;
    for (const caret of carets) {
      const flag = caret.firstChild;
      caret.classList.toggle('rc-below', caret.offsetTop - textarea.scrollTop < flag.offsetHeight + 2);
      caret.classList.toggle('rc-flip', caret.offsetLeft - textarea.scrollLeft + flag.offsetWidth > width - 2);
    }
  }

  position() {
    this.mirror.style.transform = `translate(${-this.textarea.scrollLeft}px, ${-this.textarea.scrollTop}px)`;
  }
}
