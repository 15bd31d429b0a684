namespace Realign.Vault.Sync;

/// <summary>Batch and page sizes of a sync.</summary>
public sealed record SyncOptions
{
    /// <summary>Items per push batch (at most one per entity; the server's default limit is 1000 a batch, and a batch
    /// whose body is too large is split).</summary>
    public int PushBatchSize { get; init; } = 1000;

    /// <summary>Heads per pull page (the server caps it at its own limit, 5000 by default).</summary>
    public int PullPageSize { get; init; } = 2000;

    /// <summary>Fetch open conflicts after pulling.</summary>
    public bool FetchConflicts { get; init; } = true;

    /// <summary>After a sync that left nothing queued, compare the vault's checksum with the server's at the same cursor and rebuild the replica on a mismatch.</summary>
    public bool VerifyChecksum { get; init; } = true;

    /// <summary>How often the checksum is compared: a sync compares it when the last match is older than this (or there was
    /// none). Both sides hash every live entity, so a vault of a million notes compares once an hour, not at every sync of
    /// the watch loop. <see cref="TimeSpan.Zero"/> compares at every sync.</summary>
    public TimeSpan ChecksumInterval { get; init; } = TimeSpan.FromHours(1);
}
