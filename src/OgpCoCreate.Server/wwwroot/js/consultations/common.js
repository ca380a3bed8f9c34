// Shared pieces of the consultation pages (rounds, round, moderation, responses, comments on a commitment):
// API calls, badges, the rendering of one contribution, the client-side re-check of the server's sanitized
// HTML, and the live topic over the hub. Everything a person typed goes in as text, except the body's HTML,
// which the server rendered from Markdown and sanitized and which is filtered again here before use.
import { ApiError, hasRole, request } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { enumLabel, formatDateTime, formatNumber, isolate, localized, t } from '../i18n.js';

/** A text that follows the language switch (applyTranslations re-translates [data-i18n]): for forms built once. */
export function tr(key, tag = 'span', attributes = {}) {
  return h(tag, { ...attributes, 'data-i18n': key }, t(key));
}

export const api = {
  get: url => request('GET', url),
  post: (url, body) => request('POST', url, body ?? {}),
  put: (url, body) => request('PUT', url, body ?? {}),
};

export const roundUrl = id => `/api/rounds/${encodeURIComponent(id)}`;
export const roundHref = id => `/round.html?id=${encodeURIComponent(id)}`;
export const moderationHref = id => `/moderation.html?round=${encodeURIComponent(id)}`;
export const responsesHref = id => `/responses.html?round=${encodeURIComponent(id)}`;

export const RESPONSE_STATUSES = Object.freeze(['Unanswered', 'UnderReview', 'Accepted', 'PartiallyAccepted', 'MergedInto', 'Rejected']);
export const FINAL_STATUSES = Object.freeze(['Accepted', 'PartiallyAccepted', 'MergedInto', 'Rejected']);

const ROUND_TONES = { Scheduled: 'neutral', Open: 'accent', Closed: 'warning', Answered: '', Published: 'success' };
const RESPONSE_TONES = {
  Unanswered: 'neutral', UnderReview: 'warning', Accepted: 'success', PartiallyAccepted: 'accent', MergedInto: 'accent', Rejected: 'danger',
};
const ANCHOR_TONES = { Intact: 'neutral', Edited: 'warning', Removed: 'danger' };

function badge(group, tones, value, extra = {}) {
  return h('span', { class: `badge ${tones[value] ?? 'neutral'}`.trim(), dataset: { status: value }, ...extra }, enumLabel(group, value));
}

export const roundStatusBadge = status => badge('consultations.roundStatus', ROUND_TONES, status);
export const responseStatusBadge = status => badge('consultations.responseStatus', RESPONSE_TONES, status, { 'data-response-status': status });
export const anchorStateBadge = state => badge('consultations.anchorState', ANCHOR_TONES, state, { 'data-anchor-state': state });
export const scopeLabel = scope => enumLabel('consultations.scope', scope);

export const isModerator = me => ['Admin', 'Secretariat', 'MsfMember'].some(r => hasRole(me, r));
export const isSecretariat = me => hasRole(me, 'Admin') || hasRole(me, 'Secretariat');
export const isResponder = me => isSecretariat(me) || hasRole(me, 'FocalPoint');

/** "from … to …" of a round, in the chosen language. */
export function roundWindow(round) {
  const d = round.definition ?? round;
  return t('consultations.window', { opens: formatDateTime(d.opensAt), closes: formatDateTime(d.closesAt) });
}

// ---- sanitized HTML, checked again ---------------------------------------------------------------------

const ALLOWED_TAGS = new Set(['P', 'BR', 'STRONG', 'EM', 'B', 'I', 'DEL', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'CODE', 'PRE', 'A', 'HR', 'H3', 'H4', 'H5', 'H6']);

function cleanInto(target, source) {
  for (const node of source.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      target.appendChild(document.createTextNode(node.data));
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      if (!ALLOWED_TAGS.has(node.tagName)) {
        // Unknown element: keep its text only (never its markup).
        target.appendChild(document.createTextNode(node.textContent ?? ''));
        continue;
      }
      const copy = document.createElement(node.tagName.toLowerCase());
      if (node.tagName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (/^(https?:|mailto:)/i.test(href.trim())) {
          copy.setAttribute('href', href);
          copy.setAttribute('rel', 'nofollow noopener noreferrer ugc');
          copy.setAttribute('target', '_blank');
        }
      }
      cleanInto(copy, node);
      target.appendChild(copy);
    }
  }
  return target;
}

