namespace Realign.Assist.Builtin;

/// <summary>The built-in ranking of a note's related notes by the words they share.</summary>
/// <remarks>
/// Each note is a vector over word stems (read as for tags; a title word counts twice) weighted by
/// <c>(1 + ln tf) * (ln((1 + n) / (1 + df)) + 1)</c>, where <c>n</c> is the number of notes (the source and the
/// candidates other than it) and <c>df</c> how many of them hold the stem; the score is the cosine of two vectors.
/// Pure and deterministic: the logarithm is computed with basic arithmetic only and every sum runs in ordinal order of
/// the stems, so the scores are the same bits on every machine and for every order of the candidates. A candidate
/// with the source's id is not ranked and not counted; one id given twice keeps its higher score.
/// </remarks>
public static class RelatedNotes
{
    private const int TitleWeight = 2;

    /// <summary>Up to <paramref name="top"/> of <paramref name="candidates"/> that share words with
    /// <paramref name="source"/>, by score descending, then id in ordinal order.</summary>
    /// <param name="source">The note to find relatives of.</param>
    /// <param name="candidates">The notes to rank; the source among them is skipped.</param>
    /// <param name="top">How many at most; zero or more.</param>
    public static IReadOnlyList<RelatedNote> Rank(RelatedCandidate source, IEnumerable<RelatedCandidate> candidates, int top = 5)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var others = candidates.ToList();
        if (others.Any(c => c is null))
        {
            throw new ArgumentException("a candidate is null", nameof(candidates));
        }

        others.RemoveAll(c => string.Equals(c.Id, source.Id, StringComparison.Ordinal));
        if (top == 0 || others.Count == 0)
        {
            return [];
        }

        var counts = others.Select(Counts).ToList();
        var sourceCounts = Counts(source);
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var stem in counts.Append(sourceCounts).SelectMany(c => c.Keys))
        {
            documentFrequency[stem] = documentFrequency.GetValueOrDefault(stem) + 1;
        }

        double n = others.Count + 1;
        var sourceVector = Vector(sourceCounts, documentFrequency, n);
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < others.Count; i++)
        {
            var score = Cosine(sourceVector, Vector(counts[i], documentFrequency, n));
            if (score > 0 && (!best.TryGetValue(others[i].Id, out var known) || score > known))
            {
                best[others[i].Id] = score;
            }
        }

        return [.. best
            .OrderByDescending(b => b.Value).ThenBy(b => b.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(b => new RelatedNote(b.Key, b.Value))];
    }

    private static Dictionary<string, int> Counts(RelatedCandidate note)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in Words.Scan(note.Title ?? string.Empty))
        {
            counts[word.Stem] = counts.GetValueOrDefault(word.Stem) + TitleWeight;
        }

        foreach (var word in Words.Scan(MarkdownText.Mask(note.Text ?? string.Empty)))
        {
            counts[word.Stem] = counts.GetValueOrDefault(word.Stem) + 1;
        }

        return counts;
    }

    private static (string Stem, double Weight)[] Vector(Dictionary<string, int> counts, Dictionary<string, int> documentFrequency, double n) =>
        [.. counts
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, (1 + DeterministicMath.Ln(c.Value)) * (DeterministicMath.Ln((1 + n) / (1 + documentFrequency[c.Key])) + 1)))];

    private static double Cosine((string Stem, double Weight)[] a, (string Stem, double Weight)[] b)
    {
        double dot = 0, normA = 0, normB = 0;
        foreach (var (_, weight) in a)
        {
            normA += weight * weight;
        }

        foreach (var (_, weight) in b)
        {
            normB += weight * weight;
        }

        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            var order = string.CompareOrdinal(a[i].Stem, b[j].Stem);
            if (order == 0)
            {
                dot += a[i++].Weight * b[j++].Weight;
            }
            else if (order < 0)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        // Rounding can put two identical notes a hair above 1.
        return dot == 0 ? 0 : Math.Min(1, dot / (Math.Sqrt(normA) * Math.Sqrt(normB)));
    }
}
