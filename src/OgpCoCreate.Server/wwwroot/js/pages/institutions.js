// Institutions taking part in the plan (institutions.html): name, kind, state or non-state actor, and how many
// commitments each leads and supports. GET /api/institutions?planId=
import { getJson } from '../api.js';
import { byId, h, hide, replaceChildren } from '../dom.js';
import { enumLabel, formatNumber, localized, t, tp } from '../i18n.js';
import { institutionHref } from '../history.js';
import { isStateKind } from '../lifecycle.js';
import { showError, startPage } from '../shell.js';

const PLAN_ID = new URLSearchParams(window.location.search).get('plan') || 'tn-nap5';

async function load() {
  const institutions = await getJson(`/api/institutions?planId=${encodeURIComponent(PLAN_ID)}`);
  return { institutions: Array.isArray(institutions) ? institutions : [] };
}

function render(ctx) {
  const alert = byId('page-error');
  if (ctx.error) {
    showError(alert, ctx.error);
    return;
  }
  hide(alert);
  const rows = [...ctx.data.institutions].sort((a, b) =>
    (Number(isStateKind(b.kind)) - Number(isStateKind(a.kind)))
    || (localized(a.name) || a.id).localeCompare(localized(b.name) || b.id));
  replaceChildren(byId('institutions-count'), tp('institutionPage.count', rows.length));
  replaceChildren(byId('institutions').tBodies[0], rows.length
    ? rows.map(i => {
      const state = isStateKind(i.kind);
      return h('tr', { dataset: { institutionId: i.id } },
        h('td', {}, h('a', { href: institutionHref(i.id), dir: 'auto' }, localized(i.name) || i.id),
          i.acronym ? h('span', { class: 'muted' }, ' (', h('bdi', {}, i.acronym), ')') : null),
        h('td', {}, enumLabel('institutionKind', i.kind)),
        h('td', {}, h('span', { class: state ? 'badge neutral' : 'badge accent' }, t(state ? 'institutionPage.state' : 'institutionPage.nonState'))),
        h('td', { class: 'num' }, formatNumber((i.leads ?? []).length)),
        h('td', { class: 'num' }, formatNumber((i.supports ?? []).length)));
    })
    : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, t('institutionPage.none'))));
}

startPage({ page: 'institutions', titleKey: 'institutionPage.listTitle', load, render });
