using System.Diagnostics;

namespace OgpCoCreate.Bench.Measuring;

/// <summary>Latency samples in milliseconds, thread-safe to add; percentiles by nearest rank.</summary>
internal sealed class Latencies
{
    private readonly List<double> samples = [];
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return samples.Count;
            }
        }
    }

    public static double MillisecondsSince(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    public void Add(double milliseconds)
    {
        lock (gate)
        {
            samples.Add(milliseconds);
        }
    }

    public void AddRange(IEnumerable<double> milliseconds)
    {
        lock (gate)
        {
            samples.AddRange(milliseconds);
        }
    }

    /// <summary>The value at percentile <paramref name="p"/> (0–100); NaN without samples.</summary>
    public double Percentile(double p)
    {
        lock (gate)
        {
            if (samples.Count == 0)
            {
                return double.NaN;
            }
            var sorted = samples.ToArray();
            Array.Sort(sorted);
            var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
            return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
        }
    }

    public double Max => Percentile(100);
}
