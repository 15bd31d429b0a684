namespace Realign.Assist.Builtin;

/// <summary>A sentence taken verbatim from the note, with its character span in the source text.</summary>
/// <param name="Text">The sentence exactly as written: the note's text from <paramref name="Start"/> for <paramref name="Length"/> characters.</param>
/// <param name="Start">The index in the note where the sentence starts.</param>
/// <param name="Length">How many characters the sentence spans.</param>
public sealed record SummarySentence(string Text, int Start, int Length);
