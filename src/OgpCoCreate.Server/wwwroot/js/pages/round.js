// Round page (round.html?id=tn-nap5-r1): the round's rules and window, its contributions as threads with
// their supports and published responses, the contribution form, and the secretariat's controls. New
// contributions, replies, supports and responses arrive live over the hub (topic round:{id}).
import { ApiError, signInUrl } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import { formatDateTime, formatNumber, localized, t, tp } from '../i18n.js';
import { showError, startPage } from '../shell.js';
import {
  api, contributionActions, errorText, isModerator, isResponder, liveIndicator, loadPlanContext, localizedTitle, lookupsFor,
  moderationHref, placeContribution, renderThreads, responsesHref, roundStatusBadge, roundUrl, roundWindow, scopeLabel, showSupports, tr, watchTopic,
} from '../consultations/common.js';

const ROUND_ID = new URLSearchParams(window.location.search).get('id');
const state = { round: null, me: null, context: null, nodes: new Map(), live: null };

async function load(ctx) {
  if (!ROUND_ID) throw new ApiError(404, { detail: null }, null);
  state.me = ctx.me;
  state.round = await api.get(roundUrl(ROUND_ID));
  state.context = await loadPlanContext(state.round.planId);
  return state;
}

async function reload() {
  state.round = await api.get(roundUrl(ROUND_ID));
  renderAll();
}

const lookups = () => lookupsFor(state.context ?? {});

function contributionOptions() {
  return {
    me: state.me,
    lookups: lookups(),
    ...contributionActions(ROUND_ID, upsert, { canReply: state.round.capabilities.contribute }),
  };
}

/** Puts a contribution on the page (new, or replacing its earlier version), keeping its replies. */
function upsert(c, { mine = false } = {}) {
  const list = state.round.contributions;
  const index = list.findIndex(x => x.id === c.id);
  if (index >= 0) {
    // A live event carries the public view: never let it replace the richer view the author got back.
    if (!mine && list[index].mine) return;
    list[index] = c;
  } else {
    list.push(c);
  }
  placeContribution(byId('contributions'), state.nodes, c, contributionOptions());
  renderCount();
}

function renderCount() {
  const main = state.round.contributions.filter(c => c.kind !== 'Reply');
  replaceChildren(byId('contributions-count'), tp('consultations.round.count', main.length));
}

function renderHead() {
  const round = state.round;
  const title = localizedTitle(round);
  document.title = `${title} · OgpCoCreate`;
  replaceChildren(byId('round-title'), h('span', { dir: 'auto' }, title));
  replaceChildren(byId('breadcrumb-current'), title);
  replaceChildren(byId('round-scope'), scopeLabel(round.definition.scope));
  replaceChildren(byId('round-status'), roundStatusBadge(round.status),
    round.acceptingContributions ? [' ', h('span', { class: 'badge success', id: 'round-accepting' }, t('consultations.accepting'))] : null);
  replaceChildren(byId('round-window'), roundWindow(round));
  replaceChildren(byId('round-announced'), formatDateTime(round.announcedAt));
  const main = round.contributions.filter(c => c.needsResponse);
  const answered = main.filter(c => c.response && ['Accepted', 'PartiallyAccepted', 'MergedInto', 'Rejected'].includes(c.response.status));
  replaceChildren(byId('round-answered'), t('consultations.rounds.answeredOf', { answered: formatNumber(answered.length), total: formatNumber(main.length) }));
  const notice = byId('round-notice-override');
  if (round.noticeOverride) {
    replaceChildren(notice, t('consultations.round.noticeOverride', { days: formatNumber(round.noticeOverride.noticeDays) }), ' ',
      h('q', { dir: 'auto' }, round.noticeOverride.reason));
    notice.hidden = false;
  } else {
    notice.hidden = true;
  }
  replaceChildren(byId('round-rules'), localized(round.definition.rules));
  replaceChildren(byId('round-links'),
    h('li', {}, h('a', { class: 'btn secondary small', href: responsesHref(round.id), id: 'link-responses' }, t('consultations.links.responses'))),
    isModerator(state.me) ? h('li', {}, h('a', { class: 'btn secondary small', href: moderationHref(round.id), id: 'link-moderation' }, t('consultations.links.moderation'))) : null,
    h('li', {}, h('a', { class: 'btn secondary small', href: `${roundUrl(round.id)}/report.csv`, download: '' }, t('consultations.links.csv'))),
    h('li', {}, h('a', { class: 'btn secondary small', href: `${roundUrl(round.id)}/report.json`, download: '' }, t('consultations.links.json'))));
}

function renderManage() {
  const round = state.round;
  const card = byId('round-manage-card');
  if (!round.capabilities.manage) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite', id: 'manage-status' });
  const act = (id, key, path, body) => {
    const button = h('button', { type: 'button', class: 'btn', id }, t(key));
    button.addEventListener('click', async () => {
      button.disabled = true;
      status.textContent = '';
      try {
        await api.post(`${roundUrl(round.id)}/${path}`, body?.());
        await reload();
      } catch (error) {
        status.textContent = errorText(error);
        button.disabled = false;
      }
    });
    return button;
  };
  const content = [];
  if (round.status === 'Scheduled') {
    const reasonId = 'open-override-reason';
    const reason = h('input', { id: reasonId, type: 'text', maxlength: 500, dir: 'auto' });
    content.push(h('p', {}, t('consultations.manage.noticeRule', { days: formatNumber(round.noticeDays) })),
      h('div', { class: 'field' }, h('label', { for: reasonId }, t('consultations.manage.overrideReason')), reason),
      act('round-open', 'consultations.manage.open', 'open', () => ({ overrideReason: reason.value || null })));
  } else if (round.status === 'Open') {
    content.push(act('round-close', 'consultations.manage.close', 'close'));
  } else if (round.status === 'Closed') {
    content.push(h('p', {}, t('consultations.manage.answerRule')), act('round-answered-button', 'consultations.manage.answered', 'answered'));
  } else if (round.status === 'Answered') {
    content.push(act('round-publish', 'consultations.manage.publish', 'publish'));
  } else {
    content.push(h('p', { class: 'muted' }, t('consultations.manage.published')));
  }
  content.push(status);
  replaceChildren(byId('round-manage'), content);
}

