using System.Diagnostics;
using System.Globalization;
using System.Text;
using OgpCoCreate.Ot;
using OgpCoCreate.Traces;

namespace OgpCoCreate.Bench.Commands;

/// <summary>
/// B1: how fast the document state a grain keeps absorbs real keystroke traces. Each transaction
/// is turned into a TextOp and applied with <see cref="CodePointBuffer.Apply"/>, which validates
/// the op first: the same path the server takes for an accepted op. Converting patches to ops is
/// inside the timed region; loading and decompressing the trace is not.
/// </summary>
internal static class TraceCommand
{
    private const int DefaultRuns = 5;

    public static int Run(string[] args)
    {
        if (!TryParseOptions(args, out var options) || options.Files.Count != 1)
        {
            return Usage.Print();
        }

        return Report(SharedTraces.ResolveSequentialTrace(options.Files[0]), options) ? 0 : 1;
    }

    public static int RunAll(string[] args)
    {
        if (!TryParseOptions(args, out var options) || options.Files.Count != 0)
        {
            return Usage.Print();
        }

        var allOk = true;
        foreach (var name in SharedTraces.SequentialTraceNames)
        {
            allOk &= Report(SharedTraces.ResolveSequentialTrace(name), options);
        }

        return allOk ? 0 : 1;
    }

    private static bool Report(string path, Options options)
    {
        var trace = SequentialTrace.Load(path);
        var (milliseconds, ok) = options.StringBuilder ? MeasureStringBuilder(trace) : MeasureBuffer(trace, options.Runs);
        var edits = trace.Transactions.Count;
        var opsPerSecond = milliseconds > 0 ? edits / (milliseconds / 1000.0) : double.PositiveInfinity;
        var label = options.StringBuilder ? "trace-stringbuilder" : "trace";
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{label} {trace.Name} edits={edits} ms={milliseconds:F2} ops_per_s={opsPerSecond:F0} ok={(ok ? "true" : "false")}"));
        return ok;
    }

    /// <summary>One warm-up replay (JIT, caches), then <paramref name="runs"/> timed ones; returns the median.</summary>
    private static (double Milliseconds, bool Ok) MeasureBuffer(SequentialTrace trace, int runs)
    {
        var ok = ReplayThroughBuffer(trace).Ok;
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var (milliseconds, runOk) = ReplayThroughBuffer(trace);
            times[i] = milliseconds;
            ok &= runOk;
        }

        Array.Sort(times);
        return (times[runs / 2], ok);
    }

    private static (double Milliseconds, bool Ok) ReplayThroughBuffer(SequentialTrace trace)
    {
        var buffer = new CodePointBuffer(trace.StartContent);
        GC.Collect();
        var stopwatch = Stopwatch.StartNew();
        foreach (var patches in trace.Transactions)
        {
            buffer.Apply(TraceOps.ToOp(patches));
        }

        stopwatch.Stop();
        return (stopwatch.Elapsed.TotalMilliseconds, buffer.ToString() == trace.EndContent);
    }

    /// <summary>
    /// The naive baseline: StringBuilder.Remove/Insert per patch. Only valid for traces without
    /// astral characters (code point positions = UTF-16 positions), which holds for the shared traces.
    /// </summary>
    private static (double Milliseconds, bool Ok) MeasureStringBuilder(SequentialTrace trace)
    {
        if (trace.Transactions.Any(t => t.Any(p => p.InsertText.Any(char.IsSurrogate))) || trace.StartContent.Any(char.IsSurrogate))
        {
            throw new NotSupportedException("--stringbuilder only handles traces without astral characters.");
        }

        var text = new StringBuilder(trace.StartContent);
        var stopwatch = Stopwatch.StartNew();
        foreach (var patches in trace.Transactions)
        {
            foreach (var patch in patches)
            {
                text.Remove(patch.Position, patch.DeleteCount);
                text.Insert(patch.Position, patch.InsertText);
            }
        }

        stopwatch.Stop();
        return (stopwatch.Elapsed.TotalMilliseconds, text.ToString() == trace.EndContent);
    }

    private static bool TryParseOptions(string[] args, out Options options)
    {
        options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--stringbuilder":
                    options.StringBuilder = true;
                    break;
                case "--runs" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var runs) && runs > 0:
                    options.Runs = runs;
                    i++;
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                        return false;
                    }

                    options.Files.Add(args[i]);
                    break;
            }
        }

        return true;
    }

    private sealed class Options
    {
        public bool StringBuilder { get; set; }

        public int Runs { get; set; } = DefaultRuns;

        public List<string> Files { get; } = [];
    }
}
