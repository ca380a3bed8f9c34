using OgpCoCreate.Common;

namespace OgpCoCreate.Http;

/// <summary>Paging of the public journal: entries with a sequence number above <c>after</c>, at most <c>limit</c>.</summary>
public readonly record struct JournalPage(long After, int Limit)
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    /// <summary>Out-of-range values are refused with field errors rather than silently clamped.</summary>
    public static JournalPage From(long? after, int? limit)
    {
        new Validation()
            .Require(after is null or >= 0, "after", "Give the sequence number of the last entry you have (0 or more).")
            .Require(limit is null or (>= 1 and <= MaxLimit), "limit", $"Between 1 and {MaxLimit}.")
            .ThrowIfInvalid();
        return new JournalPage(after ?? 0, limit ?? DefaultLimit);
    }
}
