// Admin page: managing the plan (definition, timeline, status), institutions (names, kind, acronym, focal
// points) and the forum, for administrators and the secretariat; the operator tools for administrators only.
// Everyone else reads "reserved" (and the API checks it itself too).
import { getJson, hasRole, signInUrl } from '../api.js';
import { mountForumAdmin } from '../admin/forum-admin.js';
import { mountInstitutionsAdmin } from '../admin/institutions-admin.js';
import { mountPlanAdmin } from '../admin/plan-admin.js';
import { byId, h, replaceChildren } from '../dom.js';
import { isolate, t } from '../i18n.js';
import { getVersioned } from '../resource.js';
import { showError, startPage } from '../shell.js';

const PLAN_ID = new URLSearchParams(window.location.search).get('plan') || 'tn-nap5';

const isStaff = me => hasRole(me, 'Admin') || hasRole(me, 'Secretariat');

/** Loads the browser bundle (built by npm from client/) to show what it carries. */
async function loadClientInfo(ctx) {
  if (!hasRole(ctx.me, 'Admin')) return null;
  try {
    const client = await import('/lib/ogp-client.js');
    return { versions: client.versions, hubPath: client.HUB_PATH };
  } catch (error) {
    console.error('The browser bundle /lib/ogp-client.js did not load:', error);
    return { error: String(error?.message ?? error) };
  }
}

async function loadManagement(ctx) {
  if (!isStaff(ctx.me)) return null;
  const [{ data: plan, etag }, institutions] = await Promise.all([
    getVersioned(`/api/plans/${encodeURIComponent(PLAN_ID)}`),
    getJson(`/api/institutions?planId=${encodeURIComponent(PLAN_ID)}`),
  ]);
  return { me: ctx.me, plan, planEtag: etag, institutions: Array.isArray(institutions) ? institutions : [] };
}

async function load(ctx) {
  const [client, manage] = await Promise.allSettled([loadClientInfo(ctx), loadManagement(ctx)]);
  return {
    client: client.status === 'fulfilled' ? client.value : { error: String(client.reason) },
    manage: manage.status === 'fulfilled' ? manage.value : null,
    manageError: manage.status === 'rejected' ? manage.reason : null,
  };
}

const mounted = { sections: null };

function renderManagement(ctx) {
  const state = ctx.data.manage;
  if (ctx.data.manageError) {
    showError(byId('page-error') ?? byId('admin-denied'), ctx.data.manageError);
    return;
  }
  if (!state) return;
  if (!mounted.sections) {
    mounted.sections = [
      mountPlanAdmin(byId('manage-plan-body'), state),
      mountInstitutionsAdmin(byId('manage-institutions-body'), state),
      mountForumAdmin(byId('manage-forum-body'), state),
    ];
  } else {
    for (const section of mounted.sections) section.render();
  }
}

function render(ctx) {
  const isAdmin = hasRole(ctx.me, 'Admin');
  const staff = isStaff(ctx.me);
  const denied = byId('admin-denied');
  byId('admin-panel').hidden = !isAdmin;
  byId('manage-panel').hidden = !staff;
  for (const item of document.querySelectorAll('[data-admin-only]')) item.hidden = !isAdmin;
  denied.hidden = staff;
  if (!staff) {
    replaceChildren(byId('admin-denied-detail'), ctx.me
      ? t('adminManage.notStaff', { name: isolate(ctx.me.displayName || ctx.me.email) })
      : [t('adminManage.signInFirst'), ' ', h('a', { href: signInUrl() }, t('header.signIn'))]);
    return;
  }
  renderManagement(ctx);
  const info = ctx.data?.client;
  if (info?.versions) {
    replaceChildren(byId('client-signalr'), `@microsoft/signalr ${info.versions.signalR}`);
    replaceChildren(byId('client-ot'), `ot-text-unicode ${info.versions.otTextUnicode}`);
    replaceChildren(byId('client-hub'), info.hubPath);
  } else if (info?.error && isAdmin) {
    replaceChildren(byId('client-signalr'), h('span', { class: 'badge danger' }, t('admin.bundleMissing')));
  }
}

startPage({ page: 'admin', titleKey: 'admin.title', load, render });
