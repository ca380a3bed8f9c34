// Reads and writes of versioned resources (plans, institutions, commitments): the ETag of a GET is sent back
// as If-Match on the write, so that a change made meanwhile by someone else answers 412 instead of being
// overwritten. Errors are ApiError with the server's ProblemDetails (field errors in problem.errors).
import { ApiError } from './api.js';

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Sends a request and resolves with { data, etag, status }. `ifMatch` is the ETag read earlier (sent as
 * If-Match); `body` is sent as JSON.
 */
export async function send(method, url, { body, ifMatch } = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new ApiError(0, { title: 'Network error', detail: String(error?.message ?? error) }, url);
  }
  const data = response.status === 204 ? null : await readBody(response);
  if (!response.ok) throw new ApiError(response.status, data && typeof data === 'object' ? data : null, url);
  return { data, etag: response.headers.get('ETag'), status: response.status };
}

/** GET that also returns the ETag: { data, etag }. */
export function getVersioned(url) {
  return send('GET', url);
}

/** The ETag of a resource whose version is known (the server's ETag is the quoted version number). */
export function etagOf(resource) {
  return typeof resource?.version === 'number' ? `"${resource.version}"` : null;
}

/** True when the error is a stale write (412: changed meanwhile) or a missing If-Match the server requires (428). */
export function isStale(error) {
  return error instanceof ApiError && (error.status === 412 || error.status === 428);
}

/** The field errors of a ProblemDetails ({ "field": ["message", …] }), or an empty object. */
export function fieldErrors(error) {
  const errors = error instanceof ApiError ? error.problem?.errors : null;
  return errors && typeof errors === 'object' ? errors : {};
}
