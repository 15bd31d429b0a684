namespace Realign.Core.Contract;

/// <summary>Body of <c>GET /auth/me</c>: who the token is and what it may write (under the tenant's channel policy), and
/// what of that needs a confirmation.</summary>
public sealed record MeResponse(string TenantId, string TenantName, VaultMode VaultMode, string PrincipalId, string Kind, string? Channel, bool CanAccept, IReadOnlyList<int> Levels, IReadOnlyList<string> OriginPrefixes, IReadOnlyList<int>? ConfirmLevels = null, bool AcceptNeedsConfirmation = false);
