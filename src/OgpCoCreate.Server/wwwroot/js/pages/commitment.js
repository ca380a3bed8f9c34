// Commitment page (commitment.html?id=tn-nap5-01): every field of the OGP commitment template, its lifecycle
// (with the moves the signed-in person may make), the edit form of the structured fields for its editors,
// the milestones, the PDIA analysis as a fishbone and the public history.
//   GET  /api/commitments/{id}               (ETag)
//   PUT  /api/commitments/{id}               (If-Match) → 400 field errors, 403, 409, 412
//   POST /api/commitments/{id}/transitions   (If-Match) { to, reason }
//   GET  /api/commitments/{id}/history?after=&limit=
import { ApiError, getJson } from '../api.js';
import { mountApprovalsPanel } from '../approvals/panel.js';
import { buildCommitmentForm } from '../commitment-form.js';
import {
  allLanguages, fishbone, institutionList, lifecycleSteps, valuesGrid,
} from '../commitment-views.js';
import { mountConsultationComments } from '../consultations/commitment-comments.js';
import { byId, h, hide, replaceChildren, showMessage } from '../dom.js';
import { clearFieldErrors, showFieldErrors } from '../forms.js';
import {
  currentLocale, enumLabel, formatDate, formatDateRange, formatDateTime, formatNumber, localized, t,
} from '../i18n.js';
import { mountLiveTexts } from '../drafting/live-texts.js';
import { createHistoryFeed, historyHref, institutionHref } from '../history.js';
import {
  allowedTransitions, isCommitmentEditor, isEditableStatus, mayEditCommitment,
} from '../lifecycle.js';
import { fieldErrors, getVersioned, isStale, send } from '../resource.js';
import { showError, startPage } from '../shell.js';
import { axisName, empty, indexById, institutionName, statusBadge } from '../views.js';

const COMMITMENT_ID = new URLSearchParams(window.location.search).get('id');

/** The page's state: data of the last load or save, the open form, the history feed. */
const page = { data: null, me: null, form: null, feed: null, ctx: null, notice: null };

async function load(ctx) {
  if (!COMMITMENT_ID) throw new ApiError(404, { detail: null }, null);
  const { data: commitment, etag } = await getVersioned(`/api/commitments/${encodeURIComponent(COMMITMENT_ID)}`);
  const [plan, institutions] = await Promise.allSettled([
    getJson(`/api/plans/${encodeURIComponent(commitment.planId)}`),
    getJson(`/api/institutions?planId=${encodeURIComponent(commitment.planId)}`),
  ]);
  const data = {
    commitment,
    etag,
    plan: plan.status === 'fulfilled' ? plan.value : null,
    institutions: indexById(institutions.status === 'fulfilled' ? institutions.value : []),
  };
  page.data = data;
  page.me = ctx.me;
  // The first page of the history is part of the page: it is there when the page says it is ready.
  page.feed = createHistoryFeed({
    url: `/api/commitments/${encodeURIComponent(commitment.id)}/history`,
    container: byId('commitment-history'),
    lookups: () => ({
      plan: page.data?.plan,
      institutions: page.data?.institutions,
      commitments: new Map([[page.data.commitment.id, page.data.commitment]]),
      subject: { type: 'commitment', id: page.data.commitment.id },
    }),
  });
  await page.feed.loadMore();
  return data;
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
  replaceChildren(byId('commitment-fields'),
    field('commitment.number', h('span', {}, formatNumber(d.number), ' ', h('code', { class: 'muted' }, commitment.id)), 'commitment-number'),
    field('commitmentPage.titleAll', allLanguages(d.title), 'commitment-title-all'),
    field('commitment.axis', axisName(plan, d.axisId), 'commitment-axis'),
    field('commitment.lead', institutionList(d.leadInstitutionId ? [d.leadInstitutionId] : [], institutions), 'commitment-lead-field'),
    field('commitment.supporting', institutionList(d.supportingInstitutionIds ?? [], institutions), 'commitment-supporting'),
    field('commitment.policyAreas', chips(d.policyAreas ?? []), 'commitment-policy-areas'),
    field('commitmentPage.start', d.start ? formatDate(d.start) : null, 'commitment-start'),
    field('commitmentPage.end', d.end ? formatDate(d.end) : null, 'commitment-end'),
    field('commitment.baseline', free(d.baseline, 'p'), 'commitment-baseline'),
    field('commitment.values', valuesGrid(d.values), 'commitment-values'),
    field('commitment.budget', formatBudget(d.budget), 'commitment-budget'),
    field('commitment.nationalPlanLinks', (d.nationalPlanLinks ?? []).length
      ? h('ul', { class: 'plain-list' }, d.nationalPlanLinks.map(link => h('li', { dir: 'auto' }, link))) : null, 'commitment-national-links'),
    field('commitment.sdgs', chips((d.sdgs ?? []).map(n => t('commitment.sdg', { number: formatNumber(n) })), 'badge accent'), 'commitment-sdgs'),
    field('commitment.updatedAt', commitment.updatedAt
      ? h('span', {}, formatDateTime(commitment.updatedAt), h('span', { class: 'muted' }, ' · ', t('commitmentPage.version', { version: formatNumber(commitment.version) })))
      : null, 'commitment-updated'));
  byId('commitment-details-card').hidden = false;
}

