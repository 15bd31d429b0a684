using Realign.Core.Truth;

namespace Realign.Vault.Clock;

/// <summary>A hybrid logical clock reading: microseconds since the Unix epoch, strictly increasing per vault.</summary>
/// <remarks>The logical counter is folded into the microseconds: when the wall clock stands still or runs backwards,
/// the next reading is the last one plus one microsecond. So a reading is always a valid <see cref="Stamp"/> time.</remarks>
public readonly record struct HlcTimestamp(long Micros) : IComparable<HlcTimestamp>
{
    /// <inheritdoc />
    public int CompareTo(HlcTimestamp other) => Micros.CompareTo(other.Micros);

    /// <summary>Ordering operators.</summary>
    public static bool operator <(HlcTimestamp left, HlcTimestamp right) => left.Micros < right.Micros;

    /// <summary>Ordering operators.</summary>
    public static bool operator >(HlcTimestamp left, HlcTimestamp right) => left.Micros > right.Micros;

    /// <summary>Ordering operators.</summary>
    public static bool operator <=(HlcTimestamp left, HlcTimestamp right) => left.Micros <= right.Micros;

    /// <summary>Ordering operators.</summary>
    public static bool operator >=(HlcTimestamp left, HlcTimestamp right) => left.Micros >= right.Micros;

    /// <summary>ISO-8601 UTC with microseconds, as on the wire.</summary>
    public override string ToString() => UtcMicros.Format(Micros);
}
