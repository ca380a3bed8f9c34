// Small fetch wrapper for /api: JSON in and out, the sign-in cookie travels with every request,
// errors become ApiError with the ProblemDetails the server sent.

export class ApiError extends Error {
  constructor(status, problem, url) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? null;
    this.url = url;
  }
}

async function readProblem(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Sends a request; resolves with the parsed JSON body (null when there is none) or throws ApiError. */
export async function request(method, url, body) {
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, { title: 'Network error', detail: String(error?.message ?? error) }, url);
  }
  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response), url);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const getJson = url => request('GET', url);
export const postJson = (url, body) => request('POST', url, body);

/** The signed-in user ({ id, email, displayName, language, roles, institutions }) or null when anonymous. */
export async function fetchMe() {
  try {
    return await getJson('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

export function hasRole(me, role) {
  return Boolean(me?.roles?.includes(role));
}

/** Only local paths: "/x?y" yes; "//host", "/\\host", "https://…", "javascript:" no. */
export function safeReturnUrl(value, fallback = '/') {
  if (typeof value !== 'string' || value === '') return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  try {
    const url = new URL(value, window.location.origin);
    if (url.origin !== window.location.origin) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

/** /signin.html?returnUrl=<this page> */
export function signInUrl(returnTo = window.location.pathname + window.location.search + window.location.hash) {
  const target = safeReturnUrl(returnTo, '/');
  return target === '/' || target.startsWith('/signin.html')
    ? '/signin.html'
    : `/signin.html?returnUrl=${encodeURIComponent(target)}`;
}
