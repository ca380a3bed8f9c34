using OgpCoCreate.Common;

namespace OgpCoCreate.Journal;

public static class Concurrency
{
    /// <summary>Optimistic concurrency for HTTP If-Match: refuse a write based on an older version.</summary>
    public static void CheckVersion(int? expected, int actual, string what)
    {
        if (expected is { } e && e != actual)
        {
            throw DomainException.Stale($"{what} changed since you loaded it (you had version {e}, it is now at {actual}). Reload and try again.");
        }
    }
}
