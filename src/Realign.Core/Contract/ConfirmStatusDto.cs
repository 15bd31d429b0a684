namespace Realign.Core.Contract;

/// <summary>Reply of <c>GET /sync/confirm</c>: which confirmations the tenant's user has enrolled and whether they are locked out.</summary>
/// <param name="Totp">True when an authenticator (TOTP) is active.</param>
/// <param name="TotpPending">True when an enrolment was started and waits for its first code.</param>
/// <param name="Pin">True when a PIN is set.</param>
/// <param name="Failures">Failed confirmations since the last success or lockout.</param>
/// <param name="LockedUntil">When a lockout ends (ISO-8601, UTC), or null when there is none.</param>
public sealed record ConfirmStatusDto(bool Totp, bool TotpPending, bool Pin, int Failures, string? LockedUntil);

/// <summary>Reply of <c>POST /sync/confirm/totp</c>: a new secret to add to an authenticator app, shown once.</summary>
/// <param name="Secret">The shared secret, base32 (RFC 4648) without padding.</param>
/// <param name="OtpauthUri">The <c>otpauth://totp/...</c> URI an authenticator app reads (the QR code's content).</param>
/// <param name="Digits">Digits per code (6).</param>
/// <param name="Period">Seconds per time step (30).</param>
/// <param name="Algorithm">The HMAC of the codes (SHA1, what every authenticator app supports).</param>
public sealed record TotpEnrollmentDto(string Secret, string OtpauthUri, int Digits, int Period, string Algorithm);

/// <summary>Body of <c>POST /sync/confirm/totp/activate</c>: the first code of a new authenticator, which proves it was added.</summary>
/// <param name="Code">The 6-digit code the app shows now.</param>
public sealed record TotpActivateRequest(string? Code);

/// <summary>Body of <c>PUT /sync/confirm/pin</c>: a new PIN; replacing one needs a confirmation with the old PIN or a TOTP code.</summary>
/// <param name="Pin">4 to 12 digits.</param>
/// <param name="Confirmation">Needed when a PIN or an authenticator is already enrolled.</param>
public sealed record PinRequest(string? Pin, ConfirmationDto? Confirmation = null);

/// <summary>Body of <c>POST /sync/confirm/remove</c>: removes an enrolled confirmation, proven with a confirmation.</summary>
/// <param name="Factor"><c>totp</c> or <c>pin</c>.</param>
/// <param name="Confirmation">A TOTP code or the PIN.</param>
public sealed record ConfirmRemoveRequest(string? Factor, ConfirmationDto? Confirmation);

/// <summary>A device (a principal with a token) of the tenant, in <c>GET /sync/devices</c>.</summary>
/// <param name="PrincipalId">Its id.</param>
/// <param name="Kind">user_device, automation, ai_local, ai_lan or ai_cloud.</param>
/// <param name="Channel">desktop, web, mobile, cli, voice or iot-DEVICE; null for machines.</param>
/// <param name="Label">Its name, as given at creation or by a rename.</param>
/// <param name="CanAccept">True when its token has the accept right.</param>
/// <param name="Revoked">True when its token was revoked.</param>
/// <param name="CreatedAt">When its token was made (ISO-8601, UTC).</param>
/// <param name="LastSyncAt">When it last pushed or pulled, to the minute; null when never.</param>
/// <param name="ThisDevice">True for the token of the request.</param>
public sealed record DeviceDto(string PrincipalId, string Kind, string? Channel, string? Label, bool CanAccept, bool Revoked, string CreatedAt, string? LastSyncAt, bool ThisDevice);

/// <summary>Body of <c>PATCH /sync/devices/{principalId}</c> and of the admin rename: the device's new name.</summary>
/// <param name="Label">1 to 100 characters without control characters.</param>
public sealed record RenameRequest(string? Label);
