using Realign.Core.Rules;

namespace Realign.Core.Contract;

/// <summary>The one parser and printer of <see cref="Exposure"/>: <c>full</c>, <c>redacted</c>, <c>vectors</c> and <c>none</c>.</summary>
public static class Exposures
{
    /// <summary>The wire name of <see cref="Exposure.Full"/>.</summary>
    public const string FullName = "full";

    /// <summary>The wire name of <see cref="Exposure.Redacted"/>.</summary>
    public const string RedactedName = "redacted";

    /// <summary>The wire name of <see cref="Exposure.None"/>.</summary>
    public const string NoneName = "none";

    /// <summary>The wire name of <see cref="Exposure.Vectors"/> (embeddings only).</summary>
    public const string VectorsName = "vectors";

    /// <summary>Every exposure, from the most the model reads to the least.</summary>
    public static IReadOnlyList<Exposure> All { get; } = [Exposure.Full, Exposure.Redacted, Exposure.Vectors, Exposure.None];

    /// <summary>The accepted names as a message lists them: <c>'full', 'redacted', 'vectors' or 'none'</c>.</summary>
    public static string Expected { get; } = $"'{FullName}', '{RedactedName}', '{VectorsName}' or '{NoneName}'";

    /// <summary>The wire name of an exposure.</summary>
    public static string ToWire(this Exposure exposure) => exposure switch
    {
        Exposure.Full => FullName,
        Exposure.Redacted => RedactedName,
        Exposure.Vectors => VectorsName,
        Exposure.None => NoneName,
        _ => throw new ArgumentOutOfRangeException(nameof(exposure), exposure, "not an exposure"),
    };

    /// <summary>True when a level at <paramref name="exposure"/> may read text (<c>full</c> or <c>redacted</c>).</summary>
    public static bool ReadsText(this Exposure exposure) => exposure is Exposure.Full or Exposure.Redacted;

    /// <summary>True when a level at <paramref name="exposure"/> may receive embeddings (every exposure but <c>none</c>).</summary>
    public static bool ReceivesVectors(this Exposure exposure) => exposure is Exposure.Full or Exposure.Redacted or Exposure.Vectors;

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
        _ => $"{where} is '{Quoted.Visible(Quoted.Shorten(text))}', which is not an exposure; expected {Expected}",
    };
}
