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

    /// <summary>Length of the wire text: <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>.</summary>
    public const int WireLength = 27;

    /// <summary>ISO-8601 UTC text with six fractional digits, as every replica writes it.</summary>
    public static string Format(long micros) => string.Create(WireLength, micros, static (chars, value) =>
    {
        Span<char> round = stackalloc char[WireLength + 1];
        if (!ToInstant(value).UtcDateTime.TryFormat(round, out var written, "O", CultureInfo.InvariantCulture) || written != WireLength + 1)
        {
            throw new FormatException("a UTC instant did not format as the round-trip pattern");
        }

        // "O" writes seven fractional digits; the seventh is always 0 (ticks are whole microseconds), so drop it.
        round[..(WireLength - 1)].CopyTo(chars);
        chars[^1] = 'Z';
    });

    /// <summary>Writes the wire text of <paramref name="micros"/> as UTF-8 into <paramref name="destination"/> (at least <see cref="WireLength"/> bytes).</summary>
    public static int FormatUtf8(long micros, Span<byte> destination)
    {
        Span<byte> round = stackalloc byte[WireLength + 1];
        if (!ToInstant(micros).UtcDateTime.TryFormat(round, out var written, "O", CultureInfo.InvariantCulture) || written != WireLength + 1)
        {
            throw new FormatException("a UTC instant did not format as the round-trip pattern");
        }

        round[..(WireLength - 1)].CopyTo(destination);
        destination[WireLength - 1] = (byte)'Z';
        return WireLength;
    }

    /// <summary>The original, pattern-based formatting; kept to check the fast path against.</summary>
    internal static string FormatWithPattern(long micros) => ToInstant(micros).UtcDateTime.ToString(WireFormat, CultureInfo.InvariantCulture);

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
