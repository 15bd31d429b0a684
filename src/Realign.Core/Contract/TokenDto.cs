namespace Realign.Core.Contract;

/// <summary>A principal in the admin API; <see cref="Token"/> only in the response that created it.</summary>
public sealed record TokenDto(string TenantId, string PrincipalId, string Kind, string? Channel, bool CanAccept, bool Revoked, string? Label, string? Token);
