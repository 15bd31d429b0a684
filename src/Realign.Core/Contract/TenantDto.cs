namespace Realign.Core.Contract;

/// <summary>A tenant in the admin API.</summary>
public sealed record TenantDto(string Id, string Name, VaultMode VaultMode, long Seq, long PurgedSeq);
