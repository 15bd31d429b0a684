using Realign.Core.Truth;

namespace Realign.Vault.Clock;

/// <summary>The vault's hybrid logical clock: wall time when it moves forward, last reading plus one otherwise.</summary>
/// <remarks>Every reading is greater than every earlier reading and every observed remote stamp, so an edit made after
/// seeing a version always ranks after it, even when the wall clock is set back. Not thread-safe: the vault serialises
/// access.</remarks>
public sealed class HybridLogicalClock
{
    private readonly TimeProvider _time;

    /// <summary>Creates a clock that continues after <paramref name="last"/>.</summary>
    public HybridLogicalClock(TimeProvider time, long last = 0)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Last = new HlcTimestamp(last);
    }

    /// <summary>The latest reading or observation.</summary>
    public HlcTimestamp Last { get; private set; }

    /// <summary>A new reading, strictly after every earlier one.</summary>
    public HlcTimestamp Next()
    {
        var wall = UtcMicros.From(_time.GetUtcNow());
        Last = new HlcTimestamp(Math.Max(wall, Last.Micros + 1));
        return Last;
    }

    /// <summary>Moves the clock past a stamp seen from elsewhere.</summary>
    public void Observe(long micros)
    {
        if (micros > Last.Micros)
        {
            Last = new HlcTimestamp(micros);
        }
    }
}
