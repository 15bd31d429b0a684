namespace Realign.Core.Truth;

/// <summary>The authority of a write on the truth hierarchy. A lower number means more authority.</summary>
/// <remarks>Only <see cref="User"/> is canonical truth; every other level proposes, fills or derives.</remarks>
public enum TruthLevel : byte
{
    /// <summary>U1: direct human input (typed, dictated, accepted, edited).</summary>
    User = 1,

    /// <summary>A2: a rule or workflow the user configured.</summary>
    Automation = 2,

    /// <summary>L3: AI running on the user's own machine.</summary>
    AiLocal = 3,

    /// <summary>LN4: AI running on the local network or on premises.</summary>
    AiLan = 4,

    /// <summary>C5: AI running on external cloud infrastructure.</summary>
    AiCloud = 5,
}
