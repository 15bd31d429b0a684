namespace Realign.Storage;

/// <summary>A newly created token: the plain text (shown once, never stored) and its principal.</summary>
public sealed record IssuedToken(string Token, PrincipalInfo Principal);
