// Commenting right on a commitment's live texts (commitment.html, <section id="consultation-comments">).
// When a consultation round covers the commitment, its texts are shown here as they are now, following
// every edit live (OpenDocument / OpApplied over the hub); a signed-in person selects a passage and
// comments on it. The comment is anchored to {documentId, version, start, end, quote} (code points) and its
// passage is highlighted in the text, moving with later edits; a deleted passage shows "passage removed"
// with the original quote. New comments, replies, supports and responses arrive live (topic round:{id}).
import { fetchMe, signInUrl } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { enumLabel, formatNumber, onLanguageChange, t } from '../i18n.js';
import {
  api, contributionActions, errorText, inlineForm, liveIndicator, loadPlanContext, localizedTitle, lookupsFor, placeContribution, renderThreads,
  roundHref, roundStatusBadge, roundUrl, showSupports,
} from './common.js';
import { sliceCodePoints, toCodePoints, toUtf16, transformRange } from './anchors.js';

const FIELDS = ['problem', 'statusQuo', 'description', 'contribution', 'ogpRelevance', 'ambition'];

function ensureStylesheet() {
  if (!document.querySelector('link[href="/css/consultations.css"]')) {
    document.head.append(h('link', { rel: 'stylesheet', href: '/css/consultations.css' }));
  }
}

