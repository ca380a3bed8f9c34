// The live texts of a commitment (problem, status quo, description …) on its page: one labelled editor
// per text, typed in together over the hub (/hubs/cocreate) by everyone who may edit the commitment, and
// shown read-only to everyone else. The editing machinery (OT client, textarea binding, remote carets,
// Markdown) is in the bundle (client/src/drafting, loaded on demand so that the rest of the page works
// without it); this module lays it out, translates it and decides who may edit.
//   mountLiveTexts(section, { commitmentId, me?, commitment? })
import { ApiError, fetchMe, getJson, signInUrl } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { enumLabel, isolate, onLanguageChange, t } from '../i18n.js';

const DEFAULT_FIELDS = ['problem', 'statusQuo', 'description', 'contribution', 'ogpRelevance', 'ambition'];
const EDITOR_ROLES = ['Admin', 'Secretariat', 'MsfMember'];
const FROZEN = ['Withdrawn', 'Completed'];
const TRANSIENT_ERROR_MS = 12_000;

/** Who may type in the commitment's texts: the same rule as the server (DraftingRules.CanEditText). */
export function canEditTexts(me, commitment) {
  if (!me || !commitment || FROZEN.includes(commitment.status)) return false;
  const roles = new Set(me.roles ?? []);
  if (EDITOR_ROLES.some(role => roles.has(role))) return true;
  if (!roles.has('FocalPoint')) return false;
  const institutions = new Set(me.institutions ?? []);
  const d = commitment.details ?? {};
  return institutions.has(d.leadInstitutionId) || (d.supportingInstitutionIds ?? []).some(id => institutions.has(id));
}

function fieldId(field) {
  return `live-${field}`;
}

/** Resolves once the page's dictionary is loaded (the shell sets html.i18n-ready). */
function whenTranslated() {
  const root = document.documentElement;
  if (root.classList.contains('i18n-ready')) return Promise.resolve();
  return new Promise(resolve => {
    const observer = new MutationObserver(() => {
      if (root.classList.contains('i18n-ready')) {
        observer.disconnect();
        resolve();
      }
    });
    observer.observe(root, { attributes: true, attributeFilter: ['class'] });
  });
}

/** One text: label, who is in it, save state, editor or preview, inline errors. */
class LiveField {
  constructor(owner, field) {
    this.owner = owner;
    this.field = field;
    this.documentId = `${owner.commitmentId}/${field}`;
    this.preview = false;
    this.client = null;
    this.binding = null;
    this.overlay = null;
    this.errorTimer = null;
    this.lastError = null;
    this.staticText = null;

    const id = fieldId(field);
    this.label = h('label', { class: 'lt-label', for: `${id}-input`, id: `${id}-label` });
    this.presence = h('ul', { class: 'lt-presence', id: `${id}-presence` });
    // Not a live region: it flips between "saving" and "saved" at every keystroke. The connection state
    // (one per page) is the live region.
    this.saveState = h('span', { class: 'lt-save', id: `${id}-save` });
    this.toggle = h('button', {
      type: 'button', class: 'lt-toggle', id: `${id}-toggle`, 'aria-pressed': 'false', 'aria-controls': `${id}-preview`,
      on: { click: () => this.setPreview(!this.preview) },
    });
    this.error = h('div', { class: 'alert error lt-error', id: `${id}-error`, role: 'alert', hidden: true });
    this.textarea = h('textarea', {
      id: `${id}-input`, class: 'lt-input', dir: 'auto', rows: 5, spellcheck: 'true', readonly: true,
      'aria-describedby': `${id}-save ${id}-hint`, dataset: { documentId: this.documentId },
    });
    this.hint = h('p', { class: 'lt-hint', id: `${id}-hint` });
    this.editor = h('div', { class: 'lt-editor' }, this.textarea);
    this.previewBox = h('div', { class: 'lt-preview', id: `${id}-preview`, hidden: true, tabindex: '0' });
    this.element = h('article', {
      class: 'lt-field', id, dataset: { field, documentId: this.documentId, sync: 'loading', editable: 'false' },
      'aria-labelledby': `${id}-label`,
    },
    h('div', { class: 'lt-field-head' },
      this.label,
      h('div', { class: 'lt-field-tools' }, this.presence, this.saveState, this.toggle)),
    this.error, this.editor, this.previewBox, this.hint);
  }

