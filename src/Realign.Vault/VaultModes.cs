namespace Realign.Vault;

/// <summary>The two tenant modes.</summary>
public static class VaultModes
{
    /// <summary>Content fields are encrypted in the vault; the server merges opaque values.</summary>
    public const string LocalFirst = "local_first";

    /// <summary>Values travel in clear to the server (which may expose them to AI per policy).</summary>
    public const string CloudFirst = "cloud_first";
}
