namespace Realign.Assist.Builtin;

/// <summary>One line of a note: its 1-based number, where it starts and how long it is without its line break, and
/// whether it belongs to a fenced code block (the fence lines themselves included).</summary>
internal readonly record struct TextLine(int Number, int Start, int Length, bool InFence)
{
    /// <summary>The index just after the line's last character.</summary>
    public int End => Start + Length;
}