  /** Signed-in: the live document over the hub. */
  connect(session, editable) {
    this.editable = editable;
    const { TextareaBinding, RemoteCursorOverlay } = this.owner.bundle;
    this.client = session.document(this.documentId, { editable });
    this.binding = new TextareaBinding(this.textarea, this.client).attach();
    this.overlay = new RemoteCursorOverlay(this.textarea);
    const refresh = () => this.refresh();
    this.client.on('state', refresh);
    this.client.on('reset', refresh);
    this.client.on('remoteOp', () => this.changed());
    this.client.on('localOp', () => this.changed());
    this.client.on('ack', refresh);
    this.client.on('presence', () => this.renderPresence());
    this.client.on('error', error => this.showError(error));
    this.binding.onSelection = () => this.renderCursors();
    this.binding.onWrite = () => this.renderCursors();
    this.refresh();
  }

  /** Shows the text over HTTP while the hub connects (read-only until the live document is open). */
  async prefill() {
    try {
      const doc = await getJson(`/api/documents/${encodeURIComponent(this.owner.commitmentId)}/${encodeURIComponent(this.field)}`);
      if (this.client && this.client.version < 0 && this.binding && !this.textarea.value) {
        this.textarea.value = doc.text ?? '';
        this.binding.shown = this.textarea.value;
      }
    } catch {
      // The live document will show it, or say why not.
    }
  }

  /** Anonymous visitors (no hub): the text as the server has it now. */
  async loadStatic() {
    this.editable = false;
    const [commitmentId, field] = [this.owner.commitmentId, this.field];
    try {
      const doc = await getJson(`/api/documents/${encodeURIComponent(commitmentId)}/${encodeURIComponent(field)}`);
      this.staticText = doc.text ?? '';
      this.textarea.value = this.staticText;
      this.element.dataset.version = String(doc.version);
      this.element.dataset.sync = 'static';
    } catch (error) {
      this.staticText = null;
      this.element.dataset.sync = 'failed';
      this.showError({ kind: 'load', message: error instanceof ApiError ? error.problem?.detail ?? null : null });
    }
    this.refresh();
  }

  get text() {
    return this.client ? this.client.text : this.staticText ?? '';
  }

  changed() {
    this.refresh();
    this.renderCursors();
    if (this.preview) this.schedulePreview();
  }

  /** Save state, read-only state and the data-* attributes the tests wait on. */
  refresh() {
    const { client } = this;
    let sync;
    if (!client) {
      sync = this.element.dataset.sync;
    } else if (client.status === 'failed') {
      sync = 'failed';
    } else if (client.version < 0 || client.status === 'opening') {
      sync = 'loading';
    } else if (client.status === 'offline' || !client.joined) {
      sync = client.pendingEdits > 0 ? 'offline-pending' : 'offline';
    } else if (client.status === 'resyncing' || client.status === 'catching-up') {
      sync = 'loading';
    } else if (client.synced && this.textarea.value === client.text) {
      sync = 'synced';
    } else {
      sync = 'saving';
    }
    this.element.dataset.sync = sync;
    if (client && client.version >= 0) this.element.dataset.version = String(client.version);
    const canType = Boolean(client && this.editable && client.version >= 0 && !['resyncing', 'failed', 'closed', 'opening'].includes(client.status));
    this.binding?.setEditable(canType);
    if (!client) {
      this.textarea.readOnly = true;
      this.textarea.setAttribute('aria-readonly', 'true');
    }
    this.element.dataset.editable = String(Boolean(this.editable));
    this.translateState(sync);
  }

  translateState(sync) {
    const key = {
      loading: 'drafting.save.loading',
      failed: 'drafting.save.failed',
      offline: 'drafting.save.offline',
      'offline-pending': 'drafting.save.offlinePending',
      saving: 'drafting.save.saving',
      synced: this.editable ? 'drafting.save.saved' : 'drafting.save.live',
      static: 'drafting.save.readOnly',
    }[sync] ?? 'drafting.save.loading';
    this.saveState.textContent = t(key);
    this.saveState.dataset.state = sync;
  }

