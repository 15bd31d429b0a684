namespace Realign.Vault.Sync;

/// <summary>Where a sync is: the phase, items done, and items known so far.</summary>
public sealed record SyncProgress(string Phase, int Done, int Total);
