using Realign.Core.Truth;

namespace Realign.Web.Review;

/// <summary>A pending suggestion beside the current value.</summary>
/// <param name="Id">The suggestion's id (<c>p_...</c>).</param>
/// <param name="EntityType">The entity type.</param>
/// <param name="EntityId">The entity id.</param>
/// <param name="EntityTitle">The entity's title, when it has one.</param>
/// <param name="Field">The field (<c>_deleted</c> for a delete or restore of the whole entity).</param>
/// <param name="CurrentJson">The current value (JSON), or null when locked.</param>
/// <param name="ProposedJson">The suggested value (JSON), or null when locked.</param>
/// <param name="Level">The suggesting level.</param>
/// <param name="Origin">Who suggested it.</param>
/// <param name="AtMicros">When.</param>
public sealed record ReviewSuggestion(string Id, string EntityType, string EntityId, string? EntityTitle, string Field, string? CurrentJson, string? ProposedJson, TruthLevel Level, string Origin, long AtMicros);
