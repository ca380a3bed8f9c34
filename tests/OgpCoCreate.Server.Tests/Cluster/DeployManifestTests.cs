using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using OgpCoCreate.Configuration;
using OgpCoCreate.Health;
using OgpCoCreate.Server.Tests.Infrastructure;
using Orleans.Hosting.Kubernetes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// No container engine runs here, so deploy/ is checked by reading it: the Dockerfile, the compose file and the
/// Kubernetes manifests must use the health paths the server maps, the ports it listens on and configuration
/// keys it actually binds (a typo such as <c>Ogp__ClusterID</c> or a probe on <c>/healthz</c> fails here).
/// </summary>
public sealed partial class DeployManifestTests
{
    private static string Deploy => Path.Combine(RepoPaths.RepoRoot, "deploy");

    private static readonly HashSet<string> OgpKeys = [.. typeof(OgpOptions).GetProperties().Where(p => p.CanWrite).Select(p => p.Name)];

    private static readonly HashSet<string> OtherKeys =
    [
        "ConnectionStrings__Postgres", "ASPNETCORE_URLS", "OGP_ADMIN_PASSWORD", "OGP_DEMO_PASSWORD",
        KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable, KubernetesHostingOptions.PodIPEnvironmentVariable,
    ];

    [Fact]
    public void The_dockerfile_builds_on_dotnet_10_images_and_runs_the_server_on_the_ports_it_exposes()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        var from = FromLine().Matches(dockerfile).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], from);
        Assert.Contains($"[\"dotnet\", \"{typeof(Program).Assembly.GetName().Name}.dll\"]", dockerfile, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/OgpCoCreate.Server/OgpCoCreate.Server.csproj", dockerfile, StringComparison.Ordinal);

        var exposed = ExposeLine().Match(dockerfile).Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).Order().ToList();
        Assert.Equal([8080, 11111, 30000], exposed);
        Assert.Contains("ASPNETCORE_URLS=http://+:8080", dockerfile, StringComparison.Ordinal);
        Assert.Contains("Ogp__SiloPort=11111", dockerfile, StringComparison.Ordinal);
        Assert.Contains("Ogp__GatewayPort=30000", dockerfile, StringComparison.Ordinal);
        Assert.Contains("USER $APP_UID", dockerfile, StringComparison.Ordinal);

        // Every file the build copies from the context exists.
        foreach (Match copy in CopyLine().Matches(dockerfile))
        {
            var sources = copy.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            foreach (var source in sources)
            {
                Assert.True(File.Exists(Path.Combine(RepoPaths.RepoRoot, source)) || Directory.Exists(Path.Combine(RepoPaths.RepoRoot, source)), $"COPY {source}: no such file");
            }
        }
    }

    [Fact]
    public void The_compose_file_runs_postgres_and_three_nodes_with_real_keys_ports_and_health_paths()
    {
        var compose = Map(LoadYaml(Path.Combine(Deploy, "compose.yaml")).Single());
        var services = Map(compose["services"]);
        var postgres = Map(services["postgres"]);
        var postgresEnv = Map(postgres["environment"]);

        var nodes = services.Where(s => s.Key != "postgres").ToDictionary(s => s.Key, s => Map(s.Value));
        var silos = nodes.Where(n => Str(Map(n.Value["environment"]), "Ogp__Role") == "silo").ToList();
        Assert.True(silos.Count >= 3, $"The compose file has {silos.Count} silo nodes; three are expected.");
        Assert.Contains(nodes, n => Str(Map(n.Value["environment"]), "Ogp__Role") == "frontend");

        foreach (var (name, node) in nodes)
        {
            var environment = Map(node["environment"]).ToDictionary(e => e.Key, e => e.Value?.ToString() ?? "");
            var options = CheckEnvironment(name, environment);
            Assert.True(options.IsPostgres, $"{name}: Ogp__Store must be postgres");
            Assert.Equal("ogp", options.ClusterId);

            var connection = new Npgsql.NpgsqlConnectionStringBuilder(environment["ConnectionStrings__Postgres"]);
            Assert.Equal("postgres", connection.Host);
            Assert.Equal(Str(postgresEnv, "POSTGRES_DB"), connection.Database);
            Assert.Equal(Str(postgresEnv, "POSTGRES_USER"), connection.Username);

            var httpPort = UrlPort(environment["ASPNETCORE_URLS"]);
            var published = List(node["ports"]).Select(p => p!.ToString()!).ToList();
            Assert.Contains(published, p => p.EndsWith($":{httpPort}", StringComparison.Ordinal));
            var healthcheck = string.Join(' ', List(Map(node["healthcheck"])["test"]).Select(t => t!.ToString()));
            Assert.Contains(HealthEndpoints.ReadyPath, healthcheck, StringComparison.Ordinal);
            Assert.Contains($"/dev/tcp/127.0.0.1/{httpPort}", healthcheck, StringComparison.Ordinal);
            Assert.Equal("service_healthy", Str(Map(Map(node["depends_on"])["postgres"]), "condition"));

            var build = Map(node["build"]);
            var context = Path.GetFullPath(Path.Combine(Deploy, Str(build, "context")));
            Assert.Equal(RepoPaths.RepoRoot.TrimEnd('/'), context.TrimEnd('/'));
            Assert.True(File.Exists(Path.Combine(context, Str(build, "dockerfile"))));
        }
    }

    [Fact]
    public void The_kubernetes_manifests_reference_the_real_health_paths_ports_keys_and_each_other()
    {
        var k8s = Path.Combine(Deploy, "k8s");
        var kustomization = Map(LoadYaml(Path.Combine(k8s, "kustomization.yaml")).Single());
        foreach (var resource in List(kustomization["resources"]))
        {
            Assert.True(File.Exists(Path.Combine(k8s, resource!.ToString()!)), $"kustomization.yaml lists {resource}, which does not exist");
        }
        var objects = Directory.GetFiles(k8s, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(LoadYaml).Select(Map).ToList();
        IEnumerable<Dictionary<string, object?>> OfKind(string kind) => objects.Where(o => Str(o, "kind") == kind);

        var deployments = OfKind("Deployment").ToList();
        var silo = deployments.Single(d => PodLabels(d).GetValueOrDefault("role") == "silo");
        var frontend = deployments.Single(d => PodLabels(d).GetValueOrDefault("role") == "frontend");
        Assert.True(int.Parse(Str(Map(silo["spec"]), "replicas"), CultureInfo.InvariantCulture) >= 3);

        foreach (var deployment in deployments)
        {
            var name = Str(Map(deployment["metadata"]), "name");
            var podSpec = Map(Map(Map(deployment["spec"])["template"])["spec"]);
            var container = Map(List(podSpec["containers"]).Single());
            var env = List(container["env"]).Select(Map).ToList();
            var values = env.Where(e => e.ContainsKey("value")).ToDictionary(e => Str(e, "name"), e => Str(e, "value"));
            var options = CheckEnvironment(name, values.Concat(env.Where(e => !e.ContainsKey("value")).Select(e => KeyValuePair.Create(Str(e, "name"), ""))).ToDictionary());
            Assert.True(options.IsPostgres, $"{name}: Ogp__Store must be postgres");

            // Secrets referenced exist with that key.
            foreach (var reference in env.Where(e => e.ContainsKey("valueFrom")).Select(e => Map(e["valueFrom"])).Where(v => v.ContainsKey("secretKeyRef")).Select(v => Map(v["secretKeyRef"])))
            {
                var secret = OfKind("Secret").SingleOrDefault(s => Str(Map(s["metadata"]), "name") == Str(reference, "name"));
                Assert.True(secret is not null, $"{name} reads the secret {Str(reference, "name")}, which no manifest defines");
                Assert.True(Map(secret!["stringData"]).ContainsKey(Str(reference, "key")), $"the secret {Str(reference, "name")} has no key {Str(reference, "key")}");
            }
            Assert.Contains(env, e => Str(e, "name") == "ConnectionStrings__Postgres" && e.ContainsKey("valueFrom"));

            // Probes: the real paths, on the port the server listens on.
            var ports = List(container["ports"]).Select(Map).ToDictionary(p => Str(p, "name"), p => int.Parse(Str(p, "containerPort"), CultureInfo.InvariantCulture));
            Assert.Equal(UrlPort(values["ASPNETCORE_URLS"]), ports["http"]);
            Assert.Equal(HealthEndpoints.LivePath, ProbePath(container, "livenessProbe", ports));
            Assert.Equal(HealthEndpoints.ReadyPath, ProbePath(container, "readinessProbe", ports));
            Assert.Equal(HealthEndpoints.ReadyPath, ProbePath(container, "startupProbe", ports));
        }

        // The silo deployment: Kubernetes hosting on, downward API, Orleans labels equal to the cluster's ids, ports.
        var siloPod = Map(Map(Map(silo["spec"])["template"])["spec"]);
        var siloContainer = Map(List(siloPod["containers"]).Single());
        var siloEnv = List(siloContainer["env"]).Select(Map).ToList();
        var siloValues = siloEnv.Where(e => e.ContainsKey("value")).ToDictionary(e => Str(e, "name"), e => Str(e, "value"));
        var siloOptions = Bind(siloValues);
        Assert.True(siloOptions.Kubernetes, "the silo deployment must set Ogp__Kubernetes=true");
        Assert.False(siloOptions.IsFrontend);
        Assert.Equal(siloOptions.ServiceId, PodLabels(silo)[KubernetesHostingOptions.ServiceIdLabel]);
        Assert.Equal(siloOptions.ClusterId, PodLabels(silo)[KubernetesHostingOptions.ClusterIdLabel]);
        foreach (var (variable, field) in new[]
        {
            (KubernetesHostingOptions.PodNameEnvironmentVariable, "metadata.name"),
            (KubernetesHostingOptions.PodNamespaceEnvironmentVariable, "metadata.namespace"),
            (KubernetesHostingOptions.PodIPEnvironmentVariable, "status.podIP"),
        })
        {
            var entry = siloEnv.SingleOrDefault(e => Str(e, "name") == variable);
            Assert.True(entry is not null, $"the silo deployment lacks {variable}");
            Assert.Equal(field, Str(Map(Map(entry!["valueFrom"])["fieldRef"]), "fieldPath"));
        }
        var siloPorts = List(siloContainer["ports"]).Select(Map).ToDictionary(p => Str(p, "name"), p => int.Parse(Str(p, "containerPort"), CultureInfo.InvariantCulture));
        Assert.Equal(siloOptions.SiloPort, siloPorts["silo"]);
        Assert.Equal(siloOptions.GatewayPort, siloPorts["gateway"]);

        // RBAC: the silos' service account may read (watch, list) and delete pods.
        var account = Str(siloPod, "serviceAccountName");
        Assert.Contains(OfKind("ServiceAccount"), a => Str(Map(a["metadata"]), "name") == account);
        var binding = OfKind("RoleBinding").Single(b => List(b["subjects"]).Select(Map).Any(s => Str(s, "kind") == "ServiceAccount" && Str(s, "name") == account));
        var role = OfKind("Role").Single(r => Str(Map(r["metadata"]), "name") == Str(Map(binding["roleRef"]), "name"));
        var rule = List(role["rules"]).Select(Map).Single(r => List(r["resources"]).Contains("pods"));
        foreach (var verb in new[] { "get", "list", "watch", "delete" })
        {
            Assert.Contains(verb, List(rule["verbs"]));
        }

        // The front-end: an Orleans client, not labelled as a silo (the Kubernetes agent only tracks silos).
        var frontendValues = List(Map(List(Map(Map(Map(frontend["spec"])["template"])["spec"])["containers"]).Single())["env"]).Select(Map)
            .Where(e => e.ContainsKey("value")).ToDictionary(e => Str(e, "name"), e => Str(e, "value"));
        Assert.True(Bind(frontendValues).IsFrontend);
        Assert.Equal(siloOptions.ClusterId, Bind(frontendValues).ClusterId);
        Assert.DoesNotContain(KubernetesHostingOptions.ClusterIdLabel, PodLabels(frontend).Keys);

        // The disruption budget and the service select real pods.
        var pdb = OfKind("PodDisruptionBudget").Single();
        var pdbSelector = Map(Map(Map(pdb["spec"])["selector"])["matchLabels"]);
        Assert.All(pdbSelector, l => Assert.Equal(l.Value?.ToString(), PodLabels(silo).GetValueOrDefault(l.Key)));
        var service = OfKind("Service").Single(s => Str(Map(s["metadata"]), "name") == "ogpcocreate");
        Assert.All(Map(Map(service["spec"])["selector"]), l => Assert.Equal(l.Value?.ToString(), PodLabels(silo).GetValueOrDefault(l.Key)));
        Assert.Equal("http", Str(Map(List(Map(service["spec"])["ports"]).Single()), "targetPort"));
        Assert.Equal("ClientIP", Str(Map(service["spec"]), "sessionAffinity"));
    }

    /// <summary>Every variable is a key the server binds, and the values bind to valid options.</summary>
    private static OgpOptions CheckEnvironment(string where, IReadOnlyDictionary<string, string> environment)
    {
        foreach (var key in environment.Keys)
        {
            var known = key.StartsWith("Ogp__", StringComparison.Ordinal) ? OgpKeys.Contains(key["Ogp__".Length..]) : OtherKeys.Contains(key);
            Assert.True(known, $"{where}: {key} is not a configuration key of the server (Ogp__ + one of {string.Join(", ", OgpKeys)}, or {string.Join(", ", OtherKeys)})");
        }
        var options = Bind(environment);
        Assert.Contains(options.Store, new[] { "sqlite", "postgres" });
        Assert.Contains(options.Role, new[] { "silo", "frontend" });
        return options;
    }

    private static OgpOptions Bind(IReadOnlyDictionary<string, string> environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Where(e => e.Value.Length > 0).Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();
        return configuration.GetSection(OgpOptions.Section).Get<OgpOptions>(o => o.ErrorOnUnknownConfiguration = true) ?? new OgpOptions();
    }

    private static string? ProbePath(Dictionary<string, object?> container, string probe, Dictionary<string, int> ports)
    {
        Assert.True(container.ContainsKey(probe), $"no {probe}");
        var get = Map(Map(container[probe])["httpGet"]);
        Assert.True(ports.ContainsKey(Str(get, "port")), $"{probe} uses port {Str(get, "port")}, which the container does not declare");
        Assert.Equal("http", Str(get, "port"));
        return Str(get, "path");
    }

    private static int UrlPort(string urls) => int.Parse(urls.Split(':')[^1].TrimEnd('/'), CultureInfo.InvariantCulture);

    private static Dictionary<string, string> PodLabels(Dictionary<string, object?> deployment) =>
        Map(Map(Map(Map(deployment["spec"])["template"])["metadata"])["labels"]).ToDictionary(l => l.Key, l => l.Value?.ToString() ?? "");

    private static List<object> LoadYaml(string path)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new Parser(new StringReader(File.ReadAllText(path)));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize<object>(parser) is { } document)
            {
                documents.Add(document);
            }
        }
        return documents;
    }

    private static Dictionary<string, object?> Map(object? node) =>
        Assert.IsType<Dictionary<object, object>>(node).ToDictionary(e => e.Key.ToString()!, e => (object?)e.Value);

    private static List<object?> List(object? node) => [.. Assert.IsType<List<object>>(node)];

    private static string Str(IReadOnlyDictionary<string, object?> map, string key) =>
        map.TryGetValue(key, out var value) && value is not null ? value.ToString()! : throw new Xunit.Sdk.XunitException($"missing '{key}' in {{{string.Join(", ", map.Keys)}}}");

    [GeneratedRegex(@"^FROM\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^EXPOSE\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex ExposeLine();

    [GeneratedRegex(@"^COPY\s+(?!--from)(.+)$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();
}
