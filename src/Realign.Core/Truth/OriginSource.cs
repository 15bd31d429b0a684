using System.Diagnostics.CodeAnalysis;

namespace Realign.Core.Truth;

/// <summary>Who wrote a value: <c>kind:name</c>, where the kind fixes the truth level (<c>user:desktop</c>, <c>ai-cloud:gpt</c>).</summary>
/// <remarks>The name is 1 to 120 characters of <c>[A-Za-z0-9._@/+-]</c>; the whole value is at most 140 characters.</remarks>
public readonly record struct OriginSource
{
    /// <summary>The longest origin accepted.</summary>
    public const int MaxLength = 140;

    private OriginSource(string value, TruthLevel level, int colon)
    {
        Value = value;
        Level = level;
        _colon = colon;
    }

    private readonly int _colon;

    /// <summary>The full text, for example <c>user:desktop</c>.</summary>
    public string Value { get; }

    /// <summary>The level the kind prefix stands for.</summary>
    public TruthLevel Level { get; }

    /// <summary>The part after the colon: a user channel, a rule id or a model name.</summary>
    public string Name => Value[(_colon + 1)..];

    /// <summary>Builds the origin of a level from a name, validating both.</summary>
    public static OriginSource Of(TruthLevel level, string name) => Parse($"{level.Prefix()}:{name}");

    /// <summary>Parses and validates, throwing <see cref="FormatException"/> with the reason.</summary>
    public static OriginSource Parse(string text) =>
        TryParse(text, out var origin, out var error) ? origin : throw new FormatException(error);

    /// <summary>Parses and validates an origin, or says precisely why it is malformed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out OriginSource origin, [NotNullWhen(false)] out string? error)
    {
        origin = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "origin_source is required, as kind:name (for example user:desktop)";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"origin_source is longer than {MaxLength} characters";
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            error = $"origin_source '{text}' has no kind prefix; expected one of user:, automation:, ai-local:, ai-lan:, ai-cloud:";
            return false;
        }

        if (!TruthLevels.TryFromPrefix(text.AsSpan(0, colon), out var level))
        {
            error = $"origin_source kind '{text[..colon]}' is unknown; expected one of user, automation, ai-local, ai-lan, ai-cloud";
            return false;
        }

        var name = text.AsSpan(colon + 1);
        if (name.IsEmpty)
        {
            error = $"origin_source '{text}' has an empty name after the colon";
            return false;
        }

        foreach (var c in name)
        {
            if (!IsNameChar(c))
            {
                error = $"origin_source '{text}' contains '{c}'; names use letters, digits and . _ - @ / +";
                return false;
            }
        }

        origin = new OriginSource(text, level, colon);
        error = null;
        return true;
    }

    private static bool IsNameChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '/' or '+';

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
