namespace Realign.Core.Contract;

/// <summary>Body of <c>POST /sync/conflict-resolve</c> on success.</summary>
/// <param name="Outcome">What the level-1 write of the resolution did.</param>
/// <param name="Version">The entity's version after it.</param>
/// <param name="EntityType">The entity's type.</param>
/// <param name="EntityId">The entity's id.</param>
public sealed record ResolveResponse(Merge.ItemOutcome Outcome, long Version, string EntityType, string EntityId);
