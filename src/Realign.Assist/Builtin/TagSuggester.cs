namespace Realign.Assist.Builtin;

/// <summary>The built-in tag suggestions for a note: its own most weighty words.</summary>
/// <remarks>
/// Pure and deterministic. A tag is lower-case (invariant, NFC), made of Unicode letters, digits and <c>-</c>, 3 to 32
/// characters long, holds a letter and is no stop word (English, German, French, Spanish). Each occurrence of a word
/// counts 1 in the text, 2 in a heading, 3 in the title and 8 as a <c>#hashtag</c>; singular and plural (a folded
/// <c>s</c>) count together, under the spelling that weighs most. Code, URLs and link targets are not read. Ties are
/// broken by ordinal order of the tag, so the result never depends on the order words were met in.
/// </remarks>
public static class TagSuggester
{
    private const int TextWeight = 1;
    private const int HeadingWeight = 2;
    private const int TitleWeight = 3;
    private const int HashtagWeight = 8;

    /// <summary>Up to <paramref name="maxTags"/> tags for the note, weightiest first, without <c>#</c>.</summary>
    /// <param name="title">The note's title; its words weigh more.</param>
    /// <param name="text">The note's text, Markdown allowed; its <c>#hashtags</c> weigh most.</param>
    /// <param name="maxTags">How many tags at most; zero or more.</param>
    public static IReadOnlyList<string> Suggest(string title, string text, int maxTags = 5)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTags);
        if (maxTags == 0)
        {
            return [];
        }

        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var spellings = new Dictionary<(string Stem, string Text), int>();
        void Count(Word word, int weight)
        {
            scores[word.Stem] = scores.GetValueOrDefault(word.Stem) + weight;
            spellings[(word.Stem, word.Text)] = spellings.GetValueOrDefault((word.Stem, word.Text)) + weight;
        }

        foreach (var word in Words.Scan(title))
        {
            Count(word, TitleWeight);
        }

        var lines = MarkdownText.Lines(text);
        var masked = MarkdownText.Mask(text, lines);
        foreach (var line in lines.Where(l => !l.InFence))
        {
            var weight = MarkdownText.IsHeading(masked.AsSpan(line.Start, line.Length)) ? HeadingWeight : TextWeight;
            foreach (var word in Words.Scan(masked, line.Start, line.End))
            {
                Count(word, word.IsHashtag ? HashtagWeight : weight);
            }
        }

        var spelling = spellings
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key.Text, StringComparer.Ordinal)
            .DistinctBy(s => s.Key.Stem)
            .ToDictionary(s => s.Key.Stem, s => s.Key.Text, StringComparer.Ordinal);
        return [.. scores
            .Select(s => (Tag: spelling[s.Key], Score: s.Value))
            .OrderByDescending(t => t.Score).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(maxTags)
            .Select(t => t.Tag)];
    }
}