/**
 * The body HTML the server rendered (Markdig) and sanitized (HtmlSanitizer), parsed in an inert document
 * (DOMParser: no script runs, nothing loads) and rebuilt from an allowlist: a second, independent filter.
 */
export function safeHtml(html, tag = 'div', attributes = {}) {
  const container = h(tag, attributes);
  if (!html) return container;
  const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}`, 'text/html');
  return cleanInto(container, parsed.body);
}

// ---- one contribution ----------------------------------------------------------------------------------

/** The quote of an anchored comment, and what became of the passage since. */
export function anchorBlock(c) {
  if (!c.anchor) return null;
  const state = c.position?.state;
  return h('div', { class: 'consult-anchor', dataset: { anchorState: state ?? 'Unknown' } },
    h('div', { class: 'consult-anchor-head' },
      h('span', { class: 'muted' }, enumLabel('textFields', c.anchor.documentId.split('/').pop())),
      state ? anchorStateBadge(state) : null),
    h('blockquote', { class: 'consult-quote', dir: 'auto' }, c.anchor.quote),
    state === 'Edited' && c.position?.currentText
      ? h('p', { class: 'consult-now muted', dir: 'auto' }, t('consultations.anchor.nowReads'), ' ', h('q', {}, c.position.currentText))
      : null,
    state === 'Removed' ? h('p', { class: 'consult-removed', role: 'note' }, t('consultations.anchor.removedNote')) : null);
}

/** The published response (or, for responders, the draft) of a contribution. */
export function responseBlock(response, { draft = false, lookup } = {}) {
  if (!response) return null;
  const merged = response.mergedIntoCommitmentId
    ? h('p', {}, t('consultations.response.mergedInto'), ' ',
      h('a', { href: `/commitment.html?id=${encodeURIComponent(response.mergedIntoCommitmentId)}` }, lookup?.(response.mergedIntoCommitmentId) ?? response.mergedIntoCommitmentId))
    : null;
  return h('div', { class: `consult-response${draft ? ' draft' : ''}`, dataset: { responseStatus: response.status } },
    h('div', { class: 'consult-response-head' },
      h('strong', {}, t(draft ? 'consultations.response.draftHeading' : 'consultations.response.heading')), ' ',
      responseStatusBadge(response.status)),
    merged,
    response.justification ? h('p', { class: 'consult-justification', dir: 'auto' }, response.justification) : null,
    h('p', { class: 'muted consult-by' }, t('consultations.response.by', { name: isolate(response.byName), date: formatDateTime(response.at) })));
}

/**
 * One contribution as an <article>. `options`: { me, lookups: { axis(id), institution(id), commitment(id) },
 * onSupport(c, button), onReply(c), onReport(c), showDraft, extra(c) → node, compact }.
 */
export function renderContribution(c, options = {}) {
  const { me, lookups = {} } = options;
  const article = h('article', {
    class: `consult-contribution kind-${c.kind.toLowerCase()}${c.hidden ? ' hidden-contribution' : ''}`,
    id: `${options.idPrefix ?? 'contribution-'}${c.id}`,
    dataset: { contributionId: c.id, kind: c.kind },
  });
  const meta = [
    h('span', { class: 'consult-author', dir: 'auto' }, c.hidden && !c.authorName ? t('consultations.hiddenAuthor') : c.authorName),
    h('span', { class: 'muted' }, formatDateTime(c.at)),
    c.kind !== 'Reply' ? h('span', { class: 'badge neutral' }, enumLabel('consultations.kind', c.kind)) : null,
    c.needsResponse ? responseStatusBadge(c.status) : null,
    c.axisId && c.kind === 'Idea' ? h('span', { class: 'badge' }, lookups.axis?.(c.axisId) ?? c.axisId) : null,
    c.institutionId && c.kind === 'Idea' ? h('span', { class: 'badge accent' }, lookups.institution?.(c.institutionId) ?? c.institutionId) : null,
    c.commitmentId && c.kind === 'Comment'
      ? h('a', { class: 'badge accent', href: `/commitment.html?id=${encodeURIComponent(c.commitmentId)}#consultation-comments` }, lookups.commitment?.(c.commitmentId) ?? c.commitmentId)
      : null,
  ];
  article.append(h('header', { class: 'consult-meta' }, meta));
  if (c.hidden) {
    article.append(h('p', { class: 'consult-hidden-note', role: 'note' }, t('consultations.hiddenNote')));
  }
  if (c.title != null) article.append(h('h3', { class: 'consult-title', dir: 'auto' }, c.title));
  if (c.kind === 'Comment') {
    const anchor = anchorBlock(c);
    if (anchor) article.append(anchor);
  }
  if (c.bodyHtml != null) article.append(safeHtml(c.bodyHtml, 'div', { class: 'consult-body', dir: 'auto' }));
  if (c.moderation) {
    const m = c.moderation;
    if (m.hiddenReason || m.reports?.length) {
      article.append(h('div', { class: 'consult-moderation' },
        m.hiddenReason ? h('p', {}, h('strong', {}, t('consultations.moderation.hiddenBecause')), ' ', h('span', { dir: 'auto' }, m.hiddenReason),
          ' ', h('span', { class: 'muted' }, t('consultations.response.by', { name: isolate(m.hiddenByName ?? ''), date: formatDateTime(m.hiddenAt) }))) : null,
        m.reports?.length ? h('ul', { class: 'consult-reports' }, m.reports.map(r =>
          h('li', {}, h('span', { dir: 'auto' }, r.reason), ' — ', h('span', { class: 'muted', dir: 'auto' }, r.byName)))) : null));
    }
  }
  if (c.response) article.append(responseBlock(c.response, { lookup: lookups.commitment }));
  if (options.showDraft && c.draft) article.append(responseBlock(c.draft, { draft: true, lookup: lookups.commitment }));

  const actions = h('div', { class: 'consult-actions' });
  const supportLabel = t('consultations.support.count', { count: formatNumber(c.supports ?? 0) });
  if (options.onSupport && me && !c.hidden && !c.mine) {
    const button = h('button', {
      type: 'button', class: 'btn small secondary consult-support', 'aria-pressed': String(Boolean(c.supportedByMe)), disabled: c.supportedByMe || undefined,
    }, c.supportedByMe ? t('consultations.support.done') : t('consultations.support.action'), ' · ', h('span', { class: 'consult-support-count' }, formatNumber(c.supports ?? 0)));
    button.addEventListener('click', () => options.onSupport(c, button));
    actions.append(button);
  } else {
    actions.append(h('span', { class: 'muted consult-support-count-label' }, supportLabel));
  }
  if (options.onReply && me && !c.hidden) {
    actions.append(h('button', { type: 'button', class: 'btn small secondary consult-reply-button', on: { click: () => options.onReply(c, article) } }, t('consultations.reply.action')));
  }
  if (options.onReport && me && !c.mine && !c.hidden) {
    actions.append(h('button', { type: 'button', class: 'btn small secondary consult-report-button', on: { click: () => options.onReport(c, article) } }, t('consultations.report.action')));
  }
  if (options.extra) {
    const extra = options.extra(c, article);
    if (extra) actions.append(extra);
  }
  article.append(actions);
  article.append(h('div', { class: 'consult-replies' }));
  return article;
}

