using Realign.Core.Truth;

namespace Realign.Web.Review;

/// <summary>An entity in a list.</summary>
/// <param name="EntityType">The entity type.</param>
/// <param name="EntityId">The entity id.</param>
/// <param name="Title">Its title (or first text), or null when locked or missing.</param>
/// <param name="Level">Its best visible level.</param>
/// <param name="Origin">The author of that level's newest value.</param>
/// <param name="Version">The version the replica holds.</param>
/// <param name="Fields">Its visible fields (JSON), or empty when locked.</param>
/// <param name="AtMicros">Its newest change.</param>
public sealed record ReviewEntitySummary(string EntityType, string EntityId, string? Title, TruthLevel Level, string Origin, long Version, IReadOnlyDictionary<string, string> Fields, long AtMicros);
