using Realign.Core.Contract;

namespace Realign.Vault;

/// <summary>Who and where a vault syncs with, learnt from <c>GET /auth/me</c> at init.</summary>
/// <param name="TenantId">The tenant the vault replicates.</param>
/// <param name="Channel">The user channel of the vault's token (<c>desktop</c>, <c>cli</c>, ...): local writes are <c>user:&lt;channel&gt;</c>.</param>
/// <param name="Mode">Local-first (content fields encrypted) or cloud-first.</param>
/// <param name="ServerUrl">The sync server's base URL, if any.</param>
/// <param name="TokenReference">Where the token lives: <c>file:&lt;path&gt;</c> or <c>env:&lt;NAME&gt;</c>; never the token itself.</param>
public sealed record VaultSettings(string TenantId, string Channel, VaultMode Mode = VaultMode.CloudFirst, string? ServerUrl = null, string? TokenReference = null)
{
    /// <summary>The mode, checked: a value outside the closed set is an error here, so no vault ever runs on a mode it does not know.</summary>
    public VaultMode Mode { get; init; } = Enum.IsDefined(Mode)
        ? Mode
        : throw new VaultException($"the vault settings name the vault mode {(int)Mode}, which this vault does not know; expected {VaultModes.LocalFirstName} or {VaultModes.CloudFirstName}");

    /// <summary>The origin of this vault's own writes.</summary>
    public string UserOrigin => $"user:{Channel}";

    /// <summary>True when content fields are encrypted before they leave the vault.</summary>
    public bool IsLocalFirst => Mode == VaultMode.LocalFirst;
}
