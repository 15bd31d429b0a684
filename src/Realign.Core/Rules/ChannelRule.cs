using Realign.Core.Truth;

namespace Realign.Core.Rules;

/// <summary>What one channel may do: the levels it writes as it is, the levels it writes only with a confirmation, and
/// whether it accepts suggestions.</summary>
/// <param name="Levels">Levels it writes without a confirmation.</param>
/// <param name="ConfirmLevels">Levels it writes only with a confirmation (TOTP or PIN) in the same request; disjoint from
/// <paramref name="Levels"/>.</param>
/// <param name="Accept">Whether it may accept suggestions (with a token that has the accept right).</param>
public sealed record ChannelRule(IReadOnlyList<TruthLevel> Levels, IReadOnlyList<TruthLevel> ConfirmLevels, AcceptMode Accept)
{
    /// <summary>Every level this channel may reach, with or without a confirmation.</summary>
    public IEnumerable<TruthLevel> Reachable => Levels.Concat(ConfirmLevels);

    /// <summary>True when both rules say the same (levels compared as sets).</summary>
    public bool SameAs(ChannelRule other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Accept == other.Accept && Levels.Order().SequenceEqual(other.Levels.Order()) && ConfirmLevels.Order().SequenceEqual(other.ConfirmLevels.Order());
    }
}
