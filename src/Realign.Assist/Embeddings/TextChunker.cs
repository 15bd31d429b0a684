namespace Realign.Assist.Embeddings;

/// <summary>Cuts a note into pieces short enough for the model to read whole: paragraphs gathered up to
/// <see cref="MaxChars"/>, a longer paragraph cut at sentence ends (or, failing those, at a space). Every piece carries the
/// note's title in front, so a piece deep in a long note still says what the note is about.</summary>
/// <remarks>all-MiniLM-L6-v2 reads at most 256 word pieces and drops the rest; 1,000 characters of prose stay under that.
/// Deterministic: the same text gives the same pieces on every machine.</remarks>
public static class TextChunker
{
    /// <summary>The most characters of body in one piece.</summary>
    public const int MaxChars = 1_000;

    /// <summary>The pieces of a note: none when it has neither title nor body; one of length 0 for a title alone.</summary>
    public static IReadOnlyList<TextChunk> Split(string title, string body, int maxChars = MaxChars)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 16);
        var head = title.Trim();
        var chunks = new List<TextChunk>();
        foreach (var (start, length) in Pieces(body, maxChars))
        {
            var piece = body.Substring(start, length);
            chunks.Add(new TextChunk(start, length, head.Length == 0 ? piece : head + "\n" + piece));
        }

        if (chunks.Count == 0 && head.Length > 0)
        {
            chunks.Add(new TextChunk(0, 0, head));
        }

        return chunks;
    }

    private static IEnumerable<(int Start, int Length)> Pieces(string body, int maxChars)
    {
        var pieceStart = -1;
        var pieceEnd = -1;
        foreach (var (start, end) in Paragraphs(body))
        {
            if (end - start > maxChars)
            {
                if (pieceStart >= 0)
                {
                    yield return (pieceStart, pieceEnd - pieceStart);
                    pieceStart = -1;
                }

                foreach (var cut in Cut(body, start, end, maxChars))
                {
                    yield return cut;
                }

                continue;
            }

            if (pieceStart >= 0 && end - pieceStart > maxChars)
            {
                yield return (pieceStart, pieceEnd - pieceStart);
                pieceStart = -1;
            }

            if (pieceStart < 0)
            {
                pieceStart = start;
            }

            pieceEnd = end;
        }

        if (pieceStart >= 0)
        {
            yield return (pieceStart, pieceEnd - pieceStart);
        }
    }

    // Paragraphs: runs of text between blank lines, trimmed of surrounding white space.
    private static IEnumerable<(int Start, int End)> Paragraphs(string body)
    {
        var i = 0;
        while (i < body.Length)
        {
            while (i < body.Length && char.IsWhiteSpace(body[i]))
            {
                i++;
            }

            if (i >= body.Length)
            {
                yield break;
            }

            var start = i;
            var end = i;
            while (i < body.Length)
            {
                var lineEnd = body.IndexOf('\n', i);
                lineEnd = lineEnd < 0 ? body.Length : lineEnd;
                if (i > start && body.AsSpan(i, lineEnd - i).IsWhiteSpace())
                {
                    break;
                }

                end = lineEnd;
                i = Math.Min(body.Length, lineEnd + 1);
            }

            while (end > start && char.IsWhiteSpace(body[end - 1]))
            {
                end--;
            }

            yield return (start, end);
        }
    }

    // A paragraph longer than a piece: cut at the last sentence end (or space) before the limit.
    private static IEnumerable<(int Start, int Length)> Cut(string body, int start, int end, int maxChars)
    {
        while (end - start > maxChars)
        {
            var limit = start + maxChars;
            var cut = -1;
            for (var j = limit - 1; j > start + (maxChars / 2); j--)
            {
                if (body[j] is '.' or '!' or '?' or '\n' && char.IsWhiteSpace(body[j + 1]))
                {
                    cut = j + 1;
                    break;
                }
            }

            if (cut < 0)
            {
                cut = body.LastIndexOf(' ', limit - 1, maxChars / 2);
                cut = cut <= start ? limit : cut;
            }

            yield return (start, cut - start);
            start = cut;
            while (start < end && char.IsWhiteSpace(body[start]))
            {
                start++;
            }
        }

        if (end > start)
        {
            yield return (start, end - start);
        }
    }
}
