namespace Realign.Assist.Builtin;

/// <summary>A note for relatedness ranking.</summary>
/// <param name="Id">The note's identity; equal ids are the same note.</param>
/// <param name="Title">The note's title; its words weigh double.</param>
/// <param name="Text">The note's text, Markdown allowed.</param>
public sealed record RelatedCandidate(string Id, string Title, string Text);
