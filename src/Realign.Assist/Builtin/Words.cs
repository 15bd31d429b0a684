using System.Globalization;
using System.Text;

namespace Realign.Assist.Builtin;

/// <summary>How the built-in assistant reads words: runs of Unicode letters, digits, combining marks and <c>-</c>,
/// lower-cased invariantly and NFC-normalised, 3 to 32 characters long, not a stop word and not a pure number.</summary>
/// <remarks>
/// An apostrophe inside a word is read the way the languages use it: an English possessive keeps its head
/// (<c>Anna's</c> is <c>anna</c>), an English contraction is a function word and is dropped (<c>don't</c>), and a French
/// elision keeps its tail (<c>l'eau</c> is <c>eau</c>). The stem folds a plural <c>s</c> (<c>notes</c> and <c>note</c>
/// meet), never <c>ss</c>, <c>us</c> or <c>is</c>. A word right after
/// a <c>#</c> that does not follow a letter, digit, <c>#</c>, <c>&amp;</c>, <c>/</c> or <c>_</c> is a hashtag.
/// </remarks>
internal static class Words
{
    private const int MinLength = 3;
    private const int MaxLength = 32;

    private static readonly string[] EnglishEndings = ["s", "t", "re", "ve", "ll", "d", "m"];

    /// <summary>The counted words of <paramref name="text"/>, in order.</summary>
    public static List<Word> Scan(string text) => Scan(text, 0, text.Length);

    /// <summary>The counted words of <paramref name="text"/> between <paramref name="start"/> and <paramref name="end"/>, in order.</summary>
    public static List<Word> Scan(string text, int start, int end)
    {
        var words = new List<Word>();
        var i = start;
        while (i < end)
        {
            if (!IsWordRune(text, i, out var width))
            {
                i += width;
                continue;
            }

            var runStart = i;
            while (i < end)
            {
                if (IsWordRune(text, i, out width))
                {
                    i += width;
                }
                else if (IsApostrophe(text[i]) && i + 1 < end && char.IsLetter(text[i + 1]) && char.IsLetter(text[i - 1]))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            AddRun(words, text[runStart..i], IsHashtagAt(text, runStart));
        }

        return words;
    }

    /// <summary><paramref name="word"/> (lower-case) with a plural <c>s</c> folded.</summary>
    public static string Stem(string word) =>
        word.Length > MinLength && word[^1] == 's' && !word.EndsWith("ss", StringComparison.Ordinal)
            && !word.EndsWith("us", StringComparison.Ordinal) && !word.EndsWith("is", StringComparison.Ordinal)
            && word[^2] != '-'
            ? word[..^1]
            : word;

    private static void AddRun(List<Word> words, string run, bool hashtag)
    {
        var parts = run.Split(['\'', '\u2019']);
        if (parts.Length > 1)
        {
            var tail = parts[^1].ToLowerInvariant();
            if (tail == "s")
            {
                run = string.Concat(parts[..^1]);
            }
            else if (EnglishEndings.Contains(tail))
            {
                return;
            }
            else
            {
                run = parts[^1];
                hashtag = false;
            }
        }

        foreach (var piece in run.Split("--", StringSplitOptions.RemoveEmptyEntries))
        {
            var text = Normalise(piece.Trim('-'));
            if (IsCounted(text))
            {
                words.Add(new Word(text, Stem(text), hashtag));
            }
        }
    }

    private static string Normalise(string word) => word.Normalize(NormalizationForm.FormC).ToLowerInvariant();

    private static bool IsCounted(string word)
    {
        var length = 0;
        var letters = false;
        foreach (var rune in word.EnumerateRunes())
        {
            length++;
            letters |= Rune.IsLetter(rune);
        }

        return length is >= MinLength and <= MaxLength && letters && !StopWords.Contains(word) && !StopWords.Contains(Stem(word));
    }

    private static bool IsHashtagAt(string text, int runStart)
    {
        if (runStart == 0 || text[runStart - 1] != '#' || !char.IsLetter(text, runStart))
        {
            return false;
        }

        if (runStart == 1)
        {
            return true;
        }

        var before = text[runStart - 2];
        return !char.IsLetterOrDigit(before) && before is not ('#' or '&' or '/' or '_');
    }

    private static bool IsWordRune(string text, int index, out int width)
    {
        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out width) != System.Buffers.OperationStatus.Done)
        {
            width = Math.Max(width, 1);
            return false;
        }

        if (rune.Value == '-' || Rune.IsLetterOrDigit(rune))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';
}
