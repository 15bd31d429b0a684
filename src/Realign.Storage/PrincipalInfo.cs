using Realign.Core.Contract;
using Realign.Core.Rules;

namespace Realign.Storage;

/// <summary>The principal a token stands for, with its tenant.</summary>
public sealed record PrincipalInfo(
    string TenantId,
    string TenantName,
    VaultMode Mode,
    string PrincipalId,
    PrincipalKind Kind,
    string? Channel,
    bool CanAccept,
    bool Revoked,
    string? Label)
{
    /// <summary>The write scope the token grants (levels, origin prefixes, accept right).</summary>
    public PrincipalScope Scope() => PrincipalScope.For(TenantId, PrincipalId, Kind, Channel, CanAccept);
}
