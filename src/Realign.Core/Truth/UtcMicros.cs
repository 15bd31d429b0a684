using System.Globalization;

namespace Realign.Core.Truth;

/// <summary>Conversions between UTC instants with microsecond precision and their wire text.</summary>
/// <remarks>Every stamp keeps microseconds since the Unix epoch, so ranks compare as integers.</remarks>
public static class UtcMicros
{
    private const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>Microseconds since the Unix epoch of an instant, truncating finer ticks.</summary>
    public static long From(DateTimeOffset instant) => (instant.UtcTicks - DateTime.UnixEpoch.Ticks) / 10;

    /// <summary>The instant of a microsecond count.</summary>
    public static DateTimeOffset ToInstant(long micros) => new(DateTime.UnixEpoch.Ticks + (micros * 10), TimeSpan.Zero);

    /// <summary>ISO-8601 UTC text with six fractional digits, as every replica writes it.</summary>
    public static string Format(long micros) => ToInstant(micros).UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

    /// <summary>Parses ISO-8601 text that carries an explicit offset or Z; local times are ambiguous and refused.</summary>
    public static bool TryParse(string? text, out long micros)
    {
        micros = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 40)
        {
            return false;
        }

        var last = text[^1];
        var hasZone = last is 'Z' or 'z' || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasZone || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var instant))
        {
            return false;
        }

        micros = From(instant);
        return true;
    }
}