/** Contributions as threads: roots in order, each reply under its parent. */
export function renderThreads(container, contributions, options) {
  const byId = new Map();
  const roots = [];
  for (const c of contributions) {
    const node = renderContribution(c, options);
    byId.set(c.id, node);
    const parent = c.parentId ? byId.get(c.parentId) : null;
    if (parent) parent.querySelector(':scope > .consult-replies').append(node);
    else roots.push(node);
  }
  replaceChildren(container, roots.length ? roots : h('p', { class: 'muted consult-empty' }, t('consultations.noContributions')));
  return byId;
}

/**
 * Puts one contribution into a thread view (new: under its parent or at the end; known: replaced in place,
 * keeping its replies and any reply or report form open under it). `nodes` maps ids to articles.
 */
export function placeContribution(container, nodes, c, options) {
  const node = renderContribution(c, options);
  const previous = nodes.get(c.id);
  if (previous) {
    node.querySelector(':scope > .consult-replies').replaceWith(previous.querySelector(':scope > .consult-replies'));
    const actions = node.querySelector(':scope > .consult-actions');
    for (const form of [...previous.querySelectorAll(':scope > .consult-inline-form')].reverse()) actions.after(form);
    previous.replaceWith(node);
  } else {
    const parent = c.parentId ? nodes.get(c.parentId) : null;
    container.querySelector(':scope > .consult-empty')?.remove();
    (parent ? parent.querySelector(':scope > .consult-replies') : container).append(node);
  }
  nodes.set(c.id, node);
  return node;
}

