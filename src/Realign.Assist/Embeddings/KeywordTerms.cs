using System.Text.RegularExpressions;
using Realign.Assist.Builtin;

namespace Realign.Assist.Embeddings;

/// <summary>The words of a query that keyword search matches: runs of letters and digits, distinct (ignoring case), at
/// most 32 of at most 64 characters, without stop words (<c>the</c>, <c>from</c>, <c>und</c>) and short words of letters
/// alone (<c>at</c>) unless the query has nothing else. Any one of them matching finds a note; a stop word would find nearly every note and, fused with the
/// meaning ranking, push unrelated notes up.</summary>
public static partial class KeywordTerms
{
    /// <summary>The terms of <paramref name="query"/>, in the order they appear.</summary>
    public static IReadOnlyList<string> From(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = WordPattern().Matches(query).Select(m => m.Value).Where(w => w.Length <= 64).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        // Short words of letters alone (at, of, in, zu) are as common as stop words; numbers and codes stay.
        var meaningful = words.Where(w => !StopWords.Contains(w.ToLowerInvariant()) && (w.Length >= 3 || w.Any(char.IsDigit))).ToList();
        return (meaningful.Count > 0 ? meaningful : words).Take(32).ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
