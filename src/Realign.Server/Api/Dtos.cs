namespace Realign.Server.Api;

/// <summary>Body of <c>GET /auth/me</c>: who the token is and what it may write.</summary>
public sealed record MeResponse(string TenantId, string TenantName, string VaultMode, string PrincipalId, string Kind, string? Channel, bool CanAccept, IReadOnlyList<int> Levels, IReadOnlyList<string> OriginPrefixes);

/// <summary>Body of <c>POST /sync/conflict-resolve</c> on success.</summary>
public sealed record ResolveResponse(string Outcome, long Version, string EntityType, string EntityId);

/// <summary>One audit row of <c>GET /sync/events</c> or <c>GET /security/events</c>.</summary>
public sealed record EventDto(long Id, string At, string Kind, string? PrincipalId, string? BatchId, string? EntityType, string? EntityId, System.Text.Json.JsonElement Detail);

/// <summary>Body of <c>GET /healthz</c>.</summary>
public sealed record HealthResponse(string Status, string Backend);

/// <summary>A tenant in the admin API.</summary>
public sealed record TenantDto(string Id, string Name, string VaultMode, long Seq, long PurgedSeq);

/// <summary>Body of <c>POST /admin/tenants</c>.</summary>
public sealed record CreateTenantRequest(string? Name, string? VaultMode);

/// <summary>Body of <c>POST /admin/tokens</c>: <c>as</c> is <c>user:desktop</c>, <c>automation</c>, <c>ai-local</c>, ...</summary>
public sealed record CreateTokenRequest(string? Tenant, string? As, bool CanAccept, string? Label);

/// <summary>A principal in the admin API; <see cref="Token"/> only in the response that created it.</summary>
public sealed record TokenDto(string TenantId, string PrincipalId, string Kind, string? Channel, bool CanAccept, bool Revoked, string? Label, string? Token);