/** Updates the support count shown on a contribution, in place. */
export function showSupports(node, supports) {
  if (!node) return;
  for (const count of node.querySelectorAll(':scope > .consult-actions .consult-support-count')) count.textContent = formatNumber(supports);
  const label = node.querySelector(':scope > .consult-actions .consult-support-count-label');
  if (label) label.textContent = t('consultations.support.count', { count: formatNumber(supports) });
}

/** A small inline form: one textarea (or input) and a submit button; resolves via onSubmit(value). */
export function inlineForm({ labelKey, submitKey, multiline = true, maxLength = 5000, onSubmit, onCancel, className = '' }) {
  const id = `f-${Math.random().toString(36).slice(2)}`;
  const input = multiline
    ? h('textarea', { id, rows: 3, maxlength: maxLength, dir: 'auto', required: true })
    : h('input', { id, type: 'text', maxlength: maxLength, dir: 'auto', required: true });
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn small' }, t(submitKey));
  const form = h('form', { class: `consult-inline-form ${className}`.trim(), novalidate: true },
    h('div', { class: 'field' }, h('label', { for: id }, t(labelKey)), input),
    h('div', { class: 'form-actions' }, submit,
      onCancel ? h('button', { type: 'button', class: 'btn small secondary', on: { click: onCancel } }, t('consultations.cancel')) : null),
    status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    status.textContent = '';
    try {
      await onSubmit(input.value, form);
    } catch (error) {
      status.textContent = errorText(error);
      status.classList.add('error');
    } finally {
      submit.disabled = false;
    }
  });
  setTimeout(() => input.focus(), 0);
  return form;
}

/**
 * The reader's actions on a contribution (support, reply, report), the same on the round page and beside a
 * commitment's texts. <upsert>(contribution, { mine: true }) puts the server's answer on the page.
 */
export function contributionActions(roundId, upsert, { canReply }) {
  const contributionUrl = c => `${roundUrl(roundId)}/contributions/${encodeURIComponent(c.id)}`;
  // A second click on the same action closes its form.
  const toggleForm = (article, className, create) => {
    const existing = article.querySelector(`:scope > .${className}`);
    if (existing) {
      existing.remove();
      return;
    }
    article.querySelector(':scope > .consult-actions').after(create());
  };
  return {
    onSupport: async (c, button) => {
      button.disabled = true;
      try {
        await upsert(await api.post(`${contributionUrl(c)}/support`), { mine: true });
      } catch (error) {
        button.disabled = false;
        button.title = errorText(error);
        button.after(h('span', { class: 'form-status error', role: 'alert' }, errorText(error)));
      }
    },
    onReply: canReply ? (c, article) => toggleForm(article, 'consult-reply-form', () => {
      const form = inlineForm({
        labelKey: 'consultations.reply.label',
        submitKey: 'consultations.reply.submit',
        className: 'consult-reply-form',
        onCancel: () => form.remove(),
        onSubmit: async body => {
          const created = await api.post(`${roundUrl(roundId)}/contributions`, { kind: 'Reply', parentId: c.id, body });
          form.remove();
          await upsert(created, { mine: true });
        },
      });
      return form;
    }) : null,
    onReport: (c, article) => toggleForm(article, 'consult-report-form', () => {
      const form = inlineForm({
        labelKey: 'consultations.report.label',
        submitKey: 'consultations.report.submit',
        multiline: false,
        maxLength: 500,
        className: 'consult-report-form',
        onCancel: () => form.remove(),
        onSubmit: async reason => {
          await api.post(`${contributionUrl(c)}/report`, { reason });
          replaceChildren(form, h('p', { class: 'form-status', role: 'status' }, t('consultations.report.done')));
        },
      });
      return form;
    }),
  };
}

