// The public journal as a readable timeline: who, when, what changed (before → after where the event says).
// Used by the commitment, institution and history pages. The journal comes oldest first and pages with
// `after` (the sequence number of the last entry read) and `limit`.
import { getJson } from './api.js';
import { h, replaceChildren } from './dom.js';
import {
  enumLabel, formatDate, formatDateRange, formatDateTime, formatList, formatNumber, has, isRtl, localized, t,
} from './i18n.js';
import { enumName } from './lifecycle.js';
import { axisName, commitmentHref, empty, institutionName, statusBadge } from './views.js';

export const DEFAULT_HISTORY_LIMIT = 50;

/** "→" in a left-to-right page, "←" in Arabic: the arrow points the way the text reads. */
const arrow = () => (isRtl() ? ' ← ' : ' → ');

export function institutionHref(id) {
  return `/institution.html?id=${encodeURIComponent(id)}`;
}

export function historyHref(kind, id) {
  return `/history.html?${kind}=${encodeURIComponent(id)}`;
}

function parsePayload(entry) {
  if (entry.payload !== undefined) return entry.payload;
  try {
    return entry.payloadJson ? JSON.parse(entry.payloadJson) : null;
  } catch {
    return null;
  }
}

/** Label of a field in the journal ("baseline", "supportingInstitutionIds" …). */
export function fieldLabel(name) {
  return has(`fieldLabels.${name}`) ? t(`fieldLabels.${name}`) : name;
}

const isEmptyValue = v => v == null || v === '' || (Array.isArray(v) && v.length === 0);

function free(text) {
  return h('span', { dir: 'auto', class: 'free' }, text);
}

function list(items) {
  return items.length ? h('ul', { class: 'plain-list' }, items.map(item => h('li', {}, item))) : empty();
}

function localizedNode(value, only) {
  const langs = (only ?? ['ar', 'fr', 'en']).filter(lang => value?.[lang]);
  if (!langs.length) return empty();
  return h('span', { class: 'localized-value' }, langs.map(lang =>
    h('span', { lang, dir: lang === 'ar' ? 'rtl' : 'ltr', class: 'localized-line' },
      h('span', { class: 'lang-tag', lang: 'en', dir: 'ltr' }, lang.toUpperCase()), ' ', value[lang])));
}

function budgetText(budget) {
  if (!budget) return null;
  const amount = typeof budget.amount === 'number' ? `${formatNumber(budget.amount)} ${budget.currency ?? ''}`.trim() : t('commitment.budgetUnknown');
  return budget.source ? `${amount} — ${budget.source}` : amount;
}

const VALUE_KEYS = ['transparency', 'civicParticipation', 'publicAccountability', 'technology', 'inclusion'];

function milestoneSummary(m, lookups) {
  return h('span', {},
    h('strong', {}, m.id), ' · ', free(m.action),
    m.expectedOutput ? [arrow(), free(m.expectedOutput)] : null,
    h('span', { class: 'muted' }, ' (', formatDateRange(m.start, m.end), ' · ', institutionName(lookups.institutions, m.responsibleInstitutionId), ')'));
}

function phaseSummary(p) {
  return h('span', {}, h('strong', {}, p.id), ' · ', localized(p.name), h('span', { class: 'muted' }, ' (', formatDateRange(p.start, p.end), ')'));
}

function axisSummary(a) {
  return h('span', {}, h('strong', {}, a.id), ' · ', localized(a.name));
}

function analysisNode(a) {
  if (!a) return empty();
  return h('div', { class: 'analysis-value' },
    a.problemStatement ? h('p', { dir: 'auto' }, a.problemStatement) : null,
    (a.causes ?? []).length ? h('ul', { class: 'plain-list' }, a.causes.map(c =>
      h('li', { dir: 'auto' }, h('strong', {}, c.category), ': ', (c.causes ?? []).join(' · ')))) : null,
    (a.entryPoints ?? []).length ? h('p', { class: 'muted', dir: 'auto' }, t('commitment.entryPoints'), ': ', a.entryPoints.join(' · ')) : null);
}

