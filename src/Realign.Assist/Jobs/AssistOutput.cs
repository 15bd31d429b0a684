namespace Realign.Assist.Jobs;

/// <summary>One thing a job produced, for the host to write at the assistant's level and origin.</summary>
public abstract record AssistOutput;

/// <summary>A value for a field of the source entity: written below level 1, it fills an empty field or waits beside the
/// user's value as a suggestion.</summary>
/// <param name="Field">The field.</param>
/// <param name="Value">Compact JSON.</param>
public sealed record FieldSuggestion(string Field, string Value) : AssistOutput;

/// <summary>A new entity derived from the source (<c>summary</c>, suggested <c>task</c>, <c>answer</c>), naming the source
/// entity and version in its <c>source_type</c>, <c>source_id</c> and <c>source_version</c> fields.</summary>
/// <param name="EntityType">The entity type.</param>
/// <param name="EntityId">A stable id: the same job on the same source writes the same entity again.</param>
/// <param name="Fields">Field name to compact JSON value.</param>
public sealed record DerivedEntity(string EntityType, string EntityId, IReadOnlyList<KeyValuePair<string, string>> Fields) : AssistOutput;

/// <summary>The removal of a derived entity the job made before and that its source no longer gives (the embedding of a
/// note emptied of text).</summary>
/// <param name="EntityType">The entity type.</param>
/// <param name="EntityId">The entity id.</param>
public sealed record DerivedRemoval(string EntityType, string EntityId) : AssistOutput;
