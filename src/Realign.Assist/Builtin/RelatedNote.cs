namespace Realign.Assist.Builtin;

/// <summary>A ranked related note.</summary>
/// <param name="Id">The candidate's id.</param>
/// <param name="Score">Its TF-IDF cosine similarity to the source, in (0, 1].</param>
public sealed record RelatedNote(string Id, double Score);