/** A value of a field as a node (institution ids as names, dates in the chosen locale …). */
export function formatValue(name, value, lookups = {}) {
  if (isEmptyValue(value)) return empty();
  switch (name) {
    case 'title':
    case 'name':
    case 'organisation':
      return localizedNode(value);
    case 'axisId':
      return axisName(lookups.plan, value);
    case 'leadInstitutionId':
    case 'responsibleInstitutionId':
      return h('a', { href: institutionHref(value) }, institutionName(lookups.institutions, value));
    case 'supportingInstitutionIds':
      return list(value.map(id => h('a', { href: institutionHref(id) }, institutionName(lookups.institutions, id))));
    case 'start':
    case 'end':
      return formatDate(value);
    case 'values':
      return formatList(VALUE_KEYS.filter(k => value?.[k]).map(k => t(`ogpValues.${k}`))) || empty();
    case 'budget':
      return budgetText(value) ?? empty();
    case 'sdgs':
      return formatList(value.map(n => t('commitment.sdg', { number: formatNumber(n) })));
    case 'policyAreas':
    case 'nationalPlanLinks':
    case 'entryPoints':
      return list(value.map(v => free(v)));
    case 'analysis':
      return analysisNode(value);
    case 'kind':
      return enumLabel('institutionKind', enumName('institutionKind', value));
    case 'status':
      return statusBadge('commitmentStatus', enumName('commitmentStatus', value));
    case 'milestones':
      return list(value.map(m => milestoneSummary(m, lookups)));
    case 'axes':
      return list(value.map(axisSummary));
    case 'timeline':
      return list(value.map(phaseSummary));
    case 'focalPoints':
    case 'alternates':
      return list(value.map(id => h('code', {}, id)));
    case 'number':
      return formatNumber(value);
    default:
      if (Array.isArray(value)) return list(value.map(v => (typeof v === 'object' ? h('code', {}, JSON.stringify(v)) : free(String(v)))));
      if (typeof value === 'object') return h('code', { class: 'json' }, JSON.stringify(value));
      if (typeof value === 'boolean') return (value ? t('history.yes') : t('history.no'));
      return free(String(value));
  }
}

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** For lists of items with ids (milestones, axes, phases): only the items that differ, before and after. */
function itemDiff(name, before, after, lookups) {
  const summary = name === 'milestones' ? m => milestoneSummary(m, lookups) : name === 'axes' ? axisSummary : phaseSummary;
  const old = new Map((before ?? []).map(i => [i.id, i]));
  const now = new Map((after ?? []).map(i => [i.id, i]));
  const removed = [...old.values()].filter(i => !now.has(i.id));
  const added = [...now.values()].filter(i => !old.has(i.id));
  const changed = [...now.values()].filter(i => old.has(i.id) && !same(old.get(i.id), i));
  const beforeItems = [...changed.map(i => old.get(i.id)), ...removed].map(i => h('li', { dataset: { item: i.id } }, summary(i)));
  const afterItems = [...changed, ...added].map(i => h('li', { dataset: { item: i.id } }, summary(i)));
  const orderOnly = !removed.length && !added.length && !changed.length;
  return {
    before: orderOnly ? t('history.orderChanged') : beforeItems.length ? h('ul', { class: 'plain-list' }, beforeItems) : empty(),
    after: orderOnly ? formatValue(name, after, lookups) : afterItems.length ? h('ul', { class: 'plain-list' }, afterItems) : empty(),
  };
}

/** Only the languages that differ, so a change to the Arabic title shows in a French page too. */
function localizedDiff(before, after) {
  const langs = ['ar', 'fr', 'en'].filter(lang => (before?.[lang] ?? '') !== (after?.[lang] ?? ''));
  return { before: localizedNode(before, langs), after: localizedNode(after, langs) };
}

/** A table of the changed fields: field | before | after. */
export function changesTable(changed, before, after, lookups) {
  const names = (changed?.length ? changed : Object.keys(after ?? {}).filter(k => !same(before?.[k], after?.[k])));
  if (!names.length) return null;
  return h('table', { class: 'changes' },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('history.field')),
      h('th', { scope: 'col' }, t('history.before')),
      h('th', { scope: 'col' }, t('history.after')))),
    h('tbody', {}, names.map(name => {
      const b = before?.[name];
      const a = after?.[name];
      let cells;
      if (['milestones', 'axes', 'timeline'].includes(name)) cells = itemDiff(name, b, a, lookups);
      else if (['title', 'name'].includes(name)) cells = localizedDiff(b, a);
      else cells = { before: formatValue(name, b, lookups), after: formatValue(name, a, lookups) };
      return h('tr', { dataset: { field: name } },
        h('th', { scope: 'row' }, fieldLabel(name)),
        h('td', { class: 'before' }, cells.before),
        h('td', { class: 'after' }, cells.after));
    })));
}

