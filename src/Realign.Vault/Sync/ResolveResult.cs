namespace Realign.Vault.Sync;

/// <summary>The answer of <c>POST /sync/conflict-resolve</c>.</summary>
public sealed record ResolveResult(string Outcome, long Version, string EntityType, string EntityId);