function renderMilestones(data) {
  const milestones = data.commitment.details?.milestones ?? [];
  const body = byId('milestones').tBodies[0];
  replaceChildren(body, milestones.length === 0
    ? h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('commitment.noMilestones')))
    : milestones.map(m => h('tr', { dataset: { milestoneId: m.id } },
      h('td', { dir: 'auto' }, m.action),
      h('td', { dir: 'auto' }, m.expectedOutput || empty()),
      h('td', { class: 'nowrap' }, formatDateRange(m.start, m.end)),
      h('td', {}, h('a', { href: institutionHref(m.responsibleInstitutionId) }, institutionName(data.institutions, m.responsibleInstitutionId))))));
  byId('commitment-milestones-card').hidden = false;
}

function renderAnalysis(data) {
  const analysis = data.commitment.details?.analysis;
  const card = byId('commitment-analysis-card');
  card.hidden = !analysis;
  if (!analysis) return;
  replaceChildren(byId('commitment-fishbone'), fishbone(analysis));
  const entryPoints = analysis.entryPoints ?? [];
  replaceChildren(byId('commitment-entry-points'), entryPoints.length
    ? entryPoints.map(e => h('li', { dir: 'auto' }, e))
    : h('li', { class: 'muted' }, t('common.none')));
}

// ---- Lifecycle ------------------------------------------------------------------------------------------------

function staleMessage(alert) {
  const reload = h('button', { type: 'button', class: 'btn small', dataset: { action: 'reload' } }, t('forms.reload'));
  reload.addEventListener('click', () => window.location.reload());
  showMessage(alert, h('strong', {}, t('forms.stale')), ' ', reload);
}

async function transition(to, button) {
  const { commitment, etag } = page.data;
  const box = byId('commitment-transitions');
  const alert = byId('transition-error');
  const reasonInput = byId('transition-reason');
  const reason = reasonInput.value.trim();
  clearFieldErrors(box);
  hide(alert);
  byId('transition-status').textContent = '';
  if (to === 'Withdrawn' && !reason) {
    showFieldErrors(box, { reason: [t('commitmentPage.reasonRequired')] });
    return;
  }
  for (const b of byId('transition-buttons').querySelectorAll('button')) b.disabled = true;
  try {
    const { data, etag: newEtag } = await send('POST', `/api/commitments/${encodeURIComponent(commitment.id)}/transitions`, {
      body: { to, reason: reason || null },
      ifMatch: etag,
    });
    page.data.commitment = data;
    page.data.etag = newEtag ?? etag;
    reasonInput.value = '';
    if (page.form && !mayEditCommitment(page.me, data, page.data.plan)) closeForm();
    page.notice = null;
    render(page.ctx);
    byId('transition-status').textContent = t('commitmentPage.moved', { status: enumLabel('commitmentStatus', data.status) });
    await page.feed.loadMore();
  } catch (error) {
    if (isStale(error)) {
      staleMessage(alert);
    } else if (Object.keys(fieldErrors(error)).length) {
      showFieldErrors(box, fieldErrors(error), alert);
    } else {
      showError(alert, error);
    }
    for (const b of byId('transition-buttons').querySelectorAll('button')) b.disabled = false;
  }
  button?.focus?.();
}

function renderLifecycle(data) {
  const { commitment, plan } = data;
  replaceChildren(byId('commitment-lifecycle'), lifecycleSteps(commitment.status));
  byId('commitment-lifecycle-card').hidden = false;

  const moves = allowedTransitions(page.me, commitment, plan);
  const box = byId('commitment-transitions');
  box.hidden = moves.length === 0;
  replaceChildren(byId('transition-buttons'), moves.map(to => {
    const button = h('button', {
      type: 'button',
      class: to === 'Withdrawn' ? 'btn danger' : 'btn secondary',
      dataset: { to },
    }, to === 'Withdrawn' ? t('commitmentPage.withdraw') : t('commitmentPage.moveToStatus', { status: enumLabel('commitmentStatus', to) }));
    button.addEventListener('click', () => transition(to, button));
    return button;
  }));

  const frozen = byId('commitment-frozen');
  const editorButFrozen = isCommitmentEditor(page.me, commitment) && !isEditableStatus(commitment.status);
  frozen.hidden = !editorButFrozen;
  if (editorButFrozen) frozen.textContent = t('commitmentPage.frozen', { status: enumLabel('commitmentStatus', commitment.status) });
}