  translate() {
    this.label.textContent = enumLabel('textFields', this.field);
    this.toggle.textContent = this.preview ? t('drafting.edit') : t('drafting.preview');
    this.presence.setAttribute('aria-label', t('drafting.presenceLabel'));
    this.textarea.placeholder = this.editable ? t('drafting.placeholder') : t('drafting.emptyText');
    this.hint.textContent = this.editable ? t('drafting.markdownHint') : t('drafting.readOnlyHint');
    this.previewBox.setAttribute('aria-label', t('drafting.previewOf', { field: enumLabel('textFields', this.field) }));
    this.translateState(this.element.dataset.sync);
    this.renderPresence();
    if (this.lastError) this.showError(this.lastError, { keepTimer: true });
    if (this.preview) this.renderPreview();
  }

  setPreview(on) {
    this.preview = on;
    this.toggle.setAttribute('aria-pressed', String(on));
    this.toggle.textContent = on ? t('drafting.edit') : t('drafting.preview');
    this.editor.hidden = on;
    this.previewBox.hidden = !on;
    this.element.dataset.mode = on ? 'preview' : 'edit';
    if (on) this.renderPreview(); else this.renderCursors();
  }

  schedulePreview() {
    if (this.previewFrame) return;
    this.previewFrame = requestAnimationFrame(() => {
      this.previewFrame = 0;
      this.renderPreview();
    });
  }

  renderPreview() {
    const text = this.text;
    if (text.trim() === '') {
      replaceChildren(this.previewBox, h('p', { class: 'muted' }, t('drafting.emptyText')));
    } else {
      replaceChildren(this.previewBox, this.owner.bundle.renderMarkdown(text));
    }
  }

  renderPresence() {
    // Who is in this text: the people whose caret is in it now.
    const users = this.client ? [...this.client.remote.values()].filter(u => u.cursor) : [];
    users.sort((a, b) => a.name.localeCompare(b.name));
    replaceChildren(this.presence, users.map(user => {
      const item = h('li', {
        class: user.cursor ? 'active' : 'idle',
        dataset: { userId: user.userId },
        title: t(user.cursor ? 'drafting.presenceEditing' : 'drafting.presenceViewing', { name: isolate(user.name) }),
      }, h('span', { class: 'lt-dot', 'aria-hidden': 'true' }), h('span', { dir: 'auto' }, user.name));
      // CSSOM rather than a style attribute: allowed under a strict Content-Security-Policy too.
      item.style.setProperty('--rc-colour', this.owner.bundle.personColour(user.userId));
      return item;
    }));
    this.presence.hidden = users.length === 0;
    this.renderCursors();
  }

  renderCursors() {
    if (!this.overlay) return;
    if (this.preview || !this.client || this.binding.composing || this.textarea.value !== this.client.text) {
      this.overlay.update([]);
      return;
    }
    this.overlay.update([...this.client.remote.values()].filter(u => u.cursor).map(u => ({
      id: u.userId, name: u.name, colour: this.owner.bundle.personColour(u.userId), anchor: u.cursor.anchor, focus: u.cursor.focus,
    })));
  }

  showError(error, { keepTimer = false } = {}) {
    this.lastError = error;
    const keys = {
      refused: 'drafting.errors.refused',
      transient: 'drafting.errors.transient',
      resync: 'drafting.errors.resync',
      open: 'drafting.errors.open',
      load: 'drafting.errors.load',
    };
    const dismiss = h('button', {
      type: 'button', class: 'lt-dismiss', 'aria-label': t('drafting.errors.dismiss'), title: t('drafting.errors.dismiss'),
      on: { click: () => this.clearError() },
    }, '×');
    replaceChildren(this.error,
      h('span', { class: 'lt-error-text' },
        h('strong', {}, t(keys[error.kind] ?? 'drafting.errors.refused')),
        error.message ? [' ', h('span', { class: 'detail', dir: 'auto', lang: 'en' }, error.message)] : null),
      dismiss);
    this.error.hidden = false;
    this.error.dataset.kind = error.kind;
    if (!keepTimer) {
      clearTimeout(this.errorTimer);
      // Non-blocking: passing troubles go away by themselves; refusals stay until dismissed or replaced.
      if (error.kind === 'transient' || error.kind === 'resync') this.errorTimer = setTimeout(() => this.clearError(), TRANSIENT_ERROR_MS);
    }
  }

  clearError() {
    clearTimeout(this.errorTimer);
    this.lastError = null;
    this.error.hidden = true;
    replaceChildren(this.error);
  }
}

