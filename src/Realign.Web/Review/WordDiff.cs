using System.Text.RegularExpressions;

namespace Realign.Web.Review;

/// <summary>A word-level diff of two texts (longest common subsequence of words), for showing a suggestion beside the
/// current value.</summary>
public static partial class WordDiff
{
    /// <summary>Beyond this many words on a side the diff is the whole old text removed and the whole new one added.</summary>
    public const int MaxWords = 2000;

    /// <summary>The pieces of the diff in order: kept, removed and added runs (white space kept with the word before it).</summary>
    public static IReadOnlyList<DiffPiece> Of(string before, string after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var a = Tokens(before);
        var b = Tokens(after);
        if (a.Count > MaxWords || b.Count > MaxWords)
        {
            return [new DiffPiece(DiffKind.Removed, before), new DiffPiece(DiffKind.Added, after)];
        }

        var lcs = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = Same(a[i], b[j]) ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var pieces = new List<DiffPiece>();
        int x = 0, y = 0;
        while (x < a.Count || y < b.Count)
        {
            if (x < a.Count && y < b.Count && Same(a[x], b[y]))
            {
                Add(pieces, DiffKind.Same, b[y]);
                x++;
                y++;
            }
            else if (y < b.Count && (x == a.Count || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                Add(pieces, DiffKind.Added, b[y++]);
            }
            else
            {
                Add(pieces, DiffKind.Removed, a[x++]);
            }
        }

        return pieces;
    }

    private static bool Same(string a, string b) => string.Equals(a.TrimEnd(), b.TrimEnd(), StringComparison.Ordinal);

    private static void Add(List<DiffPiece> pieces, DiffKind kind, string text)
    {
        if (pieces.Count > 0 && pieces[^1].Kind == kind)
        {
            pieces[^1] = pieces[^1] with { Text = pieces[^1].Text + text };
        }
        else
        {
            pieces.Add(new DiffPiece(kind, text));
        }
    }

    private static List<string> Tokens(string text) => WordPattern().Matches(text).Select(m => m.Value).ToList();

    [GeneratedRegex(@"\S+\s*|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
