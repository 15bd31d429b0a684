using Realign.Core.Contract;

namespace Realign.Vault.Sync;

/// <summary>What a sync client needs of a replica: its outbox to push and its pull side to apply pages to.</summary>
/// <remarks><see cref="LocalVault"/> is the replica of this library; <see cref="SyncClient"/> depends on this interface only.</remarks>
public interface ISyncReplica
{
    /// <summary>The server cursor after the last applied page.</summary>
    long Checkpoint { get; }

    /// <summary>Queued local changes, and changes the server refused.</summary>
    (int Queued, int SetAside) Pending { get; }

    /// <summary>The next batch to push: the batch already in flight (same id, same items) or a new one, or null when none is queued.</summary>
    OutboxBatch? NextBatch(int maxItems);

    /// <summary>Records a pushed batch as the server answered it.</summary>
    void CompleteBatch(OutboxBatch batch, PushResponse response);

    /// <summary>Sets the refused items of a batch aside with their reasons and frees the rest; returns how many were set aside.</summary>
    int SetAsideRefused(OutboxBatch batch, IReadOnlyList<ItemErrorDto> errors);

    /// <summary>Frees an unsent batch's rows so they can be batched again.</summary>
    void ReleaseBatch(OutboxBatch batch);

    /// <summary>Applies one pulled page and its cursor in one transaction; returns how many entities changed.</summary>
    int ApplyPage(PullResponse page);

    /// <summary>Starts the next pull from the beginning, as a resync.</summary>
    void ResetCheckpoint();

    /// <summary>The epoch of the server this replica last synced with (null before a pull carried one).</summary>
    string? ServerEpoch { get; }

    /// <summary>Records the server's epoch (first contact).</summary>
    void RecordServerEpoch(string epoch);

    /// <summary>After the server was put back to an older point: queues again every change of this replica the server
    /// acknowledged (the journal) and frees every queued change from the versions it was made on, starts the next pull from
    /// the beginning as a resync, and records <paramref name="epoch"/> (when known). Returns how many changes were queued again.</summary>
    int RecoverFromServerRestore(string? epoch);


    /// <summary>Forgets every entity without a queued change and resets the checkpoint, so the next pull rebuilds the replica.</summary>
    void ForgetSyncedEntities();

    /// <summary>Records the end of a sync, with the open conflicts when they were fetched.</summary>
    void FinishSync(IReadOnlyList<ConflictDto>? conflicts);

    /// <summary>The checksum of the live entities (<see cref="ReplicaChecksum"/>).</summary>
    string Checksum();

    /// <summary>When the checksum last matched the server's (null: never).</summary>
    DateTimeOffset? ChecksumMatchedAt { get; }

    /// <summary>Records that the checksum matched the server's now.</summary>
    void RecordChecksumMatch();
}
