// Sign-in (cookie) and registration as a participant.
//   POST /api/auth/login?useCookies=true { email, password } → 200/204, else ProblemDetails (400, 401, 423)
//   POST /api/auth/register { email, password, displayName, language } → 201, else ValidationProblem
// After signing in, the browser goes to ?returnUrl= when it is a local path, else to /.
import { ApiError, postJson, safeReturnUrl } from '../api.js';
import { byId, h, hide, replaceChildren, showMessage } from '../dom.js';
import { currentLanguage, isolate, t } from '../i18n.js';
import { startPage } from '../shell.js';

const returnUrl = () => safeReturnUrl(new URLSearchParams(window.location.search).get('returnUrl'), '/');

function loginErrorKey(status) {
  switch (status) {
    case 400: return 'signin.errors.missing';
    case 401: return 'signin.errors.wrongCredentials';
    case 423: return 'signin.errors.locked';
    case 0: return 'errors.network';
    default: return 'errors.generic';
  }
}

/** What each alert shows, redrawn in the new language when the language changes. */
const shownProblems = new Map();

/** The alert shows a translated explanation and the server's own detail (ProblemDetails.detail). */
function showProblem(element, key, error) {
  const detail = error instanceof ApiError ? (error.problem?.detail ?? error.problem?.title) : null;
  shownProblems.set(element, () => showMessage(element, h('strong', {}, t(key)), detail ? h('span', { class: 'detail', dir: 'auto' }, detail) : null));
  shownProblems.get(element)();
}

function clearProblem(element) {
  shownProblems.delete(element);
  hide(element);
}

async function signIn(email, password) {
  await postJson('/api/auth/login?useCookies=true', { email, password });
  window.location.assign(returnUrl());
}

function wireSignIn() {
  const form = byId('signin-form');
  const error = byId('signin-error');
  const submit = byId('signin-submit');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearProblem(error);
    const email = byId('signin-email').value.trim();
    const password = byId('signin-password').value;
    if (!email || !password) {
      // The server answers 400 too; saying it here saves a round trip.
      showProblem(error, 'signin.errors.missing', null);
      (email ? byId('signin-password') : byId('signin-email')).focus();
      return;
    }
    submit.disabled = true;
    try {
      await signIn(email, password);
    } catch (failure) {
      const status = failure instanceof ApiError ? failure.status : -1;
      showProblem(error, loginErrorKey(status), failure);
      byId('signin-password').select();
      submit.disabled = false;
    }
  });
}

const REGISTER_FIELDS = { displayName: 'register-name', email: 'register-email', password: 'register-password' };

function clearFieldErrors() {
  for (const id of Object.values(REGISTER_FIELDS)) {
    byId(id).removeAttribute('aria-invalid');
    hide(byId(`${id}-error`));
  }
}

function showFieldErrors(errors) {
  let first = null;
  for (const [name, messages] of Object.entries(errors ?? {})) {
    const id = REGISTER_FIELDS[Object.keys(REGISTER_FIELDS).find(k => k.toLowerCase() === name.toLowerCase())];
    if (!id) continue;
    byId(id).setAttribute('aria-invalid', 'true');
    showMessage(byId(`${id}-error`), [].concat(messages).join(' '));
    first ??= byId(id);
  }
  first?.focus();
}

function wireRegister() {
  const form = byId('register-form');
  const error = byId('register-error');
  const submit = byId('register-submit');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clearProblem(error);
    clearFieldErrors();
    const body = {
      email: byId('register-email').value.trim(),
      password: byId('register-password').value,
      displayName: byId('register-name').value.trim(),
      language: byId('register-language').value,
    };
    submit.disabled = true;
    try {
      await postJson('/api/auth/register', body);
    } catch (failure) {
      const status = failure instanceof ApiError ? failure.status : -1;
      if (status === 400 && failure.problem?.errors) {
        showProblem(error, 'register.errors.invalid', null);
        showFieldErrors(failure.problem.errors);
      } else {
        showProblem(error, status === 0 ? 'errors.network' : 'errors.generic', failure);
      }
      submit.disabled = false;
      return;
    }
    try {
      await signIn(body.email, body.password);
    } catch (failure) {
      showProblem(error, 'register.errors.createdButNotSignedIn', failure);
      submit.disabled = false;
    }
  });
}

function render(ctx) {
  for (const redraw of shownProblems.values()) redraw();
  const note = byId('signed-in-note');
  if (ctx.me) {
    replaceChildren(note,
      t('signin.alreadySignedIn', { name: isolate(ctx.me.displayName || ctx.me.email) }), ' ',
      h('a', { href: returnUrl() }, t('signin.continue')));
    note.hidden = false;
  } else {
    hide(note);
  }
  const language = byId('register-language');
  if (!language.dataset.touched) language.value = currentLanguage();
}

byId('register-language').addEventListener('change', event => { event.target.dataset.touched = 'true'; });
wireSignIn();
wireRegister();
startPage({ page: 'signin', titleKey: 'signin.pageTitle', render });
