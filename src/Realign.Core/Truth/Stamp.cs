namespace Realign.Core.Truth;

/// <summary>Who wrote a value, with what authority, and when: <c>(level, at, origin_source)</c>.</summary>
/// <remarks><see cref="AtMicros"/> is microseconds since the Unix epoch (UTC).</remarks>
public readonly record struct Stamp(TruthLevel Level, long AtMicros, string Origin)
{
    /// <summary>The instant of the write.</summary>
    public DateTimeOffset At => UtcMicros.ToInstant(AtMicros);

    /// <inheritdoc />
    public override string ToString() => $"{Level.Code()}@{UtcMicros.Format(AtMicros)}/{Origin}";
}
