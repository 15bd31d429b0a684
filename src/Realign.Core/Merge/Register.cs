using Realign.Core.Truth;

namespace Realign.Core.Merge;

/// <summary>One write's value for one field, with its stamp.</summary>
/// <remarks><see cref="Value"/> is compact JSON as the Core serialiser writes it; <c>null</c> clears the field.
/// <see cref="AcceptedFrom"/> names the lower origin a user accepted (the upgrade rule), if any.</remarks>
public readonly record struct Register(string Value, Stamp Stamp, string? AcceptedFrom = null)
{
    /// <summary>Rank comparison (level first), positive when this register outranks <paramref name="other"/>.</summary>
    public int CompareRank(in Register other) => Rank.Compare(Stamp, Value, other.Stamp, other.Value);

    /// <summary>Recency comparison (at first), positive when this register is more recent than <paramref name="other"/>.</summary>
    public int CompareRecency(in Register other) => Rank.CompareRecency(Stamp, Value, other.Stamp, other.Value);
}