async function whenTranslated() {
  for (let i = 0; i < 200 && !document.documentElement.classList.contains('i18n-ready'); i++) {
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

/** Mounts the comments of the consultation rounds covering `commitmentId` into `section`. */
export async function mountConsultationComments(section, commitmentId) {
  if (!section || !commitmentId) return null;
  ensureStylesheet();
  section.dataset.ready = 'false';
  const view = new CommentsView(section, commitmentId);
  try {
    await whenTranslated();
    await view.load();
  } catch (error) {
    console.error('Consultation comments:', error);
    view.error = error;
  }
  view.render();
  onLanguageChange(() => view.render());
  section.dataset.ready = 'true';
  view.startLive();
  return view;
}

class CommentsView {
  constructor(section, commitmentId) {
    this.section = section;
    this.commitmentId = commitmentId;
    this.me = null;
    this.round = null;
    this.contributions = [];
    this.docs = new Map();
    this.nodes = new Map();
    this.selection = null;
    this.connection = null;
    this.error = null;
    this.indicator = liveIndicator();
  }

  async load() {
    this.me = await fetchMe().catch(() => null);
    const rounds = await api.get(`/api/rounds?commitmentId=${encodeURIComponent(this.commitmentId)}`);
    if (!rounds.length) return;
    // The round that takes comments now, else the most recent one.
    const chosen = rounds.find(r => r.acceptingContributions) ?? rounds[0];
    this.round = await api.get(roundUrl(chosen.id));
    this.context = await loadPlanContext(this.round.planId).catch(() => ({}));
    this.contributions = this.round.contributions.filter(c => c.commitmentId === this.commitmentId);
    if (this.me) {
      await this.connect();
    }
    if (!this.connection) {
      await this.loadTextsOverHttp();
    }
    await this.placeAll();
  }

  get documentIds() {
    return FIELDS.map(f => `${this.commitmentId}/${f}`);
  }

  async connect() {
    let client;
    try {
      client = await import('/lib/ogp-client.js');
      this.otText = client.otText;
    } catch (error) {
      console.warn('Live texts unavailable:', error);
      return;
    }
    const connection = client.buildHubConnection();
    connection.on('OpApplied', e => this.onOp(e));
    const update = c => this.upsert(c.contribution);
    connection.on('ContributionAdded', update);
    connection.on('ReplyAdded', update);
    connection.on('SupportChanged', e => this.onSupportChanged(e));
    for (const name of ['ContributionHidden', 'ContributionRestored', 'ResponsesPublished', 'RoundChanged']) {
      connection.on(name, () => this.refresh());
    }
    // After a server node died, round events may have been lost: the server asks watchers to read it again.
    connection.on('Resync', e => {
      if (e?.topic === `round:${this.round.id}`) this.refresh().catch(error => console.warn(error));
    });
    connection.onreconnecting(() => this.indicator.set('reconnecting'));
    connection.onreconnected(async () => {
      try {
        await this.openDocuments(connection);
        await connection.invoke('Watch', `round:${this.round.id}`);
        this.indicator.set('live');
        await this.refresh();
      } catch (error) {
        console.warn(error);
      }
    });
    connection.onclose(() => this.indicator.set('offline'));
    try {
      await connection.start();
      await this.openDocuments(connection);
      await connection.invoke('Watch', `round:${this.round.id}`);
      this.connection = connection;
    } catch (error) {
      console.warn('Live texts unavailable:', error);
      try {
        await connection.stop();
      } catch {
        // already stopped
      }
    }
  }

  async openDocuments(connection) {
    for (const documentId of this.documentIds) {
      const opened = await connection.invoke('OpenDocument', documentId);
      const doc = this.docs.get(documentId);
      if (!doc || opened.version >= doc.version) {
        this.docs.set(documentId, { id: documentId, field: documentId.split('/').pop(), text: opened.text, version: opened.version, ops: new Map(), ranges: new Map(), dirty: false });
      }
    }
  }

  async loadTextsOverHttp() {
    await Promise.all(this.documentIds.map(async documentId => {
      const [, field] = documentId.split('/');
      try {
        const doc = await api.get(`/api/documents/${encodeURIComponent(this.commitmentId)}/${encodeURIComponent(field)}`);
        this.docs.set(documentId, { id: documentId, field, text: doc.text, version: doc.version, ops: new Map(), ranges: new Map(), dirty: false });
      } catch (error) {
        console.warn(`No text for ${documentId}:`, error);
      }
    }));
  }

  /** Brings a document's text up to date (hub: the missing ops; HTTP: the current text). */
  async catchUp(doc) {
    if (this.connection) {
      const ops = await this.connection.invoke('GetOps', doc.id, doc.version);
      for (const op of ops) this.applyOp(doc, op.version, op.op);
    } else {
      const fresh = await api.get(`/api/documents/${encodeURIComponent(this.commitmentId)}/${encodeURIComponent(doc.field)}`);
      if (fresh.version > doc.version) {
        // Without the ops, ranges cannot be carried forward: place them again from the server's positions.
        Object.assign(doc, { text: fresh.text, version: fresh.version, ops: new Map(), ranges: new Map() });
      }
    }
  }

  applyOp(doc, version, op) {
    if (version !== doc.version + 1 || !this.otText) return false;
    doc.text = this.otText.type.apply(doc.text, op);
    doc.ops.set(version, op);
    doc.version = version;
    for (const [id, range] of doc.ranges) doc.ranges.set(id, transformRange(range, op));
    return true;
  }

  async onOp(e) {
    const doc = this.docs.get(e.documentId);
    if (!doc || e.version <= doc.version) return;
    if (!this.applyOp(doc, e.version, e.op)) {
      await this.catchUp(doc);
    }
    this.renderText(doc);
  }

  /** The range of a comment at the document's current version, from the position the server gave. */
  async place(c) {
    const doc = c.anchor ? this.docs.get(c.anchor.documentId) : null;
    const position = c.position;
    if (!doc || !position) return;
    if (position.version > doc.version) {
      await this.catchUp(doc);
      if (position.version > doc.version) return;
    }
    let range = { start: position.start, end: position.end, removed: position.state === 'Removed' };
    for (let v = position.version + 1; v <= doc.version; v++) {
      let op = doc.ops.get(v);
      if (!op && this.connection) {
        for (const missing of await this.connection.invoke('GetOps', doc.id, v - 1)) {
          if (missing.version <= doc.version) doc.ops.set(missing.version, missing.op);
        }
        op = doc.ops.get(v);
      }
      if (!op) return;
      range = transformRange(range, op);
    }
    doc.ranges.set(c.id, range);
  }

  async placeAll() {
    for (const c of this.contributions) await this.place(c);
  }

  async refresh() {
    try {
      this.round = await api.get(roundUrl(this.round.id));
      this.contributions = this.round.contributions.filter(c => c.commitmentId === this.commitmentId);
      for (const doc of this.docs.values()) doc.ranges.clear();
      await this.placeAll();
      this.render();
    } catch (error) {
      console.warn(error);
    }
  }

  async upsert(c, { mine = false } = {}) {
    if (!c || c.commitmentId !== this.commitmentId) return;
    const index = this.contributions.findIndex(x => x.id === c.id);
    if (index >= 0) {
      if (!mine && this.contributions[index].mine) return;
      this.contributions[index] = c;
    } else {
      this.contributions.push(c);
    }
    await this.place(c);
    const doc = c.anchor ? this.docs.get(c.anchor.documentId) : null;
    if (doc) this.renderText(doc);
    if (this.listNode) {
      placeContribution(this.listNode, this.nodes, c, this.listOptions());
      this.renderCount();
    }
  }

  onSupportChanged(e) {
    const c = this.contributions.find(x => x.id === e.contributionId);
    if (!c) return;
    c.supports = e.supports;
    showSupports(this.nodes.get(c.id), e.supports);
  }

  // ---- rendering ---------------------------------------------------------------------------------------

  render() {
    if (this.error) {
      this.section.hidden = false;
      replaceChildren(this.section, h('div', { class: 'alert error', role: 'alert' }, t('consultations.comments.unavailable'), ' ', h('span', { class: 'detail' }, errorText(this.error))));
      return;
    }
    if (!this.round) {
      replaceChildren(this.section);
      this.section.hidden = true;
      return;
    }
    this.section.hidden = false;
    this.section.classList.add('card', 'consult-comments');
    const accepting = this.round.capabilities.contribute;
    const intro = !this.round.acceptingContributions
      ? h('p', { class: 'muted' }, t('consultations.comments.closed'))
      : this.me
        ? h('p', {}, t('consultations.comments.howTo'))
        : h('p', {}, h('a', { href: signInUrl(), id: 'consult-signin' }, t('consultations.comments.signIn')));
    this.selectButton = h('button', { type: 'button', class: 'btn small', id: 'consult-comment-selection', disabled: true, hidden: !accepting }, t('consultations.comments.commentSelection'));
    // Keep the text selected when the button is pressed.
    this.selectButton.addEventListener('mousedown', e => e.preventDefault());
    this.selectButton.addEventListener('click', () => this.openCommentForm());
    this.formSlot = h('div', { class: 'consult-form-slot', id: 'consult-form-slot' });
    this.textsNode = h('div', { class: 'consult-texts' });
    this.listNode = h('div', { class: 'consult-list', id: 'consult-comments-list', 'aria-live': 'polite' });
    // A click on a comment's quote shows its passage in the text.
    this.listNode.addEventListener('click', event => {
      const quote = event.target.closest?.('.consult-quote');
      const article = quote?.closest('.consult-contribution');
      if (article) this.focusMark(article.dataset.contributionId);
    });
    replaceChildren(this.section,
      h('div', { class: 'section-head' },
        h('h2', { id: 'consult-comments-heading' }, t('consultations.comments.heading')),
        roundStatusBadge(this.round.status),
        this.connection ? this.indicator.node : null),
      h('p', {}, h('a', { href: roundHref(this.round.id), id: 'consult-round-link', dir: 'auto' }, localizedTitle(this.round))),
      intro,
      h('div', { class: 'consult-toolbar' }, this.selectButton),
      this.formSlot,
      this.textsNode,
      h('h3', {}, t('consultations.comments.listHeading'), ' ', h('span', { class: 'count', id: 'consult-comments-count' })),
      this.listNode);
    if (this.connection) this.indicator.set('live');
    for (const doc of this.orderedDocs()) this.renderText(doc);
    this.renderList();
    if (!this.selectionListener) {
      this.selectionListener = () => this.onSelectionChange();
      document.addEventListener('selectionchange', this.selectionListener);
    }
  }

  orderedDocs() {
    return FIELDS.map(f => this.docs.get(`${this.commitmentId}/${f}`)).filter(Boolean);
  }

  /** One live text, its commented passages highlighted (overlapping passages share a mark). */
  renderText(doc) {
    if (!this.textsNode) return;
    let block = this.textsNode.querySelector(`[data-document-id="${CSS.escape(doc.id)}"]`);
    if (this.selectionInside(block)) {
      doc.dirty = true;
      return;
    }
    doc.dirty = false;
    const ranges = [...doc.ranges].filter(([id, r]) => !r.removed && this.isVisible(id));
    const bounds = [...new Set([0, toCodePoints(doc.text, doc.text.length), ...ranges.flatMap(([, r]) => [r.start, r.end])])].sort((a, b) => a - b);
    const children = [];
    for (let i = 0; i + 1 < bounds.length; i++) {
      const [from, to] = [bounds[i], bounds[i + 1]];
      const text = sliceCodePoints(doc.text, from, to);
      if (!text) continue;
      const covering = ranges.filter(([, r]) => r.start <= from && r.end >= to).map(([id]) => id);
      children.push(covering.length
        ? h('mark', { class: 'consult-mark', dataset: { comments: covering.join(' ') }, tabindex: 0, on: { click: () => this.focusComment(covering[0]) } }, text)
        : document.createTextNode(text));
    }
    const textNode = h('div', { class: 'consult-text', dir: 'auto', dataset: { documentId: doc.id, version: doc.version } }, children);
    const wrapper = h('div', { class: 'consult-text-block', dataset: { documentId: doc.id } },
      h('h3', { class: 'consult-field' }, enumLabel('textFields', doc.field)),
      textNode);
    if (!doc.text) {
      wrapper.hidden = true;
    }
    if (block) block.replaceWith(wrapper);
    else this.textsNode.append(wrapper);
  }

  isVisible(id) {
    const c = this.contributions.find(x => x.id === id);
    return c && !c.hidden;
  }

  selectionInside(block) {
    if (!block) return false;
    const selection = document.getSelection();
    return Boolean(selection && !selection.isCollapsed && selection.rangeCount && block.contains(selection.getRangeAt(0).commonAncestorContainer));
  }

  listOptions() {
    return {
      me: this.me,
      lookups: lookupsFor(this.context ?? {}),
      ...contributionActions(this.round.id, (c, options) => this.upsert(c, options), { canReply: this.round.capabilities.contribute }),
    };
  }

  renderList() {
    if (!this.listNode) return;
    this.nodes = renderThreads(this.listNode, this.contributions, this.listOptions());
    this.renderCount();
  }

  renderCount() {
    const count = this.section.querySelector('#consult-comments-count');
    if (count) count.textContent = formatNumber(this.contributions.filter(c => c.kind === 'Comment').length);
  }

  focusComment(id) {
    const node = this.nodes.get(id);
    if (!node) return;
    node.scrollIntoView({ block: 'center', behavior: 'smooth' });
    node.classList.add('flash');
    setTimeout(() => node.classList.remove('flash'), 1500);
  }

  focusMark(id) {
    const mark = [...this.section.querySelectorAll('mark.consult-mark')].find(m => m.dataset.comments.split(' ').includes(id));
    if (mark) {
      mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
      mark.focus();
    }
  }

  // ---- selecting and commenting ------------------------------------------------------------------------

  /** The current selection as an anchor on one text, or null. */
  readSelection() {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    const range = selection.getRangeAt(0);
    const element = node => (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)?.closest('.consult-text');
    const text = element(range.startContainer);
    if (!text || text !== element(range.endContainer) || !this.section.contains(text)) return null;
    const doc = this.docs.get(text.dataset.documentId);
    if (!doc) return null;
    const offset = (node, at) => {
      const before = document.createRange();
      before.selectNodeContents(text);
      before.setEnd(node, at);
      return before.toString().length;
    };
    const start = toCodePoints(doc.text, offset(range.startContainer, range.startOffset));
    const end = toCodePoints(doc.text, offset(range.endContainer, range.endOffset));
    if (end <= start) return null;
    const quote = sliceCodePoints(doc.text, start, end);
    if (!quote.trim()) return null;
    return { documentId: doc.id, version: doc.version, start, end, quote };
  }

  onSelectionChange() {
    const info = this.readSelection();
    if (info) this.selection = info;
    if (this.selectButton) this.selectButton.disabled = !info;
    if (!document.getSelection()?.isCollapsed) return;
    // The selection ended: draw the texts that changed meanwhile.
    for (const doc of this.docs.values()) {
      if (doc.dirty) this.renderText(doc);
    }
  }

  openCommentForm() {
    const anchor = this.readSelection() ?? this.selection;
    if (!anchor) return;
    const form = inlineForm({
      labelKey: 'consultations.comments.bodyLabel',
      submitKey: 'consultations.comments.submit',
      className: 'consult-comment-form',
      onCancel: () => replaceChildren(this.formSlot),
      onSubmit: async body => {
        const created = await api.post(`${roundUrl(this.round.id)}/contributions`, { kind: 'Comment', anchor, body });
        replaceChildren(this.formSlot);
        document.getSelection()?.removeAllRanges();
        await this.upsert(created, { mine: true });
        this.focusComment(created.id);
      },
    });
    replaceChildren(this.formSlot, h('div', { class: 'consult-selected' },
      h('span', { class: 'muted' }, enumLabel('textFields', anchor.documentId.split('/').pop())),
      h('blockquote', { class: 'consult-quote', dir: 'auto', id: 'consult-selected-quote' }, anchor.quote)), form);
  }

  startLive() {
    if (this.connection) this.indicator.set('live');
  }
}