/** The server's explanation of a refusal (ProblemDetails detail or its field errors), in one line. */
export function errorText(error) {
  if (error instanceof ApiError) {
    const p = error.problem ?? {};
    const fields = p.errors ? Object.values(p.errors).flat().join(' ') : '';
    if (error.status === 0) return t('errors.network');
    return [p.title && p.title !== 'Invalid request' && !fields ? p.title : null, p.detail && !fields ? p.detail : null, fields || null]
      .filter(Boolean).join(' — ') || t('errors.generic');
  }
  return String(error?.message ?? error);
}

/** Looks up names for the badges of contributions (axes and institutions in the chosen language). */
export function lookupsFor({ plan, institutions, commitments }) {
  return {
    axis: id => localized(plan?.axes?.find(a => a.id === id)?.name) || id,
    institution: id => localized(institutions?.get?.(id)?.name) || institutions?.get?.(id)?.acronym || id,
    commitment: id => {
      const c = commitments?.get?.(id);
      return c ? t('consultations.commitmentLabel', { number: formatNumber(c.details?.number ?? 0), title: localized(c.details?.title) }) : id;
    },
  };
}

// ---- live ----------------------------------------------------------------------------------------------

/**
 * Watches a topic (round:{id}) over the hub for signed-in users: `handlers` maps client method names
 * (ContributionAdded, ReplyAdded, SupportChanged, ContributionHidden, ContributionRestored,
 * ResponsesPublished, RoundChanged) to functions. `onResync` runs after a reconnect (events may have been
 * missed: reload). Resolves with the connection, or null when live updates are not available.
 */
export async function watchTopic(topic, handlers, { onResync, onState } = {}) {
  let client;
  try {
    client = await import('/lib/ogp-client.js');
  } catch (error) {
    console.warn('Live updates unavailable (bundle):', error);
    return null;
  }
  const connection = client.buildHubConnection();
  for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
  // After a server node died, events may have been lost: the server asks watchers to read the state again.
  connection.on('Resync', e => {
    if (e?.topic === topic) Promise.resolve(onResync?.()).catch(error => console.warn(error));
  });
  connection.onreconnecting(() => onState?.('reconnecting'));
  connection.onreconnected(async () => {
    try {
      await connection.invoke('Watch', topic);
      onState?.('live');
      await onResync?.();
    } catch (error) {
      console.warn('Could not watch again:', error);
    }
  });
  connection.onclose(() => onState?.('offline'));
  try {
    await connection.start();
    await connection.invoke('Watch', topic);
    onState?.('live');
    return connection;
  } catch (error) {
    console.warn(`Live updates unavailable (${topic}):`, error);
    onState?.('offline');
    return null;
  }
}

/** The little "live" indicator of a page. */
export function liveIndicator() {
  const node = h('span', { class: 'consult-live', dataset: { live: 'connecting' }, role: 'status', 'aria-live': 'polite' });
  return {
    node,
    set(state) {
      node.dataset.live = state;
      node.textContent = t(`consultations.live.${state}`);
    },
  };
}

/** Loads the plan, its institutions and commitments (for names), tolerating failures. */
export async function loadPlanContext(planId) {
  const [plan, institutions, commitments] = await Promise.allSettled([
    api.get(`/api/plans/${encodeURIComponent(planId)}`),
    api.get(`/api/institutions?planId=${encodeURIComponent(planId)}`),
    api.get(`/api/commitments?planId=${encodeURIComponent(planId)}`),
  ]);
  const index = r => new Map((r.status === 'fulfilled' && Array.isArray(r.value) ? r.value : []).map(x => [x.id, x]));
  return { plan: plan.status === 'fulfilled' ? plan.value : null, institutions: index(institutions), commitments: index(commitments) };
}

export const localizedTitle = round => localized(round?.definition?.title ?? round?.title) || round?.id || '';
