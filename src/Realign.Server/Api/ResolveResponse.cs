namespace Realign.Server.Api;

/// <summary>Body of <c>POST /sync/conflict-resolve</c> on success.</summary>
public sealed record ResolveResponse(string Outcome, long Version, string EntityType, string EntityId);
