namespace Realign.Storage;

/// <summary>What a resolution did: the write's outcome and the entity's version after it.</summary>
public sealed record ResolveResult(string Outcome, long Version, string EntityType, string EntityId);
