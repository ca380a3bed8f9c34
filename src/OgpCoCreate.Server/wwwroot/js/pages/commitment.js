// Commitment page (commitment.html?id=tn-nap5-01): the structured fields of one commitment.
// A first version that the drafting editor (live texts over the hub) will extend.
import { ApiError, getJson } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import {
  currentLocale, enumLabel, formatDateRange, formatDateTime, formatList, formatNumber, localized, t,
} from '../i18n.js';
import { showError, startPage } from '../shell.js';
import { axisName, empty, indexById, institutionName, statusBadge } from '../views.js';

const VALUE_KEYS = ['transparency', 'civicParticipation', 'publicAccountability', 'technology', 'inclusion'];

async function load() {
  const id = new URLSearchParams(window.location.search).get('id');
  if (!id) throw new ApiError(404, { detail: null }, null);
  const commitment = await getJson(`/api/commitments/${encodeURIComponent(id)}`);
  const [plan, institutions] = await Promise.allSettled([
    getJson(`/api/plans/${encodeURIComponent(commitment.planId)}`),
    getJson('/api/institutions'),
  ]);
  return {
    commitment,
    plan: plan.status === 'fulfilled' ? plan.value : null,
    institutions: indexById(institutions.status === 'fulfilled' ? institutions.value : []),
  };
}

/** Free text typed by people (any language, any direction): its direction follows its content. */
function free(text, tag = 'span') {
  return text == null || text === '' ? null : h(tag, { dir: 'auto' }, text);
}

function formatBudget(budget) {
  if (!budget) return null;
  let amount = null;
  if (typeof budget.amount === 'number') {
    try {
      amount = new Intl.NumberFormat(currentLocale(), { style: 'currency', currency: budget.currency || 'TND' }).format(budget.amount);
    } catch {
      amount = `${formatNumber(budget.amount)} ${budget.currency ?? ''}`.trim();
    }
  }
  return h('span', {}, amount ?? t('commitment.budgetUnknown'), budget.source ? [' — ', free(budget.source)] : null);
}

function field(labelKey, value, id) {
  const isEmpty = value == null || value === '' || (Array.isArray(value) && value.length === 0);
  return [h('dt', {}, t(labelKey)), h('dd', { id }, isEmpty ? empty() : value)];
}

function chips(values, badgeClass = 'badge neutral') {
  return values.length
    ? h('ul', { class: 'chips' }, values.map(v => h('li', {}, h('span', { class: badgeClass, dir: 'auto' }, v))))
    : null;
}

function renderFields(data) {
  const { commitment, plan, institutions } = data;
  const d = commitment.details ?? {};
  const values = VALUE_KEYS.filter(k => d.values?.[k]).map(k => t(`ogpValues.${k}`));
  const analysis = d.analysis;
  replaceChildren(byId('commitment-fields'),
    field('commitment.number', formatNumber(d.number), 'commitment-number'),
    field('commitment.axis', axisName(plan, d.axisId), 'commitment-axis'),
    field('commitment.lead', institutionName(institutions, d.leadInstitutionId), 'commitment-lead-field'),
    field('commitment.supporting', formatList((d.supportingInstitutionIds ?? []).map(id => institutionName(institutions, id))), 'commitment-supporting'),
    field('commitment.policyAreas', chips(d.policyAreas ?? []), 'commitment-policy-areas'),
    field('commitment.values', chips(values, 'badge accent'), 'commitment-values'),
    field('commitment.baseline', free(d.baseline), 'commitment-baseline'),
    field('commitment.budget', formatBudget(d.budget), 'commitment-budget'),
    field('commitment.nationalPlanLinks', chips(d.nationalPlanLinks ?? []), 'commitment-national-links'),
    field('commitment.sdgs', chips((d.sdgs ?? []).map(n => t('commitment.sdg', { number: formatNumber(n) }))), 'commitment-sdgs'),
    analysis ? field('commitment.problemStatement', free(analysis.problemStatement), 'commitment-problem-statement') : null,
    analysis ? field('commitment.causes', h('ul', {}, (analysis.causes ?? []).map(c =>
      h('li', { dir: 'auto' }, h('strong', {}, c.category),
        h('ul', {}, (c.causes ?? []).map(cause => h('li', { dir: 'auto' }, cause)))))), 'commitment-causes') : null,
    analysis ? field('commitment.entryPoints', h('ul', {}, (analysis.entryPoints ?? []).map(e => h('li', { dir: 'auto' }, e))), 'commitment-entry-points') : null,
    field('commitment.updatedAt', commitment.updatedAt ? formatDateTime(commitment.updatedAt) : null, 'commitment-updated'));
  byId('commitment-details-card').hidden = false;
}

function renderMilestones(data) {
  const milestones = data.commitment.details?.milestones ?? [];
  const body = byId('milestones').tBodies[0];
  replaceChildren(body, milestones.length === 0
    ? h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('commitment.noMilestones')))
    : milestones.map(m => h('tr', { dataset: { milestoneId: m.id } },
      h('td', { dir: 'auto' }, m.action),
      h('td', { dir: 'auto' }, m.expectedOutput),
      h('td', {}, formatDateRange(m.start, m.end)),
      h('td', {}, institutionName(data.institutions, m.responsibleInstitutionId)))));
  byId('commitment-milestones-card').hidden = false;
}

function renderTexts(data) {
  const fields = data.commitment.textFields ?? [];
  replaceChildren(byId('commitment-texts'), fields.map(f =>
    h('li', { dataset: { field: f, documentId: `${data.commitment.id}/${f}` } },
      h('span', { class: 'badge' }, enumLabel('textFields', f)))));
  byId('commitment-texts-card').hidden = fields.length === 0;
}

function render(ctx) {
  const alert = byId('page-error');
  if (ctx.error) {
    const notFound = ctx.error instanceof ApiError && ctx.error.status === 404;
    showError(alert, ctx.error);
    replaceChildren(byId('commitment-title'), notFound ? t('commitment.notFound') : t('commitment.unavailable'));
    return;
  }
  hide(alert);
  const { commitment, plan, institutions } = ctx.data;
  const d = commitment.details ?? {};
  const title = localized(d.title) || commitment.id;
  ctx.setTitle(title);
  replaceChildren(byId('commitment-eyebrow'), t('commitment.numbered', { number: formatNumber(d.number) }));
  replaceChildren(byId('breadcrumb-current'), t('commitment.numbered', { number: formatNumber(d.number) }));
  if (plan) replaceChildren(byId('breadcrumb-plan'), localized(plan.title) || t('nav.plan'));
  replaceChildren(byId('commitment-title'), title);
  replaceChildren(byId('commitment-status'), statusBadge('commitmentStatus', commitment.status));
  replaceChildren(byId('commitment-lead'), institutionName(institutions, d.leadInstitutionId) || '—');
  replaceChildren(byId('commitment-period'), formatDateRange(d.start, d.end));
  renderFields(ctx.data);
  renderMilestones(ctx.data);
  renderTexts(ctx.data);
}

startPage({ page: 'commitment', titleKey: 'commitment.pageTitle', load, render });
