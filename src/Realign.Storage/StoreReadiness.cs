namespace Realign.Storage;

/// <summary>What a store's readiness check found: whether its database answered, and which of this build's migrations it
/// has applied.</summary>
/// <param name="Reachable">True when a query ran.</param>
/// <param name="Applied">This build's migrations found in the database's journal.</param>
/// <param name="Missing">This build's migrations the journal lacks, in order.</param>
/// <param name="Error">The database's error when it did not answer, or null.</param>
public sealed record StoreReadiness(bool Reachable, int Applied, IReadOnlyList<string> Missing, string? Error)
{
    /// <summary>True when the database answered and nothing is missing.</summary>
    public bool Ready => Reachable && Missing.Count == 0;
}
