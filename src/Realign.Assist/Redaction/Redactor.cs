using System.Text.RegularExpressions;

namespace Realign.Assist.Redaction;

/// <summary>Finds private values in free text and replaces each with a numbered placeholder (<c>[EMAIL_1]</c>); one
/// instance per request keeps the map, so the answer's placeholders can be put back on the device.</summary>
/// <remarks>
/// Detectors run in a fixed order, each on the text the previous left: private-key blocks, secrets (this system's
/// <c>rlt_</c> tokens, OpenAI, GitHub, Slack, AWS and Google keys, JWTs, and any value after <c>api_key=</c>,
/// <c>token:</c>, <c>password=</c> ...), e-mail addresses, IBANs (mod-97 checked), card numbers (Luhn checked), phone
/// numbers (international with <c>+</c>, national with a leading 0, or the North American 3-3-4 form), then the tenant's
/// own words (whole words, any case). The same value always gets the same placeholder. Checked numbers that fail their
/// check are left alone, so an order number is not taken for a card.
/// </remarks>
/// <param name="tenantWords">The tenant's own words to mask.</param>
/// <param name="secretsOnly">Mask only private keys and secrets (for a level whose exposure is <c>full</c>: a model never
/// needs a key or a token, whatever it may read).</param>
public sealed partial class Redactor(IReadOnlyCollection<string>? tenantWords = null, bool secretsOnly = false)
{
    private readonly Dictionary<string, string> _byValue = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byPlaceholder = new(StringComparer.Ordinal);
    private readonly Dictionary<RedactionKind, int> _counts = [];
    private readonly Regex? _words = tenantWords is { Count: > 0 }
        ? new Regex(@"(?<![\p{L}\p{N}_])(?:" + string.Join("|", tenantWords.Where(w => w.Length > 0).OrderByDescending(w => w.Length).Select(Regex.Escape)) + @")(?![\p{L}\p{N}_])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
        : null;

    /// <summary>How many values were replaced (each distinct value once).</summary>
    public int Count => _byValue.Count;

    /// <summary><paramref name="text"/> with every private value replaced by its placeholder.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = Replace(text, PrivateKeyPattern(), RedactionKind.PrivateKey);
        text = Replace(text, KnownTokenPattern(), RedactionKind.Secret);
        text = AssignedSecretPattern().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Placeholder(RedactionKind.Secret, m.Groups["value"].Value));
        if (secretsOnly)
        {
            return text;
        }

        text = Replace(text, EmailPattern(), RedactionKind.Email);
        text = Replace(text, IbanPattern(), RedactionKind.Iban, IsIban);
        text = Replace(text, CardPattern(), RedactionKind.Card, IsCard);
        text = Replace(text, PhonePattern(), RedactionKind.Phone, p => p.Count(char.IsAsciiDigit) is >= 7 and <= 15);
        return _words is null ? text : Replace(text, _words, RedactionKind.Word);
    }

    /// <summary><paramref name="text"/> with every placeholder this instance made put back (an answer from the model).</summary>
    public string Restore(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _byPlaceholder.Count == 0 ? text : PlaceholderPattern().Replace(text, m => _byPlaceholder.TryGetValue(m.Value, out var original) ? original : m.Value);
    }

    private string Replace(string text, Regex pattern, RedactionKind kind, Func<string, bool>? accept = null) =>
        pattern.Replace(text, m => accept is null || accept(m.Value) ? Placeholder(kind, m.Value) : m.Value);

    private string Placeholder(RedactionKind kind, string value)
    {
        if (_byValue.TryGetValue(value, out var known))
        {
            return known;
        }

        var n = _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
        var placeholder = $"[{Label(kind)}_{n}]";
        _byValue[value] = placeholder;
        _byPlaceholder[placeholder] = value;
        return placeholder;
    }

    private static string Label(RedactionKind kind) => kind switch
    {
        RedactionKind.PrivateKey => "PRIVATE_KEY",
        RedactionKind.Secret => "SECRET",
        RedactionKind.Email => "EMAIL",
        RedactionKind.Iban => "IBAN",
        RedactionKind.Card => "CARD",
        RedactionKind.Phone => "PHONE",
        _ => "WORD",
    };

    /// <summary>True when <paramref name="text"/> is 13-19 digits (spaces and dashes between) that pass the Luhn check.</summary>
    public static bool IsCard(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Where(char.IsAsciiDigit).Select(c => c - '0').ToArray();
        if (digits.Length is < 13 or > 19)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>True when <paramref name="text"/> is an IBAN (spaces allowed) whose mod-97 check holds.</summary>
    public static bool IsIban(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var compact = string.Concat(text.Where(c => c != ' ')).ToUpperInvariant();
        if (compact.Length is < 15 or > 34)
        {
            return false;
        }

        var remainder = 0;
        foreach (var c in compact[4..] + compact[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetterUpper(c) ? c - 'A' + 10 : -1;
            if (value < 0)
            {
                return false;
            }

            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PrivateKeyPattern();

    [GeneratedRegex(@"\b(?:rlt_[A-Za-z0-9_-]{16,}|sk-(?:proj-)?[A-Za-z0-9_-]{20,}|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|xox[abposr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex KnownTokenPattern();

    [GeneratedRegex(@"(?<name>\b(?:api[_-]?key|secret|token|password|passwd|pwd|bearer)\b)(?<sep>\s*[:=]\s*|\s+)(?<value>(?!\[SECRET_)[^\s""',;]{6,})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AssignedSecretPattern();

    [GeneratedRegex(@"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex IbanPattern();

    [GeneratedRegex(@"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CardPattern();

    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}|\(?0\d{1,4}\)?[ .-]?\d{3,4}[ .-]?\d{3,4}|\d{3}[.-]\d{3}[.-]\d{4})(?![\w])", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"\[(?:PRIVATE_KEY|SECRET|EMAIL|IBAN|CARD|PHONE|WORD)_\d+\]", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PlaceholderPattern();
}
