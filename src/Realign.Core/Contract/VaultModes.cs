namespace Realign.Core.Contract;

/// <summary>The one parser and printer of <see cref="VaultMode"/>: <c>local_first</c> and <c>cloud_first</c>.</summary>
public static class VaultModes
{
    /// <summary>The wire name of <see cref="VaultMode.LocalFirst"/>.</summary>
    public const string LocalFirstName = "local_first";

    /// <summary>The wire name of <see cref="VaultMode.CloudFirst"/>.</summary>
    public const string CloudFirstName = "cloud_first";

    /// <summary>The wire name of a mode.</summary>
    public static string ToWire(this VaultMode mode) => mode switch
    {
        VaultMode.LocalFirst => LocalFirstName,
        VaultMode.CloudFirst => CloudFirstName,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a vault mode"),
    };

    /// <summary>Parses a wire name; a dash is accepted in place of the underscore (<c>local-first</c>), as people type it.</summary>
    public static bool TryParse(string? text, out VaultMode mode)
    {
        switch (text?.Replace('-', '_'))
        {
            case LocalFirstName:
                mode = VaultMode.LocalFirst;
                return true;
            case CloudFirstName:
                mode = VaultMode.CloudFirst;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    /// <summary>Parses a wire name or throws <see cref="FormatException"/> with a line that says what was found and
    /// where (<paramref name="where"/>, such as <c>vault.db</c>).</summary>
    public static VaultMode Parse(string? text, string where) => TryParse(text, out var mode)
        ? mode
        : throw new FormatException(text is null
            ? $"{where} names no vault mode; expected '{LocalFirstName}' or '{CloudFirstName}'"
            : $"{where} names the vault mode '{text}', which is not known; expected '{LocalFirstName}' or '{CloudFirstName}' (nothing is sent in clear on a guess)");
}
