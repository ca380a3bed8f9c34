// Moderation queue (moderation.html?round=…): reported and hidden contributions first, then every
// contribution. Moderators (secretariat, forum members) hide with a reason, restore with a reason, or
// dismiss reports. The API refuses anyone else (403), which this page shows as it is.
import { ApiError } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import { t, tp } from '../i18n.js';
import { showError, startPage } from '../shell.js';
import {
  api, inlineForm, loadPlanContext, localizedTitle, lookupsFor, renderThreads, roundHref, roundUrl,
} from '../consultations/common.js';

const ROUND_ID = new URLSearchParams(window.location.search).get('round');

async function load(ctx) {
  if (!ROUND_ID) throw new ApiError(404, { detail: null }, null);
  if (!ctx.me) throw new ApiError(401, { detail: null }, null);
  const [round, queue] = await Promise.all([api.get(roundUrl(ROUND_ID)), api.get(`${roundUrl(ROUND_ID)}/moderation`)]);
  return { round, queue, context: await loadPlanContext(round.planId) };
}

function act(ctx, c, article, { labelKey, submitKey, path, multiline = false }) {
  const existing = article.querySelector(':scope > .consult-moderate-form');
  if (existing) existing.remove();
  const form = inlineForm({
    labelKey,
    submitKey,
    multiline,
    maxLength: 500,
    className: 'consult-moderate-form',
    onCancel: () => form.remove(),
    onSubmit: async reason => {
      await api.post(`${roundUrl(ROUND_ID)}/contributions/${encodeURIComponent(c.id)}/${path}`, { reason });
      await refresh(ctx);
    },
  });
  article.querySelector(':scope > .consult-actions').after(form);
}

function moderationButtons(ctx) {
  return (c, article) => h('span', { class: 'consult-moderation-actions' },
    c.hidden
      ? h('button', { type: 'button', class: 'btn small secondary consult-restore', on: { click: () => act(ctx, c, article, { labelKey: 'consultations.moderation.restoreReason', submitKey: 'consultations.moderation.restore', path: 'restore' }) } }, t('consultations.moderation.restore'))
      : h('button', { type: 'button', class: 'btn small danger consult-hide', on: { click: () => act(ctx, c, article, { labelKey: 'consultations.moderation.hideReason', submitKey: 'consultations.moderation.hide', path: 'hide' }) } }, t('consultations.moderation.hide')),
    c.moderation?.reports?.length && !c.hidden
      ? h('button', {
        type: 'button', class: 'btn small secondary consult-dismiss',
        on: { click: async () => { await api.post(`${roundUrl(ROUND_ID)}/contributions/${encodeURIComponent(c.id)}/dismiss-reports`); await refresh(ctx); } },
      }, t('consultations.moderation.dismiss'))
      : null);
}

async function refresh(ctx) {
  const [round, queue] = await Promise.all([api.get(roundUrl(ROUND_ID)), api.get(`${roundUrl(ROUND_ID)}/moderation`)]);
  Object.assign(ctx.data, { round, queue });
  render(ctx);
}

function render(ctx) {
  if (ctx.error) {
    showError(byId('page-error'), ctx.error);
    return;
  }
  hide(byId('page-error'));
  const { round, queue, context } = ctx.data;
  const breadcrumb = byId('breadcrumb-round');
  breadcrumb.textContent = localizedTitle(round);
  breadcrumb.href = roundHref(round.id);
  breadcrumb.removeAttribute('data-i18n');
  const options = { me: ctx.me, lookups: lookupsFor(context), extra: moderationButtons(ctx) };
  replaceChildren(byId('queue-count'), tp('consultations.moderation.count', queue.length));
  const queueNode = byId('moderation-queue');
  if (queue.length === 0) {
    replaceChildren(queueNode, h('p', { class: 'muted consult-empty' }, t('consultations.moderation.empty')));
  } else {
    // Flat: each queued item on its own, replies included.
    renderThreads(queueNode, queue.map(c => ({ ...c, parentId: null })), { ...options, idPrefix: 'queued-' });
  }
  renderThreads(byId('moderation-all'), round.contributions, options);
}

startPage({ page: 'rounds', titleKey: 'consultations.moderation.title', load, render });
