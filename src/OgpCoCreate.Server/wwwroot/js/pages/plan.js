// Plan home (index.html): the plan, its axes, the co-creation timeline, the forum and the commitments,
// which can be filtered by axis, institution (lead or supporting), status and policy area: the filters are
// the API's (GET /api/commitments?axis=&institution=&status=&policyArea=) and live in the address (?axis=…).
import { getJson } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import {
  countryName, enumLabel, formatDateRange, formatNumber, localized, parseDateOnly, t, tp,
} from '../i18n.js';
import { showError, startPage } from '../shell.js';
import { axisName, commitmentHref, indexById, institutionName, statusBadge } from '../views.js';
import { historyHref, institutionHref } from '../history.js';
import { ENUMS } from '../lifecycle.js';

/** The plan this home page shows (Tunisia's fifth national action plan); ?plan= shows another. */
const PLAN_ID = new URLSearchParams(window.location.search).get('plan') || 'tn-nap5';

/** The filters of the commitments table, as the API names them. */
const FILTERS = ['axis', 'institution', 'status', 'policyArea'];

function filtersFromUrl() {
  const params = new URLSearchParams(window.location.search);
  return Object.fromEntries(FILTERS.map(name => [name, params.get(name) ?? '']));
}

const bySequence = list => [...list].sort((a, b) => (a.details?.number ?? 0) - (b.details?.number ?? 0));

function commitmentsUrl(filters) {
  const params = new URLSearchParams({ planId: PLAN_ID });
  for (const name of FILTERS) {
    if (filters[name]) params.set(name, filters[name]);
  }
  return `/api/commitments?${params}`;
}

async function load() {
  const filters = filtersFromUrl();
  const filtered = FILTERS.some(name => filters[name]);
  const [plan, commitments, institutions] = await Promise.allSettled([
    getJson(`/api/plans/${encodeURIComponent(PLAN_ID)}`),
    getJson(`/api/commitments?planId=${encodeURIComponent(PLAN_ID)}`),
    getJson(`/api/institutions?planId=${encodeURIComponent(PLAN_ID)}`),
  ]);
  if (plan.status === 'rejected') throw plan.reason;
  const all = commitments.status === 'fulfilled' && Array.isArray(commitments.value) ? bySequence(commitments.value) : [];
  let shown = all;
  let commitmentsError = commitments.status === 'rejected' ? commitments.reason : null;
  if (filtered && !commitmentsError) {
    try {
      shown = bySequence(await getJson(commitmentsUrl(filters)));
    } catch (error) {
      commitmentsError = error;
      shown = [];
    }
  }
  return {
    plan: plan.value,
    all,
    commitments: shown,
    filters,
    commitmentsError,
    institutions: indexById(institutions.status === 'fulfilled' ? institutions.value : []),
  };
}

function phaseState(phase, today) {
  const start = parseDateOnly(phase.start);
  const end = parseDateOnly(phase.end);
  if (end && end < today) return 'past';
  if (start && start > today) return 'upcoming';
  return 'current';
}

function renderHead(plan, commitmentCount) {
  replaceChildren(byId('plan-title'), localized(plan.title) || plan.id);
  replaceChildren(byId('plan-country'), countryName(plan.country));
  replaceChildren(byId('plan-period'), formatDateRange(plan.start, plan.end, { year: 'numeric', month: 'long' }));
  replaceChildren(byId('plan-status'), statusBadge('planStatus', plan.status));
  replaceChildren(byId('plan-commitment-count'), formatNumber(commitmentCount));
}

function renderAxes(plan, commitments) {
  const list = byId('axes');
  const axes = plan.axes ?? [];
  if (axes.length === 0) {
    replaceChildren(list, h('li', { class: 'muted' }, t('plan.noAxes')));
    return;
  }
  replaceChildren(list, axes.map(axis => {
    const count = commitments.filter(c => c.details?.axisId === axis.id).length;
    return h('li', { dataset: { axisId: axis.id } },
      h('span', { class: 'axis-body' },
        h('span', { class: 'axis-name' }, localized(axis.name) || axis.id),
        commitments.length > 0 ? h('span', { class: 'axis-count' }, tp('plan.commitmentCount', count)) : null));
  }));
}

