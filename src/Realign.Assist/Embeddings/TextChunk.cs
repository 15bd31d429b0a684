namespace Realign.Assist.Embeddings;

/// <summary>One piece of a note that gets its own vector: where it is in the body, and the text the model reads (the
/// title, then the piece).</summary>
/// <param name="Start">Where the piece starts in the body (UTF-16 index).</param>
/// <param name="Length">Its length in the body (0 for a note that has a title and no body).</param>
/// <param name="Text">The text embedded: the title and the piece.</param>
public sealed record TextChunk(int Start, int Length, string Text);
