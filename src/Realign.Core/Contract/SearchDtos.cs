namespace Realign.Core.Contract;

/// <summary>Body of <c>POST /sync/search</c>: the words, a query vector with its model, or both.</summary>
/// <param name="Q">The words: ranked by keywords where the server reads the text (cloud-first), and embedded by the server's
/// own model when no vector is given (cloud-first only).</param>
/// <param name="Vector">A query vector (the vault embeds the query itself for a local-first tenant).</param>
/// <param name="Model">The model of <paramref name="Vector"/>: only embeddings of that model answer it.</param>
/// <param name="Top">How many results (1-100, default 10).</param>
public sealed record SearchRequest(string? Q = null, float[]? Vector = null, string? Model = null, int? Top = null);

/// <summary>Reply of <c>GET /sync/search</c> and <c>POST /sync/search</c>: results best first, without any text of the
/// tenant's (ids and scores; read the entities to show them).</summary>
/// <param name="Results">Best first.</param>
/// <param name="Model">The model whose embeddings answered, or null when only keywords ranked.</param>
/// <param name="KeywordsOnly">Why meaning did not count (null when it did).</param>
/// <param name="Keywords">Why keywords did not count (null when they did, or no words were given).</param>
/// <param name="StaleSkipped">Embeddings left out because their source changed after they were made (or is gone).</param>
public sealed record SearchResponse(List<SearchResultDto> Results, string? Model, string? KeywordsOnly, string? Keywords, int StaleSkipped);

/// <summary>One search result.</summary>
/// <param name="EntityType">The entity type.</param>
/// <param name="EntityId">The entity id.</param>
/// <param name="Score">The reciprocal-rank score: the sum of 1 / (60 + rank) over the rankings that found it.</param>
/// <param name="Vector">Its place by meaning with the embedding piece that answered, or null.</param>
/// <param name="KeywordRank">Its place by keywords (1-based), or null.</param>
public sealed record SearchResultDto(string EntityType, string EntityId, double Score, SearchVectorDto? Vector, int? KeywordRank);

/// <summary>Which embedding answered a result, and how closely.</summary>
/// <param name="Rank">1-based place among the vector results.</param>
/// <param name="Similarity">Cosine similarity of the best piece, -1 to 1.</param>
/// <param name="EmbeddingId">The <c>embedding</c> entity.</param>
/// <param name="Chunk">The piece's index in it.</param>
/// <param name="Start">Where the piece starts in the source's body.</param>
/// <param name="Length">The piece's length.</param>
public sealed record SearchVectorDto(int Rank, double Similarity, string EmbeddingId, int Chunk, int Start, int Length);
