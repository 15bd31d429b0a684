namespace Realign.Web.Review;

/// <summary>The Security page of a review UI host that has accounts (the server): the user's confirmations (an authenticator
/// and a PIN), the tenant's devices and its channel policy. The vault's UI has none of these (its device is the vault).</summary>
/// <remarks>Every change is the owner's (a device token with the accept right on a trusted channel); refusals are
/// <see cref="ReviewRefusedException"/>s. A change of an enrolled confirmation needs a confirmation itself
/// (<see cref="IConfirmingReviewSource"/>).</remarks>
public interface ISecuritySource
{
    /// <summary>What the page shows.</summary>
    Task<SecurityView> SecurityAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts an authenticator enrolment (its secret and QR code then show until its first code activates it).</summary>
    Task StartTotpAsync(CancellationToken cancellationToken = default);

    /// <summary>Activates the authenticator being enrolled with the code it shows.</summary>
    Task ActivateTotpAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Sets or changes the PIN.</summary>
    Task SetPinAsync(string pin, CancellationToken cancellationToken = default);

    /// <summary>Removes the authenticator (<c>totp</c>) or the PIN (<c>pin</c>).</summary>
    Task RemoveConfirmationAsync(string factor, CancellationToken cancellationToken = default);

    /// <summary>Renames a device.</summary>
    Task RenameDeviceAsync(string principalId, string label, CancellationToken cancellationToken = default);

    /// <summary>Revokes a device's token.</summary>
    Task RevokeDeviceAsync(string principalId, CancellationToken cancellationToken = default);

    /// <summary>Changes one channel's rule: levels as written (<c>1,2</c>), levels needing a confirmation, and the accept mode.</summary>
    Task SetChannelAsync(string channel, string levels, string confirmLevels, string accept, CancellationToken cancellationToken = default);
}

/// <summary>A review source whose decisions may need a confirmation (TOTP code or PIN): the action's form carries it, and the
/// host hands it over before the action runs. It confirms that one action (a batch is one action).</summary>
public interface IConfirmingReviewSource
{
    /// <summary>The confirmation the action's form carried (either may be empty).</summary>
    void UseConfirmation(string? totp, string? pin);
}

/// <summary>The Security page's content.</summary>
/// <param name="Owner">True when this session may change what the page shows.</param>
/// <param name="Totp">True when an authenticator is active.</param>
/// <param name="Pending">The enrolment waiting for its first code, or null.</param>
/// <param name="Pin">True when a PIN is set.</param>
/// <param name="LockedUntil">When a lockout ends (UTC, as text), or null.</param>
/// <param name="Failures">Failed confirmations since the last success.</param>
/// <param name="Devices">The tenant's devices.</param>
/// <param name="Channels">The channel policy, one row per channel.</param>
public sealed record SecurityView(bool Owner, bool Totp, PendingEnrolment? Pending, bool Pin, string? LockedUntil, int Failures, IReadOnlyList<SecurityDevice> Devices, IReadOnlyList<SecurityChannel> Channels);

/// <summary>An authenticator enrolment waiting for its first code.</summary>
/// <param name="Secret">The secret in base32, to type into an app.</param>
/// <param name="OtpauthUri">The <c>otpauth://</c> URI.</param>
/// <param name="QrPngDataUri">A QR code of the URI as a PNG <c>data:</c> URI.</param>
public sealed record PendingEnrolment(string Secret, string OtpauthUri, string QrPngDataUri);

/// <summary>A device on the Security page.</summary>
/// <param name="PrincipalId">Its id.</param>
/// <param name="Kind">Its kind (wire name).</param>
/// <param name="Channel">Its channel, or null.</param>
/// <param name="Label">Its name.</param>
/// <param name="CanAccept">True when its token has the accept right.</param>
/// <param name="Revoked">True when revoked.</param>
/// <param name="LastSync">When it last synced (UTC, as text), or null.</param>
/// <param name="ThisDevice">True for the signed-in token.</param>
public sealed record SecurityDevice(string PrincipalId, string Kind, string? Channel, string? Label, bool CanAccept, bool Revoked, string? LastSync, bool ThisDevice);

/// <summary>One channel's rule on the Security page.</summary>
/// <param name="Name">The channel.</param>
/// <param name="Levels">Levels it writes as it is (<c>1,2</c>).</param>
/// <param name="ConfirmLevels">Levels it writes with a confirmation.</param>
/// <param name="Accept">allow, confirm or deny.</param>
public sealed record SecurityChannel(string Name, string Levels, string ConfirmLevels, string Accept);
