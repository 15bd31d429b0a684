using System.Text.Json.Serialization;

namespace Realign.Core.Contract;

/// <summary>Where a tenant's truth lives first: in the vaults (local-first) or on the server (cloud-first).</summary>
/// <remarks>A closed set. On the wire and in storage it is <c>local_first</c> or <c>cloud_first</c> (<see cref="VaultModes"/>);
/// any other value is an error, never a silent fall-back to clear text.</remarks>
[JsonConverter(typeof(VaultModeJsonConverter))]
public enum VaultMode
{
    /// <summary>Vaults are the primary copy; content fields are encrypted before they leave a vault.</summary>
    LocalFirst,

    /// <summary>The server is the primary copy; values travel in clear to it, and vaults are caches.</summary>
    CloudFirst,
}
