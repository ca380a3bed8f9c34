namespace OgpCoCreate.Configuration;

/// <summary>
/// The project's settings, under <c>Ogp:</c> (Orleans binds <c>Orleans:</c> itself). Command line
/// <c>--Ogp:DataDir x</c> or <c>--data-dir x</c>, environment <c>Ogp__DataDir</c>.
/// </summary>
public sealed class OgpOptions
{
    public const string Section = "Ogp";

    /// <summary>Folder of the embedded SQLite store (and of data-protection keys on a single node).</summary>
    public string DataDir { get; set; } = "data";

    /// <summary><c>sqlite</c> (embedded, default) or <c>postgres</c> (cluster).</summary>
    public string Store { get; set; } = "sqlite";

    /// <summary><c>silo</c> (co-hosted silo, default) or <c>frontend</c> (Orleans client only).</summary>
    public string Role { get; set; } = "silo";

    public string ClusterId { get; set; } = "ogp";

    public string ServiceId { get; set; } = "ogpcocreate";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address other nodes reach this silo at (cluster on PostgreSQL). Unset: Orleans picks this host's
    /// first non-loopback address and the silo listens on every interface (containers); in Kubernetes the pod IP.
    /// </summary>
    public string? AdvertisedIp { get; set; }

    /// <summary>Running as a Kubernetes pod: Orleans' Kubernetes hosting (pod name and IP from the downward API).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>How long a node waits for PostgreSQL at start-up before giving up (seconds).</summary>
    public int DatabaseWaitSeconds { get; set; } = 300;

    /// <summary><c>demo</c> adds the Tunisian demo plan and accounts (idempotent).</summary>
    public string? Seed { get; set; }

    public bool IsPostgres => string.Equals(Store, "postgres", StringComparison.OrdinalIgnoreCase);

    public System.Net.IPAddress? AdvertisedIPAddress =>
        string.IsNullOrWhiteSpace(AdvertisedIp) ? null
        : System.Net.IPAddress.TryParse(AdvertisedIp, out var address) ? address
        : throw new InvalidOperationException($"Ogp:AdvertisedIp '{AdvertisedIp}' is not an IP address.");

    public bool IsFrontend => string.Equals(Role, "frontend", StringComparison.OrdinalIgnoreCase);
}
