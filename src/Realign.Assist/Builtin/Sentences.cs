using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Realign.Assist.Builtin;

/// <summary>Splits the prose of a note into sentences, each a span of the note.</summary>
/// <remarks>
/// A paragraph (lines up to a blank line) and each list item are split at <c>.</c>, <c>!</c>, <c>?</c> or <c>…</c>
/// followed by white space (after any closing quotes, brackets or emphasis), and at <c>。！？</c>. A full stop after a
/// known abbreviation (<c>e.g.</c>, <c>Dr.</c>, <c>z.B.</c>) or a single capital letter ends nothing. Headings,
/// thematic breaks, table rows and code are not sentences; list bullets, checkboxes and quote markers are not part of
/// one, and a quote starts a block of its own. Each span is trimmed of white space and holds at least one word
/// character of the masked text.
/// </remarks>
internal static partial class Sentences
{
    private static readonly FrozenSet<string> Abbreviations = new[]
    {
        "e.g", "i.e", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "cf", "approx", "fig", "jr", "sr", "nr",
        "z.b", "d.h", "u.a", "bzw", "ca", "usw", "p.ej", "ex",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The sentences of <paramref name="text"/> as (start, length), in order; <paramref name="masked"/> is its
    /// <see cref="MarkdownText.Mask(string, IReadOnlyList{TextLine})"/>.</summary>
    public static List<(int Start, int Length)> Split(string text, string masked, IReadOnlyList<TextLine> lines)
    {
        var sentences = new List<(int Start, int Length)>();
        var blockStart = -1;
        var blockEnd = -1;
        var blockQuoted = false;
        foreach (var line in lines)
        {
            var content = masked.AsSpan(line.Start, line.Length);
            var prefix = Prefix().Match(masked, line.Start, line.Length);
            var isItem = prefix.Groups["bullet"].Success;
            var quoted = prefix.Groups["quote"].ValueSpan.Contains('>');
            var prose = !(line.InFence || content.IsWhiteSpace() || MarkdownText.IsHeading(content) || Break().IsMatch(content) || Table().IsMatch(content));
            if (!prose || isItem || (blockStart >= 0 && quoted != blockQuoted))
            {
                Flush(text, masked, blockStart, blockEnd, sentences);
                blockStart = -1;
            }

            if (!prose)
            {
                continue;
            }

            if (blockStart < 0)
            {
                blockStart = line.Start + prefix.Length;
                blockQuoted = quoted;
            }

            blockEnd = line.End;
        }

        Flush(text, masked, blockStart, blockEnd, sentences);
        return sentences;
    }

    private static void Flush(string text, string masked, int start, int end, List<(int Start, int Length)> sentences)
    {
        if (start < 0)
        {
            return;
        }

        var from = start;
        for (var i = start; i < end; i++)
        {
            var c = masked[i];
            if (c is '。' or '！' or '？')
            {
                Add(text, masked, from, i + 1, sentences);
                from = i + 1;
                continue;
            }

            if (c is not ('.' or '!' or '?' or '…') || (c == '.' && FollowsAbbreviation(masked, start, i)))
            {
                continue;
            }

            var after = i + 1;
            while (after < end && (masked[after] is '.' or '!' or '?' or '…' || IsCloser(masked[after])))
            {
                after++;
            }

            if (after == end || char.IsWhiteSpace(masked[after]))
            {
                Add(text, masked, from, after, sentences);
                from = after;
            }

            i = after - 1;
        }

        Add(text, masked, from, end, sentences);
    }

    private static void Add(string text, string masked, int start, int end, List<(int Start, int Length)> sentences)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        for (var i = start; i < end; i++)
        {
            if (char.IsLetterOrDigit(masked[i]))
            {
                sentences.Add((start, end - start));
                return;
            }
        }
    }

    private static bool FollowsAbbreviation(string masked, int start, int dot)
    {
        var from = dot;
        while (from > start && (char.IsLetter(masked[from - 1]) || masked[from - 1] == '.'))
        {
            from--;
        }

        var word = masked[from..dot];
        if (word.Length == 1)
        {
            return char.IsUpper(word[0]);
        }

        return Abbreviations.Contains(word.ToLowerInvariant());
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or '\u201D' or '\u2019' or '\u00BB' or ')' or ']' or '*' or '_' or '`';

    [GeneratedRegex(@"\G(?<quote>[ \t]*(?:>[ \t]?)*)(?<bullet>(?:[-*+]|[0-9]{1,9}[.)])[ \t]+(?:\[[ xX]\](?:[ \t]+|$))?)?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,})$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Break();

    [GeneratedRegex(@"^[ \t]*\|", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Table();
}
