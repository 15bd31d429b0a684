namespace Realign.Core.Truth;

/// <summary>The total orders that pick a register's winner on every replica alike.</summary>
/// <remarks>
/// By rank: lower level number, then later <c>at</c>, then ordinally greater origin, then ordinally greater
/// UTF-8 bytes of the compact JSON value. By recency (system fields): the same without the level first.
/// Both are total over (stamp, value), so any set of writes has one winner whatever the arrival order.
/// </remarks>
public static class Rank
{
    /// <summary>Positive when <paramref name="a"/> outranks <paramref name="b"/>, negative when it loses, 0 when identical.</summary>
    public static int Compare(in Stamp a, string aValue, in Stamp b, string bValue)
    {
        if (a.Level != b.Level)
        {
            return a.Level < b.Level ? 1 : -1;
        }

        return CompareRecency(a, aValue, b, bValue);
    }

    /// <summary>Positive when <paramref name="a"/> is more recent (then the same tie-breaks), ignoring the level.</summary>
    public static int CompareRecency(in Stamp a, string aValue, in Stamp b, string bValue)
    {
        if (a.AtMicros != b.AtMicros)
        {
            return a.AtMicros > b.AtMicros ? 1 : -1;
        }

        var byOrigin = string.CompareOrdinal(a.Origin, b.Origin);
        if (byOrigin != 0)
        {
            return Math.Sign(byOrigin);
        }

        var byValue = CompareUtf8(aValue, bValue);
        if (byValue != 0)
        {
            return byValue;
        }

        return a.Level == b.Level ? 0 : (a.Level < b.Level ? 1 : -1);
    }

    /// <summary>Compares two strings as their UTF-8 bytes would compare, without encoding them.</summary>
    /// <remarks>UTF-8 byte order is code point order; UTF-16 order differs only where a surrogate meets U+E000..U+FFFF.</remarks>
    public static int CompareUtf8(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y)
            {
                continue;
            }

            var xs = char.IsSurrogate(x);
            var ys = char.IsSurrogate(y);
            if (xs != ys && (x >= '\uE000' || y >= '\uE000'))
            {
                return xs ? 1 : -1;
            }

            return x > y ? 1 : -1;
        }

        return a.Length == b.Length ? 0 : (a.Length > b.Length ? 1 : -1);
    }
}
