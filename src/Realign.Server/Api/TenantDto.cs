namespace Realign.Server.Api;

/// <summary>A tenant in the admin API.</summary>
public sealed record TenantDto(string Id, string Name, string VaultMode, long Seq, long PurgedSeq);
