namespace Realign.Assist.Embeddings;

/// <summary>One piece of a source and its vector, as an <c>embedding</c> entity holds it.</summary>
/// <param name="Start">Where the piece starts in the source's body.</param>
/// <param name="Length">Its length in the body.</param>
/// <param name="Vector">The vector, as the model gave it.</param>
public sealed record EmbeddedChunk(int Start, int Length, float[] Vector);