// ---- Edit form ------------------------------------------------------------------------------------------------

function closeForm() {
  page.form = null;
  replaceChildren(byId('commitment-edit'));
  byId('commitment-edit-card').hidden = true;
  const button = byId('edit-commitment');
  button.setAttribute('aria-expanded', 'false');
}

function openForm() {
  const { commitment, etag, plan, institutions } = page.data;
  const card = byId('commitment-edit-card');
  const built = buildCommitmentForm({
    commitment, etag, plan, institutions, me: page.me,
    onSaved: async (saved, newEtag) => {
      page.data.commitment = saved;
      page.data.etag = newEtag;
      closeForm();
      page.notice = { key: 'commitmentPage.saved' };
      render(page.ctx);
      await page.feed.loadMore();
      byId('commitment-saved')?.focus();
    },
    onReload: () => window.location.reload(),
    onCancel: () => {
      closeForm();
      byId('edit-commitment').focus();
    },
  });
  page.form = built;
  replaceChildren(byId('commitment-edit'), built.form);
  card.hidden = false;
  byId('edit-commitment').setAttribute('aria-expanded', 'true');
  card.scrollIntoView({ block: 'start' });
  built.form.querySelector('textarea, input:not([type=hidden]), select')?.focus({ preventScroll: true });
}

function renderEditButton(data) {
  const button = byId('edit-commitment');
  const allowed = mayEditCommitment(page.me, data.commitment, data.plan);
  button.hidden = !allowed;
  button.setAttribute('aria-controls', 'commitment-edit-card');
  if (!button.dataset.wired) {
    button.dataset.wired = 'true';
    button.addEventListener('click', () => (page.form ? closeForm() : openForm()));
  }
  if (!allowed && page.form) closeForm();
  button.setAttribute('aria-expanded', page.form ? 'true' : 'false');
  if (page.form) page.form.relabel();
}

function renderNotice() {
  const id = 'commitment-saved';
  let notice = byId(id);
  if (!page.notice) {
    notice?.remove();
    return;
  }
  if (!notice) {
    notice = h('div', { id, class: 'alert success', role: 'status', tabindex: '-1' });
    byId('commitment-details-card').before(notice);
  }
  replaceChildren(notice, page.notice.key === 'commitmentPage.moved'
    ? t('commitmentPage.moved', { status: enumLabel('commitmentStatus', page.notice.status) })
    : t('commitmentPage.saved'));
}

// ---- Page -----------------------------------------------------------------------------------------------------

function render(ctx) {
  page.ctx = ctx;
  const alert = byId('page-error');
  if (ctx.error) {
    const notFound = ctx.error instanceof ApiError && ctx.error.status === 404;
    showError(alert, ctx.error);
    replaceChildren(byId('commitment-title'), notFound ? t('commitment.notFound') : t('commitment.unavailable'));
    return;
  }
  hide(alert);
  const data = page.data ?? ctx.data;
  const { commitment, plan, institutions } = data;
  const d = commitment.details ?? {};
  const title = localized(d.title) || commitment.id;
  ctx.setTitle(title);
  replaceChildren(byId('commitment-eyebrow'), t('commitment.numbered', { number: formatNumber(d.number) }));
  replaceChildren(byId('breadcrumb-current'), t('commitment.numbered', { number: formatNumber(d.number) }));
  if (plan) replaceChildren(byId('breadcrumb-plan'), localized(plan.title) || t('nav.plan'));
  replaceChildren(byId('commitment-title'), h('span', { dir: 'auto' }, title));
  replaceChildren(byId('commitment-status'), statusBadge('commitmentStatus', commitment.status, { id: 'commitment-status-badge' }));
  replaceChildren(byId('commitment-lead'), d.leadInstitutionId
    ? h('a', { href: institutionHref(d.leadInstitutionId) }, institutionName(institutions, d.leadInstitutionId)) : '—');
  replaceChildren(byId('commitment-period'), formatDateRange(d.start, d.end));
  byId('commitment-history-link').href = historyHref('commitment', commitment.id);
  byId('commitment-history-page').href = historyHref('commitment', commitment.id);

  renderLifecycle(data);
  renderFields(data);
  renderNotice();
  renderEditButton(data);
  renderAnalysis(data);
  renderMilestones(data);
  byId('commitment-history-card').hidden = false;
  page.feed?.render();
}

startPage({ page: 'commitment', titleKey: 'commitment.pageTitle', load, render });
mountConsultationComments(byId('consultation-comments'), new URLSearchParams(window.location.search).get('id'));
mountApprovalsPanel(byId('approvals-panel'));
mountLiveTexts(byId('live-texts'), { commitmentId: new URLSearchParams(window.location.search).get('id') });
