// The approval panel of the commitment page: each signature of the chain (institution or forum co-chair),
// who signed, when, for which content version, whether it is stale; the actions the signed-in person may take;
// what changed since an approval (diff); the requests for changes (tasks) and the workflow's history. Live.
import { ApiError, fetchMe, getJson, postJson } from '../api.js';
import { byId, h, replaceChildren } from '../dom.js';
import { enumLabel, formatDateTime, localized, onLanguageChange, t } from '../i18n.js';
import { describeError } from '../shell.js';
import { watchTopic } from './live.js';

const STATE_TONES = { Approved: 'success', Pending: 'neutral', ChangesRequested: 'warning', Stale: 'danger' };

export function shortHash(hash) {
  return hash ? hash.slice(0, 10) : '—';
}

/** Name of a slot: the institution's name, or the forum co-chair of a side. */
export function slotName(slot, institutions) {
  if (slot === 'forum-government') return t('approvals.forumGovernment');
  if (slot === 'forum-civil-society') return t('approvals.forumCivilSociety');
  const institution = institutions?.get?.(slot);
  return institution ? localized(institution.name) || institution.acronym || slot : slot;
}

function slotStateKey(slot) {
  return slot.state === 'Approved' && slot.stale ? 'Stale' : slot.state;
}

function stateBadge(slot) {
  const key = slotStateKey(slot);
  return h('span', { class: `badge ${STATE_TONES[key] ?? 'neutral'}`, dataset: { approvalState: key } }, t(`approvals.state.${key}`));
}

function renderDiff(diff) {
  const parts = [];
  if (diff.details.length) {
    parts.push(h('p', {}, h('strong', {}, t('approvals.diffDetails')), ' ', diff.details.map(d => enumLabel('approvals.fields', d.field)).join(', ')));
  }
  for (const text of diff.texts.filter(x => x.changed)) {
    parts.push(h('h4', {}, enumLabel('textFields', text.field)));
    parts.push(h('div', { class: 'approval-diff', dir: 'auto' }, text.lines.filter(l => l.kind !== 'unchanged').map(line => {
      if (line.kind === 'modified') {
        return h('div', { class: 'diff-line modified' },
          h('div', { class: 'diff-old' }, (line.oldPieces ?? [{ kind: 'deleted', text: line.old ?? '' }]).map(p => h(p.kind === 'deleted' ? 'del' : 'span', {}, p.text, ' '))),
          h('div', { class: 'diff-new' }, (line.newPieces ?? [{ kind: 'inserted', text: line.new ?? '' }]).map(p => h(p.kind === 'inserted' ? 'ins' : 'span', {}, p.text, ' '))));
      }
      return h('div', { class: `diff-line ${line.kind}` }, line.kind === 'inserted' ? h('ins', {}, line.new) : h('del', {}, line.old));
    })));
  }
  if (!parts.length) parts.push(h('p', { class: 'muted' }, t('approvals.diffNone')));
  return h('div', { class: 'approval-diff-box' }, parts);
}

/**
 * Mounts the panel into `container` (the commitment page's <section id="approvals-panel">).
 * Options: commitmentId (default: ?id= of the page).
 */
