// One hub connection per page for the approval topics (approvals:{commitmentId}, inbox:{userId}); see docs/realtime.md.
let connection = null;
const watched = new Set();
// What each topic does when the server asks its watchers to read the state again (events were lost after a node died).
const resyncs = new Map();

/**
 * Watches a topic and calls handlers[name](payload) for its events, and onResync() when the server says events
 * may have been missed; resolves false when live updates are unavailable.
 */
export async function watchTopic(topic, handlers, { onResync } = {}) {
  try {
    if (!connection) {
      const { buildHubConnection } = await import('/lib/ogp-client.js');
      connection = buildHubConnection();
      connection.onreconnected(() => {
        for (const t of watched) connection.invoke('Watch', t).catch(() => {});
      });
      connection.on('Resync', e => {
        const resync = resyncs.get(e?.topic);
        if (resync) Promise.resolve(resync()).catch(error => console.warn(error));
      });
      await connection.start();
    }
    for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
    if (onResync) resyncs.set(topic, onResync);
    watched.add(topic);
    await connection.invoke('Watch', topic);
    return true;
  } catch (error) {
    console.warn('Live updates unavailable:', error);
    return false;
  }
}