class LiveTexts {
  constructor(section, { commitmentId, me, commitment }) {
    this.section = section;
    this.commitmentId = commitmentId;
    this.me = me;
    this.commitment = commitment;
    this.session = null;
  }

  async mount() {
    const { section } = this;
    section.classList.add('card', 'live-texts');
    section.setAttribute('aria-labelledby', 'live-texts-heading');
    section.dataset.state = 'loading';
    const [bundle, me, commitment] = await Promise.all([
      import('/lib/ogp-client.js'),
      this.me === undefined ? fetchMe().catch(() => null) : this.me,
      this.commitment ?? getJson(`/api/commitments/${encodeURIComponent(this.commitmentId)}`),
      whenTranslated(),
    ]);
    this.bundle = bundle;
    this.me = me;
    this.commitment = commitment;
    this.editable = canEditTexts(this.me, this.commitment);
    const fields = (this.commitment.textFields?.length ? this.commitment.textFields : DEFAULT_FIELDS);
    this.fields = fields.map(field => new LiveField(this, field));

    this.heading = h('h2', { id: 'live-texts-heading' });
    this.lead = h('p', { class: 'lt-lead muted', id: 'live-texts-lead' });
    this.connectionState = h('span', { class: 'lt-connection', id: 'live-texts-connection', role: 'status', 'aria-live': 'polite' });
    replaceChildren(section,
      h('div', { class: 'lt-head' }, h('div', {}, this.heading, this.lead), this.connectionState),
      this.fields.map(f => f.element));

    section.dataset.mode = !this.me ? 'anonymous' : this.editable ? 'edit' : 'read';
    if (this.me) {
      this.session = new bundle.LiveSession({ buildConnection: bundle.buildHubConnection, selfUserId: this.me.id });
      this.session.on('state', () => this.renderConnection());
      for (const field of this.fields) field.connect(this.session, this.editable);
      this.session.start();
      for (const field of this.fields) field.prefill();
      window.addEventListener('beforeunload', event => {
        if (this.session?.hasUnsavedEdits) {
          event.preventDefault();
          event.returnValue = '';
        }
      });
    } else {
      await Promise.all(this.fields.map(field => field.loadStatic()));
    }
    this.translate();
    onLanguageChange(() => this.translate());
    section.dataset.state = 'ready';
    // For diagnostics and the browser tests.
    window.ogpLiveTexts = this;
    return this;
  }

  renderConnection() {
    const el = this.connectionState;
    if (!this.session) {
      el.hidden = true;
      return;
    }
    const state = this.session.state;
    el.hidden = false;
    el.dataset.state = state;
    replaceChildren(el, h('span', { class: 'lt-dot', 'aria-hidden': 'true' }), t(`drafting.connection.${state === 'stopped' ? 'offline' : state}`));
    for (const field of this.fields) field.refresh();
  }

  translate() {
    this.heading.textContent = t('drafting.heading');
    if (!this.me) {
      replaceChildren(this.lead, t('drafting.leadAnonymous'), ' ', h('a', { href: signInUrl(), id: 'live-texts-signin' }, t('drafting.signIn')));
    } else if (this.editable) {
      this.lead.textContent = t('drafting.leadEditor');
    } else if (FROZEN.includes(this.commitment.status)) {
      this.lead.textContent = t('drafting.leadFrozen');
    } else {
      this.lead.textContent = t('drafting.leadReader');
    }
    this.renderConnection();
    for (const field of this.fields) field.translate();
  }
}

/**
 * Mounts the live texts of a commitment into `section` (an empty <section id="live-texts">).
 * `me` (the signed-in user or null) and `commitment` are fetched when not given.
 */
export async function mountLiveTexts(section, { commitmentId, me, commitment } = {}) {
  if (!section || !commitmentId) return null;
  try {
    return await new LiveTexts(section, { commitmentId, me, commitment: commitment?.id === commitmentId ? commitment : null }).mount();
  } catch (error) {
    section.dataset.state = 'failed';
    if (error instanceof ApiError && error.status === 404) {
      // No such commitment: the page says so; there are no texts to show.
      section.hidden = true;
      return null;
    }
    console.error('drafting: the live texts could not be shown', error);
    replaceChildren(section, h('p', { class: 'alert error', role: 'alert' }, t('drafting.errors.unavailable')));
    return null;
  }
}
