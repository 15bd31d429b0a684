using Realign.Core.Contract;

namespace Realign.Vault.Sync;

/// <summary>A batch of outbox rows with the idempotency id persisted before it was first sent.</summary>
public sealed record OutboxBatch(string BatchId, IReadOnlyList<long> Seqs, IReadOnlyList<SyncItem> Items);
