namespace Realign.Core.Merge;

/// <summary>What one write did to one register.</summary>
public enum FieldMerge
{
    /// <summary>The write became the field's visible value.</summary>
    Applied,

    /// <summary>The write lost to a user value it differs from and waits as a pending proposal.</summary>
    Proposal,

    /// <summary>The write was kept as a candidate but is not visible (it lost to a better lower-level write).</summary>
    Shadowed,

    /// <summary>The write lost and was dropped (older than the user's value, or older than its own source's last write).</summary>
    Discarded,

    /// <summary>The register already held exactly this write.</summary>
    Duplicate,
}