export async function mountApprovalsPanel(container, { commitmentId } = {}) {
  if (!container) return;
  const id = commitmentId ?? new URLSearchParams(window.location.search).get('id');
  if (!id) return;
  container.classList.add('card');
  container.setAttribute('aria-labelledby', 'approvals-heading');
  const state = { view: null, me: null, mine: [], institutions: new Map(), history: [], error: null, message: null, diffs: new Map(), busy: false };

  async function refreshHistory() {
    try {
      state.history = await getJson(`/api/commitments/${encodeURIComponent(id)}/approvals/history?limit=200`);
    } catch { /* the panel works without it */ }
  }

  async function load() {
    try {
      const [view, me, institutions] = await Promise.all([
        getJson(`/api/commitments/${encodeURIComponent(id)}/approvals`),
        fetchMe().catch(() => null),
        getJson('/api/institutions').catch(() => []),
      ]);
      state.view = view;
      state.me = me;
      state.institutions = new Map((institutions ?? []).map(i => [i.id, i]));
      if (me) state.mine = (await getJson(`/api/commitments/${encodeURIComponent(id)}/approvals/me`)).entitlements ?? [];
      await refreshHistory();
    } catch (error) {
      state.error = error;
    }
  }

  async function act(path, body, slot) {
    state.busy = true;
    state.message = null;
    render();
    try {
      state.view = await postJson(`/api/commitments/${encodeURIComponent(id)}/approvals/${path}`, body);
      state.message = { ok: true, text: t('approvals.done') };
      state.diffs.delete(slot);
      await refreshHistory();
    } catch (error) {
      const { message, detail } = describeError(error);
      state.message = { ok: false, text: detail ? `${message} ${detail}` : message };
      if (error instanceof ApiError && error.status === 412) {
        state.view = await getJson(`/api/commitments/${encodeURIComponent(id)}/approvals`).catch(() => state.view);
      }
    } finally {
      state.busy = false;
      render();
    }
  }

  async function toggleDiff(slot) {
    if (state.diffs.has(slot.slot)) {
      state.diffs.delete(slot.slot);
    } else {
      try {
        state.diffs.set(slot.slot, await getJson(`/api/commitments/${encodeURIComponent(id)}/approvals/diff?from=${encodeURIComponent(slot.contentHash)}`));
      } catch (error) {
        state.message = { ok: false, text: describeError(error).message };
      }
    }
    render();
  }

  function actions(slot) {
    const entitlement = state.mine.find(e => e.slot === slot.slot);
    if (!entitlement || !state.view.open) return null;
    const hash = state.view.content.hash;
    const buttons = [];
    if (!(slot.state === 'Approved' && !slot.stale)) {
      buttons.push(h('button', {
        type: 'button', class: 'btn small', disabled: state.busy, dataset: { action: 'approve', slot: slot.slot },
        on: { click: () => act('approve', { slot: slot.slot, contentHash: hash, comment: byId(`approval-comment-${slot.slot}`)?.value || null }, slot.slot) },
      }, t('approvals.approve')));
    }
    buttons.push(h('button', {
      type: 'button', class: 'btn small secondary', disabled: state.busy, dataset: { action: 'request-changes', slot: slot.slot },
      on: { click: () => act('request-changes', { slot: slot.slot, contentHash: hash, reason: byId(`approval-comment-${slot.slot}`)?.value ?? '' }, slot.slot) },
    }, t('approvals.requestChanges')));
    if (slot.state === 'Approved') {
      buttons.push(h('button', {
        type: 'button', class: 'btn small danger-outline', disabled: state.busy, dataset: { action: 'withdraw', slot: slot.slot },
        on: { click: () => act('withdraw', { slot: slot.slot, comment: byId(`approval-comment-${slot.slot}`)?.value || null }, slot.slot) },
      }, t('approvals.withdraw')));
    }
    return h('div', { class: 'approval-actions' },
      h('label', { class: 'visually-hidden', for: `approval-comment-${slot.slot}` }, t('approvals.commentLabel')),
      h('textarea', { id: `approval-comment-${slot.slot}`, rows: 2, dir: 'auto', placeholder: t('approvals.commentPlaceholder') }),
      entitlement.capacity !== 'FocalPoint' && entitlement.capacity !== 'CoChair'
        ? h('p', { class: 'muted' }, t(`approvals.capacity.${entitlement.capacity}`)) : null,
      buttons);
  }

  function row(slot) {
    const diff = state.diffs.get(slot.slot);
    return [
      h('tr', { dataset: { slot: slot.slot, state: slot.state, stale: String(slot.stale), open: String(slot.open) } },
        h('th', { scope: 'row' }, h('span', { dir: 'auto' }, slotName(slot.slot, state.institutions)),
          h('div', { class: 'muted' }, t(`approvals.stage.${slot.stage}`))),
        h('td', {}, stateBadge(slot), slot.overdue ? [' ', h('span', { class: 'badge danger' }, t('approvals.overdue'))] : null),
        h('td', {}, slot.byName ? h('span', { dir: 'auto' }, slot.byName) : '—',
          slot.capacity && slot.capacity !== 'FocalPoint' && slot.capacity !== 'CoChair' ? h('div', { class: 'muted' }, t(`approvals.capacity.${slot.capacity}`)) : null),
        h('td', {}, slot.at ? formatDateTime(slot.at) : '—'),
        h('td', {}, h('code', { title: slot.contentHash ?? '' }, shortHash(slot.contentHash)),
          slot.stale ? h('div', {}, h('button', { type: 'button', class: 'btn small secondary', dataset: { action: 'diff', slot: slot.slot }, on: { click: () => toggleDiff(slot) } },
            t(diff ? 'approvals.hideChanges' : 'approvals.showChanges'))) : null),
        h('td', {}, slot.comment ? h('span', { dir: 'auto' }, slot.comment) : '', actions(slot))),
      diff ? h('tr', { class: 'approval-diff-row' }, h('td', { colspan: 6 }, renderDiff(diff))) : null,
    ];
  }

  function render() {
    if (state.error) {
      replaceChildren(container, h('h2', { id: 'approvals-heading' }, t('approvals.title')),
        h('p', { class: 'muted' }, describeError(state.error).message));
      container.hidden = false;
      container.dataset.ready = 'true';
      return;
    }
    const v = state.view;
    if (!v) return;
    const summary = v.complete ? t('approvals.complete')
      : v.open ? t('approvals.awaiting', { stage: t(`approvals.stage.${v.currentStage}`) })
        : v.planAdopted ? t('approvals.adopted') : t('approvals.notOpen', { status: enumLabel('commitmentStatus', v.commitmentStatus) });
    const tasks = v.tasks ?? [];
    replaceChildren(container,
      h('div', { class: 'section-head' },
        h('h2', { id: 'approvals-heading' }, t('approvals.title')),
        h('a', { href: `/adoption.html?plan=${encodeURIComponent(v.planId)}` }, t('approvals.adoptionLink'))),
      h('p', { id: 'approvals-summary', dataset: { complete: String(v.complete) } }, summary,
        v.dueAt ? [' ', t('approvals.due', { date: formatDateTime(v.dueAt) })] : null),
      h('p', { class: 'muted' }, t('approvals.contentVersion'), ' ', h('code', { id: 'approvals-hash', title: v.content.hash }, shortHash(v.content.hash))),
      state.message ? h('div', { class: `alert ${state.message.ok ? 'success' : 'error'}`, role: state.message.ok ? 'status' : 'alert', dir: 'auto' }, state.message.text) : null,
      h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'approvals-table' },
        h('thead', {}, h('tr', {},
          ['approvals.who', 'approvals.status', 'approvals.by', 'approvals.when', 'approvals.version', 'approvals.comment'].map(k => h('th', { scope: 'col' }, t(k))))),
        h('tbody', {}, v.slots.map(row)))),
      h('h3', {}, t('approvals.tasks')),
      tasks.length
        ? h('ul', { id: 'approvals-tasks' }, tasks.map(task => h('li', { dataset: { taskId: task.id, resolved: String(task.resolved) } },
          h('span', { class: `badge ${task.resolved ? 'success' : 'warning'}` }, t(task.resolved ? 'approvals.taskResolved' : 'approvals.taskOpen')), ' ',
          h('strong', {}, slotName(task.slot, state.institutions)), ' — ', h('span', { dir: 'auto' }, task.reason),
          h('span', { class: 'muted' }, ' · ', h('span', { dir: 'auto' }, task.byName), ', ', formatDateTime(task.at)))))
        : h('p', { class: 'muted' }, t('approvals.noTasks')),
      h('details', { id: 'approvals-history' },
        h('summary', {}, t('approvals.history', { count: state.history.length })),
        h('ol', {}, state.history.map(e => h('li', {},
          h('strong', {}, enumLabel('approvals.events', e.eventType)), ' · ', h('span', { dir: 'auto' }, e.actorName), ' · ', formatDateTime(e.at),
          (() => { try { const p = JSON.parse(e.payloadJson); return p.contentHash ? [' · ', h('code', {}, shortHash(p.contentHash))] : null; } catch { return null; } })())))));
    container.hidden = false;
    container.dataset.ready = 'true';
  }

  container.dataset.ready = 'false';
  await load();
  render();
  onLanguageChange(render);
  if (state.me) {
    await watchTopic(`approvals:${id}`, {
      ApprovalsChanged: async view => {
        if (view?.commitmentId !== id) return;
        state.view = view;
        if (state.me) state.mine = (await getJson(`/api/commitments/${encodeURIComponent(id)}/approvals/me`).catch(() => ({ entitlements: state.mine }))).entitlements ?? [];
        await refreshHistory();
        render();
      },
    }, {
      onResync: async () => {
        await load();
        render();
      },
    });
    container.dataset.live = 'true';
  }
}
