using System.Globalization;
using System.Text.RegularExpressions;

namespace Realign.Assist.Builtin;

/// <summary>The built-in task finder: the tasks a note's lines spell out, one per line.</summary>
/// <remarks>
/// A line is a task when, after any indentation, quote marker and list bullet (<c>-</c>, <c>*</c>, <c>+</c>,
/// <c>1.</c>, <c>1)</c>), it has a checkbox (<c>[ ]</c>, <c>[x]</c>, <c>[X]</c>), starts with a marker (<c>TODO</c>
/// or <c>FIXME</c> in capitals, or in any case when a <c>:</c> or <c>-</c> follows), or names a due date: an ISO date
/// (<c>2026-12-24</c>) or a day-first dotted one (<c>24.12.2026</c>) after <c>due</c>, <c>by</c>, <c>deadline</c>,
/// <c>until</c> (each optionally followed by <c>:</c>) or <c>@</c>. Dates are read digit by digit, never through a
/// culture; one that does not exist (<c>2026-02-30</c>) is no date, so a line with only that is no task and a checkbox
/// with it has no due date. When a line names several dates the last real one counts, and its phrase is taken out of
/// the title. Headings and fenced code are never tasks; a title that is empty leaves no task; a title met again in
/// any case is not listed twice (the first stays).
/// </remarks>
public static partial class TaskExtractor
{
    /// <summary>The tasks of <paramref name="text"/>, in line order.</summary>
    /// <param name="text">The note's text, Markdown allowed.</param>
    public static IReadOnlyList<ExtractedTask> Extract(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tasks = new List<ExtractedTask>();
        var titles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in MarkdownText.Lines(text).Where(l => !l.InFence))
        {
            if (Read(text.Substring(line.Start, line.Length)) is { } task && titles.Add(task.Title))
            {
                tasks.Add(task with { Line = line.Number });
            }
        }

        return tasks;
    }

    private static ExtractedTask? Read(string line)
    {
        if (MarkdownText.IsHeading(line))
        {
            return null;
        }

        var rest = line[Prefix().Match(line).Length..];
        var isTask = false;
        var done = false;
        if (Checkbox().Match(rest) is { Success: true } box)
        {
            isTask = true;
            done = box.Groups["mark"].Value != " ";
            rest = rest[box.Length..];
        }

        if (Marker().Match(rest) is { Success: true } marker)
        {
            isTask = true;
            rest = rest[marker.Length..];
        }

        var due = LastDue(rest, out var phrase);
        if (due is not null)
        {
            isTask = true;
            rest = rest.Remove(phrase.Index, phrase.Length);
        }

        var title = Clean(rest);
        return isTask && title.Length > 0 ? new ExtractedTask(title, done, due, 0) : null;
    }

    private static DateOnly? LastDue(string text, out Match phrase)
    {
        phrase = Match.Empty;
        DateOnly? due = null;
        foreach (var match in DuePhrase().Matches(text).Cast<Match>())
        {
            var iso = match.Groups["y"].Success;
            var date = Date(
                match.Groups[iso ? "y" : "y2"].ValueSpan,
                match.Groups[iso ? "m" : "m2"].ValueSpan,
                match.Groups[iso ? "d" : "d2"].ValueSpan);
            if (date is not null)
            {
                due = date;
                phrase = match;
            }
        }

        return due;
    }

    private static DateOnly? Date(ReadOnlySpan<char> year, ReadOnlySpan<char> month, ReadOnlySpan<char> day)
    {
        var y = int.Parse(year, NumberStyles.None, CultureInfo.InvariantCulture);
        var m = int.Parse(month, NumberStyles.None, CultureInfo.InvariantCulture);
        var d = int.Parse(day, NumberStyles.None, CultureInfo.InvariantCulture);
        return y is >= 1 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;
    }

    private static string Clean(string title)
    {
        title = EmptyBrackets().Replace(title, string.Empty);
        title = Spaces().Replace(title, " ");
        return title.Trim().Trim(',', ';', ':', '-', '\u2013', '\u2014').Trim();
    }

    [GeneratedRegex(@"^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^\[(?<mark>[ xX])\](?:[ \t]+|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Checkbox();

    [GeneratedRegex(@"^(?:(?-i:TODO|FIXME)(?![\p{L}\p{N}_])[ \t]*[:\-\u2013\u2014]?|(?:todo|fixme)[ \t]*[:\-\u2013\u2014])[ \t]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Marker();

    [GeneratedRegex(
        @"[ \t]*(?:(?<![\p{L}\p{N}_])(?:due(?:[ \t]+on)?|by|deadline|until)(?:[ \t]*:[ \t]*|[ \t]+)|@[ \t]?)" +
        @"(?:(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})|(?<d2>[0-9]{1,2})\.(?<m2>[0-9]{1,2})\.(?<y2>[0-9]{4}))(?![0-9])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DuePhrase();

    [GeneratedRegex(@"[ \t]*(?:\([ \t]*\)|\[[ \t]*\])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Spaces();
}
