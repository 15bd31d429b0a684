namespace Realign.Assist.Embeddings;

/// <summary>A source found by vector similarity: its best piece and that piece's cosine similarity to the query.</summary>
/// <param name="SourceType">The source's entity type.</param>
/// <param name="SourceId">The source's id.</param>
/// <param name="EmbeddingId">The <c>embedding</c> entity that answered.</param>
/// <param name="Chunk">The index of the best piece in it.</param>
/// <param name="Start">Where that piece starts in the source's body.</param>
/// <param name="Length">Its length.</param>
/// <param name="Score">The cosine similarity, -1 to 1.</param>
public sealed record VectorHit(string SourceType, string SourceId, string EmbeddingId, int Chunk, int Start, int Length, float Score);
