namespace Realign.Core.Merge;

/// <summary>How a field merges and who may write it.</summary>
public enum FieldClass
{
    /// <summary>Merges by rank: level first, so a lower level never replaces a user value; it proposes instead.</summary>
    Content,

    /// <summary>Any level may write; merges by time alone (status, schedules, metrics).</summary>
    System,

    /// <summary>Only level 1 may write (ownership, membership, security, billing); any other write is refused.</summary>
    Protected,
}
