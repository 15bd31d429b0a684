using Realign.Core.Truth;

namespace Realign.Core.Merge;

/// <summary>One write's value for one field, with its stamp.</summary>
/// <remarks><see cref="Value"/> is compact JSON as the Core serialiser writes it; <c>null</c> clears the field.
/// <see cref="AcceptedFrom"/> names the lower origin a user accepted (the upgrade rule), if any.</remarks>
public readonly record struct Register(string Value, Stamp Stamp, string? AcceptedFrom = null)
{
    /// <summary>Rank comparison (level first), positive when this register outranks <paramref name="other"/>.</summary>
    public int CompareRank(in Register other)
    {
        var cmp = Rank.Compare(Stamp, Value, other.Stamp, other.Value);
        return cmp != 0 ? cmp : CompareProvenance(other);
    }

    /// <summary>Recency comparison (at first), positive when this register is more recent than <paramref name="other"/>.</summary>
    public int CompareRecency(in Register other)
    {
        var cmp = Rank.CompareRecency(Stamp, Value, other.Stamp, other.Value);
        return cmp != 0 ? cmp : CompareProvenance(other);
    }

    // Last tie-break, so two writes equal in stamp and value but not in provenance still have one winner.
    private int CompareProvenance(in Register other) => Math.Sign(string.CompareOrdinal(AcceptedFrom, other.AcceptedFrom));
}
