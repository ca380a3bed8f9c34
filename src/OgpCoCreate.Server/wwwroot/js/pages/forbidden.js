// 403 page: the cookie handler sends browsers here (AccessDeniedPath) with ?ReturnUrl= of the page refused.
import { safeReturnUrl } from '../api.js';
import { byId, hide, showMessage } from '../dom.js';
import { isolate, t } from '../i18n.js';
import { startPage } from '../shell.js';

function render(ctx) {
  const user = byId('forbidden-user');
  if (ctx.me) showMessage(user, t('forbidden.signedInAs', { name: isolate(ctx.me.displayName || ctx.me.email) }));
  else hide(user);
  const params = new URLSearchParams(window.location.search);
  const target = safeReturnUrl(params.get('ReturnUrl') ?? params.get('returnUrl'), '');
  byId('forbidden-signin').href = target ? `/signin.html?returnUrl=${encodeURIComponent(target)}` : '/signin.html';
}

startPage({ page: 'forbidden', titleKey: 'forbidden.title', render });
