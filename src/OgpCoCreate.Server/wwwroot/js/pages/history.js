// History page: the public journal of a plan (history.html?plan=tn-nap5, with or without its commitments'
// changes), of a commitment (?commitment=tn-nap5-01) or of an institution (?institution=finance), oldest
// first, paged with ?after= (the last sequence number already read) and ?limit=. Readable by anyone.
import { ApiError, getJson } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import { formatNumber, localized, t } from '../i18n.js';
import { DEFAULT_HISTORY_LIMIT, createHistoryFeed, institutionHref } from '../history.js';
import { showError, startPage } from '../shell.js';
import { commitmentHref, indexById } from '../views.js';

const params = new URLSearchParams(window.location.search);

function subjectFromUrl() {
  for (const type of ['commitment', 'institution', 'plan']) {
    const id = params.get(type);
    if (id) return { type, id };
  }
  return { type: 'plan', id: 'tn-nap5' };
}

const SUBJECT = subjectFromUrl();
const AFTER = Math.max(0, Number.parseInt(params.get('after') ?? '0', 10) || 0);
const LIMIT = Math.min(1000, Math.max(1, Number.parseInt(params.get('limit') ?? '', 10) || DEFAULT_HISTORY_LIMIT));
const INCLUDE_COMMITMENTS = SUBJECT.type === 'plan' && params.get('commitments') !== 'false';

const page = { data: null, feed: null };

function historyUrl() {
  const id = encodeURIComponent(SUBJECT.id);
  switch (SUBJECT.type) {
    case 'commitment': return `/api/commitments/${id}/history`;
    case 'institution': return `/api/institutions/${id}/history`;
    default: return `/api/plans/${id}/history${INCLUDE_COMMITMENTS ? '?includeCommitments=true' : ''}`;
  }
}

/** This page's address with other paging or options. */
function pageHref(changes) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(changes)) {
    if (value == null) url.searchParams.delete(key);
    else url.searchParams.set(key, String(value));
  }
  return url.pathname + url.search;
}

async function load() {
  let subject = null;
  let planId = params.get('planId') || 'tn-nap5';
  if (SUBJECT.type === 'commitment') {
    subject = await getJson(`/api/commitments/${encodeURIComponent(SUBJECT.id)}`);
    planId = subject.planId;
  } else if (SUBJECT.type === 'institution') {
    subject = await getJson(`/api/institutions/${encodeURIComponent(SUBJECT.id)}`);
  } else {
    planId = SUBJECT.id;
  }
  const [plan, institutions, commitments] = await Promise.allSettled([
    getJson(`/api/plans/${encodeURIComponent(planId)}`),
    getJson(`/api/institutions?planId=${encodeURIComponent(planId)}`),
    getJson(`/api/commitments?planId=${encodeURIComponent(planId)}`),
  ]);
  if (SUBJECT.type === 'plan' && plan.status === 'rejected') throw plan.reason;
  const data = {
    subject,
    plan: plan.status === 'fulfilled' ? plan.value : null,
    institutions: indexById(institutions.status === 'fulfilled' ? institutions.value : []),
    commitments: indexById(commitments.status === 'fulfilled' ? commitments.value : []),
  };
  if (SUBJECT.type === 'commitment') data.commitments.set(subject.id, subject);
  if (SUBJECT.type === 'institution' && !data.institutions.has(subject.id)) data.institutions.set(subject.id, subject);
  page.data = data;
  page.feed = createHistoryFeed({
    url: historyUrl(),
    container: byId('history'),
    after: AFTER,
    limit: LIMIT,
    lookups: () => ({ ...page.data, subject: SUBJECT }),
    onChange: renderPager,
  });
  await page.feed.loadMore();
  return data;
}

function subjectTitle(data) {
  if (SUBJECT.type === 'commitment') {
    const d = data.subject.details ?? {};
    return { text: t('historyPage.ofCommitment', { number: formatNumber(d.number), title: localized(d.title) }), href: commitmentHref(SUBJECT.id) };
  }
  if (SUBJECT.type === 'institution') {
    return { text: t('historyPage.ofInstitution', { name: localized(data.subject.name) || SUBJECT.id }), href: institutionHref(SUBJECT.id) };
  }
  return { text: t('historyPage.ofPlan', { title: localized(data.plan?.title) || SUBJECT.id }), href: '/' };
}

function renderPager() {
  const state = page.feed?.state;
  if (!state) return;
  const first = byId('history-first');
  const next = byId('history-next');
  first.hidden = AFTER === 0;
  first.href = pageHref({ after: null });
  next.hidden = state.done || state.entries.length === 0;
  next.href = pageHref({ after: state.last });
  const entries = state.entries;
  replaceChildren(byId('history-range'), entries.length
    ? t('historyPage.range', { from: `#${entries[0].sequence}`, to: `#${entries[entries.length - 1].sequence}`, count: formatNumber(entries.length) })
    : '');
}

function render(ctx) {
  const alert = byId('page-error');
  if (ctx.error) {
    showError(alert, ctx.error);
    replaceChildren(byId('history-title'), ctx.error instanceof ApiError && ctx.error.status === 404 ? t('errors.notFound') : t('historyPage.unavailable'));
    return;
  }
  hide(alert);
  const data = page.data;
  const { text, href } = subjectTitle(data);
  ctx.setTitle(text);
  replaceChildren(byId('history-title'), h('span', { dir: 'auto' }, text));
  if (data.plan) replaceChildren(byId('breadcrumb-plan'), localized(data.plan.title) || t('nav.plan'));
  const crumb = byId('breadcrumb-subject');
  crumb.hidden = SUBJECT.type === 'plan';
  crumb.parentElement.hidden = SUBJECT.type === 'plan';
  if (SUBJECT.type !== 'plan') {
    crumb.href = href;
    replaceChildren(crumb, SUBJECT.type === 'commitment'
      ? t('commitment.numbered', { number: formatNumber(data.subject.details?.number) })
      : localized(data.subject.name) || SUBJECT.id);
  }

  const options = byId('history-options');
  options.hidden = SUBJECT.type !== 'plan';
  const include = byId('history-include-commitments');
  include.checked = INCLUDE_COMMITMENTS;
  if (!include.dataset.wired) {
    include.dataset.wired = 'true';
    include.addEventListener('change', () => {
      window.location.assign(pageHref({ commitments: include.checked ? null : 'false', after: null }));
    });
  }
  page.feed?.render();
  renderPager();
}

startPage({ page: 'history', titleKey: 'historyPage.title', load, render });
