using System.Text.RegularExpressions;

namespace Realign.Assist.Builtin;

/// <summary>The Markdown of a note as the assistant reads it: its lines, which of them are code, and a masked copy in
/// which everything that is not prose is blanked out.</summary>
/// <remarks>The masked copy has the length of the text and the same line breaks, so a span found in it is the same
/// span of the text.</remarks>
internal static partial class MarkdownText
{
    private static readonly Regex[] NotProse = [HtmlComment(), ReferenceDefinition(), LinkTarget(), Autolink(), BareUrl(), Email()];

    /// <summary>The lines of <paramref name="text"/> (broken at <c>\n</c>, <c>\r\n</c> or <c>\r</c>), each marked if it
    /// belongs to a fenced code block (<c>```</c> or <c>~~~</c>, closed by a fence of the same character at least as long).</summary>
    public static List<TextLine> Lines(string text)
    {
        var lines = new List<TextLine>();
        var fence = '\0';
        var fenceLength = 0;
        var start = 0;
        for (var number = 1; ; number++)
        {
            var breakAt = text.AsSpan(start).IndexOfAny('\n', '\r');
            var end = breakAt < 0 ? text.Length : start + breakAt;
            var line = text.AsSpan(start, end - start);
            var opens = Fence(line, out var fenceChar, out var length, out var info);
            bool inFence;
            if (fence == '\0')
            {
                if (opens && !(fenceChar == '`' && info.Contains('`')))
                {
                    fence = fenceChar;
                    fenceLength = length;
                }

                inFence = fence != '\0';
            }
            else
            {
                inFence = true;
                if (opens && fenceChar == fence && length >= fenceLength && info.IsWhiteSpace())
                {
                    fence = '\0';
                }
            }

            lines.Add(new TextLine(number, start, end - start, inFence));
            if (end == text.Length)
            {
                return lines;
            }

            start = end + (text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? 2 : 1);
        }
    }

    /// <summary><paramref name="text"/> with fenced code, HTML comments, link reference definitions, link targets
    /// (<c>](...)</c>) and URLs replaced by spaces, line breaks kept.</summary>
    public static string Mask(string text) => Mask(text, Lines(text));

    /// <summary><see cref="Mask(string)"/> for <paramref name="text"/> already split into <paramref name="lines"/>.</summary>
    public static string Mask(string text, IReadOnlyList<TextLine> lines)
    {
        var masked = text.ToCharArray();
        foreach (var line in lines.Where(l => l.InFence))
        {
            Array.Fill(masked, ' ', line.Start, line.Length);
        }

        foreach (var pattern in NotProse)
        {
            foreach (var match in pattern.Matches(new string(masked)).Cast<Match>())
            {
                for (var i = match.Index; i < match.Index + match.Length; i++)
                {
                    if (masked[i] is not ('\n' or '\r'))
                    {
                        masked[i] = ' ';
                    }
                }
            }
        }

        return new string(masked);
    }

    /// <summary>True when <paramref name="line"/> is an ATX heading (<c># ...</c> to <c>###### ...</c>).</summary>
    public static bool IsHeading(ReadOnlySpan<char> line) => Heading().IsMatch(line);

    private static bool Fence(ReadOnlySpan<char> line, out char fenceChar, out int length, out ReadOnlySpan<char> info)
    {
        var trimmed = line.TrimStart(" \t");
        fenceChar = trimmed.IsEmpty ? '\0' : trimmed[0];
        length = fenceChar is '`' or '~' ? trimmed.Length - trimmed.TrimStart(fenceChar).Length : 0;
        info = trimmed[length..];
        return length >= 3;
    }

    [GeneratedRegex(@"^ {0,3}#{1,6}(?:[ \t]|$)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Heading();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"^[ \t]{0,3}\[[^\]\r\n]+\]:[ \t]*\S[^\r\n]*", RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:[ \t]+(?:""[^""\r\n]*""|'[^'\r\n]*'))?[ \t]*\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"<(?:https?|ftp|mailto):[^>\s]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Autolink();

    [GeneratedRegex(@"(?<![\w/])(?:(?:https?|ftp)://|www\.)[^\s<>]*[^\s<>.,;:!?'"")\]]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BareUrl();

    // An e-mail address is an address, not words of the note: "dana@example.org" gives no tag "dana" or "example".
    [GeneratedRegex(@"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Email();
}
