// Print-friendly action plan (print.html?plan=tn-nap5&lang=ar): the same document model as the DOCX
// (GET /api/public/plans/{id}/action-plan?lang=), rendered as HTML in the chosen language, right to left in
// Arabic. Switching the language fetches the document again in that language.
import { getJson } from '../api.js';
import { byId, h, replaceChildren } from '../dom.js';
import { currentLanguage, onLanguageChange, resolveLanguage, t } from '../i18n.js';
import { showError, startPage } from '../shell.js';

const PLAN_ID = new URLSearchParams(window.location.search).get('plan') || 'tn-nap5';
const enc = encodeURIComponent;

const fetchDocument = lang => getJson(`/api/public/plans/${enc(PLAN_ID)}/action-plan?lang=${enc(lang)}`);

/** A text with line breaks as one paragraph per line; each paragraph finds its own direction. */
function lines(text, attributes = {}) {
  const parts = String(text ?? '').split('\n').filter(line => line.trim() !== '');
  return parts.length ? parts.map(line => h('p', { dir: 'auto', ...attributes }, line)) : [h('p', attributes, '')];
}

function block(b) {
  switch (b.kind) {
    case 'heading': {
      const tag = `h${Math.min(4, Math.max(2, b.level + 1))}`;
      return h(tag, { id: b.anchor ?? null, dir: 'auto' }, b.text);
    }
    case 'paragraph':
      return lines(b.text, { class: b.style ? `doc-${b.style}` : null });
    case 'list':
      return h('ul', {}, b.items.map(item => h('li', { dir: 'auto' }, item)));
    case 'table':
      return h('div', { class: 'table-wrap' }, h('table', { class: 'data doc-table' },
        b.caption ? h('caption', {}, b.caption) : null,
        h('thead', {}, h('tr', {}, b.headers.map(text => h('th', { scope: 'col' }, text)))),
        h('tbody', {}, b.rows.map(row => h('tr', {}, row.map(cell => h('td', {}, lines(cell))))))));
    case 'fields':
      return h('table', { class: 'data doc-fields', id: b.anchor ?? null },
        b.caption ? h('caption', {}, b.caption) : null,
        h('tbody', {}, b.rows.map(row => h('tr', { dataset: { field: row.field } },
          h('th', { scope: 'row' }, row.label),
          h('td', {}, lines(row.value))))));
    default:
      return null;
  }
}

function renderDocument(doc) {
  const article = byId('document');
  article.setAttribute('lang', doc.language);
  article.setAttribute('dir', doc.direction);
  article.dataset.language = doc.language;
  replaceChildren(article,
    h('h1', { id: 'document-title', dir: 'auto' }, doc.title),
    h('p', { class: 'doc-subtitle', dir: 'auto' }, doc.subtitle),
    doc.blocks.map(block));
  article.removeAttribute('aria-busy');
  byId('print-docx').href = `/api/public/plans/${enc(PLAN_ID)}/action-plan.docx?lang=${enc(doc.language)}`;
  byId('print-repository').href = `/repository.html?plan=${enc(PLAN_ID)}`;
}

const ctx = await startPage({
  page: 'print',
  titleKey: 'publishing.print.pageTitle',
  // The language is not set yet when load() starts: ask for the one the page will open in.
  load: () => fetchDocument(resolveLanguage().lang),
  render: context => {
    if (context.error) {
      replaceChildren(byId('document-title'), t('publishing.repo.unavailable'));
      showError(byId('page-error'), context.error);
      return;
    }
    if (context.data.language === currentLanguage()) {
      renderDocument(context.data);
      context.setTitle(context.data.title);
    }
  },
});

byId('print-button').addEventListener('click', () => window.print());

// Runs after the shell's own re-render, and is awaited before the page says it is ready again.
onLanguageChange(async lang => {
  if (ctx.error || ctx.data?.language === lang) return;
  try {
    ctx.data = await fetchDocument(lang);
    renderDocument(ctx.data);
    ctx.setTitle(ctx.data.title);
  } catch (error) {
    showError(byId('page-error'), error);
  }
});