function renderTimeline(plan) {
  const list = byId('timeline');
  const phases = [...(plan.timeline ?? [])].sort((a, b) => String(a.start).localeCompare(String(b.start)));
  if (phases.length === 0) {
    replaceChildren(list, h('li', { class: 'muted' }, t('plan.noTimeline')));
    return;
  }
  const now = new Date();
  const today = new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  replaceChildren(list, phases.map(phase => {
    const state = phaseState(phase, today);
    return h('li', { dataset: { phaseId: phase.id, state }, 'aria-current': state === 'current' ? 'step' : null },
      h('div', { class: 'phase-name' },
        h('span', {}, localized(phase.name) || phase.id),
        state === 'current' ? h('span', { class: 'badge danger' }, t('plan.phaseCurrent')) : null),
      h('div', { class: 'phase-dates' }, formatDateRange(phase.start, phase.end)));
  }));
}

const SIDE_ORDER = { Government: 0, CivilSociety: 1 };

function renderForum(plan) {
  const list = byId('forum');
  const members = [...(plan.forum ?? [])].sort((a, b) =>
    (Number(b.coChair) - Number(a.coChair))
    || ((SIDE_ORDER[a.side] ?? 9) - (SIDE_ORDER[b.side] ?? 9))
    || String(a.name).localeCompare(String(b.name)));
  const government = members.filter(m => m.side === 'Government').length;
  replaceChildren(byId('forum-count'), t('plan.forumCount', {
    government: formatNumber(government),
    civilSociety: formatNumber(members.length - government),
  }));
  if (members.length === 0) {
    replaceChildren(list, h('li', { class: 'muted' }, t('plan.noForum')));
    return;
  }
  replaceChildren(list, members.map(member => h('li', {
    dataset: { side: member.side, coChair: member.coChair ? 'true' : 'false' },
  },
  h('span', { class: 'member-name', dir: 'auto' }, member.name),
  h('span', { class: 'member-org' }, localized(member.organisation)),
  h('span', { class: 'member-badges' },
    h('span', { class: member.side === 'CivilSociety' ? 'badge accent' : 'badge' }, enumLabel('side', member.side)),
    member.coChair ? h('span', { class: 'badge warning', dataset: { role: 'co-chair' } }, t('plan.coChair')) : null))));
}

function optionsOf(select, options) {
  const first = select.options[0];
  replaceChildren(select, first, options.map(o => h('option', { value: o.value, dir: 'auto' }, o.label)));
}

/** Fills the filter lists from the whole plan (every axis, every institution taking part, every policy area). */
function renderFilters(data) {
  const { plan, all, institutions, filters } = data;
  const form = byId('commitment-filters');
  optionsOf(form.elements.axis, (plan.axes ?? []).map(a => ({ value: a.id, label: localized(a.name) || a.id })));
  const involved = new Set(all.flatMap(c => [c.details?.leadInstitutionId, ...(c.details?.supportingInstitutionIds ?? [])]).filter(Boolean));
  for (const id of plan.institutionIds ?? []) involved.add(id);
  optionsOf(form.elements.institution, [...involved]
    .map(id => ({ value: id, label: institutionName(institutions, id) }))
    .sort((a, b) => a.label.localeCompare(b.label)));
  optionsOf(form.elements.status, ENUMS.commitmentStatus.map(s => ({ value: s, label: enumLabel('commitmentStatus', s) })));
  const areas = new Map();
  for (const area of all.flatMap(c => c.details?.policyAreas ?? [])) {
    if (!areas.has(area.toLocaleLowerCase())) areas.set(area.toLocaleLowerCase(), area);
  }
  optionsOf(form.elements.policyArea, [...areas.values()].sort((a, b) => a.localeCompare(b)).map(a => ({ value: a, label: a })));
  for (const name of FILTERS) {
    const select = form.elements[name];
    // A value from the address that the lists do not know (an old link) stays selectable.
    if (filters[name] && ![...select.options].some(o => o.value === filters[name])) {
      select.append(h('option', { value: filters[name] }, filters[name]));
    }
    select.value = filters[name] ?? '';
  }
  byId('plan-history-link').href = historyHref('plan', plan.id);
}