function commitmentLink(id, lookups) {
  const c = lookups.commitments?.get(id);
  const label = c ? `${t('commitment.numbered', { number: formatNumber(c.details?.number) })} — ${localized(c.details?.title)}` : id;
  return h('a', { href: commitmentHref(id), dir: 'auto' }, label);
}

function institutionLink(id, lookups) {
  return h('a', { href: institutionHref(id) }, institutionName(lookups.institutions, id));
}

function reasonNode(reason) {
  return reason ? h('blockquote', { class: 'reason' }, h('span', { class: 'muted' }, t('history.reason'), ' '), free(reason)) : null;
}

function statusChange(group, payload) {
  const from = enumName(group, payload.from);
  const to = enumName(group, payload.to);
  return h('div', {},
    h('p', { class: 'status-change' }, statusBadge(group, from), h('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow()),
      h('span', { class: 'visually-hidden' }, ` ${t('history.to')} `), statusBadge(group, to)),
    reasonNode(payload.reason));
}

function memberKey(m) {
  return m?.userId || m?.name;
}

function memberSummary(m) {
  return h('span', {}, free(m.name), ' · ', localized(m.organisation), ' · ', enumLabel('side', enumName('side', m.side)),
    m.coChair ? [' · ', t('plan.coChair')] : null);
}

function forumChange(payload) {
  const before = payload.before ?? [];
  const after = payload.after ?? [];
  const old = new Map(before.map(m => [memberKey(m), m]));
  const now = new Map(after.map(m => [memberKey(m), m]));
  const added = after.filter(m => !old.has(memberKey(m)));
  const removed = before.filter(m => !now.has(memberKey(m)));
  const changed = after.filter(m => old.has(memberKey(m)) && !same(old.get(memberKey(m)), m));
  const block = (key, items) => (items.length ? h('div', {}, h('span', { class: 'muted' }, t(key)), ' ', list(items.map(memberSummary))) : null);
  const nothing = !added.length && !removed.length && !changed.length;
  return h('div', { class: 'forum-change' },
    h('p', { class: 'muted' }, t('history.forumSize', { before: formatNumber(before.length), after: formatNumber(after.length) })),
    block('history.added', added), block('history.removed', removed), block('history.changed', changed),
    nothing ? h('p', { class: 'muted' }, t('history.orderChanged')) : null);
}

function idsChange(label, before, after) {
  const added = (after ?? []).filter(id => !(before ?? []).includes(id));
  const removed = (before ?? []).filter(id => !(after ?? []).includes(id));
  if (!added.length && !removed.length) return null;
  return h('div', {}, h('strong', {}, label), ' ',
    added.length ? h('span', {}, t('history.added'), ' ', added.map(id => h('code', {}, id, ' '))) : null,
    removed.length ? h('span', {}, t('history.removed'), ' ', removed.map(id => h('code', {}, id, ' '))) : null);
}

function detailOf(entry, payload, lookups) {
  if (!payload) return null;
  switch (entry.eventType) {
    case 'CommitmentCreated': {
      const d = payload.details ?? {};
      return h('p', {}, t('commitment.numbered', { number: formatNumber(d.number) }), ' — ', free(localized(d.title)),
        h('span', { class: 'muted' }, ' · ', formatDateRange(d.start, d.end)));
    }
    case 'CommitmentEdited':
    case 'PlanDefinitionChanged':
    case 'InstitutionChanged':
      return changesTable(payload.changed, payload.before, payload.after, lookups);
    case 'CommitmentStatusChanged':
      return statusChange('commitmentStatus', payload);
    case 'PlanStatusChanged':
      return statusChange('planStatus', payload);
    case 'PlanCreated':
      return h('p', {}, free(localized(payload.title)), h('span', { class: 'muted' }, ' · ', formatDateRange(payload.start, payload.end)));
    case 'ForumMembershipChanged':
      return forumChange(payload);
    case 'CommitmentAttached':
      return h('p', {}, commitmentLink(payload.commitmentId, lookups));
    case 'InstitutionAttached':
      return h('p', {}, institutionLink(payload.institutionId, lookups));
    case 'InstitutionCreated':
      return h('p', {}, free(localized(payload.name)), ' · ', enumLabel('institutionKind', enumName('institutionKind', payload.kind)),
        payload.acronym ? [' · ', free(payload.acronym)] : null);
    case 'FocalPointsChanged':
      return h('div', {},
        idsChange(t('fieldLabels.focalPoints'), payload.before?.focalPoints, payload.after?.focalPoints),
        idsChange(t('fieldLabels.alternates'), payload.before?.alternates, payload.after?.alternates));
    case 'LeadsCommitment':
    case 'SupportsCommitment':
      return h('p', {}, commitmentLink(payload.commitmentId, lookups));
    case 'CommitmentUnlinked':
      return h('p', {}, commitmentLink(payload.commitmentId, lookups),
        payload.was ? h('span', { class: 'muted' }, ' · ', t(payload.was === 'lead' ? 'history.wasLead' : 'history.wasSupporter')) : null);
    default:
      return h('details', { class: 'payload' }, h('summary', {}, t('history.payload')), h('pre', { dir: 'ltr' }, JSON.stringify(payload, null, 2)));
  }
}

function subjectOf(entry, lookups) {
  if (lookups.subject && entry.grainType === lookups.subject.type && entry.grainKey === lookups.subject.id) return null;
  if (entry.grainType === 'commitment') return commitmentLink(entry.grainKey, lookups);
  if (entry.grainType === 'institution') return institutionLink(entry.grainKey, lookups);
  if (entry.grainType === 'plan') return h('a', { href: historyHref('plan', entry.grainKey) }, localized(lookups.plan?.title) || entry.grainKey);
  return h('code', {}, `${entry.grainType}/${entry.grainKey}`);
}

function eventLabel(type) {
  return has(`history.events.${type}`) ? t(`history.events.${type}`) : t('history.events.unknown', { type });
}

/** One journal entry as a list item of the timeline. */
export function historyEntry(entry, lookups = {}) {
  const payload = parsePayload(entry);
  const system = entry.actorId === 'system';
  const subject = subjectOf(entry, lookups);
  return h('li', { class: 'history-entry', dataset: { sequence: entry.sequence, event: entry.eventType, grain: `${entry.grainType}/${entry.grainKey}` } },
    h('div', { class: 'history-meta' },
      h('time', { datetime: entry.at }, formatDateTime(entry.at)),
      h('span', { class: 'history-actor' },
        h('span', { class: 'visually-hidden' }, t('history.by'), ' '),
        system ? t('history.system') : h('bdi', { dir: 'auto' }, entry.actorName || entry.actorId)),
      h('span', { class: 'history-seq muted', title: t('history.sequenceTitle') }, `#${entry.sequence}`)),
    h('div', { class: 'history-what' }, h('strong', {}, eventLabel(entry.eventType)), subject ? [' · ', subject] : null),
    h('div', { class: 'history-detail' }, detailOf(entry, payload, lookups)));
}

/**
 * A paged history: `url` is the journal endpoint; the list renders into `container` with a "show more"
 * button after it. `lookups()` gives { plan, institutions (Map), commitments (Map), subject: { type, id } }.
 */
export function createHistoryFeed({ url, container, limit = DEFAULT_HISTORY_LIMIT, after = 0, lookups = () => ({}), onChange }) {
  const state = { entries: [], last: after, done: false, error: null, loading: false };
  const listElement = h('ol', { class: 'history-list' });
  const status = h('p', { class: 'muted history-status', role: 'status' });
  const more = h('button', { type: 'button', class: 'btn secondary history-more', hidden: true });
  more.addEventListener('click', () => feed.loadMore());
  replaceChildren(container, listElement, status, more);

  function render() {
    const context = lookups();
    replaceChildren(listElement, state.entries.map(e => historyEntry(e, context)));
    more.textContent = t('history.loadMore');
    more.hidden = state.done || state.loading || Boolean(state.error);
    status.textContent = state.loading ? t('common.loading')
      : state.error ? t('history.unavailable')
        : state.entries.length === 0 ? t('history.empty') : '';
    container.dataset.count = String(state.entries.length);
    container.dataset.loaded = state.loading ? 'false' : 'true';
  }

  const feed = {
    state,
    render,
    /** Reads the next page (new entries when the history has grown). */
    async loadMore() {
      if (state.loading) return;
      state.loading = true;
      render();
      try {
        const separator = url.includes('?') ? '&' : '?';
        const page = await getJson(`${url}${separator}after=${encodeURIComponent(state.last)}&limit=${limit}`);
        const entries = Array.isArray(page) ? page : [];
        state.entries.push(...entries);
        if (entries.length) state.last = entries[entries.length - 1].sequence;
        state.done = entries.length < limit;
        state.error = null;
      } catch (error) {
        console.error('History:', error);
        state.error = error;
      } finally {
        state.loading = false;
        render();
        onChange?.(state);
      }
    },
  };
  return feed;
}
