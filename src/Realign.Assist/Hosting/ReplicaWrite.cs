namespace Realign.Assist.Hosting;

/// <summary>One write of an assistant or automation: fields of an entity (compact JSON), or its deletion.</summary>
/// <param name="EntityType">The entity type.</param>
/// <param name="EntityId">The entity id.</param>
/// <param name="Fields">Field name to compact JSON value (empty for a deletion).</param>
/// <param name="Deleted">True to delete: on an entity a person wrote, this is a delete suggestion, never a removal.</param>
public sealed record ReplicaWrite(string EntityType, string EntityId, IReadOnlyList<KeyValuePair<string, string>> Fields, bool Deleted = false);
