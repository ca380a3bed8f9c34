// Rounds list (rounds.html?plan=tn-nap5): the plan's consultation rounds with their status, window and how
// many contributions have a published answer. The secretariat announces rounds here and sets the notice
// period (days between announcing a round and opening it).
import { byId, h, hide, replaceChildren } from '../dom.js';
import { formatNumber, localized, t, tp } from '../i18n.js';
import { showError, startPage } from '../shell.js';
import {
  api, errorText, tr, isSecretariat, loadPlanContext, roundHref, roundStatusBadge, roundWindow, scopeLabel,
} from '../consultations/common.js';

const PLAN_ID = new URLSearchParams(window.location.search).get('plan') || 'tn-nap5';

async function load(ctx) {
  const [rounds, context, settings] = await Promise.all([
    api.get(`/api/rounds?planId=${encodeURIComponent(PLAN_ID)}`),
    loadPlanContext(PLAN_ID),
    api.get(`/api/consultations/settings/${encodeURIComponent(PLAN_ID)}`),
  ]);
  return { rounds, ...context, settings, me: ctx.me };
}

function renderList(data) {
  const body = byId('rounds').tBodies[0];
  replaceChildren(byId('rounds-count'), tp('consultations.rounds.count', data.rounds.length));
  replaceChildren(body, data.rounds.length === 0
    ? h('tr', {}, h('td', { colspan: 5, class: 'muted' }, t('consultations.rounds.none')))
    : data.rounds.map(r => h('tr', { dataset: { roundId: r.id } },
      h('td', {}, h('a', { href: roundHref(r.id) }, localized(r.title) || r.id)),
      h('td', {}, scopeLabel(r.scope)),
      h('td', {}, roundStatusBadge(r.status), r.acceptingContributions ? [' ', h('span', { class: 'badge success' }, t('consultations.accepting'))] : null),
      h('td', {}, roundWindow(r)),
      h('td', {}, t('consultations.rounds.answeredOf', { answered: formatNumber(r.answered), total: formatNumber(r.contributions) })))));
}

function localizedInputs(prefix, labelKey, multiline) {
  return h('fieldset', { class: 'fieldset' }, tr(labelKey, 'legend'),
    ['ar', 'fr', 'en'].map(lang => {
      const id = `${prefix}-${lang}`;
      const input = multiline
        ? h('textarea', { id, name: `${prefix}.${lang}`, rows: 3, lang, dir: lang === 'ar' ? 'rtl' : 'ltr', required: true })
        : h('input', { id, name: `${prefix}.${lang}`, type: 'text', lang, dir: lang === 'ar' ? 'rtl' : 'ltr', required: true, maxlength: 200 });
      return h('div', { class: 'field' }, tr(`consultations.create.lang.${lang}`, 'label', { for: id }), input);
    }));
}

function toIso(local) {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

let createBuilt = false;

/** Built once (typed values survive a language switch; its labels follow it through data-i18n). */
function renderCreate(ctx) {
  const data = ctx.data;
  const card = byId('round-create-card');
  if (!isSecretariat(data.me)) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  if (createBuilt) return;
  createBuilt = true;
  const commitments = [...data.commitments.values()].sort((a, b) => (a.details?.number ?? 0) - (b.details?.number ?? 0));
  const scope = h('select', { id: 'round-scope', name: 'scope' },
    tr('consultations.scope.Commitments', 'option', { value: 'Commitments' }),
    tr('consultations.scope.Ideas', 'option', { value: 'Ideas' }));
  const checks = h('div', { class: 'check-grid', id: 'round-commitments' }, commitments.map(c =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'commitmentIds', value: c.id }), ' ',
      h('span', { dir: 'auto' }, `${formatNumber(c.details?.number ?? 0)}. ${localized(c.details?.title)}`))));
  const commitmentsField = h('fieldset', { class: 'fieldset' }, tr('consultations.create.commitments', 'legend'), checks);
  scope.addEventListener('change', () => { commitmentsField.hidden = scope.value !== 'Commitments'; });
  const opens = h('input', { id: 'round-opens', type: 'datetime-local', required: true });
  const closes = h('input', { id: 'round-closes', type: 'datetime-local', required: true });
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn', id: 'round-create-submit' }, t('consultations.create.submit'));
  submit.dataset.i18n = 'consultations.create.submit';
  const form = h('form', { id: 'round-create-form', novalidate: true },
    h('div', { class: 'field' }, tr('consultations.create.scope', 'label', { for: 'round-scope' }), scope),
    localizedInputs('title', 'consultations.create.titleLabel', false),
    localizedInputs('rules', 'consultations.create.rulesLabel', true),
    h('div', { class: 'field-row' },
      h('div', { class: 'field' }, tr('consultations.create.opensAt', 'label', { for: 'round-opens' }), opens),
      h('div', { class: 'field' }, tr('consultations.create.closesAt', 'label', { for: 'round-closes' }), closes)),
    h('p', { class: 'muted' }, t('consultations.create.noticeHint', { days: formatNumber(data.settings.noticeDays) })),
    commitmentsField,
    h('div', { class: 'form-actions' }, submit),
    status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    status.textContent = '';
    const value = name => form.querySelector(`[name="${name}"]`)?.value ?? '';
    try {
      const created = await api.post('/api/rounds', {
        planId: PLAN_ID,
        scope: scope.value,
        title: { ar: value('title.ar'), fr: value('title.fr'), en: value('title.en') },
        rules: { ar: value('rules.ar'), fr: value('rules.fr'), en: value('rules.en') },
        opensAt: toIso(opens.value),
        closesAt: toIso(closes.value),
        commitmentIds: scope.value === 'Commitments' ? [...checks.querySelectorAll('input:checked')].map(i => i.value) : [],
      });
      window.location.href = roundHref(created.id);
    } catch (error) {
      status.textContent = errorText(error);
      submit.disabled = false;
    }
  });
  replaceChildren(byId('round-create'), form);
}

function renderNotice(ctx) {
  const data = ctx.data;
  const card = byId('notice-card');
  card.hidden = false;
  const days = h('input', { id: 'notice-days', type: 'number', min: 0, max: 90, value: data.settings.noticeDays, class: 'short' });
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const content = [h('p', {}, t('consultations.notice.current', { days: formatNumber(data.settings.noticeDays) }))];
  if (isSecretariat(data.me)) {
    const form = h('form', { id: 'notice-form' },
      h('div', { class: 'field' }, h('label', { for: 'notice-days' }, t('consultations.notice.label')), days),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn secondary' }, t('consultations.notice.save'))), status);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        data.settings = await api.put(`/api/consultations/settings/${encodeURIComponent(PLAN_ID)}`, { noticeDays: Number(days.value) });
        status.textContent = t('consultations.saved');
        renderNotice(ctx);
      } catch (error) {
        status.textContent = errorText(error);
      }
    });
    content.push(form);
  }
  replaceChildren(byId('notice'), content);
}

function render(ctx) {
  if (ctx.error) {
    showError(byId('page-error'), ctx.error);
    return;
  }
  hide(byId('page-error'));
  renderList(ctx.data);
  renderCreate(ctx);
  renderNotice(ctx);
}

startPage({ page: 'rounds', titleKey: 'consultations.rounds.title', load, render });
