namespace Realign.Storage;

/// <summary>Where a tenant's truth lives first: in the vaults (local-first) or on the server (cloud-first).</summary>
public enum VaultMode
{
    /// <summary>Vaults are the primary copy; content may be encrypted before it leaves a vault.</summary>
    LocalFirst,

    /// <summary>The server is the primary copy; vaults are caches.</summary>
    CloudFirst,
}