let filterRequest = 0;

async function applyFilters(ctx) {
  const form = byId('commitment-filters');
  const filters = Object.fromEntries(FILTERS.map(name => [name, form.elements[name].value]));
  ctx.data.filters = filters;
  const url = new URL(window.location.href);
  for (const name of FILTERS) {
    if (filters[name]) url.searchParams.set(name, filters[name]);
    else url.searchParams.delete(name);
  }
  window.history.replaceState(window.history.state, '', url);
  const request = ++filterRequest;
  const table = byId('commitments');
  table.setAttribute('aria-busy', 'true');
  table.dataset.loading = 'true';
  try {
    const result = FILTERS.some(name => filters[name]) ? bySequence(await getJson(commitmentsUrl(filters))) : ctx.data.all;
    if (request !== filterRequest) return;
    ctx.data.commitments = result;
    ctx.data.commitmentsError = null;
  } catch (error) {
    if (request !== filterRequest) return;
    ctx.data.commitments = [];
    ctx.data.commitmentsError = error;
  }
  table.removeAttribute('aria-busy');
  table.dataset.loading = 'false';
  renderCommitments(ctx.data);
}

function wireFilters(ctx) {
  const form = byId('commitment-filters');
  if (form.dataset.wired) return;
  form.dataset.wired = 'true';
  form.addEventListener('change', () => applyFilters(ctx));
  form.addEventListener('submit', event => {
    event.preventDefault();
    applyFilters(ctx);
  });
  form.addEventListener('reset', () => {
    // After the browser has reset the selects.
    setTimeout(() => applyFilters(ctx), 0);
  });
}

function renderCommitments(data) {
  const { plan, commitments, institutions, commitmentsError, all, filters } = data;
  const body = byId('commitments').tBodies[0];
  const filtered = FILTERS.some(name => filters?.[name]);
  replaceChildren(byId('commitments-count'), tp('plan.commitmentCount', commitments.length));
  byId('commitments').dataset.filtered = filtered ? 'true' : 'false';
  replaceChildren(byId('filters-summary'), filtered
    ? t('filters.showing', { shown: formatNumber(commitments.length), total: formatNumber(all.length) })
    : '');
  const alert = byId('commitments-error');
  if (commitmentsError) showError(alert, commitmentsError);
  else hide(alert);
  if (commitments.length === 0) {
    replaceChildren(body, h('tr', {}, h('td', { colspan: 5, class: 'muted' },
      commitmentsError ? t('plan.commitmentsUnavailable') : filtered ? t('filters.noMatch') : t('plan.noCommitments'))));
    return;
  }
  replaceChildren(body, commitments.map(c => h('tr', { dataset: { commitmentId: c.id } },
    h('td', { class: 'num' }, formatNumber(c.details?.number)),
    h('td', {}, h('a', { href: commitmentHref(c.id) }, localized(c.details?.title) || c.id)),
    h('td', {}, axisName(plan, c.details?.axisId)),
    h('td', {}, c.details?.leadInstitutionId
      ? h('a', { href: institutionHref(c.details.leadInstitutionId), class: 'plain-link' }, institutionName(institutions, c.details.leadInstitutionId))
      : ''),
    h('td', {}, statusBadge('commitmentStatus', c.status)))));
}

function render(ctx) {
  const alert = byId('page-error');
  if (ctx.error) {
    showError(alert, ctx.error);
    replaceChildren(byId('plan-title'), t('plan.unavailable'));
    return;
  }
  hide(alert);
  const { plan, all } = ctx.data;
  ctx.setTitle(localized(plan.title) || t('plan.pageTitle'));
  renderHead(plan, all.length || (plan.commitmentIds ?? []).length);
  renderAxes(plan, all);
  renderTimeline(plan);
  renderForum(plan);
  renderFilters(ctx.data);
  wireFilters(ctx);
  renderCommitments(ctx.data);
}

startPage({ page: 'plan', titleKey: 'plan.pageTitle', load, render });
