// One hub connection per page, shared by every live document on it: routes OpApplied and Presence to
// the right DocumentClient, reports the connection's state, and brings it back after any interruption
// (SignalR's automatic reconnect, then our own retries with back-off, and at once when the browser says
// it is online again). After every reconnect each document reopens, catches up and resends its pending op.
import { Emitter } from './emitter.js';
import { DocumentClient } from './document-client.js';

/** SignalR's automatic reconnect delays; after them the session keeps retrying every RETRY_MAX_MS. */
const RECONNECT_DELAYS_MS = [0, 1000, 2000, 5000, 10_000, 15_000, 30_000];
const RETRY_MAX_MS = 30_000;

/** A random id for this page's edits (the server dedupes resubmissions by clientId and seq). */
export function newClientId() {
  if (globalThis.crypto?.randomUUID) return `web-${globalThis.crypto.randomUUID()}`;
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `web-${[...bytes].map(b => b.toString(16).padStart(2, '0')).join('')}`;
}

export class LiveSession extends Emitter {
  /**
   * @param {{ buildConnection: (options: object) => any, selfUserId?: string|null, clientId?: string }} options
   *   buildConnection: the bundle's buildHubConnection (or a test double)
   */
  constructor({ buildConnection, selfUserId = null, clientId = newClientId() }) {
    super();
    this.buildConnection = buildConnection;
    this.selfUserId = selfUserId;
    this.clientId = clientId;
    this.documents = new Map();
    /** 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'stopped' */
    this.state = 'connecting';
    this.connection = null;
    this.retryTimer = null;
    this.retries = 0;
    this.onOnline = () => {
      if (this.state === 'offline') this.restart(0);
    };
  }

  async start() {
    const connection = this.buildConnection({ reconnectDelays: RECONNECT_DELAYS_MS, start: false });
    this.connection = connection;
    connection.on('OpApplied', message => this.documents.get(message?.documentId)?.receive(message));
    connection.on('Presence', message => this.documents.get(message?.documentId)?.receivePresence(message.users));
    connection.onreconnecting(() => {
      this.setState('reconnecting');
      for (const doc of this.documents.values()) doc.connectionLost();
    });
    connection.onreconnected(() => this.connected());
    connection.onclose(() => {
      if (this.state === 'stopped') return;
      for (const doc of this.documents.values()) doc.connectionLost();
      this.setState('offline');
      this.restart();
    });
    globalThis.addEventListener?.('online', this.onOnline);
    await this.tryStart();
  }

  async tryStart() {
    if (this.state === 'stopped') return;
    try {
      await this.connection.start();
    } catch (error) {
      console.warn('drafting: could not connect to the hub', error);
      this.setState('offline');
      this.restart();
      return;
    }
    this.connected();
  }

  restart(delay = Math.min(RETRY_MAX_MS, 1000 * 2 ** Math.min(this.retries, 5))) {
    if (this.state === 'stopped') return;
    clearTimeout(this.retryTimer);
    this.retries++;
    this.retryTimer = setTimeout(() => {
      if (this.connection?.state === 'Disconnected') {
        this.setState('connecting');
        this.tryStart();
      }
    }, delay);
  }

  connected() {
    this.retries = 0;
    this.setState('connected');
    for (const doc of this.documents.values()) doc.open();
  }

  isConnected() {
    return this.connection?.state === 'Connected';
  }

  invoke(method, ...args) {
    if (!this.isConnected()) return Promise.reject(new Error("Cannot send data if the connection is not in the 'Connected' State."));
    return this.connection.invoke(method, ...args);
  }

  /** The live document `documentId` (opened now if connected, or as soon as the connection is up). */
  document(documentId, { editable }) {
    let doc = this.documents.get(documentId);
    if (!doc) {
      doc = new DocumentClient({
        documentId,
        invoke: (method, ...args) => this.invoke(method, ...args),
        clientId: this.clientId,
        selfUserId: this.selfUserId,
        editable,
      });
      doc.connectedProbe = () => this.isConnected();
      this.documents.set(documentId, doc);
      if (this.isConnected()) doc.open();
    }
    return doc;
  }

  /** True when some document has edits the server has not acknowledged yet. */
  get hasUnsavedEdits() {
    return [...this.documents.values()].some(doc => doc.pendingEdits > 0);
  }

  async stop() {
    this.setState('stopped');
    clearTimeout(this.retryTimer);
    globalThis.removeEventListener?.('online', this.onOnline);
    await Promise.allSettled([...this.documents.values()].map(doc => doc.close()));
    await this.connection?.stop();
  }

  setState(state) {
    if (this.state === state || this.state === 'stopped') return;
    this.state = state;
    this.emit('state', { state });
  }
}
