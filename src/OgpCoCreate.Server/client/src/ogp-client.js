// Browser bundle of OgpCoCreate (built by esbuild into wwwroot/lib/ogp-client.js, see ../package.json).
// Pages import it as an ES module:
//   import { connectHub, otText, signalR } from '/lib/ogp-client.js';
// It also sets window.ogp = { signalR, otText, connectHub, versions } for scripts that are not modules.
// Nothing here connects on load: a page calls connectHub() when it needs the real-time hub.
import * as signalR from '@microsoft/signalr';
import * as otText from 'ot-text-unicode';

// Filled in by scripts/build.mjs (esbuild `define`) from the installed package.
/* global __OT_TEXT_UNICODE_VERSION__ */
const otTextVersion = typeof __OT_TEXT_UNICODE_VERSION__ === 'string' ? __OT_TEXT_UNICODE_VERSION__ : 'unknown';

/** Path of the co-creation hub (docs/realtime.md). */
export const HUB_PATH = '/hubs/cocreate';

/** Versions of the bundled packages (shown on the admin page). */
export const versions = Object.freeze({
  signalR: signalR.VERSION,
  otTextUnicode: otTextVersion,
});

/**
 * Builds (and, unless `start: false`, starts) a connection to the co-creation hub.
 * The browser's sign-in cookie authenticates it; API clients pass `accessTokenFactory`.
 * @param {{ url?: string, accessTokenFactory?: () => string | Promise<string>, logLevel?: number,
 *           reconnectDelays?: number[], start?: boolean }} [options]
 * @returns {Promise<signalR.HubConnection>}
 */
export async function connectHub(options = {}) {
  const connection = buildHubConnection(options);
  if (options.start !== false) {
    await connection.start();
  }
  return connection;
}

/** Builds the hub connection without starting it (to register handlers before start()). */
export function buildHubConnection(options = {}) {
  const httpOptions = {};
  if (options.accessTokenFactory) {
    httpOptions.accessTokenFactory = options.accessTokenFactory;
  }
  const builder = new signalR.HubConnectionBuilder()
    .withUrl(options.url ?? HUB_PATH, httpOptions)
    .configureLogging(options.logLevel ?? signalR.LogLevel.Warning);
  return (options.reconnectDelays
    ? builder.withAutomaticReconnect(options.reconnectDelays)
    : builder.withAutomaticReconnect()
  ).build();
}

export { signalR, otText };

// The live editor of the commitment texts (src/drafting, assembled by wwwroot/js/drafting/live-texts.js).
import * as drafting from './drafting/index.js';
export { drafting };
export {
  DocumentClient, LiveSession, TextareaBinding, RemoteCursorOverlay, renderMarkdown, diffEdit, personColour,
} from './drafting/index.js';

if (typeof window !== 'undefined') {
  window.ogp = Object.freeze({ signalR, otText, connectHub, buildHubConnection, versions, HUB_PATH, drafting });
}
