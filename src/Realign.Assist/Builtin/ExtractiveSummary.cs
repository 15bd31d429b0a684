namespace Realign.Assist.Builtin;

/// <summary>The built-in summary of a note: the sentences that carry its most frequent words, taken as written.</summary>
/// <remarks>
/// Pure and deterministic: the same title and text give the same sentences on every run and machine. A sentence's
/// score is the sum, over its distinct words, of their frequency in the whole note (relative to the most frequent
/// word), divided by the square root of how many distinct words it has; that is raised by up to a quarter for holding
/// the title's words and by up to a tenth for coming early. Ties go to the earlier sentence. Paragraphs and list items
/// are split at sentence punctuation (not after <c>e.g.</c>, <c>Dr.</c> and the like); headings, thematic breaks,
/// tables and fenced code are not sentences, and code, URLs and link targets are not scored. List bullets, checkboxes
/// and quote markers are outside the span, but each sentence is otherwise exactly as it stands in the text.
/// </remarks>
public static class ExtractiveSummary
{
    private const double TitleBonus = 0.25;
    private const double PositionBonus = 0.1;

    /// <summary>Up to <paramref name="maxSentences"/> sentences of <paramref name="text"/> that best summarise it, in
    /// document order; all of them when there are no more than that, none when the text is blank.</summary>
    /// <param name="title">The note's title; its words raise the sentences that hold them.</param>
    /// <param name="text">The note's text, Markdown allowed.</param>
    /// <param name="maxSentences">How many sentences at most; zero or more.</param>
    public static IReadOnlyList<SummarySentence> Summarise(string title, string text, int maxSentences = 3)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxSentences);
        if (maxSentences == 0 || string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var lines = MarkdownText.Lines(text);
        var masked = MarkdownText.Mask(text, lines);
        var spans = Sentences.Split(text, masked, lines);
        var chosen = spans.Count <= maxSentences ? spans : Best(title, masked, spans, maxSentences);
        return [.. chosen.Select(s => new SummarySentence(text.Substring(s.Start, s.Length), s.Start, s.Length))];
    }

    private static List<(int Start, int Length)> Best(string title, string masked, List<(int Start, int Length)> spans, int maxSentences)
    {
        var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in Words.Scan(masked))
        {
            frequency[word.Stem] = frequency.GetValueOrDefault(word.Stem) + 1;
        }

        var highest = frequency.Count == 0 ? 1 : frequency.Values.Max();
        var titleStems = Words.Scan(title).Select(w => w.Stem).ToHashSet(StringComparer.Ordinal);
        var last = spans.Count - 1;
        var scores = new double[spans.Count];
        for (var k = 0; k < spans.Count; k++)
        {
            var stems = Words.Scan(masked, spans[k].Start, spans[k].Start + spans[k].Length).Select(w => w.Stem).ToHashSet(StringComparer.Ordinal);
            if (stems.Count == 0)
            {
                continue;
            }

            // Integer sums are exact whatever order the set yields its members in.
            var weight = stems.Sum(s => frequency[s]);
            var relevance = (double)weight / highest / Math.Sqrt(stems.Count);
            var titleShare = titleStems.Count == 0 ? 0 : (double)stems.Count(titleStems.Contains) / titleStems.Count;
            var position = last == 0 ? 1 : (double)(last - k) / last;
            scores[k] = relevance * (1 + (TitleBonus * titleShare)) * (1 + (PositionBonus * position));
        }

        return [.. Enumerable.Range(0, spans.Count)
            .OrderByDescending(k => scores[k]).ThenBy(k => k)
            .Take(maxSentences)
            .Order()
            .Select(k => spans[k])];
    }
}
