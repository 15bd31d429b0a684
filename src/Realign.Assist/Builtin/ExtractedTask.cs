namespace Realign.Assist.Builtin;

/// <summary>A task found in a note.</summary>
/// <param name="Title">The line's text without its bullet, checkbox, task marker or due-date phrase, trimmed.</param>
/// <param name="Done">True for a ticked checkbox (<c>[x]</c> or <c>[X]</c>).</param>
/// <param name="Due">The due date the line names, if it names a real one.</param>
/// <param name="Line">The 1-based number of the line in the note.</param>
public sealed record ExtractedTask(string Title, bool Done, DateOnly? Due, int Line);
