namespace Realign.Assist.Builtin;

/// <summary>A word of a note as the assistant counts it: lower-case NFC <paramref name="Text"/>, the
/// <paramref name="Stem"/> it is counted under, and whether it was written as a <c>#hashtag</c>.</summary>
internal readonly record struct Word(string Text, string Stem, bool IsHashtag);
