namespace Realign.Storage;

/// <summary>Wire and storage names of <see cref="VaultMode"/>: <c>local_first</c> and <c>cloud_first</c>.</summary>
public static class VaultModes
{
    /// <summary>The wire name of a mode.</summary>
    public static string ToWire(this VaultMode mode) => mode == VaultMode.CloudFirst ? "cloud_first" : "local_first";

    /// <summary>Parses a wire name (a dash is accepted in place of the underscore).</summary>
    public static bool TryParse(string? text, out VaultMode mode)
    {
        switch (text?.Replace('-', '_'))
        {
            case "local_first":
                mode = VaultMode.LocalFirst;
                return true;
            case "cloud_first":
                mode = VaultMode.CloudFirst;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
