namespace Realign.Web.Review;

/// <summary>What a run of a diff is.</summary>
public enum DiffKind
{
    /// <summary>In both texts.</summary>
    Same,

    /// <summary>Only in the current value.</summary>
    Removed,

    /// <summary>Only in the suggestion.</summary>
    Added,
}
