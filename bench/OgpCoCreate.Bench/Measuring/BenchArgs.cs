using System.Globalization;

namespace OgpCoCreate.Bench.Measuring;

/// <summary>
/// <c>--name value</c> options and positional arguments of a bench command. Unknown options are an error, so a
/// typo never silently runs the default benchmark.
/// </summary>
internal sealed class BenchArgs
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);

    private BenchArgs()
    {
    }

    public List<string> Positional { get; } = [];

    public static BenchArgs? Parse(string[] args, params string[] knownOptions)
    {
        var parsed = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(args[i]);
                continue;
            }
            if (!knownOptions.Contains(args[i]) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                return null;
            }
            parsed.options[args[i]] = args[++i];
        }
        return parsed;
    }

    public string String(string name, string fallback) => options.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) =>
        options.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        options.TryGetValue(name, out var value) ? double.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A comma-separated option (<c>--store memory,sqlite</c>).</summary>
    public IReadOnlyList<string> List(string name, params string[] fallback) =>
        options.TryGetValue(name, out var value) ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : fallback;
}
