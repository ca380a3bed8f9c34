namespace OgpCoCreate.Publishing;

/// <summary>
/// Orders keys the way people read them: runs of digits by their value ("c2" before "c10"), the rest
/// ordinally. Public lists are sorted with it and paged by "everything after this key", so a page boundary
/// stays right even when items are added or removed between two requests.
/// </summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static NaturalOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var si = i;
                var sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }
                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }
                var a = x.AsSpan(si, i - si).TrimStart('0');
                var b = y.AsSpan(sj, j - sj).TrimStart('0');
                if (a.Length != b.Length)
                {
                    return a.Length.CompareTo(b.Length);
                }
                var digits = a.SequenceCompareTo(b);
                if (digits != 0)
                {
                    return digits;
                }
                // Same value: fewer leading zeros first, so that different keys never compare equal.
                if (i - si != j - sj)
                {
                    return (i - si).CompareTo(j - sj);
                }
                continue;
            }
            if (x[i] != y[j])
            {
                return x[i].CompareTo(y[j]);
            }
            i++;
            j++;
        }
        return (x.Length - i).CompareTo(y.Length - j);
    }
}
