// Inbox (inbox.html): what awaits the signed-in person (pending, stale, requests for changes, tasks, overdue
// steps) across the plan's commitments, per institution, and their notifications (read/unread). Live over
// the hub's inbox:{userId} topic.
import { getJson, postJson, signInUrl } from '../api.js';
import { byId, h, replaceChildren } from '../dom.js';
import { enumLabel, formatDateTime, localized, t } from '../i18n.js';
import { shortHash, slotName } from '../approvals/panel.js';
import { watchTopic } from '../approvals/live.js';
import { showError, startPage } from '../shell.js';
import { commitmentHref } from '../views.js';

const KIND_TONES = { Pending: 'warning', Stale: 'danger', ChangesRequested: 'accent', Task: 'accent', Overdue: 'danger' };
let page = null;

async function fetchData(institution) {
  const query = institution ? `?institution=${encodeURIComponent(institution)}` : '';
  const [inbox, notifications, institutions] = await Promise.all([
    getJson(`/api/inbox${query}`),
    getJson('/api/notifications?limit=100'),
    getJson('/api/institutions').catch(() => []),
  ]);
  return { inbox, notifications, institutions: new Map((institutions ?? []).map(i => [i.id, i])), institution };
}

async function load(ctx) {
  if (!ctx.me) {
    window.location.href = signInUrl();
    return null;
  }
  return fetchData(new URLSearchParams(window.location.search).get('institution'));
}

function notificationText(n, institutions) {
  return t(`approvals.notifications.${n.kind}`, {
    commitment: n.commitmentId ?? '',
    slot: n.slot ? slotName(n.slot, institutions) : '',
    actor: n.actorName ?? '',
    due: n.dueAt ? formatDateTime(n.dueAt) : '',
  });
}

function render(ctx) {
  page = ctx;
  if (ctx.error) {
    showError(byId('page-error'), ctx.error);
    return;
  }
  if (!ctx.data) return;
  const { inbox, notifications, institutions, institution } = ctx.data;
  const select = byId('inbox-institution');
  const mine = ctx.me?.institutions ?? [];
  replaceChildren(select, h('option', { value: '' }, t('approvals.inbox.allInstitutions')),
    mine.map(id => h('option', { value: id, selected: id === institution }, slotName(id, institutions))));
  select.onchange = () => refresh(select.value || null);
  const items = inbox.items ?? [];
  replaceChildren(byId('inbox-items'), items.length === 0
    ? h('p', { class: 'muted', id: 'inbox-empty' }, t('approvals.inbox.empty'))
    : h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'inbox-table' },
      h('thead', {}, h('tr', {}, ['approvals.inbox.kind', 'approvals.inbox.commitment', 'approvals.who', 'approvals.inbox.due', 'approvals.version'].map(k => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, items.map(item => h('tr', { dataset: { kind: item.kind, commitmentId: item.commitmentId, slot: item.slot } },
        h('td', {}, h('span', { class: `badge ${KIND_TONES[item.kind] ?? 'neutral'}` }, t(`approvals.inbox.kinds.${item.kind}`)),
          item.reason ? h('div', { dir: 'auto' }, item.reason) : null),
        h('td', {}, h('a', { href: commitmentHref(item.commitmentId) }, `${item.number}. `, h('span', { dir: 'auto' }, localized(item.title)))),
        h('td', {}, slotName(item.slot, institutions), h('div', { class: 'muted' }, t(`approvals.stage.${item.stage}`))),
        h('td', {}, item.dueAt ? formatDateTime(item.dueAt) : '—', item.overdue ? [' ', h('span', { class: 'badge danger' }, t('approvals.overdue'))] : null),
        h('td', {}, h('code', {}, shortHash(item.contentHash)))))))));
  const list = notifications.items ?? [];
  replaceChildren(byId('inbox-notifications'), list.length === 0
    ? h('li', { class: 'muted' }, t('approvals.inbox.noNotifications'))
    : list.map(n => h('li', { class: n.read ? 'read' : 'unread', dataset: { kind: n.kind, read: String(n.read) } },
      n.read ? null : h('span', { class: 'badge accent' }, t('approvals.inbox.new')), ' ',
      n.commitmentId ? h('a', { href: commitmentHref(n.commitmentId) }, notificationText(n, institutions)) : notificationText(n, institutions),
      n.text ? h('span', { dir: 'auto' }, ` — ${n.text}`) : null,
      h('span', { class: 'muted' }, ` · ${formatDateTime(n.at)}`))));
  byId('inbox-mark-read').disabled = !(notifications.unread > 0);
  byId('inbox-mark-read').onclick = async () => {
    await postJson('/api/notifications/read', {});
    await refresh(institution);
  };
  document.title = `${t('approvals.inbox.title')}${notifications.unread ? ` (${notifications.unread})` : ''} · OgpCoCreate`;
}

async function refresh(institution = page?.data?.institution ?? null) {
  if (!page) return;
  try {
    page.data = await fetchData(institution);
    page.error = null;
  } catch (error) {
    page.error = error;
  }
  render(page);
}

startPage({ page: 'inbox', titleKey: 'approvals.inbox.title', load, render }).then(ctx => {
  if (ctx?.me) {
    watchTopic(`inbox:${ctx.me.id}`, { InboxChanged: () => refresh(), NotificationAdded: () => refresh() }, { onResync: () => refresh() });
  }
});
