namespace Realign.Vault;

/// <summary>What <c>realign status</c> shows.</summary>
public sealed record VaultStatus(
    string TenantId,
    string Channel,
    string VaultMode,
    string? ServerUrl,
    int OutboxCount,
    int InFlightCount,
    int SetAsideCount,
    int EntityCount,
    int OpenConflicts,
    long Checkpoint,
    string? LastSync,
    bool Unlocked);
