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

    /// <summary><c>demo</c> adds the Tunisian demo plan and accounts (idempotent).</summary>
    public string? Seed { get; set; }

    public bool IsPostgres => string.Equals(Store, "postgres", StringComparison.OrdinalIgnoreCase);

    public bool IsFrontend => string.Equals(Role, "frontend", StringComparison.OrdinalIgnoreCase);
}
