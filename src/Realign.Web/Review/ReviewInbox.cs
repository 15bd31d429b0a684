namespace Realign.Web.Review;

/// <summary>What waits for the person: suggestions on fields, and entities written below level 1.</summary>
public sealed record ReviewInbox(IReadOnlyList<ReviewSuggestion> Suggestions, IReadOnlyList<ReviewEntitySummary> SuggestedEntities);
