// A small Markdown renderer for the preview of live texts. Safe by construction: it builds DOM nodes
// (text goes in as text nodes, never as HTML), and links keep only http(s), mailto and same-site
// addresses. Supported: # headings, paragraphs (a line break is kept), - * + and 1. lists (nested by
// indentation), > quotes, ``` code blocks, --- rules, **bold**, *italic*, _italic_, ~~struck~~, `code`,
// [links](https://…), <https://…> and bare https:// addresses. Each block gets dir="auto", so an Arabic
// paragraph is right-to-left and a French one left-to-right, whatever the page's language.

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const BULLET = /^( {0,3})([-*+])[ \t]+(.*)$/;
const ORDERED = /^( {0,3})(\d{1,9})([.)])[ \t]+(.*)$/;

const INLINE = new RegExp([
  /\\([\\`*_{}[\]()#+\-.!~>|])/.source, // 1: escaped character
  /(`+)([^`]|[^`][\s\S]*?[^`])\2(?!`)/.source, // 2, 3: code span
  /\[([^\]\n]+)\]\(\s*<?([^\s<>()]+)>?(?:\s+"[^"]*")?\s*\)/.source, // 4, 5: link
  /<((?:https?:\/\/|mailto:)[^\s<>]+)>/.source, // 6: autolink
  /(https?:\/\/[^\s<>]*[^\s<>.,:;"'!?)\]])/.source, // 7: bare address
  /\*\*(?=\S)([\s\S]*?\S)\*\*/.source, // 8: bold
  /__(?=\S)([\s\S]*?\S)__(?![\p{L}\p{N}])/.source, // 9: bold
  /~~(?=\S)([\s\S]*?\S)~~/.source, // 10: struck
  /\*(?=[^\s*])([\s\S]*?[^\s*])\*/.source, // 11: italic
  /(?<![\p{L}\p{N}_])_(?=[^\s_])([\s\S]*?[^\s_])_(?![\p{L}\p{N}_])/.source, // 12: italic
].join('|'), 'gu');

/** A link target we are willing to follow; null otherwise (javascript:, data:, …). */
export function safeHref(url) {
  const value = String(url ?? '').trim();
  if (/^(?:https?:\/\/|mailto:)/i.test(value)) return value;
  if (/^(?:\/(?!\/)|#|\.{1,2}\/)/.test(value)) return value;
  if (/^[^:/?#]+(?:[/?#]|$)/.test(value) && !/^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
  return null;
}

function el(doc, tag, attributes, ...children) {
  const node = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function link(doc, label, href) {
  const safe = safeHref(href);
  if (!safe) return label;
  const a = el(doc, 'a', { href: safe, rel: 'noopener noreferrer nofollow ugc' });
  if (/^(?:https?:|mailto:)/i.test(safe)) a.setAttribute('target', '_blank');
  a.append(...(Array.isArray(label) ? label : [label]));
  return a;
}

/** Inline Markdown → an array of nodes. */
export function renderInline(text, doc = document, depth = 0) {
  const out = [];
  let last = 0;
  const push = s => {
    if (s) out.push(doc.createTextNode(s));
  };
  const pattern = new RegExp(INLINE.source, INLINE.flags);
  let m;
  while ((m = pattern.exec(text)) !== null) {
    push(text.slice(last, m.index));
    last = pattern.lastIndex;
    const inner = s => (depth > 8 ? [doc.createTextNode(s)] : renderInline(s, doc, depth + 1));
    if (m[1] !== undefined) push(m[1]);
    else if (m[3] !== undefined) out.push(el(doc, 'code', { dir: 'auto' }, m[3].replace(/^ (.*) $/s, '$1')));
    else if (m[4] !== undefined) out.push(link(doc, inner(m[4]), m[5]));
    else if (m[6] !== undefined) out.push(link(doc, m[6], m[6]));
    else if (m[7] !== undefined) out.push(link(doc, m[7], m[7]));
    else if (m[8] !== undefined || m[9] !== undefined) out.push(el(doc, 'strong', {}, ...inner(m[8] ?? m[9])));
    else if (m[10] !== undefined) out.push(el(doc, 's', {}, ...inner(m[10])));
    else if (m[11] !== undefined || m[12] !== undefined) out.push(el(doc, 'em', {}, ...inner(m[11] ?? m[12])));
  }
  push(text.slice(last));
  return out;
}

function paragraphContent(doc, lines) {
  const nodes = [];
  lines.forEach((line, i) => {
    if (i > 0) nodes.push(el(doc, 'br'));
    nodes.push(...renderInline(line.trim(), doc));
  });
  return nodes;
}

function startsBlock(line) {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || BULLET.test(line) || ORDERED.test(line);
}

/** Markdown → a DocumentFragment of safe nodes. */
export function renderMarkdown(text, doc = document, depth = 0) {
  const fragment = doc.createDocumentFragment();
  const lines = String(text ?? '').replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^\s*$/.test(line)) {
      i++;
      continue;
    }
    let m;
    if ((m = FENCE.exec(line))) {
      const close = new RegExp(`^ {0,3}\\${m[1][0]}{${m[1].length},}[ \\t]*$`);
      const body = [];
      i++;
      while (i < lines.length && !close.test(lines[i])) {
        body.push(lines[i]);
        i++;
      }
      i++;
      fragment.append(el(doc, 'pre', { dir: 'auto' }, el(doc, 'code', {}, body.join('\n'))));
      continue;
    }
    if ((m = HEADING.exec(line))) {
      // The field's own title is a heading; the text's headings come below it.
      const level = Math.min(6, m[1].length + 2);
      fragment.append(el(doc, `h${level}`, { dir: 'auto' }, ...renderInline(m[2] ?? '', doc)));
      i++;
      continue;
    }
    if (RULE.test(line)) {
      fragment.append(el(doc, 'hr'));
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const body = [];
      while (i < lines.length && (m = QUOTE.exec(lines[i]))) {
        body.push(m[1]);
        i++;
      }
      fragment.append(el(doc, 'blockquote', { dir: 'auto' }, depth > 8 ? body.join('\n') : renderMarkdown(body.join('\n'), doc, depth + 1)));
      continue;
    }
    const bullet = BULLET.exec(line);
    const ordered = bullet ? null : ORDERED.exec(line);
    if (bullet || ordered) {
      const list = el(doc, bullet ? 'ul' : 'ol', { dir: 'auto' });
      if (ordered && ordered[2] !== '1') list.setAttribute('start', String(Number(ordered[2])));
      const marker = bullet ? BULLET : ORDERED;
      while (i < lines.length) {
        const item = marker.exec(lines[i]);
        if (!item) break;
        const indent = item[1].length;
        const body = [bullet ? item[3] : item[4]];
        i++;
        // Continuation: indented lines (a nested list, a second paragraph) and lazy paragraph lines.
        while (i < lines.length) {
          const next = lines[i];
          if (/^\s*$/.test(next)) {
            if (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]) && !marker.test(lines[i + 1])) {
              body.push('');
              i++;
              continue;
            }
            break;
          }
          const nextIndent = /^\s*/.exec(next)[0].length;
          if (nextIndent > indent + 1) {
            body.push(next.slice(Math.min(nextIndent, indent + 2)));
          } else if (!startsBlock(next)) {
            body.push(next.trim());
          } else {
            break;
          }
          i++;
        }
        const li = el(doc, 'li', { dir: 'auto' });
        const rendered = depth > 8 ? doc.createTextNode(body.join('\n')) : renderMarkdown(body.join('\n'), doc, depth + 1);
        // A one-paragraph item is shown without the paragraph's margins (a "tight" list).
        if (rendered.childNodes?.length === 1 && rendered.firstChild.nodeName === 'P') {
          li.append(...rendered.firstChild.childNodes);
        } else if (rendered.childNodes?.length > 1 && rendered.firstChild.nodeName === 'P') {
          const first = rendered.firstChild;
          rendered.removeChild(first);
          li.append(...first.childNodes, rendered);
        } else {
          li.append(rendered);
        }
        list.append(li);
        while (i < lines.length && /^\s*$/.test(lines[i]) && i + 1 < lines.length && marker.test(lines[i + 1])) i++;
      }
      fragment.append(list);
      continue;
    }
    const paragraph = [];
    while (i < lines.length && !/^\s*$/.test(lines[i]) && (paragraph.length === 0 || !startsBlock(lines[i]))) {
      paragraph.push(lines[i]);
      i++;
    }
    fragment.append(el(doc, 'p', { dir: 'auto' }, ...paragraphContent(doc, paragraph)));
  }
  return fragment;
}