let contributeBuilt = null;

/** The contribution form is built once per round status (typed text survives a language switch). */
function renderContribute() {
  const round = state.round;
  const container = byId('round-contribute');
  const key = `${round.status}:${round.capabilities.contribute}`;
  if (contributeBuilt === key) return;
  contributeBuilt = key;
  if (!round.acceptingContributions) {
    replaceChildren(container, tr(round.status === 'Scheduled' ? 'consultations.contribute.notYet' : 'consultations.contribute.closed', 'p', { class: 'muted' }));
    return;
  }
  if (!state.me) {
    replaceChildren(container, h('p', {}, tr('consultations.contribute.signIn', 'a', { href: signInUrl(), id: 'contribute-signin' })));
    return;
  }
  const items = [];
  if (round.definition.scope === 'Commitments') {
    items.push(tr('consultations.contribute.onText', 'p'),
      h('ul', { class: 'consult-commitment-links' }, round.definition.commitmentIds.map(id =>
        h('li', {}, h('a', { href: `/commitment.html?id=${encodeURIComponent(id)}#consultation-comments`, dataset: { commitmentId: id } }, lookups().commitment(id))))));
  }
  items.push(contributionForm(round));
  replaceChildren(container, items);
}

function contributionForm(round) {
  const ideas = round.definition.scope === 'Ideas';
  const plan = state.context?.plan;
  const field = (id, key, control) => h('div', { class: 'field' }, tr(key, 'label', { for: id }), control);
  const title = h('input', { id: 'contribution-title', type: 'text', maxlength: 200, dir: 'auto' });
  const body = h('textarea', { id: 'contribution-body', rows: 5, maxlength: 5000, dir: 'auto' });
  const axis = h('select', { id: 'contribution-axis' }, (plan?.axes ?? []).map(a => h('option', { value: a.id }, localized(a.name))));
  const institution = h('select', { id: 'contribution-institution' }, tr('consultations.contribute.noInstitution', 'option', { value: '' }),
    [...(state.context?.institutions?.values() ?? [])].map(i => h('option', { value: i.id }, localized(i.name) || i.id)));
  const commitment = h('select', { id: 'contribution-commitment' }, round.definition.commitmentIds.map(id => h('option', { value: id }, lookups().commitment(id))));
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite', id: 'contribution-status' });
  const submit = tr(ideas ? 'consultations.contribute.submitIdea' : 'consultations.contribute.submitComment', 'button', { type: 'submit', class: 'btn', id: 'contribution-submit' });
  const form = h('form', { id: 'contribution-form', novalidate: true },
    ideas ? field('contribution-title', 'consultations.contribute.title', title) : field('contribution-commitment', 'consultations.contribute.commitment', commitment),
    field('contribution-body', 'consultations.contribute.body', body),
    tr('consultations.contribute.markdownHint', 'p', { class: 'muted small' }),
    ideas ? h('div', { class: 'field-row' },
      field('contribution-axis', 'consultations.contribute.axis', axis),
      field('contribution-institution', 'consultations.contribute.institution', institution)) : null,
    h('div', { class: 'form-actions' }, submit),
    status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    status.textContent = '';
    try {
      const created = await api.post(`${roundUrl(round.id)}/contributions`, ideas
        ? { kind: 'Idea', title: title.value, body: body.value, axisId: axis.value, institutionId: institution.value || null }
        : { kind: 'Comment', commitmentId: commitment.value, body: body.value });
      title.value = '';
      body.value = '';
      status.textContent = t('consultations.contribute.posted');
      upsert(created, { mine: true });
    } catch (error) {
      status.textContent = errorText(error);
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function renderList() {
  state.nodes = renderThreads(byId('contributions'), state.round.contributions, contributionOptions());
  renderCount();
}

function renderAll() {
  renderHead();
  renderManage();
  renderContribute();
  renderList();
}

async function startLive() {
  if (!state.me || state.live) return;
  const indicator = liveIndicator();
  replaceChildren(byId('round-live'), indicator.node);
  indicator.set('connecting');
  const refresh = () => reload().catch(error => console.warn(error));
  state.live = await watchTopic(`round:${ROUND_ID}`, {
    ContributionAdded: e => upsert(e.contribution),
    ReplyAdded: e => upsert(e.contribution),
    SupportChanged: e => {
      const c = state.round.contributions.find(x => x.id === e.contributionId);
      if (!c) return;
      c.supports = e.supports;
      showSupports(state.nodes.get(c.id), e.supports);
    },
    ContributionHidden: refresh,
    ContributionRestored: refresh,
    ResponsesPublished: refresh,
    RoundChanged: refresh,
  }, { onResync: refresh, onState: s => indicator.set(s) });
  if (!state.live) indicator.set('offline');
}

function render(ctx) {
  if (ctx.error) {
    showError(byId('page-error'), ctx.error);
    replaceChildren(byId('round-title'), t('consultations.round.unavailable'));
    return;
  }
  hide(byId('page-error'));
  renderAll();
  startLive();
}

startPage({ page: 'rounds', titleKey: 'consultations.round.pageTitle', load, render });
