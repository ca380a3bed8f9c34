// Institution page (institution.html?id=finance): names in the three languages, kind, acronym, focal points
// and alternates, the commitments it leads and supports, and its public history.
//   GET /api/institutions/{id}, GET /api/institutions/{id}/history?after=&limit=
//   GET /api/commitments?planId=&institution={id} (titles and statuses of its commitments)
import { ApiError, getJson, hasRole } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import { enumLabel, formatNumber, localized, t } from '../i18n.js';
import { createHistoryFeed, historyHref } from '../history.js';
import { isStateKind } from '../lifecycle.js';
import { showError, startPage } from '../shell.js';
import { commitmentHref, empty, indexById, institutionName, statusBadge } from '../views.js';

const params = new URLSearchParams(window.location.search);
const INSTITUTION_ID = params.get('id');
const PLAN_ID = params.get('plan') || 'tn-nap5';

const page = { data: null, feed: null };

async function load() {
  if (!INSTITUTION_ID) throw new ApiError(404, { detail: null }, null);
  const institution = await getJson(`/api/institutions/${encodeURIComponent(INSTITUTION_ID)}`);
  const [plan, institutions, commitments] = await Promise.allSettled([
    getJson(`/api/plans/${encodeURIComponent(PLAN_ID)}`),
    getJson(`/api/institutions?planId=${encodeURIComponent(PLAN_ID)}`),
    getJson(`/api/commitments?planId=${encodeURIComponent(PLAN_ID)}&institution=${encodeURIComponent(INSTITUTION_ID)}`),
  ]);
  const data = {
    institution,
    plan: plan.status === 'fulfilled' ? plan.value : null,
    institutions: indexById(institutions.status === 'fulfilled' ? institutions.value : []),
    commitments: indexById(commitments.status === 'fulfilled' ? commitments.value : []),
  };
  if (!data.institutions.has(institution.id)) data.institutions.set(institution.id, institution);
  page.data = data;
  page.feed = createHistoryFeed({
    url: `/api/institutions/${encodeURIComponent(institution.id)}/history`,
    container: byId('institution-history'),
    lookups: () => ({
      plan: page.data.plan,
      institutions: page.data.institutions,
      commitments: page.data.commitments,
      subject: { type: 'institution', id: page.data.institution.id },
    }),
  });
  await page.feed.loadMore();
  return data;
}

function people(listId, ids, me) {
  replaceChildren(byId(listId), ids.length
    ? ids.map(id => h('li', { dataset: { userId: id } }, h('code', {}, id),
      me?.id === id ? [' ', h('span', { class: 'badge accent' }, t('institutionPage.you'))] : null))
    : h('li', { class: 'muted' }, t('institutionPage.nobody')));
}

function commitmentRows(tableId, ids, data, withLead) {
  const body = byId(tableId).tBodies[0];
  const rows = ids.map(id => data.commitments.get(id) ?? { id, details: null, status: null })
    .sort((a, b) => (a.details?.number ?? 999) - (b.details?.number ?? 999));
  replaceChildren(body, rows.length
    ? rows.map(c => h('tr', { dataset: { commitmentId: c.id } },
      h('td', { class: 'num' }, c.details ? formatNumber(c.details.number) : ''),
      h('td', {}, h('a', { href: commitmentHref(c.id), dir: 'auto' }, localized(c.details?.title) || c.id)),
      withLead ? h('td', {}, c.details ? h('a', { href: `/institution.html?id=${encodeURIComponent(c.details.leadInstitutionId)}` },
        institutionName(data.institutions, c.details.leadInstitutionId)) : empty()) : null,
      h('td', {}, c.status ? statusBadge('commitmentStatus', c.status) : empty())))
    : h('tr', {}, h('td', { colspan: withLead ? 4 : 3, class: 'muted' }, t('institutionPage.noCommitments'))));
}

function render(ctx) {
  const alert = byId('page-error');
  if (ctx.error) {
    const notFound = ctx.error instanceof ApiError && ctx.error.status === 404;
    showError(alert, ctx.error);
    replaceChildren(byId('institution-title'), notFound ? t('institutionPage.notFound') : t('institutionPage.unavailable'));
    return;
  }
  hide(alert);
  const data = page.data;
  const { institution } = data;
  const name = localized(institution.name) || institution.id;
  ctx.setTitle(name);
  replaceChildren(byId('institution-title'), h('span', { dir: 'auto' }, name));
  replaceChildren(byId('breadcrumb-current'), institution.acronym || name);
  replaceChildren(byId('institution-eyebrow'), enumLabel('institutionKind', institution.kind));
  replaceChildren(byId('institution-kind'), enumLabel('institutionKind', institution.kind));
  replaceChildren(byId('institution-acronym'), institution.acronym ? h('span', { dir: 'auto' }, institution.acronym) : '—');
  const state = isStateKind(institution.kind);
  replaceChildren(byId('institution-actor'), h('span', { class: state ? 'badge neutral' : 'badge accent' }, t(state ? 'institutionPage.state' : 'institutionPage.nonState')));
  replaceChildren(byId('institution-id'), h('code', {}, institution.id));
  byId('institution-history-link').href = historyHref('institution', institution.id);
  byId('institution-history-page').href = historyHref('institution', institution.id);
  byId('institution-admin-link').hidden = !(hasRole(ctx.me, 'Admin') || hasRole(ctx.me, 'Secretariat'));

  const labels = { ar: 'العربية', fr: 'Français', en: 'English' };
  replaceChildren(byId('institution-names'), ['ar', 'fr', 'en'].flatMap(lang => [
    h('dt', { lang }, labels[lang]),
    h('dd', { lang, dir: lang === 'ar' ? 'rtl' : 'ltr', id: `institution-name-${lang}` }, institution.name?.[lang] || t('common.none')),
  ]));
  byId('institution-names-card').hidden = false;

  people('institution-focal-points', institution.focalPoints ?? [], ctx.me);
  people('institution-alternates', institution.alternates ?? [], ctx.me);
  byId('institution-focal-card').hidden = false;

  commitmentRows('institution-leads', institution.leads ?? [], data, false);
  commitmentRows('institution-supports', institution.supports ?? [], data, true);
  byId('institution-commitments-card').hidden = false;

  byId('institution-history-card').hidden = false;
  page.feed?.render();
}


startPage({ page: 'institution', titleKey: 'institutionPage.pageTitle', load, render });
