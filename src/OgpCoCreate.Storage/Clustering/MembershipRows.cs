using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Storage.Clustering;

/// <summary>How a <see cref="MembershipEntry"/> is laid out in <c>ogp_cluster_members</c>, and back.</summary>
internal static class MembershipRows
{
    /// <summary>The member columns, in the order <see cref="Read"/> expects them (prefixed for joins).</summary>
    public const string Columns = "m.address, m.port, m.generation, m.silo_name, m.host_name, m.status, m.proxy_port, m.suspect_times, m.start_time, m.i_am_alive_time, m.etag";

    public static SiloAddress Address(DbDataReader reader, int offset) =>
        SiloAddress.New(IPAddress.Parse(reader.GetString(offset)), reader.GetInt32(offset + 1), reader.GetInt32(offset + 2));

    /// <summary>Reads an entry and its etag from the columns starting at <paramref name="offset"/>.</summary>
    public static Tuple<MembershipEntry, string> Read(DbDataReader reader, int offset)
    {
        var entry = new MembershipEntry
        {
            SiloAddress = Address(reader, offset),
            SiloName = reader.GetString(offset + 3),
            HostName = reader.GetString(offset + 4),
            Status = (SiloStatus)reader.GetInt32(offset + 5),
            ProxyPort = reader.GetInt32(offset + 6),
            SuspectTimes = reader.IsDBNull(offset + 7) ? null : ParseSuspectTimes(reader.GetString(offset + 7)),
            StartTime = ParseTime(reader.GetString(offset + 8)),
            IAmAliveTime = ParseTime(reader.GetString(offset + 9)),
        };
        return Tuple.Create(entry, reader.GetInt32(offset + 10).ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Adds the key parameters (@c, @a, @p, @g) of a silo.</summary>
    public static DbCommand WithKey(this DbCommand command, string clusterId, SiloAddress silo) =>
        command.With("@c", clusterId)
            .With("@a", silo.Endpoint.Address.ToString())
            .With("@p", silo.Endpoint.Port)
            .With("@g", silo.Generation);

    public const string KeyCondition = "cluster_id = @c AND address = @a AND port = @p AND generation = @g";

    /// <summary>Adds the value parameters of an entry (everything but the key and the etag).</summary>
    public static DbCommand WithValues(this DbCommand command, MembershipEntry entry) =>
        command.With("@silo_name", entry.SiloName ?? "")
            .With("@host_name", entry.HostName ?? "")
            .With("@status", (int)entry.Status)
            .With("@proxy_port", entry.ProxyPort)
            .With("@suspect_times", entry.SuspectTimes is { Count: > 0 } votes ? FormatSuspectTimes(votes) : null)
            .With("@start_time", FormatTime(entry.StartTime))
            .With("@i_am_alive_time", FormatTime(entry.IAmAliveTime));

    public static string FormatTime(DateTime time) =>
        (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture);

    public static DateTime ParseTime(string value)
    {
        var time = DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        return time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc);
    }

    /// <summary>
    /// The latest moment this entry is known to have changed: its start, its last I-am-alive or the latest
    /// vote suspecting it (a death declaration is a vote). Orleans' cleanup cut-off is computed on this.
    /// </summary>
    public static DateTime LastUpdate(MembershipEntry entry)
    {
        var result = entry.StartTime > entry.IAmAliveTime ? entry.StartTime : entry.IAmAliveTime;
        foreach (var (_, at) in entry.SuspectTimes ?? [])
        {
            if (at > result)
            {
                result = at;
            }
        }
        return DateTime.SpecifyKind(result, DateTimeKind.Utc);
    }

    private sealed record Vote(string Silo, string At);

    private static string FormatSuspectTimes(List<Tuple<SiloAddress, DateTime>> votes) =>
        JsonSerializer.Serialize(votes.Select(v => new Vote(v.Item1.ToParsableString(), FormatTime(v.Item2))));

    private static List<Tuple<SiloAddress, DateTime>> ParseSuspectTimes(string json) =>
        [.. (JsonSerializer.Deserialize<List<Vote>>(json) ?? []).Select(v => Tuple.Create(SiloAddress.FromParsableString(v.Silo), ParseTime(v.At)))];
}
