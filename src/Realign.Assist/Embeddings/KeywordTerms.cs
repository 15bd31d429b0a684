using System.Text.RegularExpressions;
using Realign.Assist.Builtin;

namespace Realign.Assist.Embeddings;

/// <summary>The words of a query that keyword search matches: runs of letters and digits, distinct (ignoring case), at
/// most 32 of at most 64 characters, without stop words (<c>the</c>, <c>from</c>, <c>und</c>, <c>at</c>) unless the query
/// has nothing else. Any one of them matching finds a note; a stop word would find nearly every note and, fused with the
/// meaning ranking, push unrelated notes up.</summary>
public static partial class KeywordTerms
{
    // The one- and two-letter function words of English, German, French and Spanish (StopWords holds the longer ones).
    // Other short words stay: "ZX" in a part number "ZX-4471" is what PostgreSQL's parser keeps of it (it reads "-4471"
    // as a signed number).
    private static readonly HashSet<string> ShortFunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of", "oh",
        "ok", "on", "or", "so", "to", "up", "us", "we", "da", "du", "er", "es", "ob", "wo", "zu", "ja", "de", "en", "et", "il",
        "la", "le", "ne", "se", "un", "al", "el", "lo", "mi", "su", "tu", "ya", "yo",
    };

    /// <summary>The terms of <paramref name="query"/>, in the order they appear.</summary>
    public static IReadOnlyList<string> From(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = WordPattern().Matches(query).Select(m => m.Value).Where(w => w.Length <= 64).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var meaningful = words.Where(w => !StopWords.Contains(w.ToLowerInvariant()) && !ShortFunctionWords.Contains(w)).ToList();
        return (meaningful.Count > 0 ? meaningful : words).Take(32).ToList();
    }

    [GeneratedRegex(@"[\p{L}\p{Nd}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();
}
