namespace Realign.Web.Review;

/// <summary>A run of a word diff.</summary>
public sealed record DiffPiece(DiffKind Kind, string Text);
