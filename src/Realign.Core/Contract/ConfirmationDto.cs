namespace Realign.Core.Contract;

/// <summary>A confirmation sent with the push or the answer it confirms: a TOTP code (RFC 6238, 6 digits) or the PIN.</summary>
/// <remarks>Exactly one of the two. A TOTP code is accepted once: the time step it matched cannot confirm anything again.</remarks>
/// <param name="Totp">The 6-digit code of the user's authenticator app.</param>
/// <param name="Pin">The user's PIN.</param>
public sealed record ConfirmationDto(string? Totp = null, string? Pin = null);
