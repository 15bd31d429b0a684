namespace Realign.Vault;

/// <summary>The two tenant modes, as the vault stores and the server sends them.</summary>
/// <remarks>A closed set: any other value is an error (<see cref="Require"/>), never a silent fall-back to clear text.</remarks>
public static class VaultModes
{
    /// <summary>Content fields are encrypted in the vault; the server merges opaque values.</summary>
    public const string LocalFirst = "local_first";

    /// <summary>Values travel in clear to the server (which may expose them to AI per policy).</summary>
    public const string CloudFirst = "cloud_first";

    /// <summary>True for <see cref="LocalFirst"/> and <see cref="CloudFirst"/>.</summary>
    public static bool IsKnown(string? mode) => mode is LocalFirst or CloudFirst;

    /// <summary>Returns <paramref name="mode"/> when it is a known mode.</summary>
    /// <exception cref="VaultException">The mode is missing or unknown; <paramref name="where"/> says where it came from.</exception>
    public static string Require(string? mode, string where) => IsKnown(mode)
        ? mode!
        : throw new VaultException(mode is null
            ? $"{where} names no vault mode; expected '{LocalFirst}' or '{CloudFirst}'"
            : $"{where} names the vault mode '{mode}', which this vault does not know; expected '{LocalFirst}' or '{CloudFirst}' (nothing is sent in clear on a guess)");
}
