using System.Globalization;
using OgpCoCreate.Storage.Database;
using Orleans.Configuration;

namespace OgpCoCreate.Storage.Clustering;

/// <summary>A silo of one cluster id as the membership table records it.</summary>
public sealed record ClusterMember(string ClusterId, string SiloName, string HostName, string Address, int Port, int Generation, int GatewayPort, SiloStatus Status, DateTime StartTime, DateTime IAmAliveTime)
{
    public string Endpoint => $"{Address}:{Port}";

    /// <summary>Not dead and heard from recently (start or I-am-alive within the allowed miss period).</summary>
    public bool IsLive(DateTime now, TimeSpan freshness) =>
        Status != SiloStatus.Dead && (StartTime > IAmAliveTime ? StartTime : IAmAliveTime) >= now - freshness;
}

/// <summary>
/// Every cluster id writes the same grain state, journal and op logs, so two clusters on one database would
/// each activate the same document grain and diverge. The rows of another cluster id are invisible to
/// Orleans' membership (it reads only its own id), so we check explicitly: a silo refuses to start while
/// the database holds live silos of another cluster id. A front-end with a wrong id finds no gateway and
/// never becomes ready (<see cref="SqlGatewayListProvider"/> says why in its log).
/// </summary>
public static class ClusterIdGuard
{
    /// <summary>How long a silo may stay silent before it no longer counts as live: Orleans' own limit.</summary>
    public static TimeSpan Freshness(ClusterMembershipOptions options) =>
        options.IAmAliveTablePublishTimeout * Math.Max(1, options.NumMissedTableIAmAliveLimit);

    /// <summary>Every membership row of every cluster id (a few rows per node: cheap).</summary>
    public static async Task<IReadOnlyList<ClusterMember>> ReadMembersAsync(OgpDatabase database, string? clusterId = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT cluster_id, silo_name, host_name, address, port, generation, proxy_port, status, start_time, i_am_alive_time FROM ogp_cluster_members"
            + (clusterId is null ? "" : " WHERE cluster_id = @c")
            + " ORDER BY cluster_id, silo_name, generation");
        if (clusterId is not null)
        {
            command.With("@c", clusterId);
        }
        var members = new List<ClusterMember>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new ClusterMember(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6),
                (SiloStatus)reader.GetInt32(7), MembershipRows.ParseTime(reader.GetString(8)), MembershipRows.ParseTime(reader.GetString(9))));
        }
        return members;
    }

    /// <summary>The live silos of cluster ids other than <paramref name="clusterId"/>.</summary>
    public static async Task<IReadOnlyList<ClusterMember>> LiveMembersOfOtherClustersAsync(OgpDatabase database, string clusterId, TimeSpan freshness, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. (await ReadMembersAsync(database, null, cancellationToken))
            .Where(m => !string.Equals(m.ClusterId, clusterId, StringComparison.Ordinal) && m.IsLive(now, freshness))];
    }

    public static async Task ThrowIfInUseByAnotherClusterAsync(OgpDatabase database, string clusterId, TimeSpan freshness, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var others = await LiveMembersOfOtherClustersAsync(database, clusterId, freshness, clock, cancellationToken);
        if (others.Count > 0)
        {
            throw new ClusterIdConflictException(clusterId, others, freshness);
        }
    }

    public static string Describe(IEnumerable<ClusterMember> members) =>
        string.Join("; ", members.GroupBy(m => m.ClusterId).Select(g =>
            $"'{g.Key}': {string.Join(", ", g.Select(m => $"{m.SiloName} ({m.Endpoint}, {m.Status.ToString().ToLowerInvariant()})"))}"));
}

/// <summary>This node's cluster id differs from the one of the live cluster already using the database.</summary>
public sealed class ClusterIdConflictException(string clusterId, IReadOnlyList<ClusterMember> others, TimeSpan freshness)
    : Exception(string.Format(CultureInfo.InvariantCulture,
        "Refusing to start: this node's cluster id is '{0}', but the database is in use by a live cluster with another id ({1}). "
        + "Two clusters on one database would activate the same grains twice. Start this node with the same Ogp:ClusterId as the "
        + "running nodes, or stop them first (a silo counts as gone once it has been silent for {2:0} s or is marked dead).",
        clusterId, ClusterIdGuard.Describe(others), freshness.TotalSeconds))
{
    public string ClusterId { get; } = clusterId;

    public IReadOnlyList<ClusterMember> Others { get; } = others;
}
