// The frame every page shares: header (product name, navigation, language switcher, sign-in state),
// footer, language handling and the page life cycle. A page calls
//   startPage({ page: 'plan', titleKey: 'plan.pageTitle', load: async ctx => data, render: ctx => {...} })
// load() runs once; render() runs after load and again after every language switch. When the page has
// rendered, <body data-ready="true"> is set (end-to-end tests wait for it).

import { ApiError, fetchMe, hasRole, postJson, signInUrl } from './api.js';
import { h, replaceChildren, showMessage } from './dom.js';
import {
  ENDONYMS, LANGUAGES, currentLanguage, onLanguageChange, resolveLanguage, setLanguage, t,
} from './i18n.js';

const NAV = [
  { page: 'plan', href: '/', key: 'nav.plan' },
  { page: 'institutions', href: '/institutions.html', key: 'nav.institutions' },
  { page: 'rounds', href: '/rounds.html', key: 'consultations.nav' },
  { page: 'repository', href: '/repository.html', key: 'publishing.nav' },
  // role: the roles that see the item, separated by spaces.
  { page: 'inbox', href: '/inbox.html', key: 'nav.inbox', role: 'FocalPoint MsfMember Secretariat Admin' },
  { page: 'admin', href: '/admin.html', key: 'nav.admin', role: 'Admin Secretariat' },
];

function markReady(ready) {
  document.body.dataset.ready = ready ? 'true' : 'false';
}

function logo() {
  return h('img', { class: 'brand-logo', src: '/img/logo.svg', alt: '', width: 36, height: 36 });
}

function buildHeader(page) {
  const header = document.getElementById('site-header') ?? document.body.insertBefore(
    h('header', { id: 'site-header', class: 'site-header' }), document.body.firstChild);
  header.classList.add('site-header');

  const languageButtons = LANGUAGES.map(lang => h('button', {
    type: 'button',
    id: `lang-${lang}`,
    lang,
    dir: lang === 'ar' ? 'rtl' : 'ltr',
    'aria-pressed': 'false',
    dataset: { lang },
    on: { click: () => switchLanguage(lang) },
  }, ENDONYMS[lang]));

  const navItems = NAV.map(item => h('li', { hidden: Boolean(item.role), dataset: { role: item.role } },
    h('a', {
      id: `nav-${item.page}`,
      href: item.href,
      'aria-current': item.page === page ? 'page' : null,
      'data-i18n': item.key,
    })));

  replaceChildren(header, h('div', { class: 'container header-inner' },
    h('a', { class: 'brand', href: '/', 'data-i18n-attr': 'aria-label:header.homeLabel' },
      logo(),
      h('span', { class: 'brand-text' },
        h('span', { class: 'brand-name', lang: 'en', dir: 'ltr' }, 'OgpCoCreate'),
        h('span', { class: 'brand-tagline', 'data-i18n': 'header.tagline' }))),
    h('nav', { class: 'main-nav', 'data-i18n-attr': 'aria-label:header.navLabel' }, h('ul', {}, navItems)),
    h('div', { class: 'header-tools' },
      h('div', { class: 'lang-switch', role: 'group', 'data-i18n-attr': 'aria-label:header.languageLabel' }, languageButtons),
      h('div', { class: 'user-box', id: 'user-box', 'aria-live': 'polite' }))));
  return header;
}

function updateLanguageButtons() {
  for (const lang of LANGUAGES) {
    const button = document.getElementById(`lang-${lang}`);
    if (button) button.setAttribute('aria-pressed', String(lang === currentLanguage()));
  }
}

async function signOut(button) {
  button.disabled = true;
  try {
    await postJson('/api/auth/logout');
  } catch (error) {
    // Signed out already (401) or the server is away: reloading shows the real state either way.
    console.warn('Sign-out:', error);
  }
  window.location.reload();
}

