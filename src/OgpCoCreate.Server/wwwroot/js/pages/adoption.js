// Plan adoption (adoption.html?plan=tn-nap5): every commitment's approval state, what is still missing, and
// the secretariat's adoption once nothing is.
import { getJson, hasRole, postJson } from '../api.js';
import { byId, h, replaceChildren } from '../dom.js';
import { formatDateTime, localized, t } from '../i18n.js';
import { shortHash, slotName } from '../approvals/panel.js';
import { describeError, showError, startPage } from '../shell.js';
import { commitmentHref, statusBadge } from '../views.js';

const planId = () => new URLSearchParams(window.location.search).get('plan') || 'tn-nap5';

async function load() {
  const [adoption, institutions] = await Promise.all([
    getJson(`/api/plans/${encodeURIComponent(planId())}/adoption`),
    getJson('/api/institutions').catch(() => []),
  ]);
  return { adoption, institutions: new Map((institutions ?? []).map(i => [i.id, i])) };
}

function render(ctx) {
  if (ctx.error) {
    showError(byId('page-error'), ctx.error);
    return;
  }
  const { adoption, institutions } = ctx.data;
  replaceChildren(byId('adoption-status'),
    statusBadge('planStatus', adoption.planStatus), ' ',
    adoption.adopted
      ? t('approvals.adoption.adoptedOn', { date: formatDateTime(adoption.adoptedAt), name: adoption.adoptedByName ?? '' })
      : t(adoption.canAdopt ? 'approvals.adoption.ready' : 'approvals.adoption.notReady'));
  replaceChildren(byId('adoption-missing'), adoption.missing.length
    ? adoption.missing.map(m => h('li', { dir: 'auto' }, m))
    : h('li', { class: 'muted' }, t('approvals.adoption.nothingMissing')));
  const actions = byId('adoption-actions');
  replaceChildren(actions);
  if (hasRole(ctx.me, 'Secretariat') || hasRole(ctx.me, 'Admin')) {
    const message = h('div', { role: 'status', dir: 'auto' });
    const button = h('button', { type: 'button', class: 'btn', id: 'adoption-adopt', disabled: !adoption.canAdopt }, t('approvals.adoption.adopt'));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        ctx.data.adoption = await postJson(`/api/plans/${encodeURIComponent(planId())}/adoption`, {});
        render(ctx);
      } catch (error) {
        const { message: text, detail } = describeError(error);
        replaceChildren(message, text, detail ? ` ${detail}` : '');
        button.disabled = false;
      }
    });
    replaceChildren(actions, button, message);
  }
  replaceChildren(byId('adoption-table'),
    h('thead', {}, h('tr', {}, ['approvals.inbox.commitment', 'approvals.status', 'approvals.adoption.stage', 'approvals.adoption.awaiting', 'approvals.version'].map(k => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, adoption.commitments.map(c => h('tr', { dataset: { commitmentId: c.commitmentId, complete: String(c.complete) } },
      h('td', {}, h('a', { href: commitmentHref(c.commitmentId) }, `${c.number}. `, h('span', { dir: 'auto' }, localized(c.title)))),
      h('td', {}, statusBadge('commitmentStatus', c.status), ' ',
        h('span', { class: `badge ${c.complete ? 'success' : 'warning'}` }, t(c.complete ? 'approvals.adoption.complete' : 'approvals.adoption.incomplete'))),
      h('td', {}, c.currentStage ? t(`approvals.stage.${c.currentStage}`) : '—'),
      h('td', {}, c.missingSlots.map(s => h('span', { class: `badge ${c.staleSlots.includes(s) ? 'danger' : 'neutral'}` }, slotName(s, institutions),
        c.staleSlots.includes(s) ? ` (${t('approvals.state.Stale')})` : ''))),
      h('td', {}, h('code', {}, shortHash(c.contentHash)))))));
}

startPage({ page: 'adoption', titleKey: 'approvals.adoption.title', load, render });
