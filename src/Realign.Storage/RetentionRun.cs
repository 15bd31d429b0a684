namespace Realign.Storage;

/// <summary>What one retention pass removed from a tenant.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="PurgedSeq">The tenant's purge horizon after the pass: a pull from a cursor below it gets <c>resync-required</c>.</param>
/// <param name="Tombstones">Deleted entities whose tombstones were removed.</param>
/// <param name="UsageRecords"><c>ai-usage</c> records removed.</param>
/// <param name="Proposals">Accepted or rejected proposals removed.</param>
/// <param name="Conflicts">Resolved conflicts removed.</param>
/// <param name="Events">Sync and security events removed.</param>
/// <param name="Batches">Idempotency records of push batches removed.</param>
public sealed record RetentionRun(string TenantId, long PurgedSeq, int Tombstones, int UsageRecords, int Proposals, int Conflicts, int Events, int Batches)
{
    /// <summary>Rows removed in all.</summary>
    public int Total => Tombstones + UsageRecords + Proposals + Conflicts + Events + Batches;
}