function renderUserBox(me, page) {
  const box = document.getElementById('user-box');
  if (!box) return;
  if (me) {
    const signOutButton = h('button', { type: 'button', id: 'signout', class: 'btn-header' }, t('header.signOut'));
    signOutButton.addEventListener('click', () => signOut(signOutButton));
    replaceChildren(box,
      h('span', { class: 'visually-hidden' }, t('header.signedInAs')),
      h('span', { id: 'user-name', class: 'user-name', dir: 'auto', title: me.email ?? '' }, me.displayName || me.email || ''),
      signOutButton);
  } else if (page === 'signin') {
    replaceChildren(box);
  } else {
    replaceChildren(box, h('a', { id: 'signin-link', class: 'btn-header primary', href: signInUrl() }, t('header.signIn')));
  }
  for (const item of document.querySelectorAll('.main-nav li[data-role]')) {
    item.hidden = !item.dataset.role.split(' ').some(role => hasRole(me, role));
  }
}

function buildFooter() {
  const footer = document.getElementById('site-footer') ?? document.body.appendChild(
    h('footer', { id: 'site-footer', class: 'site-footer' }));
  footer.classList.add('site-footer');
  replaceChildren(footer, h('div', { class: 'container footer-inner' },
    h('p', { 'data-i18n': 'footer.about' }),
    h('ul', {},
      h('li', {}, h('a', { href: '/', 'data-i18n': 'nav.plan' })),
      h('li', {}, h('a', { href: '/api-reference', 'data-i18n': 'footer.api' })))));
}

/** A message for a failed API call, in the chosen language, with the server's detail when there is one. */
export function describeError(error) {
  const status = error instanceof ApiError ? error.status : -1;
  const key = status === 0 ? 'errors.network'
    : status === 401 ? 'errors.unauthorized'
      : status === 403 ? 'errors.forbidden'
        : status === 404 ? 'errors.notFound'
          : 'errors.generic';
  const detail = error instanceof ApiError ? error.problem?.detail : null;
  return { message: t(key), detail: detail && detail !== t(key) ? detail : null, status };
}

/** Fills an alert element with describeError(). */
export function showError(element, error) {
  const { message, detail } = describeError(error);
  showMessage(element, h('strong', {}, message), detail ? h('span', { class: 'detail', dir: 'auto' }, detail) : null);
}

let switching = Promise.resolve();

/** Switches the UI language (persisted); pages re-render through onLanguageChange. */
export function switchLanguage(lang) {
  switching = switching.then(async () => {
    if (lang === currentLanguage() && document.documentElement.classList.contains('i18n-ready')) return;
    markReady(false);
    await setLanguage(lang, { persist: true });
    markReady(true);
  });
  return switching;
}

/**
 * Starts a page. `load(ctx)` fetches the data once (ctx.me is the signed-in user or null); `render(ctx)`
 * draws it (ctx.data, ctx.error, ctx.me) and runs again on each language switch.
 */
export async function startPage({ page, titleKey, load, render }) {
  markReady(false);
  const ctx = { page, me: null, data: null, error: null };
  /** Sets the document title ("<text> · OgpCoCreate"); render() may call it for a data-driven title. */
  ctx.setTitle = text => {
    document.title = text ? `${text} · OgpCoCreate` : 'OgpCoCreate';
  };

  buildHeader(page);
  buildFooter();

  const mePromise = fetchMe().catch(error => {
    console.warn('Could not read the signed-in user:', error);
    return null;
  });
  const dataPromise = (async () => {
    ctx.me = await mePromise;
    return load ? load(ctx) : null;
  })().then(data => { ctx.data = data; }, error => { ctx.error = error; });

  const { lang, source } = resolveLanguage();
  await setLanguage(lang, { persist: source === 'query' || source === 'storage' });
  await dataPromise;

  const draw = () => {
    updateLanguageButtons();
    renderUserBox(ctx.me, page);
    ctx.setTitle(titleKey ? t(titleKey) : null);
    try {
      render?.(ctx);
    } catch (error) {
      console.error(error);
      const alert = document.getElementById('page-error');
      if (alert) showError(alert, error);
    }
  };
  draw();
  onLanguageChange(draw);
  markReady(true);
  return ctx;
}
