// One hub connection per page for the approval topics (approvals:{commitmentId}, inbox:{userId}); see docs/realtime.md.
let connection = null;

/** Watches a topic and calls handlers[name](payload) for its events; resolves false when live updates are unavailable. */
export async function watchTopic(topic, handlers) {
  try {
    if (!connection) {
      const { buildHubConnection } = await import('/lib/ogp-client.js');
      connection = buildHubConnection();
      connection.onreconnected(() => {
        for (const t of watched) connection.invoke('Watch', t).catch(() => {});
      });
      await connection.start();
    }
    for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
    watched.add(topic);
    await connection.invoke('Watch', topic);
    return true;
  } catch (error) {
    console.warn('Live updates unavailable:', error);
    return false;
  }
}

const watched = new Set();
