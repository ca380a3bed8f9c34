namespace OgpCoCreate.Configuration;

public static class ConfigurationExtensions
{
    /// <summary>Short command-line switches documented in the README.</summary>
    private static readonly Dictionary<string, string> Switches = new()
    {
        ["--data-dir"] = "Ogp:DataDir",
        ["--seed"] = "Ogp:Seed",
        ["--store"] = "Ogp:Store",
        ["--role"] = "Ogp:Role",
        ["--silo-port"] = "Ogp:SiloPort",
        ["--gateway-port"] = "Ogp:GatewayPort",
        ["--cluster-id"] = "Ogp:ClusterId",
    };

    public static OgpOptions AddOgpSettings(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, Switches);
        builder.Services.AddOptions<OgpOptions>().Bind(builder.Configuration.GetSection(OgpOptions.Section));
        var options = builder.Configuration.GetSection(OgpOptions.Section).Get<OgpOptions>() ?? new OgpOptions();
        options.DataDir = Path.GetFullPath(options.DataDir);
        builder.Services.PostConfigure<OgpOptions>(o => o.DataDir = options.DataDir);
        return options;
    }
}
