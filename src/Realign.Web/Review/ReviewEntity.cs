using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Web.Review;

/// <summary>An entity with each field's value and author, its provenance and its pending suggestions.</summary>
public sealed record ReviewEntity(
    string EntityType,
    string EntityId,
    long Version,
    bool Deleted,
    TruthLevel Level,
    IReadOnlyList<ReviewField> Fields,
    IReadOnlyList<ProvenanceEntry> Chain,
    IReadOnlyList<ReviewSuggestion> Suggestions,
    bool Suggested);
