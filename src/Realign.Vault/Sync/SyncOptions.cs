namespace Realign.Vault.Sync;

/// <summary>Batch and page sizes of a sync.</summary>
public sealed record SyncOptions
{
    /// <summary>Items per push batch (at most one per entity).</summary>
    public int PushBatchSize { get; init; } = 200;

    /// <summary>Heads per pull page (the server caps it at 1000).</summary>
    public int PullPageSize { get; init; } = 500;

    /// <summary>Fetch open conflicts after pulling.</summary>
    public bool FetchConflicts { get; init; } = true;

    /// <summary>After a sync that left nothing queued, compare the vault's checksum with the server's at the same cursor and rebuild the replica on a mismatch.</summary>
    public bool VerifyChecksum { get; init; } = true;
}
