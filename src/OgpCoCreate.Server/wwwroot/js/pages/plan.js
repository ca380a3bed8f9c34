// Plan home (index.html): the plan, its axes, the co-creation timeline, the forum and the commitments.
import { getJson } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import {
  countryName, enumLabel, formatDateRange, formatNumber, localized, parseDateOnly, t, tp,
} from '../i18n.js';
import { showError, startPage } from '../shell.js';
import { axisName, commitmentHref, indexById, institutionName, statusBadge } from '../views.js';

/** The plan this home page shows (Tunisia's fifth national action plan); ?plan= shows another. */
const PLAN_ID = new URLSearchParams(window.location.search).get('plan') || 'tn-nap5';

async function load() {
  const [plan, commitments, institutions] = await Promise.allSettled([
    getJson(`/api/plans/${encodeURIComponent(PLAN_ID)}`),
    getJson(`/api/commitments?planId=${encodeURIComponent(PLAN_ID)}`),
    getJson('/api/institutions'),
  ]);
  if (plan.status === 'rejected') throw plan.reason;
  return {
    plan: plan.value,
    commitments: commitments.status === 'fulfilled' && Array.isArray(commitments.value)
      ? [...commitments.value].sort((a, b) => (a.details?.number ?? 0) - (b.details?.number ?? 0))
      : [],
    commitmentsError: commitments.status === 'rejected' ? commitments.reason : null,
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

function renderCommitments(data) {
  const { plan, commitments, institutions, commitmentsError } = data;
  const body = byId('commitments').tBodies[0];
  replaceChildren(byId('commitments-count'), tp('plan.commitmentCount', commitments.length));
  const alert = byId('commitments-error');
  if (commitmentsError) showError(alert, commitmentsError);
  else hide(alert);
  if (commitments.length === 0) {
    replaceChildren(body, h('tr', {}, h('td', { colspan: 5, class: 'muted' },
      commitmentsError ? t('plan.commitmentsUnavailable') : t('plan.noCommitments'))));
    return;
  }
  replaceChildren(body, commitments.map(c => h('tr', { dataset: { commitmentId: c.id } },
    h('td', { class: 'num' }, formatNumber(c.details?.number)),
    h('td', {}, h('a', { href: commitmentHref(c.id) }, localized(c.details?.title) || c.id)),
    h('td', {}, axisName(plan, c.details?.axisId)),
    h('td', {}, institutionName(institutions, c.details?.leadInstitutionId)),
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
  const { plan, commitments } = ctx.data;
  ctx.setTitle(localized(plan.title) || t('plan.pageTitle'));
  renderHead(plan, commitments.length || (plan.commitmentIds ?? []).length);
  renderAxes(plan, commitments);
  renderTimeline(plan);
  renderForum(plan);
  renderCommitments(ctx.data);
}

startPage({ page: 'plan', titleKey: 'plan.pageTitle', load, render });
