namespace Realign.Vault.Sync;

/// <summary>The answer of <c>GET /auth/me</c>.</summary>
public sealed record AuthInfo(
    string TenantId,
    string? TenantName,
    string VaultMode,
    string PrincipalId,
    string Kind,
    string? Channel,
    bool CanAccept,
    IReadOnlyList<int> Levels,
    IReadOnlyList<string> OriginPrefixes);
