namespace Realign.Core.Contract;

/// <summary>One audit row of <c>GET /sync/events</c> or <c>GET /security/events</c>.</summary>
public sealed record EventDto(long Id, string At, string Kind, string? PrincipalId, string? BatchId, string? EntityType, string? EntityId, System.Text.Json.JsonElement Detail);
