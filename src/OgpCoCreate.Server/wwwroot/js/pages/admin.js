// Admin page: links to the operator tools; "admins only" for everyone else (the tools check it themselves too).
import { hasRole, signInUrl } from '../api.js';
import { byId, h, replaceChildren } from '../dom.js';
import { isolate, t } from '../i18n.js';
import { startPage } from '../shell.js';

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

function render(ctx) {
  const isAdmin = hasRole(ctx.me, 'Admin');
  const denied = byId('admin-denied');
  const panel = byId('admin-panel');
  panel.hidden = !isAdmin;
  denied.hidden = isAdmin;
  if (!isAdmin) {
    replaceChildren(byId('admin-denied-detail'), ctx.me
      ? t('admin.notAdmin', { name: isolate(ctx.me.displayName || ctx.me.email) })
      : [t('admin.signInFirst'), ' ', h('a', { href: signInUrl() }, t('header.signIn'))]);
    return;
  }
  const info = ctx.data;
  if (info?.versions) {
    replaceChildren(byId('client-signalr'), `@microsoft/signalr ${info.versions.signalR}`);
    replaceChildren(byId('client-ot'), `ot-text-unicode ${info.versions.otTextUnicode}`);
    replaceChildren(byId('client-hub'), info.hubPath);
  } else if (info?.error) {
    replaceChildren(byId('client-signalr'), h('span', { class: 'badge danger' }, t('admin.bundleMissing')));
  }
}

startPage({ page: 'admin', titleKey: 'admin.title', load: loadClientInfo, render });
