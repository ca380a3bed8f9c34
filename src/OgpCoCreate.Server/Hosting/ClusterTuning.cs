using Orleans.Configuration;

namespace OgpCoCreate.Hosting;

/// <summary>
/// Orleans timings for a cluster on PostgreSQL. Orleans' defaults are kept where they guard against false
/// death declarations (probe timeout, missed probes, votes); what changes is how soon others notice.
/// </summary>
public static class ClusterTuning
{
    /// <summary>How often a front-end re-reads the gateway list (Orleans' default is a minute).</summary>
    public static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a front-end waits for a grain's answer (Orleans' default is 30 s). A call in flight through a
    /// gateway that dies is only released by this timeout; grain calls of the web are short, and a timed-out
    /// op is safely resubmitted (same clientId and seq), so a front-end gives up sooner.
    /// </summary>
    public static readonly TimeSpan FrontendResponseTimeout = TimeSpan.FromSeconds(10);

    public static void Apply(ClusterMembershipOptions options)
    {
        // Dead silos' rows are kept a day for the dashboard and forensics, not Orleans' default week.
        options.DefunctSiloExpiration = TimeSpan.FromDays(1);
        // A silo killed with SIGKILL stays "Active" in the table. A node that starts at a new address (a replaced
        // pod, a lone node restarted on new ports) waits until that row is stale — heartbeat period × missed
        // heartbeats (2) — before it can join; with Orleans' 30 s heartbeat that was 1–2 minutes of downtime
        // for a single-node cluster. A 10 s heartbeat costs one small UPDATE per silo every 10 s.
        options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    }
}
