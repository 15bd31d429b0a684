namespace Realign.Core.Truth;

/// <summary>Names, origin prefixes and parsing for <see cref="TruthLevel"/>.</summary>
public static class TruthLevels
{
    /// <summary>Every level, most authoritative first.</summary>
    public static IReadOnlyList<TruthLevel> All { get; } =
        [TruthLevel.User, TruthLevel.Automation, TruthLevel.AiLocal, TruthLevel.AiLan, TruthLevel.AiCloud];

    /// <summary>True when <paramref name="number"/> is one of the five defined levels.</summary>
    public static bool IsDefined(long number) => number is >= 1 and <= 5;

    /// <summary>The level for a wire number, or an exception naming the allowed range.</summary>
    public static TruthLevel FromNumber(long number) => IsDefined(number)
        ? (TruthLevel)number
        : throw new ArgumentOutOfRangeException(nameof(number), number, "truth_level must be 1 (user) to 5 (ai cloud)");

    /// <summary>The origin_source prefix (without the colon) that writes of this level carry.</summary>
    public static string Prefix(this TruthLevel level) => level switch
    {
        TruthLevel.User => "user",
        TruthLevel.Automation => "automation",
        TruthLevel.AiLocal => "ai-local",
        TruthLevel.AiLan => "ai-lan",
        TruthLevel.AiCloud => "ai-cloud",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown truth level"),
    };

    /// <summary>The short code used in the docs and the UI: U1, A2, L3, LN4, C5.</summary>
    public static string Code(this TruthLevel level) => level switch
    {
        TruthLevel.User => "U1",
        TruthLevel.Automation => "A2",
        TruthLevel.AiLocal => "L3",
        TruthLevel.AiLan => "LN4",
        TruthLevel.AiCloud => "C5",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown truth level"),
    };

    /// <summary>A human name: User, Automation, AI local, AI on the LAN, AI cloud.</summary>
    public static string DisplayName(this TruthLevel level) => level switch
    {
        TruthLevel.User => "User",
        TruthLevel.Automation => "Automation",
        TruthLevel.AiLocal => "AI local",
        TruthLevel.AiLan => "AI on the LAN",
        TruthLevel.AiCloud => "AI cloud",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown truth level"),
    };

    /// <summary>The level whose prefix is <paramref name="prefix"/>, if any.</summary>
    public static bool TryFromPrefix(ReadOnlySpan<char> prefix, out TruthLevel level)
    {
        foreach (var candidate in All)
        {
            if (prefix.SequenceEqual(candidate.Prefix()))
            {
                level = candidate;
                return true;
            }
        }

        level = default;
        return false;
    }
}
