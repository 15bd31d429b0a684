using Realign.Core.Rules;

namespace Realign.Core.Contract;

/// <summary>The one parser and printer of <see cref="Exposure"/>: <c>full</c>, <c>redacted</c> and <c>none</c>.</summary>
public static class Exposures
{
    /// <summary>The wire name of <see cref="Exposure.Full"/>.</summary>
    public const string FullName = "full";

    /// <summary>The wire name of <see cref="Exposure.Redacted"/>.</summary>
    public const string RedactedName = "redacted";

    /// <summary>The wire name of <see cref="Exposure.None"/>.</summary>
    public const string NoneName = "none";

    /// <summary>The name kept for embeddings-only exposure, which is not available yet: it is refused with a line that says so.</summary>
    public const string VectorsName = "vectors";

    /// <summary>Every exposure, from the most the model reads to the least.</summary>
    public static IReadOnlyList<Exposure> All { get; } = [Exposure.Full, Exposure.Redacted, Exposure.None];

    /// <summary>The accepted names as a message lists them: <c>'full', 'redacted' or 'none'</c>.</summary>
    public static string Expected { get; } = $"'{FullName}', '{RedactedName}' or '{NoneName}'";

    /// <summary>The wire name of an exposure.</summary>
    public static string ToWire(this Exposure exposure) => exposure switch
    {
        Exposure.Full => FullName,
        Exposure.Redacted => RedactedName,
        Exposure.None => NoneName,
        _ => throw new ArgumentOutOfRangeException(nameof(exposure), exposure, "not an exposure"),
    };

    /// <summary>Parses a wire name exactly (lower case, no spaces).</summary>
    public static bool TryParse(string? text, out Exposure exposure)
    {
        foreach (var candidate in All)
        {
            if (candidate.ToWire() == text)
            {
                exposure = candidate;
                return true;
            }
        }

        exposure = default;
        return false;
    }

    /// <summary>Parses a wire name or throws <see cref="FormatException"/> with a line that says what was found, where
    /// (<paramref name="where"/>, such as <c>lan</c>) and what is allowed.</summary>
    public static Exposure Parse(string? text, string where) => TryParse(text, out var exposure)
        ? exposure
        : throw new FormatException(Describe(text, where));

    /// <summary>The line <see cref="Parse"/> throws for a name that is not an exposure.</summary>
    public static string Describe(string? text, string where) => text switch
    {
        null => $"{where} names no exposure; expected {Expected}",
        VectorsName => $"{where} is '{VectorsName}' (embeddings only), which is not available yet; expected {Expected}",
        _ => $"{where} is '{Quoted.Visible(Quoted.Shorten(text))}', which is not an exposure; expected {Expected}",
    };
}
