// Responses (responses.html?round=…): the round's public report — counts by status, axis, institution and
// commitment, every contribution with its reasoned response, CSV and JSON downloads — and, for the
// secretariat and the focal points, the response workspace: a draft per contribution (status, justification,
// the commitment it was merged into), then "publish" (secretariat), which publishes every draft together and
// notifies the authors.
import { ApiError } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import { enumLabel, formatNumber, t } from '../i18n.js';
import { showError, startPage } from '../shell.js';
import {
  FINAL_STATUSES, RESPONSE_STATUSES, api, errorText, isResponder, loadPlanContext, localizedTitle, lookupsFor, renderContribution,
  roundHref, roundUrl, tr,
} from '../consultations/common.js';

const ROUND_ID = new URLSearchParams(window.location.search).get('round');
const state = { report: null, round: null, context: null, onlyUnanswered: false };

async function load(ctx) {
  if (!ROUND_ID) throw new ApiError(404, { detail: null }, null);
  state.report = await api.get(`${roundUrl(ROUND_ID)}/report`);
  state.context = await loadPlanContext(state.report.round.planId);
  // Responders also get the round as they may see it: with the drafts.
  state.round = isResponder(ctx.me) ? await api.get(roundUrl(ROUND_ID)) : null;
  return state;
}

async function refresh() {
  state.report = await api.get(`${roundUrl(ROUND_ID)}/report`);
  if (state.round) state.round = await api.get(roundUrl(ROUND_ID));
  renderAll();
}

function countsTable(id, headingKey, counts, label) {
  const entries = Object.entries(counts ?? {}).filter(([, n]) => n > 0);
  return h('div', { class: 'consult-count-table' },
    h('h3', {}, t(headingKey)),
    entries.length === 0
      ? h('p', { class: 'muted' }, t('common.none'))
      : h('table', { class: 'data', id },
        h('tbody', {}, entries.map(([key, n]) => h('tr', { dataset: { key } }, h('th', { scope: 'row' }, label(key)), h('td', {}, formatNumber(n)))))));
}

function renderSummary() {
  const { report } = state;
  const lookups = lookupsFor(state.context);
  const counts = report.counts;
  replaceChildren(byId('report-summary'),
    h('p', { id: 'report-totals' }, t('consultations.responses.totals', {
      total: formatNumber(counts.total), replies: formatNumber(counts.replies), hidden: formatNumber(counts.hidden),
      answered: formatNumber(report.round.answered), owed: formatNumber(report.round.contributions),
    })),
    h('div', { class: 'consult-count-grid' },
      countsTable('counts-status', 'consultations.responses.byStatus', counts.byStatus, s => enumLabel('consultations.responseStatus', s)),
      countsTable('counts-axis', 'consultations.responses.byAxis', counts.byAxis, id => (id ? lookups.axis(id) : t('common.none'))),
      countsTable('counts-institution', 'consultations.responses.byInstitution', counts.byInstitution, id => (id ? lookups.institution(id) : t('consultations.responses.noInstitution'))),
      report.round.scope === 'Commitments'
        ? countsTable('counts-commitment', 'consultations.responses.byCommitment', counts.byCommitment, id => lookups.commitment(id))
        : null));
}

function draftForm(c) {
  const lookups = lookupsFor(state.context);
  const prefix = `response-${c.id}`;
  const current = c.draft ?? c.response;
  const status = h('select', { id: `${prefix}-status`, name: 'status' },
    RESPONSE_STATUSES.map(s => h('option', { value: s, selected: (current?.status ?? 'Unanswered') === s || undefined }, enumLabel('consultations.responseStatus', s))));
  const commitments = [...(state.context.commitments?.values() ?? [])].sort((a, b) => (a.details?.number ?? 0) - (b.details?.number ?? 0));
  const merged = h('select', { id: `${prefix}-merged`, name: 'mergedIntoCommitmentId' },
    h('option', { value: '' }, t('common.none')),
    commitments.map(x => h('option', { value: x.id, selected: current?.mergedIntoCommitmentId === x.id || undefined }, lookups.commitment(x.id))));
  const mergedField = h('div', { class: 'field' }, h('label', { for: merged.id }, t('consultations.response.mergedInto')), merged);
  const justification = h('textarea', { id: `${prefix}-justification`, name: 'justification', rows: 3, maxlength: 5000, dir: 'auto' });
  justification.value = current?.justification ?? '';
  const message = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const showMerged = () => { mergedField.hidden = status.value !== 'MergedInto'; };
  status.addEventListener('change', showMerged);
  showMerged();
  const form = h('form', { class: 'consult-draft-form', dataset: { contributionId: c.id }, novalidate: true },
    h('div', { class: 'field-row' },
      h('div', { class: 'field' }, h('label', { for: status.id }, t('consultations.response.status')), status),
      mergedField),
    h('div', { class: 'field' }, h('label', { for: justification.id }, t('consultations.response.justification')), justification,
      h('span', { class: 'hint' }, t('consultations.response.justificationHint'))),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn small' }, t('consultations.response.saveDraft'))),
    message);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    message.textContent = '';
    try {
      await api.put(`${roundUrl(ROUND_ID)}/contributions/${encodeURIComponent(c.id)}/response`, {
        status: status.value,
        mergedIntoCommitmentId: status.value === 'MergedInto' ? merged.value || null : null,
        justification: justification.value || null,
      });
      await refresh();
    } catch (error) {
      message.textContent = errorText(error);
      message.classList.add('error');
    }
  });
  return form;
}

