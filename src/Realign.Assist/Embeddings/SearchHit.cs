namespace Realign.Assist.Embeddings;

/// <summary>One result of a hybrid search: the source, its fused score, and what found it (its rank by meaning with the
/// embedding piece that answered, its rank by keywords).</summary>
/// <param name="SourceType">The entity type.</param>
/// <param name="SourceId">The entity id.</param>
/// <param name="Score">The reciprocal-rank score: the sum of 1 / (k + rank) over the rankings that hold it.</param>
/// <param name="Vector">Its place among the vector results, or null when meaning did not find it.</param>
/// <param name="KeywordRank">Its place (1-based) among the keyword results, or null.</param>
public sealed record SearchHit(string SourceType, string SourceId, double Score, RankedVector? Vector, int? KeywordRank);

/// <summary>A source's place among the vector results.</summary>
/// <param name="Rank">1-based.</param>
/// <param name="Hit">The piece that answered and its similarity.</param>
public sealed record RankedVector(int Rank, VectorHit Hit);