function renderWorkspace() {
  const card = byId('workspace-card');
  const round = state.round;
  if (!round?.capabilities?.respond) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const drafts = round.contributions.filter(c => c.draft);
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite', id: 'publish-status' });
  const publish = round.capabilities.publishResponses
    ? h('button', { type: 'button', class: 'btn', id: 'publish-responses', disabled: drafts.length === 0 || undefined },
      t('consultations.responses.publish', { count: formatNumber(drafts.length) }))
    : null;
  publish?.addEventListener('click', async () => {
    publish.disabled = true;
    try {
      const result = await api.post(`${roundUrl(ROUND_ID)}/responses/publish`);
      await refresh();
      byId('publish-status').textContent = t('consultations.responses.published', { count: formatNumber(result.published) });
    } catch (error) {
      status.textContent = errorText(error);
      publish.disabled = false;
    }
  });
  const owed = round.contributions.filter(c => c.needsResponse);
  const unanswered = owed.filter(c => !(c.response && FINAL_STATUSES.includes(c.response.status)));
  replaceChildren(byId('workspace'),
    tr('consultations.responses.workspaceLead', 'p'),
    h('p', { id: 'workspace-counts' }, t('consultations.responses.workspaceCounts', {
      drafts: formatNumber(drafts.length), unanswered: formatNumber(unanswered.length), total: formatNumber(owed.length),
    })),
    publish,
    status);
}

function renderContributions() {
  const lookups = lookupsFor(state.context);
  const editable = state.round?.capabilities?.respond;
  const source = editable ? state.round.contributions : state.report.contributions;
  const items = source.filter(c => c.needsResponse || (c.hidden && c.kind !== 'Reply'))
    .filter(c => !state.onlyUnanswered || (c.needsResponse && !(c.response && FINAL_STATUSES.includes(c.response.status))));
  replaceChildren(byId('report-contributions'), items.length === 0
    ? h('p', { class: 'muted consult-empty' }, t('consultations.noContributions'))
    : items.map(c => {
      const article = renderContribution(c, { me: null, lookups, showDraft: editable });
      if (editable && c.needsResponse) {
        article.querySelector(':scope > .consult-actions').after(draftForm(c));
      }
      return article;
    }));
}

function renderAll() {
  const report = state.report;
  const title = localizedTitle(report.round);
  document.title = `${t('consultations.responses.title')} — ${title} · OgpCoCreate`;
  const breadcrumb = byId('breadcrumb-round');
  breadcrumb.textContent = title;
  breadcrumb.href = roundHref(report.round.id);
  breadcrumb.removeAttribute('data-i18n');
  replaceChildren(byId('responses-round'), title);
  replaceChildren(byId('report-downloads'),
    h('li', {}, h('a', { class: 'btn secondary small', href: `${roundUrl(ROUND_ID)}/report.csv`, id: 'download-csv', download: '' }, t('consultations.links.csv'))),
    h('li', {}, h('a', { class: 'btn secondary small', href: `${roundUrl(ROUND_ID)}/report.json`, id: 'download-json', download: '' }, t('consultations.links.json'))));
  renderWorkspace();
  renderSummary();
  renderContributions();
}

function render(ctx) {
  if (ctx.error) {
    showError(byId('page-error'), ctx.error);
    return;
  }
  hide(byId('page-error'));
  const only = byId('only-unanswered');
  if (!only.dataset.bound) {
    only.dataset.bound = 'true';
    only.addEventListener('change', () => {
      state.onlyUnanswered = only.checked;
      renderContributions();
    });
  }
  renderAll();
}

startPage({ page: 'rounds', titleKey: 'consultations.responses.title', load, render });
